package io.escalation.obs.architecture;

import static io.escalation.obs.architecture.Yamls.dump;
import static io.escalation.obs.architecture.Yamls.list;
import static io.escalation.obs.architecture.Yamls.load;
import static io.escalation.obs.architecture.Yamls.map;
import static io.escalation.obs.architecture.Yamls.yamlFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.architecture.EndToEndPrometheusTest.Deploy;
import io.escalation.obs.architecture.EndToEndPrometheusTest.Kind;
import io.escalation.obs.architecture.EndToEndPrometheusTest.Query;
import io.escalation.obs.examples.ExampleService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/fleet/ end to end: the example service runs in-process on a loopback port, an HA pair of real
 * Prometheus servers (Debian package {@code prometheus}) scrapes it with {@code deploy/fleet/prometheus-replica.yml}
 * ({@code REPLICA=a} and {@code REPLICA=b}, external labels expanded) and evaluates deploy/'s rules, and both
 * forward by remote write to a central Prometheus run with {@code deploy/fleet/central-prometheus.yml} and
 * {@code --web.enable-remote-write-receiver}. The configurations are the shipped ones with only addresses and
 * paths rewritten to loopback, intervals shortened to a second, and the exporter jobs (no exporters run here)
 * left out. Then:
 *
 * <ul>
 *   <li>the central store holds the service's series from both replicas, {@code replica="a"} and {@code "b"};
 *   <li>the pair's alerts reach one Alertmanager with the external label {@code prometheus} and without
 *       {@code replica}, so each is held once;
 *   <li>every dashboard, recording-rule and alert query deploy/ ships returns data at the central store
 *       (EndToEndPrometheusTest's collection, run against the central store);
 *   <li>a query at the central store restricted to one replica answers exactly as that replica does, at a
 *       fixed time, and the pair's sum is twice it: the central Prometheus does not deduplicate;
 *   <li>the central store stopped for {@link #OUTAGE} and started again on the same port and data misses no
 *       sample of that minute: the replicas buffered it (write-ahead log) and resent it.
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteWriteTest {

    private static final Path DEPLOY = BomTest.ROOT.resolve("deploy");
    private static final Path FLEET = DEPLOY.resolve("fleet");
    private static final String JOB = "client-escalation-calls";
    private static final List<String> REPLICAS = List.of("a", "b");
    /** The jobs kept from the shipped replica config: the application and Prometheus itself. */
    private static final Set<String> JOBS = Set.of(JOB, "prometheus");

    private static final int MIN_SCRAPES = 8;
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(20);
    /** How long the central store is down in the fault test. */
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    /** From the central store being ready again to holding the outage's samples. */
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(45);

    @TempDir
    static Path work;

    private static ExampleService service;
    private static final Map<String, LocalPrometheus> replicas = new LinkedHashMap<>();
    private static LocalPrometheus central;
    private static int centralPort;
    private static LocalAlertmanager alertmanager;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void startServicePairAndCentralStore() throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + STARTUP_TIMEOUT.toNanos();
        service = ExampleService.start("127.0.0.1", 0, Duration.ZERO, 42);
        centralPort = LoopbackProcess.freeLoopbackPort();
        writeCentralConfig(Files.createDirectories(work.resolve("central")));
        central = startCentral();
        int alertmanagerPort = LoopbackProcess.freeLoopbackPort();
        // ready before the pair evaluates its first alert, so that no notification fails
        alertmanager = startAlertmanager(Files.createDirectories(work.resolve("alertmanager")), alertmanagerPort)
                .awaitReady(deadline);
        for (String replica : REPLICAS) {
            Path dir = Files.createDirectories(work.resolve("replica-" + replica));
            int port = LoopbackProcess.freeLoopbackPort();
            writeReplicaConfig(dir, port, alertmanagerPort);
            replicas.put(
                    replica,
                    LocalPrometheus.start(
                            dir,
                            dir.resolve("prometheus.yml"),
                            port,
                            Map.of("REPLICA", replica),
                            List.of("--enable-feature=expand-external-labels")));
        }
        central.awaitReady(deadline);
        for (LocalPrometheus prometheus : replicas.values()) {
            prometheus.awaitReady(deadline);
        }
        for (String replica : REPLICAS) {
            central.await(
                    MIN_SCRAPES + " scrapes of the service by replica " + replica + " at the central store",
                    deadline,
                    () -> central.scalar("count_over_time(up{job=\"" + JOB + "\",replica=\"" + replica + "\"}[5m])")
                            >= MIN_SCRAPES);
            replicas.get(replica)
                    .await(
                            "every rule evaluated by replica " + replica,
                            deadline,
                            () -> replicas.get(replica).rules().stream()
                                    .noneMatch(r -> r.path("health").asText().equals("unknown")));
        }
        System.out.printf(
                "RemoteWriteTest: replicas %s forward to %s; %d scrapes of each at the central store after %d ms%n",
                replicas.values().stream().map(p -> p.url).collect(Collectors.toList()),
                central.url,
                MIN_SCRAPES,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (LocalPrometheus prometheus : replicas.values()) {
                prometheus.close();
            }
            if (central != null) {
                central.close();
            }
            if (alertmanager != null) {
                alertmanager.close();
            }
        } finally {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theCentralStoreHoldsTheServiceSeriesOfBothReplicas() throws Exception {
        String selector = "{job=\"" + JOB + "\"}";
        assertThat(labelValues(central, "replica", selector))
                .as("replica label of the service's series at the central store")
                .containsExactlyElementsOf(REPLICAS);
        assertThat(labelValues(central, "prometheus", selector))
                .as("the pair's external label `prometheus`")
                .containsExactly("client-escalation-calls");
        for (String replica : REPLICAS) {
            LocalPrometheus local = replicas.get(replica);
            Set<String> names = labelValues(local, "__name__", selector);
            assertThat(names).contains("up", "process_cpu_usage", "http_requests_total");
            central.await(
                    "the central store to hold every metric replica " + replica + " scraped from the service",
                    System.nanoTime() + DATA_TIMEOUT.toNanos(),
                    () -> labelValues(central, "__name__", "{job=\"" + JOB + "\",replica=\"" + replica + "\"}")
                            .containsAll(names));
            System.out.printf(
                    "RemoteWriteTest: replica %s: %d metric names, %.0f series of the service, %.0f series in all at"
                            + " the central store%n",
                    replica,
                    names.size(),
                    central.scalar("count({job=\"" + JOB + "\",replica=\"" + replica + "\"})"),
                    central.scalar("count({replica=\"" + replica + "\"})"));
        }
        System.out.printf(
                "RemoteWriteTest: the central store's head holds %.0f series%n",
                central.scalar("prometheus_tsdb_head_series{job=\"prometheus-central\"}"));
    }

    /**
     * Both replicas evaluate the rules and send their alerts to one Alertmanager; the alerts arrive with the
     * external label {@code prometheus} and without {@code replica} (alert_relabel_configs), so the two copies
     * of an alert have the same labels and Alertmanager holds it once.
     */
    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void thePairsAlertsReachAlertmanagerWithoutTheReplicaLabelSoOnce() throws Exception {
        long deadline = System.nanoTime() + DATA_TIMEOUT.toNanos();
        for (String replica : REPLICAS) {
            LocalPrometheus local = replicas.get(replica);
            local.await(
                    "replica " + replica + " to send alerts to Alertmanager",
                    deadline,
                    () -> local.scalar("sum(prometheus_notifications_sent_total)") > 0);
            assertThat(local.scalar("sum(prometheus_notifications_errors_total)"))
                    .as("replica %s: notification errors", replica)
                    .isZero();
        }
        Set<String> firing = new TreeSet<>();
        for (String replica : REPLICAS) {
            for (JsonNode alert : replicas.get(replica).api("/api/v1/alerts").path("alerts")) {
                if (alert.path("state").asText().equals("firing")) {
                    firing.add(alert.path("labels").path("alertname").asText());
                }
            }
        }
        assertThat(firing)
                .as("alerts firing at the pair (alerts without `for` the example service fires)")
                .isNotEmpty();
        List<Map<String, String>> received = new ArrayList<>();
        for (JsonNode alert : alertmanager.get("/api/v2/alerts")) {
            Map<String, String> labels = new TreeMap<>();
            alert.path("labels")
                    .fields()
                    .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            received.add(labels);
        }
        assertThat(received.stream().map(l -> l.get("alertname")).collect(Collectors.toSet()))
                .as("alerts at Alertmanager")
                .containsAnyElementsOf(firing);
        for (Map<String, String> labels : received) {
            assertThat(labels)
                    .as("an alert at Alertmanager")
                    .doesNotContainKey("replica")
                    .containsEntry("prometheus", "client-escalation-calls");
        }
        System.out.printf(
                "RemoteWriteTest: Alertmanager holds %d alerts from the pair (%s firing), none with `replica`%n",
                received.size(), firing);
    }

    @Test
    @Order(3)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void everyDashboardRuleAndAlertQueryReturnsDataAtTheCentralStore() throws Exception {
        Deploy deploy = Deploy.read(central);
        Map<Query, Set<String>> skipped = new LinkedHashMap<>();
        List<Query> checked = EndToEndPrometheusTest.checkable(deploy, EndToEndPrometheusTest.notServed(), skipped);
        Map<Query, String> empty = EndToEndPrometheusTest.withoutData(central, checked, DATA_TIMEOUT);
        Map<Kind, Long> byKind =
                new TreeMap<>(checked.stream().collect(Collectors.groupingBy(q -> q.kind, Collectors.counting())));
        System.out.printf(
                "RemoteWriteTest: ran %d queries %s at the central store, skipped %d (metrics not served)%n",
                checked.size(), byKind, skipped.size());
        List<String> failures = new ArrayList<>();
        empty.forEach((query, outcome) -> failures.add(query + ": " + outcome + "\n      " + query.expr.strip()));
        assertThat(failures)
                .as("deploy/ queries that returned no data at the central store in %s s", DATA_TIMEOUT.toSeconds())
                .isEmpty();
        assertThat(byKind.keySet()).containsExactlyInAnyOrder(Kind.values());
    }

    /**
     * Replica parity: at a fixed time the central store, restricted to {@code replica="a"}, answers as replica a
     * itself (same for b); over both replicas it answers twice: the central Prometheus keeps both copies.
     */
    @Test
    @Order(4)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void oneReplicaAtTheCentralStoreAnswersAsThatReplicaAndThePairCountsTwice() throws Exception {
        // A second that both replicas have scraped and that the central store will hold within a batch deadline.
        long at = System.currentTimeMillis() / 1000 - 3;
        for (String replica : REPLICAS) {
            awaitForwarded(replica, at + 2, System.nanoTime() + DATA_TIMEOUT.toNanos());
        }
        List<String> queries = List.of(
                "count({job=\"" + JOB + "\"%s})",
                "sum(rate(http_requests_total{job=\"" + JOB + "\"%s}[30s]))",
                "sum(http_requests_total{job=\"" + JOB + "\"%s})",
                "count({__name__=~\".+:.+\"%s})",
                "sum(prometheus_tsdb_head_series{job=\"prometheus\"%s})");
        Map<String, Double> sums = new LinkedHashMap<>();
        for (String query : queries) {
            double pair = 0;
            for (String replica : REPLICAS) {
                double local = value(replicas.get(replica), String.format(query, ""), at);
                assertThat(local)
                        .as("%s at replica %s", String.format(query, ""), replica)
                        .isPositive();
                // Eventually: the queue's shards flush independently, each within batch_send_deadline.
                String restricted = String.format(query, ",replica=\"" + replica + "\"");
                central.await(
                        restricted + " at " + at + " to equal replica " + replica + "'s " + local,
                        System.nanoTime() + DATA_TIMEOUT.toNanos(),
                        () -> value(central, restricted, at) == local);
                pair += local;
            }
            sums.put(query, pair);
        }
        String count = queries.get(0);
        assertThat(value(central, String.format(count, ""), at))
                .as("%s over the pair at the central store: both copies, not deduplicated", count)
                .isEqualTo(sums.get(count));
        System.out.printf("RemoteWriteTest: parity at %d of %d queries: pair sums %s%n", at, queries.size(), sums);
    }

    /**
     * The central store stopped (SIGTERM) for a minute and started again on the same port and data directory: the
     * replicas kept what they could not send in their write-ahead log and resent it, so the central store holds
     * every sample of the outage, the same timestamps as each replica's own TSDB.
     */
    @Test
    @Order(5)
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aCentralStoreOutageOfAMinuteLeavesNoGapOnceItIsBack() throws Exception {
        long stoppedAt = System.currentTimeMillis();
        central.close();
        Thread.sleep(OUTAGE.toMillis());
        for (String replica : REPLICAS) {
            double sent =
                    replicas.get(replica).scalar("max(prometheus_remote_storage_queue_highest_sent_timestamp_seconds)");
            assertThat(sent)
                    .as("replica %s's newest sample the central store acknowledged, during the outage", replica)
                    .isLessThan(stoppedAt / 1000.0 + 5);
        }
        central = startCentral();
        central.awaitReady(System.nanoTime() + STARTUP_TIMEOUT.toNanos());
        long restartedAt = System.currentTimeMillis();
        long readyNanos = System.nanoTime();

        // The window: from 10 s before the stop to 3 s after the restart, at each replica and at the central store.
        long end = restartedAt / 1000 + 3;
        long seconds = end - (stoppedAt / 1000 - 10);
        List<String> selectors = List.of(
                "up{job=\"" + JOB + "\"%s}",
                "prometheus_tsdb_head_samples_appended_total{job=\"prometheus\",type=\"float\"%s}");
        Map<String, List<Long>> expected = new LinkedHashMap<>();
        for (String replica : REPLICAS) {
            awaitLocal(replicas.get(replica), end);
            for (String selector : selectors) {
                expected.put(
                        replica + " " + selector,
                        timestamps(replicas.get(replica), String.format(selector, "") + "[" + seconds + "s]", end));
            }
        }
        Map<String, List<Long>> atCentral = new LinkedHashMap<>();
        central.await(
                "the central store to hold every sample of the outage", readyNanos + CATCH_UP_TIMEOUT.toNanos(), () -> {
                    for (String replica : REPLICAS) {
                        for (String selector : selectors) {
                            String q = String.format(selector, ",replica=\"" + replica + "\"");
                            atCentral.put(replica + " " + selector, timestamps(central, q + "[" + seconds + "s]", end));
                        }
                    }
                    return atCentral.equals(expected);
                });
        long catchUpMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - readyNanos);

        for (Map.Entry<String, List<Long>> series : expected.entrySet()) {
            List<Long> samples = series.getValue();
            assertThat(samples.get(0))
                    .as("%s: first sample of the window", series.getKey())
                    .isLessThanOrEqualTo(stoppedAt - 5_000);
            assertThat(samples.get(samples.size() - 1))
                    .as("%s: last sample of the window", series.getKey())
                    .isGreaterThanOrEqualTo(restartedAt);
            assertThat(maxGapMillis(samples))
                    .as("%s: the longest gap between two samples over the outage at the central store", series.getKey())
                    .isLessThanOrEqualTo(3_000);
        }
        System.out.printf(
                "RemoteWriteTest: central store down %d ms; caught up %d ms after it was ready again; %s samples per"
                        + " series over the %d s window, identical to each replica's%n",
                restartedAt - stoppedAt,
                catchUpMillis,
                expected.values().stream().map(List::size).collect(Collectors.toList()),
                seconds);
    }

    // ---- configurations -----------------------------------------------------------------------

    /** deploy/fleet/prometheus-replica.yml on loopback: targets, Alertmanager and the store rewritten, 1 s intervals. */
    private static void writeReplicaConfig(Path dir, int port, int alertmanagerPort) throws Exception {
        Map<String, Object> config = load(FLEET.resolve("prometheus-replica.yml"));
        Map<String, Object> global = map(config.get("global"));
        global.put("scrape_interval", "1s");
        global.put("scrape_timeout", "1s");
        global.put("evaluation_interval", "1s");
        for (Object manager : list(map(config.get("alerting")).get("alertmanagers"))) {
            for (Object statics : list(map(manager).get("static_configs"))) {
                map(statics).put("targets", List.of("127.0.0.1:" + alertmanagerPort));
            }
        }
        List<Object> writes = list(config.get("remote_write"));
        assertThat(writes).as("remote_write of prometheus-replica.yml").hasSize(1);
        map(writes.get(0)).put("url", "http://127.0.0.1:" + centralPort + "/api/v1/write");
        List<Object> jobs = new ArrayList<>();
        for (Object item : list(config.get("scrape_configs"))) {
            Map<String, Object> job = map(item);
            String name = (String) job.get("job_name");
            if (!JOBS.contains(name)) {
                continue;
            }
            String target = name.equals(JOB) ? "127.0.0.1:" + service.port() : "127.0.0.1:" + port;
            job.remove("scrape_interval");
            for (Object statics : list(job.get("static_configs"))) {
                map(statics).put("targets", List.of(target));
            }
            jobs.add(job);
        }
        assertThat(jobs).as("jobs %s in prometheus-replica.yml", JOBS).hasSize(JOBS.size());
        config.put("scrape_configs", jobs);
        dump(config, dir.resolve("prometheus.yml"));

        // rule_files 'rules/*.yml' next to the config: deploy/prometheus/rules, evaluated every second.
        Path rules = Files.createDirectories(dir.resolve("rules"));
        for (Path file : yamlFiles(DEPLOY.resolve("prometheus/rules"))) {
            Map<String, Object> copy = load(file);
            list(copy.get("groups")).forEach(group -> map(group).put("interval", "1s"));
            dump(copy, rules.resolve(file.getFileName()));
        }
    }

    /** deploy/fleet/central-prometheus.yml on loopback, scraping itself every second. */
    private static void writeCentralConfig(Path dir) throws Exception {
        Map<String, Object> config = load(FLEET.resolve("central-prometheus.yml"));
        map(config.get("global")).put("scrape_interval", "1s");
        for (Object job : list(config.get("scrape_configs"))) {
            for (Object statics : list(map(job).get("static_configs"))) {
                map(statics).put("targets", List.of("127.0.0.1:" + centralPort));
            }
        }
        dump(config, dir.resolve("prometheus.yml"));
    }

    /**
     * An Alertmanager that routes everything to a receiver without integrations: what is checked is which
     * alerts the pair sends it, not deploy/alertmanager's routing (AlertmanagerInhibitionTest, TimeToDetectTest).
     */
    private static LocalAlertmanager startAlertmanager(Path dir, int port) throws Exception {
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n");
        return LocalAlertmanager.start(dir, config, port);
    }

    /** The central store, on the same port and data directory each time. */
    private static LocalPrometheus startCentral() throws Exception {
        Path dir = work.resolve("central");
        return LocalPrometheus.start(
                dir,
                dir.resolve("prometheus.yml"),
                centralPort,
                Map.of(),
                List.of("--web.enable-remote-write-receiver"));
    }

    // ---- queries ------------------------------------------------------------------------------

    private static Set<String> labelValues(LocalPrometheus at, String label, String selector) throws Exception {
        Set<String> values = new TreeSet<>();
        at.api("/api/v1/label/" + label + "/values?match[]=" + LocalPrometheus.encode(selector))
                .forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The value of a one-element instant query at {@code time} (seconds). */
    private static double value(LocalPrometheus at, String query, long time) throws Exception {
        JsonNode result = at.api("/api/v1/query?query=" + LocalPrometheus.encode(query) + "&time=" + time)
                .path("result");
        assertThat(result.size()).as("%s at %s: %s", query, at.url, result).isEqualTo(1);
        return result.get(0).path("value").get(1).asDouble();
    }

    /** The sample timestamps (ms) of a range selector of one series, evaluated at {@code time} (seconds). */
    private static List<Long> timestamps(LocalPrometheus at, String rangeSelector, long time) throws Exception {
        JsonNode result = at.api("/api/v1/query?query=" + LocalPrometheus.encode(rangeSelector) + "&time=" + time)
                .path("result");
        if (result.size() != 1) {
            return fail("%s at %s: expected one series, got %s", rangeSelector, at.url, result);
        }
        List<Long> timestamps = new ArrayList<>();
        for (JsonNode sample : result.get(0).path("values")) {
            timestamps.add(Math.round(sample.get(0).asDouble() * 1000));
        }
        return timestamps;
    }

    /** Waits until the central store holds replica's scrapes of the service up to {@code seconds}. */
    private static void awaitForwarded(String replica, long seconds, long deadline) throws Exception {
        central.await(
                "the central store to hold replica " + replica + "'s samples up to " + seconds,
                deadline,
                () -> central.scalar("max(timestamp(up{job=\"" + JOB + "\",replica=\"" + replica + "\"}))") >= seconds);
    }

    /** Waits until {@code at} has scraped the service after {@code seconds}. */
    private static void awaitLocal(LocalPrometheus at, long seconds) throws Exception {
        at.await(
                "a scrape after " + seconds,
                System.nanoTime() + DATA_TIMEOUT.toNanos(),
                () -> at.scalar("max(timestamp(up{job=\"" + JOB + "\"}))") >= seconds + 1);
    }

    private static long maxGapMillis(List<Long> timestamps) {
        long max = 0;
        for (int i = 1; i < timestamps.size(); i++) {
            max = Math.max(max, timestamps.get(i) - timestamps.get(i - 1));
        }
        return max;
    }
}
