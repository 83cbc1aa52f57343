package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Labels that survive a fleet: a central store fed by many Prometheus servers holds the same
 * service in several environments and clusters, so every aggregation of every rule, alert and
 * dashboard query keeps {@code service}, {@code environment} and {@code cluster} (obs's common
 * tags), and every vector matching matches on them. Otherwise production and staging are summed
 * into one number (deploy/README.md, "Labels in a fleet").
 */
class FleetLabelsTest {

    private static final Path DEPLOY = BomTest.ROOT.resolve("deploy");
    private static final Set<String> KEPT = Set.of("service", "environment", "cluster");

    private static final String EXPORTER =
            "exporter series (postgres_exporter, redis_exporter) carry none of the application's labels;"
                    + " in a fleet their Prometheus server's external label `prometheus` tells them apart";

    /**
     * Groupings that deliberately do not keep the three labels, as {@code "where: clause"}, with
     * the reason. Every entry must still match one (a stale entry fails the test too).
     */
    static final Map<String, String> EXCEPTIONS = Map.ofEntries(
            Map.entry(
                    "rules/application.yml / ServiceDown: on (job, instance)",
                    "up carries only target labels: this join is what gives ServiceDown the environment,"
                            + " cluster and service of the target's last app_build_info"),
            Map.entry(
                    "rules/infrastructure.yml / HighMemoryUsage: on (host)",
                    "node-exporter's machine series carry none of the application's labels: matched on the"
                            + " machine (host); group_left keeps the process's environment, cluster and service"),
            Map.entry(
                    "application-overview.json / Uptime: on (job, instance)",
                    "up carries only target labels: as in ServiceDown, the join gives each target the environment,"
                            + " cluster and service of its last app_build_info, which the panel filters by"),
            Map.entry(
                    "postgresql.json / Server Connections by State: sum by (state) (pg_stat_activity_count)", EXPORTER),
            Map.entry("postgresql.json / Server Connections by State: max(pg_settings_max_connections)", EXPORTER),
            Map.entry("postgresql.json / Server Database Size: sum by (datname) (pg_database_size_bytes)", EXPORTER),
            Map.entry(
                    "postgresql.json / Server Transactions and Deadlocks: sum by (datname)"
                            + " (rate(pg_stat_database_xact_commit[1m]))",
                    EXPORTER),
            Map.entry(
                    "postgresql.json / Server Transactions and Deadlocks: sum by (datname)"
                            + " (rate(pg_stat_database_xact_rollback[1m]))",
                    EXPORTER),
            Map.entry(
                    "postgresql.json / Server Transactions and Deadlocks: sum by (datname)"
                            + " (rate(pg_stat_database_deadlocks[1m]))",
                    EXPORTER),
            Map.entry("redis.json / Server Keyspace Hit Ratio and Keys: sum by (db) (redis_db_keys)", EXPORTER));

    @Test
    void everyAggregationOfRulesAndDashboardsKeepsServiceEnvironmentAndCluster() throws Exception {
        Map<String, String> queries = new TreeMap<>();
        for (Path file : Yamls.yamlFiles(DEPLOY.resolve("prometheus/rules"))) {
            for (Object group : Yamls.list(Yamls.load(file).get("groups"))) {
                for (Object rule : Yamls.list(Yamls.map(group).get("rules"))) {
                    Map<String, Object> r = Yamls.map(rule);
                    String name = (String) r.getOrDefault("alert", r.get("record"));
                    queries.merge(
                            "rules/" + file.getFileName() + " / " + name,
                            (String) r.get("expr"),
                            (a, b) -> a + "\n" + b);
                }
            }
        }
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.merge(
                            file.getFileName() + " / " + panel.path("title").asText(),
                            target.path("expr").asText(),
                            (a, b) -> a + "\n" + b);
                }
            }
            for (JsonNode annotation : dashboard.path("annotations").path("list")) {
                if (annotation.has("expr")) {
                    queries.merge(
                            file.getFileName() + " / annotation "
                                    + annotation.path("name").asText(),
                            annotation.path("expr").asText(),
                            (a, b) -> a + "\n" + b);
                }
            }
        }
        assertThat(queries).as("rules and dashboard queries read").hasSizeGreaterThan(150);

        List<String> wrong = new ArrayList<>();
        Set<String> excepted = new TreeSet<>();
        int checked = 0;
        for (Map.Entry<String, String> query : queries.entrySet()) {
            for (PromQl.Grouping grouping : PromQl.groupings(query.getValue())) {
                checked++;
                String problem = problem(grouping);
                if (problem == null) {
                    continue;
                }
                String key = query.getKey() + ": " + grouping.text();
                if (EXCEPTIONS.containsKey(key)) {
                    excepted.add(key);
                } else {
                    wrong.add(key + "\n    " + problem);
                }
            }
        }
        assertThat(checked).as("aggregations and vector matchings checked").isGreaterThan(200);
        assertThat(wrong)
                .as(
                        "aggregations that mix environments, clusters or services in a central store (keep %s in"
                                + " every by (...), remove none of them with without (...), match on them with"
                                + " on (...)), or list the query in FleetLabelsTest.EXCEPTIONS with a reason",
                        KEPT)
                .isEmpty();
        assertThat(excepted)
                .as("FleetLabelsTest.EXCEPTIONS entries that no longer match a query")
                .containsExactlyInAnyOrderElementsOf(EXCEPTIONS.keySet());
    }

    @Test
    void theGroupingReaderFindsEveryFormOfAggregationAndMatching() {
        assertThat(PromQl.groupings("sum by (job, service) (rate(x_total{a=\"by (b)\"}[5m]))"))
                .containsExactly(new PromQl.Grouping(
                        "by", Set.of("job", "service"), "sum by (job, service) (rate(x_total[5m]))"));
        assertThat(PromQl.groupings("sum(rate(x_total[5m])) without (instance)"))
                .containsExactly(new PromQl.Grouping(
                        "without", Set.of("instance"), "sum(rate(x_total[5m])) without (instance)"));
        assertThat(PromQl.groupings("topk(5, count(x)) / on (env) group_left () y_count"))
                .containsExactly(
                        new PromQl.Grouping("by", Set.of(), "topk(5, count(x))"),
                        new PromQl.Grouping("by", Set.of(), "count(x)"),
                        new PromQl.Grouping("on", Set.of("env"), "on (env)"));
        assertThat(PromQl.groupings("histogram_quantile(0.9, max_over_time(x[5m])) ignoring (le) x_sum"))
                .containsExactly(new PromQl.Grouping("ignoring", Set.of("le"), "ignoring (le)"));
    }

    @Test
    void aGroupingThatDropsAFleetLabelIsReportedWithWhatItDrops() {
        assertThat(problem(PromQl.groupings("sum by (job, service) (x)").get(0)))
                .isEqualTo("by (...) drops [cluster, environment]");
        assertThat(problem(PromQl.groupings("sum without (instance, environment) (x)")
                        .get(0)))
                .isEqualTo("without (...) removes [environment]");
        assertThat(problem(PromQl.groupings("a / ignoring (cluster) b").get(0)))
                .isEqualTo("ignoring (...) removes [cluster]");
        assertThat(problem(PromQl.groupings("a / on (service) b").get(0)))
                .isEqualTo("on (...) does not match on [cluster, environment]");
        assertThat(problem(PromQl.groupings("max by (environment, cluster, service, pool) (x)")
                        .get(0)))
                .isNull();
    }

    /** What a grouping loses of the three labels, or null when it keeps them. */
    private static String problem(PromQl.Grouping grouping) {
        Set<String> missing = new TreeSet<>(KEPT);
        switch (grouping.clause()) {
            case "by":
                missing.removeAll(grouping.labels());
                return missing.isEmpty() ? null : "by (...) drops " + missing;
            case "on":
                missing.removeAll(grouping.labels());
                return missing.isEmpty() ? null : "on (...) does not match on " + missing;
            default:
                Set<String> removed = new TreeSet<>(KEPT);
                removed.retainAll(grouping.labels());
                return removed.isEmpty() ? null : grouping.clause() + " (...) removes " + removed;
        }
    }

    private static List<Path> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }
}
