package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escalation.obs.core.internal.CatalogueMarkdown;
import io.escalation.obs.core.spi.catalog.BoundMeter;
import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/ is valid for the tools that load it (promtool, amtool), its alerts fire and stay silent
 * where their unit tests say, every alert has a runbook, every dashboard query runs on the data
 * source variable and filters by environment, cluster, service, job and instance, and every metric
 * a rule or dashboard reads is one the suite exposes.
 */
class DeployConfigTest {

    private static final Path DEPLOY = BomTest.ROOT.resolve("deploy");
    private static final Path PROMETHEUS = DEPLOY.resolve("prometheus");
    private static final Path RULES = PROMETHEUS.resolve("rules");
    private static final String RUNBOOK_BASE = "https://github.com/your-org/obs/blob/main/deploy/runbooks/";

    /** The seed's seven alert groups, alert names and severities, written out by hand. */
    private static final Map<String, Map<String, String>> SEED_ALERTS = new LinkedHashMap<>();

    static {
        // HighErrorRate: critical in the seed, a warning since ApiAvailabilityFastBurn pages (deploy/README.md)
        SEED_ALERTS.put(
                "application",
                Map.of(
                        "HighErrorRate",
                        "warning",
                        "HighResponseTime",
                        "warning",
                        "ServiceDown",
                        "critical",
                        "HealthCheckFailing",
                        "warning")); // the last: not in the seed
        SEED_ALERTS.put("business", Map.of("LowCampaignSuccessRate", "warning", "LowPaymentCollectionRate", "warning"));
        SEED_ALERTS.put(
                "llm",
                Map.of("HighLLMCost", "warning", "LLMBudgetExceeded", "critical", "HighLLMErrorRate", "warning"));
        SEED_ALERTS.put(
                "database",
                Map.of(
                        "HighDatabaseConnectionPoolUtilization",
                        "warning",
                        "SlowQueries",
                        "warning",
                        "DatabaseDeadlocks",
                        "critical"));
        SEED_ALERTS.put(
                "security",
                Map.of(
                        "BruteForceAttack",
                        "critical",
                        "HighRateLimitViolations",
                        "warning",
                        "SuspiciousActivity",
                        "critical",
                        "SecurityAuditFailing",
                        "critical")); // the last: not in the seed
        SEED_ALERTS.put(
                "compliance",
                Map.of(
                        "TCPAViolationsPrevented",
                        "warning",
                        "HighOptOutRate",
                        "warning",
                        "ComplianceAuditFailing",
                        "critical",
                        "AuditChainBroken",
                        "warning")); // the last two: not in the seed
        // Not in the seed: the SLO burn-rate alerts generated from deploy/prometheus/slo/slos.yml.
        SEED_ALERTS.put(
                "slo",
                Map.of(
                        "ApiAvailabilityFastBurn", "critical",
                        "ApiAvailabilitySlowBurn", "warning",
                        "ApiLatencyFastBurn", "critical",
                        "ApiLatencySlowBurn", "warning",
                        "LlmAvailabilityFastBurn", "critical",
                        "LlmAvailabilitySlowBurn", "warning"));
        SEED_ALERTS.put(
                "infrastructure",
                Map.of("HighCPUUsage", "warning", "HighMemoryUsage", "warning", "HighEventLoopLag", "warning"));
        // not in the seed: obs's own health (deploy/README.md, "obs's own health")
        SEED_ALERTS.put(
                "obs-health",
                Map.of(
                        "OptOutRequestsOverdue",
                        "critical",
                        "OptOutRequestsDueSoon",
                        "warning",
                        "LogEventsDropped",
                        "warning",
                        "SentryEventsDropped",
                        "warning",
                        "MetricLabelOverflow",
                        "warning",
                        "InstrumentationFaults",
                        "warning",
                        "LLMUnpricedRequests",
                        "warning",
                        "SystemErrors",
                        "critical"));
    }

    /** Series that exporters and Prometheus itself provide, not the application: named one by one. */
    private static final Set<String> EXPORTER_METRICS = Set.of(
            "up",
            "ALERTS",
            "ALERTS_FOR_STATE",
            "node_memory_MemTotal_bytes",
            "node_filesystem_avail_bytes",
            "node_filesystem_size_bytes",
            // postgres_exporter (the PostgreSQL dashboard's server panels)
            "pg_up",
            "pg_stat_activity_count",
            "pg_settings_max_connections",
            "pg_stat_database_xact_commit",
            "pg_stat_database_xact_rollback",
            "pg_stat_database_deadlocks",
            "pg_database_size_bytes",
            // redis_exporter (the Redis dashboard's server panels)
            "redis_up",
            "redis_memory_used_bytes",
            "redis_memory_max_bytes",
            "redis_connected_clients",
            "redis_commands_processed_total",
            "redis_keyspace_hits_total",
            "redis_keyspace_misses_total",
            "redis_db_keys");

    /**
     * Which module declares a metric, by name prefix: a name whose module is not part of this
     * build (not in the root pom's modules) cannot be checked against its catalogue yet.
     */
    private static final Map<String, String> MODULE_BY_PREFIX = new LinkedHashMap<>();

    static {
        MODULE_BY_PREFIX.put("http_", "obs-http");
        MODULE_BY_PREFIX.put("db_", "obs-db");
        MODULE_BY_PREFIX.put("redis_command", "obs-db");
        MODULE_BY_PREFIX.put("campaigns_", "obs-business");
        MODULE_BY_PREFIX.put("tasks_", "obs-business");
        MODULE_BY_PREFIX.put("payments_", "obs-business");
        MODULE_BY_PREFIX.put("customers_", "obs-business");
        MODULE_BY_PREFIX.put("agent_", "obs-business");
        MODULE_BY_PREFIX.put("llm_", "obs-llm");
        MODULE_BY_PREFIX.put("embeddings_", "obs-memory-rag");
        MODULE_BY_PREFIX.put("qdrant_", "obs-memory-rag");
        MODULE_BY_PREFIX.put("memory_", "obs-memory-rag");
        MODULE_BY_PREFIX.put("rag_", "obs-memory-rag");
        MODULE_BY_PREFIX.put("auth_", "obs-security");
        MODULE_BY_PREFIX.put("authz_", "obs-security");
        MODULE_BY_PREFIX.put("rate_limit_", "obs-security");
        MODULE_BY_PREFIX.put("security_", "obs-security");
        MODULE_BY_PREFIX.put("tcpa_", "obs-tcpa");
    }

    // ---- tools ------------------------------------------------------------------------------

    @Test
    void promtoolAcceptsThePrometheusConfigAndFindsEveryRuleFile() throws Exception {
        String out = run(
                "prometheus",
                "promtool",
                "check",
                "config",
                PROMETHEUS.resolve("prometheus.yml").toString());
        for (Path rules : ruleFiles()) {
            assertThat(out)
                    .as("promtool loads %s through rule_files", rules.getFileName())
                    .contains("rules/" + rules.getFileName());
        }
    }

    @Test
    void promtoolAcceptsEveryRuleFile() throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
        ruleFiles().forEach(path -> command.add(path.toString()));
        run("prometheus", command.toArray(String[]::new));
    }

    @Test
    void promtoolRuleUnitTestsPass() throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
        testFiles().forEach(path -> command.add(path.toString()));
        run("prometheus", command.toArray(String[]::new));
    }

    @Test
    void amtoolAcceptsTheAlertmanagerConfigAndRoutesBySeverity() throws Exception {
        String config = DEPLOY.resolve("alertmanager/alertmanager.yml").toString();
        run("prometheus-alertmanager", "amtool", "check-config", config);
        assertThat(run(
                        "prometheus-alertmanager",
                        "amtool",
                        "config",
                        "routes",
                        "test",
                        "--config.file=" + config,
                        "severity=critical",
                        "service=client-escalation-calls"))
                .endsWith("pagerduty-critical\n");
        assertThat(run(
                        "prometheus-alertmanager",
                        "amtool",
                        "config",
                        "routes",
                        "test",
                        "--config.file=" + config,
                        "severity=warning",
                        "service=client-escalation-calls"))
                .endsWith("slack-warnings\n");
    }

    /**
     * The inhibit rules as written: a critical alert mutes the warnings of its own service,
     * ServiceDown mutes everything else of its service, and every label they compare is one each
     * alert carries (everyAlertCarriesServiceForGroupingAndInhibition). AlertmanagerInhibitionTest
     * checks that a running Alertmanager applies them.
     */
    @Test
    void alertmanagerInhibitsWarningsOfAServiceWithACriticalAlert() throws Exception {
        List<Map<String, Object>> inhibitions =
                list(load(DEPLOY.resolve("alertmanager/alertmanager.yml")).get("inhibit_rules")).stream()
                        .map(DeployConfigTest::map)
                        .collect(Collectors.toList());
        List<String> written = inhibitions.stream()
                .map(r -> list(r.get("source_matchers")) + " -> " + list(r.get("target_matchers")) + " equal "
                        + list(r.get("equal")))
                .collect(Collectors.toList());
        assertThat(written)
                .containsExactlyInAnyOrder(
                        "[severity=\"critical\"] -> [severity=\"warning\"] equal [environment, cluster, service]",
                        "[alertname=\"ServiceDown\"] -> [alertname!=\"ServiceDown\"] equal [environment, cluster,"
                                + " service]");
        assertThat(inhibitions)
                .as("inhibit rules written with source_matchers / target_matchers only")
                .allSatisfy(r -> assertThat(r)
                        .doesNotContainKeys("source_match", "target_match", "source_match_re", "target_match_re"));
        Set<String> severities = alertRules().stream()
                .map(r -> (String) map(r.get("labels")).get("severity"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(severities)
                .as("the severities the inhibition and routes know")
                .containsExactly("critical", "warning");
        assertThat(alertRules())
                .extracting(r -> r.get("alert"))
                .as("the inhibiting alert exists")
                .contains("ServiceDown");
    }

    @Test
    void localStackScriptParses() throws Exception {
        run("bash", "bash", "-n", DEPLOY.resolve("local-stack.sh").toString());
    }

    // ---- alerts -----------------------------------------------------------------------------

    @Test
    void theSeedsSevenGroupsHoldTheSeedsAlertsAndSeverities() throws Exception {
        Map<String, Map<String, String>> found = new LinkedHashMap<>();
        for (Map<String, Object> group : groups()) {
            Map<String, String> alerts = new TreeMap<>();
            for (Map<String, Object> rule : rules(group)) {
                if (rule.containsKey("alert")) {
                    alerts.put((String) rule.get("alert"), (String)
                            map(rule.get("labels")).get("severity"));
                }
            }
            if (!alerts.isEmpty()) {
                found.put((String) group.get("name"), alerts);
            }
        }
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        SEED_ALERTS.forEach((group, alerts) -> expected.put(group, new TreeMap<>(alerts)));
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void everyAlertCarriesServiceForGroupingAndInhibition() throws Exception {
        Pattern aggregation = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");
        for (Map<String, Object> rule : alertRules()) {
            String alert = (String) rule.get("alert");
            String expr = (String) rule.get("expr");
            Matcher by = aggregation.matcher(expr);
            while (by.find()) {
                assertThat(by.group(1)).as("%s aggregates by service", alert).contains("service");
            }
            if (expr.startsWith("up")) {
                assertThat(map(rule.get("labels")))
                        .as("%s: up has no service label of its own", alert)
                        .containsKey("service");
            }
        }
    }

    @Test
    void everyAlertHasARunbookThatExists() throws Exception {
        Set<String> alerts = new TreeSet<>();
        for (Map<String, Object> rule : alertRules()) {
            String alert = (String) rule.get("alert");
            alerts.add(alert);
            String url = (String) map(rule.get("annotations")).get("runbook_url");
            assertThat(url).as("runbook_url of %s", alert).isEqualTo(RUNBOOK_BASE + alert + ".md");
            Path runbook = DEPLOY.resolve("runbooks").resolve(alert + ".md");
            assertThat(runbook).as("runbook of %s", alert).exists();
            assertThat(Files.readString(runbook))
                    .as("runbook of %s", alert)
                    .startsWith("# " + alert + "\n")
                    .contains("## What it means", "## How to check", "## What to do");
        }
        try (Stream<Path> runbooks = Files.list(DEPLOY.resolve("runbooks"))) {
            assertThat(runbooks.map(p -> p.getFileName().toString().replace(".md", ""))
                            .collect(Collectors.toSet()))
                    .as("runbooks without an alert")
                    .isEqualTo(alerts);
        }
    }

    @Test
    void everyAlertHasAUnitTestWhereItFires() throws Exception {
        Set<String> firing = new TreeSet<>();
        for (Path file : testFiles()) {
            for (Object test : list(load(file).get("tests"))) {
                for (Object alertTest : list(map(test).get("alert_rule_test"))) {
                    if (!list(map(alertTest).get("exp_alerts")).isEmpty()) {
                        firing.add((String) map(alertTest).get("alertname"));
                    }
                }
            }
        }
        Set<String> alerts =
                alertRules().stream().map(r -> (String) r.get("alert")).collect(Collectors.toSet());
        // promtool compares the complete list of firing alerts, so each test's near-threshold
        // series (e.g. 4.9% beside 5.1%) fails the test if it fires.
        assertThat(firing).isEqualTo(alerts);
    }

    /**
     * Every alert on obs's own health (the obs-health group, the two audit alerts and
     * AuditChainBroken) reads only metrics that a panel under the "obs health" row of
     * obs-health.json shows, so whoever is paged finds the signal on that row.
     */
    @Test
    void everyObsHealthAlertHasAPanelOnTheObsHealthRow() throws Exception {
        JsonNode dashboard = new ObjectMapper()
                .readTree(DEPLOY.resolve("grafana/dashboards/obs-health.json").toFile());
        assertThat(dashboard.path("title").asText()).isEqualTo("obs health");
        Set<String> onRow = new TreeSet<>();
        boolean inRow = false;
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                inRow = panel.path("title").asText().equals("obs health");
                continue;
            }
            if (inRow) {
                panel.path("targets")
                        .forEach(t ->
                                onRow.addAll(PromQl.metricNames(t.path("expr").asText())));
            }
        }
        Set<String> alerts =
                new TreeSet<>(Set.of("SecurityAuditFailing", "ComplianceAuditFailing", "AuditChainBroken"));
        alerts.addAll(SEED_ALERTS.get("obs-health").keySet());
        Set<String> checked = new TreeSet<>();
        for (Map<String, Object> rule : alertRules()) {
            String alert = (String) rule.get("alert");
            if (alerts.contains(alert)) {
                checked.add(alert);
                assertThat(onRow)
                        .as("metrics on the obs health row, for %s", alert)
                        .containsAll(PromQl.metricNames((String) rule.get("expr")));
            }
        }
        assertThat(checked).isEqualTo(alerts);
    }

    // ---- dashboards -------------------------------------------------------------------------

    /** Every panel, target, query variable and annotation queries the data source the variable selects. */
    static final Map<String, String> DATASOURCE_REF = Map.of("type", "prometheus", "uid", "${datasource}");

    /**
     * The template variables in order, each query variable with its label_values query: environment,
     * cluster and service from obs-core's app_build_info (it carries the common tags), each filtered by
     * the ones before it, then job and instance after them (up carries no fleet labels).
     */
    static final Map<String, String> VARIABLES = new LinkedHashMap<>();

    static {
        VARIABLES.put("datasource", null);
        VARIABLES.put("environment", "label_values(app_build_info, environment)");
        VARIABLES.put("cluster", "label_values(app_build_info{environment=~\"$environment\"}, cluster)");
        VARIABLES.put(
                "service",
                "label_values(app_build_info{environment=~\"$environment\", cluster=~\"$cluster\"}, service)");
        VARIABLES.put(
                "job",
                "label_values(app_build_info{environment=~\"$environment\", cluster=~\"$cluster\","
                        + " service=~\"$service\"}, job)");
        VARIABLES.put(
                "instance",
                "label_values(app_build_info{environment=~\"$environment\", cluster=~\"$cluster\","
                        + " service=~\"$service\", job=~\"$job\"}, instance)");
    }

    /** The matchers every selector of an application series carries ({@code instance} aside). */
    static final List<String> FLEET_FILTERS =
            List.of("environment=~\"$environment\"", "cluster=~\"$cluster\"", "service=~\"$service\"", "job=~\"$job\"");

    private static final String INSTANCE_FILTER = "instance=~\"$instance\"";

    /**
     * Panels that read only exporter series (node-exporter, postgres_exporter, redis_exporter): those
     * carry none of the services' labels (the scrape's job and instance are the exporter's), so no
     * variable but the data source can select them (deploy/README.md, "Dashboards").
     */
    static final Set<String> EXPORTER_PANELS = Set.of(
            "infrastructure.json / Disk Usage",
            "postgresql.json / Server Up",
            "postgresql.json / Server Connections by State",
            "postgresql.json / Server Transactions and Deadlocks",
            "postgresql.json / Server Database Size",
            "redis.json / Server Up",
            "redis.json / Server Memory",
            "redis.json / Server Clients and Commands",
            "redis.json / Server Keyspace Hit Ratio and Keys");

    private static final Pattern SELECTOR = Pattern.compile("(?<![\\w:])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)}");
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern VARIABLE_USE = Pattern.compile("\\$(?!__)\\w+|\\$\\{(?!__)\\w+");

    @Test
    void theDashboardsFilterEveryQueryByEnvironmentClusterServiceJobAndInstance() throws Exception {
        List<Path> dashboards = dashboardFiles();
        assertThat(dashboards)
                .as("the seed's six dashboards, PostgreSQL, Redis and obs health")
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(
                        "application-overview.json",
                        "business.json",
                        "ai-llm.json",
                        "memory-rag.json",
                        "security-compliance.json",
                        "infrastructure.json",
                        "postgresql.json",
                        "redis.json",
                        "obs-health.json");
        Set<String> uids = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        Set<String> exporterPanels = new TreeSet<>();
        int queries = 0;
        for (Path file : dashboards) {
            JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
            assertThat(uids.add(dashboard.path("uid").asText()))
                    .as("unique uid in %s", file)
                    .isTrue();
            assertThat(dashboard.path("schemaVersion").asInt())
                    .as("schemaVersion of %s", file)
                    .isEqualTo(39);
            List<String> variables = new ArrayList<>();
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                String name = variable.path("name").asText();
                variables.add(name);
                if (variable.path("type").asText().equals("query")) {
                    String where = file.getFileName() + " / $" + name;
                    assertThat(variable.path("query").path("query").asText())
                            .as(where)
                            .isEqualTo(VARIABLES.get(name));
                    assertThat(variable.path("definition").asText()).as(where).isEqualTo(VARIABLES.get(name));
                    // multi-value with All; All is .*, which also matches a series without the label
                    // (cluster is optional): a regex of every value would not
                    assertThat(variable.path("multi").asBoolean()).as(where).isTrue();
                    assertThat(variable.path("includeAll").asBoolean())
                            .as(where)
                            .isTrue();
                    assertThat(variable.path("allValue").asText()).as(where).isEqualTo(".*");
                }
            }
            assertThat(variables).as("template variables of %s", file).containsExactlyElementsOf(VARIABLES.keySet());
            assertThat(dashboard.path("panels").size()).as("panels of %s", file).isGreaterThanOrEqualTo(6);
            for (JsonNode panel : dashboard.path("panels")) {
                String where = file.getFileName() + " / " + panel.path("title").asText();
                if (panel.path("type").asText().equals("row")) {
                    // a row only titles the panels below it: expanded, so they are all top-level and checked
                    assertThat(panel.path("collapsed").asBoolean()).as(where).isFalse();
                    assertThat(panel.path("panels").size()).as(where).isZero();
                    continue;
                }
                assertThat(panel.path("type").asText()).as(where).isIn("timeseries", "stat", "gauge", "table");
                assertThat(panel.path("targets").size())
                        .as("targets of %s", where)
                        .isPositive();
                boolean exporter = EXPORTER_PANELS.contains(where);
                if (exporter) {
                    exporterPanels.add(where);
                }
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    assertThat(expr).as(where).isNotBlank();
                    queries++;
                    List<String> problems = exporter ? exporterProblems(expr) : filterProblems(expr);
                    problems.forEach(p -> wrong.add(where + ": " + p + "\n      " + expr));
                }
            }
        }
        assertThat(queries).as("dashboard queries checked").isGreaterThan(80);
        assertThat(wrong)
                .as(
                        "dashboard queries that do not select what the variables select: every selector of an"
                                + " application series needs %s and %s (not on slo:* series, which have no instance);"
                                + " up needs job and instance; exporter series only in DeployConfigTest.EXPORTER_PANELS",
                        FLEET_FILTERS, INSTANCE_FILTER)
                .isEmpty();
        assertThat(exporterPanels)
                .as("DeployConfigTest.EXPORTER_PANELS entries that name no panel")
                .isEqualTo(EXPORTER_PANELS);
    }

    @Test
    void theFilterCheckRejectsAQueryThatMissesAVariable() {
        String fleet = "environment=~\"$environment\", cluster=~\"$cluster\", service=~\"$service\", job=~\"$job\"";
        assertThat(filterProblems("sum by (environment, cluster, service) (rate(x_total{" + fleet
                        + ", instance=~\"$instance\", a=\"b\"}[$__rate_interval]))"))
                .isEmpty();
        assertThat(filterProblems("slo:x:ratio{" + fleet + "}")).isEmpty();
        assertThat(filterProblems("slo:x:ratio{" + fleet + ", instance=~\"$instance\"}"))
                .containsExactly("slo:x:ratio: an SLO's series have no instance: no instance=~\"$instance\"");
        assertThat(filterProblems(
                        "x{job=~\"$job\", instance=~\"$instance\", cluster=~\"$cluster\", service=~\"$service\"}"))
                .containsExactly("x lacks [environment=~\"$environment\"]");
        assertThat(filterProblems("x{" + fleet + ", instance=~\"$instance\"} / y"))
                .containsExactly("y is read without a selector");
        assertThat(filterProblems("x{" + fleet + ", instance=~\"$instance\"} / y{" + fleet + "}"))
                .containsExactly("y lacks [instance=~\"$instance\"]");
        assertThat(filterProblems("up{job=~\"$job\", instance=~\"$instance\"}"))
                .containsExactly("no application series filtered by environment, cluster and service");
        assertThat(filterProblems("pg_up{job=~\"$job\"}"))
                .containsExactly(
                        "pg_up is an exporter's series: list the panel in EXPORTER_PANELS",
                        "pg_up lacks [instance=~\"$instance\"]",
                        "no application series filtered by environment, cluster and service");
        assertThat(exporterProblems("sum by (datname) (pg_database_size_bytes)"))
                .isEmpty();
        assertThat(exporterProblems("pg_up{job=~\"$job\"}"))
                .containsExactly("an exporter's series follow the data source only: no $job");
        assertThat(exporterProblems("db_queries_total"))
                .containsExactly("db_queries_total is not an exporter's series");
    }

    /** What a target of an application panel fails to filter, or an empty list. */
    static List<String> filterProblems(String expr) {
        List<String> problems = new ArrayList<>();
        String blanked = QUOTED.matcher(expr).replaceAll("\"\"");
        Map<String, Integer> selected = new TreeMap<>();
        boolean application = false;
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            String metric = selector.group(1);
            selected.merge(metric, 1, Integer::sum);
            Set<String> matchers = new TreeSet<>();
            for (String matcher : selector.group(2).split(",")) {
                matchers.add(matcher.strip());
            }
            List<String> required = new ArrayList<>();
            if (metric.equals("up")) {
                // up carries only target labels: the fleet labels come from a join with app_build_info
                required.addAll(List.of("job=~\"$job\"", INSTANCE_FILTER));
            } else {
                if (EXPORTER_METRICS.contains(metric)) {
                    problems.add(metric + " is an exporter's series: list the panel in EXPORTER_PANELS");
                    required.addAll(List.of("job=~\"$job\"", INSTANCE_FILTER));
                } else {
                    application = true;
                    required.addAll(FLEET_FILTERS);
                    if (metric.startsWith("slo:")) {
                        if (matchers.contains(INSTANCE_FILTER)) {
                            problems.add(metric + ": an SLO's series have no instance: no " + INSTANCE_FILTER);
                        }
                    } else {
                        required.add(INSTANCE_FILTER);
                    }
                }
            }
            required.removeAll(matchers);
            if (!required.isEmpty()) {
                problems.add(metric + " lacks " + required);
            }
        }
        for (String metric : PromQl.metricNames(expr)) {
            Matcher use = Pattern.compile("(?<![\\w:])" + Pattern.quote(metric) + "(?![\\w:])")
                    .matcher(blanked);
            int uses = 0;
            while (use.find()) {
                uses++;
            }
            if (uses > selected.getOrDefault(metric, 0)) {
                problems.add(metric + " is read without a selector");
            }
        }
        if (!application) {
            problems.add("no application series filtered by environment, cluster and service");
        }
        return problems;
    }

    /** What is wrong with a target of an exporter panel: it reads exporter series, and no variable. */
    static List<String> exporterProblems(String expr) {
        List<String> problems = new ArrayList<>();
        for (String metric : PromQl.metricNames(expr)) {
            if (!EXPORTER_METRICS.contains(metric) || metric.equals("up")) {
                problems.add(metric + " is not an exporter's series");
            }
        }
        Matcher variable = VARIABLE_USE.matcher(expr);
        while (variable.find()) {
            problems.add("an exporter's series follow the data source only: no " + variable.group());
        }
        return problems;
    }

    /**
     * Every panel, target, query variable and annotation queries {@code ${datasource}}, a data source
     * variable; {@code __inputs} declares {@code DS_PROMETHEUS} for Grafana's import, which writes the
     * chosen data source's uid where {@code ${DS_PROMETHEUS}} stands: only in the variable's default,
     * so a provisioned dashboard (nothing replaced) still runs every query (deploy/README.md, "Dashboards").
     */
    @Test
    void everyDashboardQueriesTheDataSourceVariableAndCanBeImported() throws Exception {
        JsonNode input = new ObjectMapper()
                .readTree("{\"name\": \"DS_PROMETHEUS\", \"label\": \"Prometheus\", \"description\": \"The"
                        + " Prometheus (or central store) holding the services' metrics\", \"type\": \"datasource\","
                        + " \"pluginId\": \"prometheus\", \"pluginName\": \"Prometheus\"}");
        JsonNode reference = new ObjectMapper().valueToTree(DATASOURCE_REF);
        List<String> wrong = new ArrayList<>();
        int references = 0;
        for (Path file : dashboardFiles()) {
            String name = file.getFileName().toString();
            String text = Files.readString(file);
            JsonNode dashboard = new ObjectMapper().readTree(text);
            assertThat(dashboard.path("__inputs")).as("__inputs of %s", name).containsExactly(input);
            Set<String> required = new TreeSet<>();
            dashboard
                    .path("__requires")
                    .forEach(r -> required.add(
                            r.path("type").asText() + " " + r.path("id").asText()));
            Set<String> expected = new TreeSet<>(List.of("grafana grafana", "datasource prometheus"));
            for (JsonNode panel : dashboard.path("panels")) {
                String type = panel.path("type").asText();
                if (!type.equals("row")) {
                    expected.add("panel " + type);
                }
            }
            assertThat(required).as("__requires of %s", name).isEqualTo(expected);

            JsonNode datasource = dashboard.path("templating").path("list").path(0);
            assertThat(datasource.path("name").asText()).as(name).isEqualTo("datasource");
            assertThat(datasource.path("type").asText()).as(name).isEqualTo("datasource");
            assertThat(datasource.path("query").asText()).as(name).isEqualTo("prometheus");
            assertThat(datasource.path("multi").asBoolean()).as(name).isFalse();
            assertThat(datasource.path("includeAll").asBoolean()).as(name).isFalse();
            assertThat(datasource.path("current").path("value").asText())
                    .as("%s: the data source variable's default, which the import replaces", name)
                    .isEqualTo("${DS_PROMETHEUS}");
            assertThat(text.split(Pattern.quote("${DS_PROMETHEUS}"), -1).length - 1)
                    .as("%s: ${DS_PROMETHEUS} anywhere but the variable's default breaks provisioning", name)
                    .isEqualTo(1);

            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (variable.path("type").asText().equals("query")) {
                    references++;
                    if (!variable.path("datasource").equals(reference)) {
                        wrong.add(name + " / $" + variable.path("name").asText() + ": " + variable.path("datasource"));
                    }
                }
            }
            for (JsonNode annotation : dashboard.path("annotations").path("list")) {
                references++;
                if (!annotation.path("datasource").equals(reference)) {
                    wrong.add(name + " / annotation " + annotation.path("name").asText() + ": "
                            + annotation.path("datasource"));
                }
            }
            for (JsonNode panel : dashboard.path("panels")) {
                String where = name + " / " + panel.path("title").asText();
                if (panel.path("type").asText().equals("row")) {
                    assertThat(panel.has("datasource")).as(where).isFalse();
                    continue;
                }
                references++;
                if (!panel.path("datasource").equals(reference)) {
                    wrong.add(where + ": " + panel.path("datasource"));
                }
                for (JsonNode target : panel.path("targets")) {
                    references++;
                    if (!target.path("datasource").equals(reference)) {
                        wrong.add(where + " [" + target.path("refId").asText() + "]: " + target.path("datasource"));
                    }
                }
            }
        }
        assertThat(references).as("data source references checked").isGreaterThan(200);
        assertThat(wrong).as("data source references other than %s", reference).isEmpty();
    }

    /**
     * Every dashboard annotates firing alerts (ALERTS) and deployments (a new app_build_info
     * version), with the block deploy/README.md shows for copying, so the two never drift apart.
     */
    @Test
    void everyDashboardAnnotatesAlertsAndDeploymentsWithTheReadmesBlock() throws Exception {
        String readme = Files.readString(DEPLOY.resolve("README.md"));
        int section = readme.indexOf("### Annotations: alerts and deployments");
        assertThat(section).as("deploy/README.md has the annotations section").isNotNegative();
        int start = readme.indexOf("```json\n", section) + "```json\n".length();
        JsonNode block = new ObjectMapper().readTree(readme.substring(start, readme.indexOf("```", start)));
        assertThat(block).extracting(a -> a.path("name").asText()).containsExactly("Alerts", "Deployments");
        // Alerts: every firing alert of the selected environments and clusters, whatever its service
        // (an alert on a dependency is context for every dashboard)
        assertThat(block.get(0).path("expr").asText())
                .isEqualTo("ALERTS{alertstate=\"firing\", environment=~\"$environment\", cluster=~\"$cluster\"}");
        // Deployments: of the selected services and jobs, over all instances (a new pod is a new instance)
        String deployments = block.get(1).path("expr").asText();
        assertThat(deployments)
                .contains("app_build_info{", " unless ", " offset 5m)")
                .contains("by (environment, cluster, job, service, version)")
                .doesNotContain("$instance");
        Matcher selector = SELECTOR.matcher(deployments);
        int selectors = 0;
        while (selector.find()) {
            selectors++;
            assertThat(selector.group(1)).isEqualTo("app_build_info");
            assertThat(selector.group(2)).contains(FLEET_FILTERS);
        }
        assertThat(selectors).isEqualTo(2);
        for (JsonNode annotation : block) {
            assertThat(annotation.path("datasource")).isEqualTo(new ObjectMapper().valueToTree(DATASOURCE_REF));
            assertThat(annotation.path("enable").asBoolean()).isTrue();
        }
        for (Path file : dashboardFiles()) {
            assertThat(new ObjectMapper()
                            .readTree(file.toFile())
                            .path("annotations")
                            .path("list"))
                    .as("annotations of %s", file.getFileName())
                    .isEqualTo(block);
        }
    }

    // ---- the metric contract ----------------------------------------------------------------

    @Test
    void everyMetricRulesAndDashboardsReadIsExposed() throws Exception {
        Set<String> known = new TreeSet<>(EXPORTER_METRICS);
        Set<String> modules = new TreeSet<>();
        for (MeterCatalogue catalogue : MeterCatalogue.discover()) {
            modules.add(catalogue.module());
            for (ObsMeter meter : catalogue.meters()) {
                known.add(meter.prometheusName());
                if (CatalogueMarkdown.prometheusType(meter.getType()).equals("histogram")) {
                    for (String suffix : List.of("_bucket", "_sum", "_count", "_max")) {
                        known.add(meter.prometheusName() + suffix);
                    }
                }
            }
            for (BoundMeter bound : catalogue.boundMeters()) {
                known.add(bound.prometheusName());
                if (!bound.type().equals("counter") && !bound.type().equals("gauge")) {
                    for (String suffix : List.of("_bucket", "_sum", "_count", "_max")) {
                        known.add(bound.prometheusName() + suffix);
                    }
                }
            }
        }
        Map<String, Set<String>> used = new TreeMap<>();
        for (Map<String, Object> group : groups()) {
            for (Map<String, Object> rule : rules(group)) {
                if (rule.containsKey("record")) {
                    known.add((String) rule.get("record"));
                }
                String name = (String) rule.getOrDefault("alert", rule.get("record"));
                for (String metric : PromQl.metricNames((String) rule.get("expr"))) {
                    used.computeIfAbsent(metric, k -> new TreeSet<>()).add("rule " + name);
                }
            }
        }
        for (Path file : dashboardFiles()) {
            for (JsonNode panel : new ObjectMapper().readTree(file.toFile()).path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    for (String metric : PromQl.metricNames(target.path("expr").asText())) {
                        used.computeIfAbsent(metric, k -> new TreeSet<>())
                                .add(file.getFileName() + " / "
                                        + panel.path("title").asText());
                    }
                }
            }
        }
        Set<String> built = reactorModules();
        List<String> missing = new ArrayList<>();
        Map<String, String> notYetBuilt = new TreeMap<>();
        used.forEach((metric, where) -> {
            if (known.contains(metric)) {
                return;
            }
            String owner = MODULE_BY_PREFIX.entrySet().stream()
                    .filter(e -> metric.startsWith(e.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse("obs-core");
            if (!built.contains(owner)) {
                notYetBuilt.put(metric, owner);
            } else {
                missing.add(metric + " (" + owner + (modules.contains(owner) ? "" : ", not on this module's class path")
                        + ") used by " + where);
            }
        });
        if (!notYetBuilt.isEmpty()) {
            System.out.println("DeployConfigTest: not checked, their modules are not in this build: " + notYetBuilt);
        }
        assertThat(missing)
                .as("metrics read by deploy/ that no catalogue declares")
                .isEmpty();
        assertThat(used)
                .as("the extractor found the core metrics")
                .containsKeys("process_cpu_usage", "jvm_scheduling_lag_seconds", "app_errors_total", "up");
    }

    /** Labels every application series carries: obs-core's common tags (Observability.Builder). */
    private static final Set<String> COMMON_TAGS = Set.of("service", "environment", "cluster");

    /**
     * Labels of the meters bound from Micrometer's binders and of the exporter series deploy/
     * reads, which no catalogue lists: written out by hand, so a label a query uses on them that
     * is not here fails the test until someone checks it and adds it.
     */
    private static final Map<String, Set<String>> OTHER_LABELS = Map.ofEntries(
            Map.entry("jvm_memory_used_bytes", Set.of("area", "id")),
            Map.entry("jvm_memory_max_bytes", Set.of("area", "id")),
            Map.entry("jvm_memory_committed_bytes", Set.of("area", "id")),
            Map.entry("jvm_gc_pause_seconds", Set.of("action", "cause", "gc")),
            Map.entry("jvm_threads_states_threads", Set.of("state")),
            Map.entry("node_filesystem_avail_bytes", Set.of("device", "fstype", "mountpoint")),
            Map.entry("node_filesystem_size_bytes", Set.of("device", "fstype", "mountpoint")),
            // postgres_exporter 0.15: pg_stat_activity and pg_stat_database per database, sizes per database
            Map.entry(
                    "pg_stat_activity_count",
                    Set.of("datname", "state", "usename", "application_name", "backend_type", "server")),
            Map.entry("pg_stat_database_xact_commit", Set.of("datid", "datname")),
            Map.entry("pg_stat_database_xact_rollback", Set.of("datid", "datname")),
            Map.entry("pg_stat_database_deadlocks", Set.of("datid", "datname")),
            Map.entry("pg_database_size_bytes", Set.of("datname")),
            // redis_exporter: keys per logical database
            Map.entry("redis_db_keys", Set.of("db")));

    /** Series whose labels are open-ended (alert labels): not checked. */
    private static final Set<String> ANY_LABELS = Set.of("ALERTS", "ALERTS_FOR_STATE");

    @Test
    void everyLabelRulesAndDashboardsUseIsOneTheirMetricsCarry() throws Exception {
        Set<String> target = targetLabels();
        // Application metrics: catalogue labels, common tags and target labels.
        Map<String, Set<String>> labels = new TreeMap<>();
        for (MeterCatalogue catalogue : MeterCatalogue.discover()) {
            for (ObsMeter meter : catalogue.meters()) {
                Set<String> keys = new TreeSet<>(COMMON_TAGS);
                keys.addAll(target);
                for (ObsLabel label : meter.getLabels()) {
                    keys.add(label.asString());
                }
                addSeries(labels, meter.prometheusName(), CatalogueMarkdown.prometheusType(meter.getType()), keys);
            }
            for (BoundMeter bound : catalogue.boundMeters()) {
                Set<String> keys = new TreeSet<>(COMMON_TAGS);
                keys.addAll(target);
                keys.addAll(OTHER_LABELS.getOrDefault(bound.prometheusName(), Set.of()));
                addSeries(labels, bound.prometheusName(), bound.type(), keys);
            }
        }
        // Exporter series and up: target labels only, plus their own.
        for (String exporter : EXPORTER_METRICS) {
            Set<String> keys = new TreeSet<>(target);
            keys.addAll(OTHER_LABELS.getOrDefault(exporter, Set.of()));
            labels.put(exporter, keys);
        }
        // Recording rules, in file order: the output carries what its expression keeps.
        List<String> wrong = new ArrayList<>();
        for (Map<String, Object> group : groups()) {
            for (Map<String, Object> rule : rules(group)) {
                String expr = (String) rule.get("expr");
                String name = (String) rule.getOrDefault("alert", rule.get("record"));
                checkLabels("rule " + name, expr, labels, wrong);
                if (rule.containsKey("record")) {
                    // plus the rule's own labels (slo="..."); rules recording one name for
                    // several SLOs give it the labels of all of them
                    Set<String> out = outputLabels(expr, labels);
                    out.addAll(map(rule.get("labels")).keySet());
                    labels.merge((String) rule.get("record"), out, (a, b) -> {
                        Set<String> union = new TreeSet<>(a);
                        union.addAll(b);
                        return union;
                    });
                }
            }
        }
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                Matcher values = LABEL_VALUES.matcher(text);
                if (values.matches()) {
                    String selector = values.group(1) == null ? "" : values.group(1);
                    String where =
                            file.getFileName() + " / $" + variable.path("name").asText();
                    checkLabels(where, selector, labels, wrong);
                    Set<String> allowed = allowed(PromQl.metricNames(selector), labels);
                    if (allowed != null && !allowed.contains(values.group(2))) {
                        wrong.add(where + ": label_values of " + values.group(2) + ", which " + selector
                                + " does not carry (it has " + allowed + ")");
                    }
                }
            }
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode panelTarget : panel.path("targets")) {
                    checkLabels(
                            file.getFileName() + " / " + panel.path("title").asText(),
                            panelTarget.path("expr").asText(),
                            labels,
                            wrong);
                }
            }
        }
        assertThat(wrong)
                .as(
                        "labels used by deploy/ that the metrics they filter or group do not carry"
                                + " (catalogue labels, the common tags %s and the target labels %s of prometheus.yml)",
                        COMMON_TAGS, target)
                .isEmpty();
        assertThat(labels.get("instance:http_requests:rate5m"))
                .as("labels a recording rule keeps")
                .containsExactlyInAnyOrder(
                        "environment", "cluster", "job", "instance", "service", "endpoint", "method");
    }

    @Test
    void promQlLabelExtractorReadsMatchersAndClauses() {
        String expr = "histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket"
                + "{job=~\"$job\", status=~\"5..{1}\"}[$__rate_interval]))) / on (host) group_left (node) "
                + "node_memory_MemTotal_bytes{fstype!=\"tmpfs\"} and ignoring(cmd) {__name__=\"up\", x=\"by (y)\"}";
        assertThat(PromQl.matcherLabels(expr))
                .containsOnly(
                        Map.entry("http_request_duration_seconds_bucket", Set.of("job", "status")),
                        Map.entry("node_memory_MemTotal_bytes", Set.of("fstype")),
                        Map.entry("", Set.of("x")));
        assertThat(PromQl.clauseLabels(expr)).containsExactlyInAnyOrder("job", "le", "host", "node", "cmd");
        assertThat(PromQl.byClauses("sum by (a, b) (x) / sum by (b) (y)"))
                .containsExactly(Set.of("a", "b"), Set.of("b"));
        assertThat(PromQl.createdLabels("label_replace(up, \"dst\", \"$1\", \"instance\", \"(.*)\")"))
                .containsExactly("dst");
    }

    @Test
    void promQlExtractorSkipsFunctionsLabelsStringsAndVariables() {
        assertThat(PromQl.metricNames(
                        "histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket"
                                + "{job=~\"$job\", status=~\"5..\"}[$__rate_interval] offset 5m))) / on (host) group_left () "
                                + "node_memory_MemTotal_bytes > bool 1e3 and instance:x:rate5m unless absent(up)"))
                .containsExactlyInAnyOrder(
                        "http_request_duration_seconds_bucket",
                        "node_memory_MemTotal_bytes",
                        "instance:x:rate5m",
                        "up");
    }

    // ---- uptime and collector ---------------------------------------------------------------

    @Test
    void uptimeMonitorsCoverTheSeedsListEverySixtySeconds() throws Exception {
        Map<String, Object> uptime = load(DEPLOY.resolve("uptime/monitors.yml"));
        assertThat(map(uptime.get("defaults")).get("interval")).isEqualTo(60);
        List<Map<String, Object>> monitors =
                list(uptime.get("monitors")).stream().map(DeployConfigTest::map).collect(Collectors.toList());
        String names = monitors.stream().map(m -> (String) m.get("name")).collect(Collectors.joining(" | "));
        assertThat(names).contains("/health", "postgres", "redis", "qdrant", "openai", "twilio");
        assertThat(monitors).filteredOn(m -> "json-query".equals(m.get("type"))).allSatisfy(m -> {
            assertThat((String) m.get("url")).endsWith("/health");
            assertThat((String) m.get("jsonPath")).startsWith("checks.").endsWith(".status");
            assertThat(m.get("expectedValue")).isEqualTo("UP");
        });
    }

    @Test
    void collectorReceivesOtlpAndExportsTracesToJaegerInBatches() throws Exception {
        Map<String, Object> collector = load(DEPLOY.resolve("otel-collector/config.yaml"));
        Map<String, Object> protocols =
                map(map(map(collector.get("receivers")).get("otlp")).get("protocols"));
        assertThat(map(protocols.get("grpc")).get("endpoint")).isEqualTo("0.0.0.0:4317");
        assertThat(map(protocols.get("http")).get("endpoint")).isEqualTo("0.0.0.0:4318");
        assertThat(map(map(collector.get("exporters")).get("otlp/jaeger")).get("endpoint"))
                .isEqualTo("jaeger:4317");
        Map<String, Object> traces =
                map(map(map(collector.get("service")).get("pipelines")).get("traces"));
        assertThat(list(traces.get("receivers"))).containsExactly("otlp");
        assertThat(list(traces.get("processors"))).contains("batch");
        assertThat(list(traces.get("exporters"))).containsExactly("otlp/jaeger");
    }

    @Test
    void collectorPipelinesUseDeclaredComponentsAndShipMetricsAndMaskedLogs() throws Exception {
        Map<String, Object> collector = load(DEPLOY.resolve("otel-collector/config.yaml"));
        Map<String, Object> pipelines = map(map(collector.get("service")).get("pipelines"));
        assertThat(pipelines).containsKeys("traces", "metrics", "logs");
        for (Map.Entry<String, Object> pipeline : pipelines.entrySet()) {
            for (String kind : List.of("receivers", "processors", "exporters")) {
                Map<String, Object> declared = map(collector.get(kind));
                assertThat(list(map(pipeline.getValue()).get(kind)))
                        .as("the %s of the %s pipeline are declared under %s:", kind, pipeline.getKey(), kind)
                        .allSatisfy(name -> assertThat(declared).containsKey((String) name));
            }
        }

        Map<String, Object> metrics = map(pipelines.get("metrics"));
        assertThat(list(metrics.get("receivers"))).containsExactly("otlp");
        assertThat(list(metrics.get("exporters"))).containsExactly("prometheusremotewrite");
        assertThat((String) map(map(collector.get("exporters")).get("prometheusremotewrite"))
                        .get("endpoint"))
                .endsWith("/api/v1/push");

        Map<String, Object> logs = map(pipelines.get("logs"));
        assertThat(list(logs.get("receivers"))).containsExactly("filelog/app", "filelog/audit");
        for (Object receiver : list(logs.get("receivers"))) {
            Map<String, Object> filelog = map(map(collector.get("receivers")).get(receiver));
            assertThat(list(filelog.get("include"))).isNotEmpty();
            assertThat(map(collector.get("extensions")))
                    .as("%s keeps its offsets in a declared storage extension", receiver)
                    .containsKey((String) filelog.get("storage"));
            assertThat(list(map(collector.get("service")).get("extensions"))).contains(filelog.get("storage"));
            assertThat(list(filelog.get("operators")).stream().map(o -> map(o).get("type")))
                    .as("%s parses the JSON lines", receiver)
                    .contains("json_parser");
        }
        // obs-logging's file names (docs/logging.md)
        assertThat(list(map(map(collector.get("receivers")).get("filelog/app")).get("include")))
                .singleElement()
                .asString()
                .endsWith("/combined.log");
        assertThat(list(map(map(collector.get("receivers")).get("filelog/audit"))
                        .get("include")))
                .singleElement()
                .asString()
                .endsWith("/audit-*.log");
        List<Object> processors = list(logs.get("processors"));
        assertThat(processors).contains("redaction/pii", "transform/mask");
        assertThat(processors.indexOf("batch")).isEqualTo(processors.size() - 1);

        // the redaction patterns mask each kind of personal data the masker names, and not an ordinary line
        Map<String, Object> redaction = map(map(collector.get("processors")).get("redaction/pii"));
        assertThat(redaction.get("allow_all_keys")).isEqualTo(true);
        List<Pattern> blocked = list(redaction.get("blocked_values")).stream()
                .map(p -> Pattern.compile((String) p))
                .collect(Collectors.toList());
        for (String pii : List.of(
                "jane.doe@example.com",
                "123-45-6789",
                "4111 1111 1111 1111",
                "4111-1111-1111-1111",
                "+1 415 555 2671",
                "(415) 555-2671",
                "415.555.2671")) {
            assertThat(blocked)
                    .as("a pattern masks %s", pii)
                    .anyMatch(p -> p.matcher("call " + pii + " now").find());
        }
        for (String ordinary : List.of(
                "Campaign created successfully",
                "2026-01-09T12:34:56.789Z",
                "request req_789 took 145 ms",
                "4bf92f3577b34da6a3ce929d0e0e4736")) {
            assertThat(blocked)
                    .as("no pattern masks %s", ordinary)
                    .noneMatch(p -> p.matcher(ordinary).find());
        }
    }

    // ---- helpers ----------------------------------------------------------------------------
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^\\s*label_values\\(\\s*(?:(.*),\\s*)?(\\w+)\\s*\\)\\s*$");

    /** A series name and, for a histogram or summary, its _bucket / _sum / _count / _max series. */
    private static void addSeries(Map<String, Set<String>> labels, String name, String type, Set<String> keys) {
        labels.put(name, keys);
        if (type.equals("histogram") || type.equals("summary")) {
            for (String suffix : List.of("_sum", "_count", "_max")) {
                labels.put(name + suffix, keys);
            }
            Set<String> withLe = new TreeSet<>(keys);
            withLe.add("le");
            labels.put(name + "_bucket", withLe);
            if (type.equals("summary")) {
                Set<String> withQuantile = new TreeSet<>(keys);
                withQuantile.add("quantile");
                labels.put(name, withQuantile);
            }
        }
    }

    /** job and instance, and every label prometheus.yml's scrape configs attach or relabel into. */
    private static Set<String> targetLabels() throws IOException {
        Set<String> target = new TreeSet<>(List.of("job", "instance"));
        for (Object job : list(load(PROMETHEUS.resolve("prometheus.yml")).get("scrape_configs"))) {
            for (Object config : list(map(job).get("static_configs"))) {
                target.addAll(map(map(config).get("labels")).keySet());
            }
            for (Object relabel : list(map(job).get("relabel_configs"))) {
                Object label = map(relabel).get("target_label");
                if (label != null && !((String) label).startsWith("__")) {
                    target.add((String) label);
                }
            }
        }
        return target;
    }

    /**
     * The labels the metrics of a query carry together, or null when one of them is open-ended or
     * unknown (its name is checked by everyMetricRulesAndDashboardsReadIsExposed).
     */
    private static Set<String> allowed(Set<String> metrics, Map<String, Set<String>> labels) {
        Set<String> union = new TreeSet<>();
        for (String metric : metrics) {
            if (ANY_LABELS.contains(metric) || !labels.containsKey(metric)) {
                return null;
            }
            union.addAll(labels.get(metric));
        }
        return union;
    }

    /**
     * Matcher keys against the labels of the metric they select; clause labels against the labels
     * of all the query's metrics together (a clause may sit over a join); labels label_replace
     * creates are allowed in the query that creates them.
     */
    private static void checkLabels(String where, String expr, Map<String, Set<String>> labels, List<String> wrong) {
        Set<String> created = PromQl.createdLabels(expr);
        PromQl.matcherLabels(expr).forEach((metric, keys) -> {
            if (metric.isEmpty() || ANY_LABELS.contains(metric) || !labels.containsKey(metric)) {
                return;
            }
            for (String key : keys) {
                if (!labels.get(metric).contains(key)) {
                    wrong.add(
                            where + ": " + metric + "{" + key + "=...}, but " + metric + " has " + labels.get(metric));
                }
            }
        });
        Set<String> allowed = allowed(PromQl.metricNames(expr), labels);
        if (allowed == null) {
            return;
        }
        for (String label : PromQl.clauseLabels(expr)) {
            if (!allowed.contains(label) && !created.contains(label)) {
                wrong.add(where + ": groups or matches on " + label + ", which none of " + PromQl.metricNames(expr)
                        + " carries (they have " + allowed + ")");
            }
        }
    }

    /**
     * What a recording rule's series carry: with aggregations, the labels every {@code by} clause
     * keeps (the outermost keeps no more than the inner ones); without, its inputs' labels.
     */
    private static Set<String> outputLabels(String expr, Map<String, Set<String>> labels) {
        List<Set<String>> by = PromQl.byClauses(expr);
        Set<String> out;
        if (!by.isEmpty()) {
            out = new TreeSet<>(by.get(0));
            by.forEach(out::retainAll);
        } else {
            Set<String> inputs = allowed(PromQl.metricNames(expr), labels);
            out = inputs == null ? new TreeSet<>() : inputs;
        }
        out.addAll(PromQl.createdLabels(expr));
        return out;
    }

    private static String run(String aptPackage, String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return fail(command[0] + " is not on the PATH; these checks need it: install the Debian package "
                    + aptPackage + " (apt-get install -y " + aptPackage + ", as ./run-tests.sh does)");
        }
        process.getOutputStream().close();
        String output = read(process.getInputStream());
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("%s finished", String.join(" ", command))
                .isTrue();
        assertThat(process.exitValue())
                .as("%s failed:%n%s", String.join(" ", command), output)
                .isZero();
        return output;
    }

    /** The modules of the root pom: the modules this build contains. */
    private static Set<String> reactorModules() throws Exception {
        NodeList modules = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(BomTest.ROOT.resolve("pom.xml").toFile())
                .getElementsByTagName("module");
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < modules.getLength(); i++) {
            names.add(modules.item(i).getTextContent().trim());
        }
        names.add("obs-core");
        return names;
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<Path> ruleFiles() throws IOException {
        return yamlFiles(RULES);
    }

    private static List<Path> testFiles() throws IOException {
        return yamlFiles(PROMETHEUS.resolve("tests"));
    }

    private static List<Path> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found =
                    files.filter(p -> p.toString().endsWith(".yml")).sorted().collect(Collectors.toList());
            assertThat(found).as("YAML files in %s", dir).isNotEmpty();
            return found;
        }
    }

    private static List<Map<String, Object>> groups() throws IOException {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Path file : ruleFiles()) {
            list(load(file).get("groups")).forEach(g -> groups.add(map(g)));
        }
        return groups;
    }

    private static List<Map<String, Object>> rules(Map<String, Object> group) {
        return list(group.get("rules")).stream().map(DeployConfigTest::map).collect(Collectors.toList());
    }

    private static List<Map<String, Object>> alertRules() throws IOException {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> group : groups()) {
            rules(group).stream().filter(r -> r.containsKey("alert")).forEach(alerts::add);
        }
        return alerts;
    }

    private static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return yaml == null ? Map.of() : (Map<String, Object>) yaml;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object yaml) {
        return yaml == null ? List.of() : (List<Object>) yaml;
    }
}
