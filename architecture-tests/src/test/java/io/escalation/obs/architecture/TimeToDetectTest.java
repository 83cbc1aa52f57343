package io.escalation.obs.architecture;

import static io.escalation.obs.architecture.Yamls.dump;
import static io.escalation.obs.architecture.Yamls.list;
import static io.escalation.obs.architecture.Yamls.load;
import static io.escalation.obs.architecture.Yamls.map;
import static io.escalation.obs.architecture.Yamls.yamlFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.architecture.WebhookReceiver.Notification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time to detect, measured: how long after a fault the on-call engineer's pager goes off, with
 * deploy/ as shipped. Two stacks run side by side on loopback, each the example service in its own
 * JVM ({@code CoreDemo --faults none}: no deliberate fault), a real Prometheus with
 * {@code deploy/prometheus/prometheus.yml} and its rules, a real Alertmanager with
 * {@code deploy/alertmanager/alertmanager.yml} (routes, {@code group_wait}, inhibitions), and a
 * {@link WebhookReceiver} standing in for PagerDuty and Slack. Scrape and evaluation intervals,
 * {@code for:} durations and grouping are the shipped ones; only what must point at loopback is
 * rewritten (see {@link #prometheusConfig} and {@link #alertmanagerConfig}).
 *
 * <ol>
 *   <li>On the faulty stack, after {@value #WARM_UP_SECONDS} s of fault-free traffic, an error
 *       burst ({@code POST /admin/faults/http-errors?ratio=1.0}: every API request answers 500):
 *       the page of {@value #FAST_BURN} (severity critical, at the PagerDuty receiver) must arrive
 *       within {@link #BUDGET}.
 *   <li>Then the service is killed (SIGKILL): the page of {@value #SERVICE_DOWN} must arrive within
 *       {@link #BUDGET}.
 *   <li>The fault-free stack, running all along, must not have sent a single notification (page
 *       or Slack message) in that time, which is longer than the longest detection; nor may the
 *       faulty stack before its fault.
 * </ol>
 *
 * <p>The measured times are printed ({@code TimeToDetectTest: ... paged N s after ...}); on 2
 * shared cores, in two runs: 150 and 168 s for the fast burn, 81 s for ServiceDown;
 * deploy/README.md explains where the time goes. Wall time: start-up (about 50 s) + warm-up
 * ({@value #WARM_UP_SECONDS} s) + the two detections, about 6 minutes in all (327 and 352 s
 * measured); the fault-free run costs no time of its own, as it runs alongside.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimeToDetectTest {

    static final String FAST_BURN = "ApiAvailabilityFastBurn";
    static final String SERVICE_DOWN = "ServiceDown";
    /** The reference architecture's mean time to detect: under 5 minutes. */
    static final Duration BUDGET = Duration.ofMinutes(5);
    /** Fault-free traffic on the faulty stack before its error burst: the SLO windows see good traffic first. */
    static final long WARM_UP_SECONDS = 60;

    private static final Path DEPLOY = BomTest.ROOT.resolve("deploy");
    private static final String JOB = "client-escalation-calls";
    /** The alerts whose time to detect is measured. */
    private static final Set<String> MEASURED = Set.of(FAST_BURN, SERVICE_DOWN);
    /** Scrape jobs of exporters, which the test does not run: dropped from its prometheus.yml. */
    private static final Set<String> EXPORTER_JOBS = Set.of("postgres", "redis", "node");
    /** From starting a stack to its Prometheus having scraped the service and evaluated the measured alerts. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    static Path work;

    private static Stack faultFree;
    private static Stack faulty;
    private static Map<String, Map<String, Object>> alerts;
    /** Measured detection times, by alert name. */
    private static final Map<String, Duration> detected = new LinkedHashMap<>();

    @BeforeAll
    static void startBothStacks() throws Exception {
        alerts = alertRules();
        assertThat(alerts).as("alert rules in deploy/prometheus/rules").containsKey(SERVICE_DOWN);
        long begin = System.nanoTime();
        // the fault-free stack first: its observation covers the faulty stack's whole run
        faultFree = Stack.start("fault-free", Files.createDirectories(work.resolve("fault-free")));
        faulty = Stack.start("faulty", Files.createDirectories(work.resolve("faulty")));
        long deadline = begin + STARTUP_TIMEOUT.toNanos();
        faultFree.awaitEvaluating(deadline);
        faulty.awaitEvaluating(deadline);
        System.out.printf(
                "TimeToDetectTest: both stacks scraping the service and evaluating %s %d s after starting%n",
                MEASURED, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin));
    }

    @AfterAll
    static void stopBothStacks() throws Exception {
        try {
            if (faulty != null) {
                faulty.close();
            }
        } finally {
            if (faultFree != null) {
                faultFree.close();
            }
        }
    }

    @Test
    @Order(1)
    void anErrorBurstPagesWithTheFastBurnAlertWithinFiveMinutes() throws Exception {
        assertThat(alerts)
                .as("the fast-burn SLO alert in deploy/prometheus/rules")
                .containsKey(FAST_BURN);
        assertThat(alerts.get(FAST_BURN).get("severity")).isEqualTo("critical");
        long warmUpEnds = faulty.scraping + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
        while (System.nanoTime() < warmUpEnds) {
            Thread.sleep(200);
        }
        assertThat(faulty.receiver.received())
                .as("notifications of the faulty stack before any fault")
                .isEmpty();

        HttpResponse<String> burst = faulty.startErrorBurst(1.0);
        long injectedNanos = System.nanoTime();
        assertThat(burst.statusCode()).as(burst.body()).isEqualTo(200);

        Duration took = faulty.awaitPage(FAST_BURN, injectedNanos);
        detected.put(FAST_BURN, took);
        System.out.printf(
                "TimeToDetectTest: %s paged %.1f s after the error burst began (every API request answering 500)%n",
                FAST_BURN, took.toMillis() / 1000.0);
        assertThat(took).isLessThanOrEqualTo(BUDGET);
    }

    @Test
    @Order(2)
    void killingTheServicePagesWithServiceDownWithinFiveMinutes() throws Exception {
        faulty.example.kill();
        long killed = System.nanoTime();
        assertThat(alerts.get(SERVICE_DOWN).get("severity")).isEqualTo("critical");
        Duration took = faulty.awaitPage(SERVICE_DOWN, killed);
        detected.put(SERVICE_DOWN, took);
        System.out.printf(
                "TimeToDetectTest: %s paged %.1f s after the service was killed (SIGKILL)%n",
                SERVICE_DOWN, took.toMillis() / 1000.0);
        assertThat(took).isLessThanOrEqualTo(BUDGET);
    }

    @Test
    @Order(3)
    void theFaultFreeRunSendsNoNotificationAtAll() throws Exception {
        assertThat(faultFree.example.isAlive())
                .as("the fault-free service still running")
                .isTrue();
        Duration observed = Duration.ofNanos(System.nanoTime() - faultFree.scraping);
        Duration longest = detected.values().stream().max(Duration::compareTo).orElse(BUDGET);
        System.out.printf(
                "TimeToDetectTest: the fault-free stack sent %d notifications in %d s of scraping the service"
                        + " (the longest detection took %d s)%n",
                faultFree.receiver.received().size(), observed.toSeconds(), longest.toSeconds());
        assertThat(observed)
                .as("the fault-free run is at least as long as the longest detection")
                .isGreaterThanOrEqualTo(longest);
        assertThat(faultFree.failingRules())
                .as("rules of the fault-free stack whose evaluation failed")
                .isEmpty();
        assertThat(faultFree.receiver.received())
                .as(
                        "notifications of the fault-free stack (an alert firing on --faults none traffic: fix the"
                                + " example's none mode, or the rule); alerts Prometheus holds: %s",
                        faultFree.firing())
                .isEmpty();
    }

    // ---- one stack ----------------------------------------------------------------------------

    /** The example service, Prometheus, Alertmanager and the webhook receiver, in one directory. */
    private static final class Stack implements AutoCloseable {
        final String name;
        final Path dir;
        final WebhookReceiver receiver;
        final LocalAlertmanager alertmanager;
        final LocalPrometheus prometheus;
        final LoopbackProcess example;
        final int appPort;
        final long started;
        /** When Prometheus first scraped the service: the start of the observed run. */
        long scraping;

        private Stack(
                String name,
                Path dir,
                WebhookReceiver receiver,
                LocalAlertmanager alertmanager,
                LocalPrometheus prometheus,
                LoopbackProcess example,
                int appPort,
                long started) {
            this.name = name;
            this.dir = dir;
            this.receiver = receiver;
            this.alertmanager = alertmanager;
            this.prometheus = prometheus;
            this.example = example;
            this.appPort = appPort;
            this.started = started;
        }

        /** Starts the four parts, each killed again if a later one fails to start. */
        static Stack start(String name, Path dir) throws Exception {
            long started = System.nanoTime();
            long deadline = started + STARTUP_TIMEOUT.toNanos();
            List<AutoCloseable> opened = new ArrayList<>();
            try {
                WebhookReceiver receiver = WebhookReceiver.start(TimeToDetectTest::alertOfSummary, severities());
                opened.add(receiver);
                int metricsPort = LoopbackProcess.freeLoopbackPort();
                int appPort = LoopbackProcess.freeLoopbackPort();
                LoopbackProcess example = LoopbackProcess.start(
                        "the " + name + " example service",
                        dir.resolve("example.log"),
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java")
                                        .toString(),
                                "-Xmx512m",
                                "-XX:+UseSerialGC",
                                "-cp",
                                System.getProperty("java.class.path"),
                                "io.escalation.obs.examples.CoreDemo",
                                "--host",
                                "127.0.0.1",
                                "--port",
                                String.valueOf(metricsPort),
                                "--app-port",
                                String.valueOf(appPort),
                                "--faults",
                                "none",
                                "--log-dir",
                                dir.resolve("example-logs").toString()));
                opened.add(example);

                int alertmanagerPort = LoopbackProcess.freeLoopbackPort();
                Path amConfig = alertmanagerConfig(dir, receiver);
                LocalAlertmanager alertmanager = LocalAlertmanager.start(dir, amConfig, alertmanagerPort);
                opened.add(alertmanager);

                int prometheusPort = LoopbackProcess.freeLoopbackPort();
                example.await(
                        "the example service to serve /metrics",
                        deadline,
                        () -> LoopbackProcess.status("http://127.0.0.1:" + metricsPort + "/metrics") == 200);
                alertmanager.awaitReady(deadline);
                Path promConfig = prometheusConfig(dir, metricsPort, prometheusPort, alertmanagerPort);
                LocalPrometheus prometheus = LocalPrometheus.start(dir, promConfig, prometheusPort);
                opened.add(prometheus);
                prometheus.awaitReady(deadline);
                return new Stack(name, dir, receiver, alertmanager, prometheus, example, appPort, started);
            } catch (Exception | Error e) {
                for (int i = opened.size() - 1; i >= 0; i--) {
                    try {
                        opened.get(i).close();
                    } catch (Exception closing) {
                        e.addSuppressed(closing);
                    }
                }
                throw e;
            }
        }

        /**
         * Waits until Prometheus has scraped the service and evaluated the alerts the test measures
         * (groups are first evaluated up to one interval after start-up: 5 minutes for the slowest).
         */
        void awaitEvaluating(long deadline) throws Exception {
            prometheus.await(
                    "the " + name + " stack's Prometheus to scrape the service",
                    deadline,
                    () -> "up".equals(prometheus.target(JOB).path("health").asText()));
            scraping = System.nanoTime();
            prometheus.await(
                    "the " + name + " stack's Prometheus to evaluate " + MEASURED,
                    deadline,
                    () -> prometheus.rules().stream()
                            .filter(r -> MEASURED.contains(r.path("name").asText()))
                            .allMatch(r -> r.path("health").asText().equals("ok")));
        }

        /**
         * The rules whose evaluation failed. Not those not yet evaluated: a group's first evaluation
         * comes up to one interval after start-up, 5 minutes for the slowest.
         */
        List<String> failingRules() throws Exception {
            return prometheus.rules().stream()
                    .filter(r -> r.path("health").asText().equals("err"))
                    .map(r -> r.path("name").asText() + ": " + r.path("health").asText() + " "
                            + r.path("lastError").asText())
                    .collect(Collectors.toList());
        }

        HttpResponse<String> startErrorBurst(double ratio) throws Exception {
            return LoopbackProcess.HTTP.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + appPort + "/admin/faults/http-errors?ratio=" + ratio))
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /**
         * Waits up to {@link #BUDGET} and a minute for the first page of {@code alert}, then returns
         * how long after {@code since} it arrived. Fails with what Prometheus and Alertmanager hold
         * when none came.
         */
        Duration awaitPage(String alert, long since) throws Exception {
            long deadline = since + BUDGET.plusMinutes(1).toNanos();
            while (System.nanoTime() < deadline) {
                Notification page = receiver.first(n -> n.firing()
                        && n.arrivedNanos() > since
                        && n.receiver().equals(WebhookReceiver.PAGERDUTY)
                        && n.alert().equals(alert));
                if (page != null) {
                    assertThat(page.severity()).as("the page's severity").isEqualTo("critical");
                    return Duration.ofNanos(page.arrivedNanos() - since);
                }
                Thread.sleep(200);
            }
            return fail(
                    "no page of %s within %d s; notifications: %s%nalerts in Prometheus: %s%nalerts in Alertmanager: %s"
                            + "%nAlertmanager's log:%n%s",
                    alert,
                    BUDGET.plusMinutes(1).toSeconds(),
                    receiver.received(),
                    firing(),
                    alertmanager.get("/api/v2/alerts"),
                    alertmanager.logTail());
        }

        /** The alerts Prometheus holds (pending or firing), as name and state. */
        String firing() {
            try {
                List<String> held = new ArrayList<>();
                for (JsonNode alert : prometheus.api("/api/v1/alerts").path("alerts")) {
                    held.add(alert.path("labels").path("alertname").asText() + " "
                            + alert.path("state").asText());
                }
                return held.toString();
            } catch (Exception e) {
                return "(unknown: " + e + ")";
            }
        }

        @Override
        public void close() throws Exception {
            try {
                prometheus.close();
            } finally {
                try {
                    alertmanager.close();
                } finally {
                    try {
                        example.close();
                    } finally {
                        receiver.close();
                    }
                }
            }
        }
    }

    // ---- deploy/ as shipped, pointed at loopback ------------------------------------------------

    /**
     * deploy/prometheus/prometheus.yml with four rewrites, each because the real address does not
     * exist here: the application job's target is the example service's loopback port (its
     * {@code host} label stays); the {@code prometheus} job scrapes this Prometheus; Alertmanager is
     * the stack's, on loopback; the rule files are deploy/prometheus/rules/ by absolute path (the
     * shipped path is relative to a mounted /etc/prometheus/). The exporter jobs (postgres,
     * redis, node) are dropped: no exporter runs here, and no shipped alert fires on their absence. Intervals, rules and labels are the
     * shipped ones.
     */
    static Path prometheusConfig(Path dir, int metricsPort, int prometheusPort, int alertmanagerPort)
            throws IOException {
        Map<String, Object> config = load(DEPLOY.resolve("prometheus/prometheus.yml"));
        List<Object> scrapes = new ArrayList<>();
        for (Object item : list(config.get("scrape_configs"))) {
            Map<String, Object> job = map(item);
            String name = (String) job.get("job_name");
            String target;
            if (JOB.equals(name)) {
                target = "127.0.0.1:" + metricsPort;
            } else if ("prometheus".equals(name)) {
                target = "127.0.0.1:" + prometheusPort;
            } else if (EXPORTER_JOBS.contains(name)) {
                continue;
            } else {
                return fail(
                        "prometheus.yml has a scrape job %s: teach TimeToDetectTest where it points on loopback", name);
            }
            for (Object statics : list(job.get("static_configs"))) {
                map(statics).put("targets", List.of(target));
            }
            scrapes.add(job);
        }
        config.put("scrape_configs", scrapes);
        List<Object> managers = list(map(config.get("alerting")).get("alertmanagers"));
        assertThat(managers).as("prometheus.yml's alertmanagers").hasSize(1);
        for (Object statics : list(map(managers.get(0)).get("static_configs"))) {
            map(statics).put("targets", List.of("127.0.0.1:" + alertmanagerPort));
        }
        config.put(
                "rule_files",
                list(config.get("rule_files")).stream()
                        .map(f ->
                                DEPLOY.resolve("prometheus").resolve((String) f).toString())
                        .collect(Collectors.toList()));
        Path file = dir.resolve("prometheus.yml");
        dump(config, file);
        return file;
    }

    /**
     * deploy/alertmanager/alertmanager.yml with its receivers pointed at the {@link WebhookReceiver}:
     * each {@code pagerduty_configs} entry gets {@code url:} (PagerDuty's Events API by default), and
     * the secret files it reads are written to the temp directory: the routing key (any value) and
     * the Slack webhook URL (the receiver's). Routes, {@code group_wait}, {@code group_interval},
     * inhibitions and templates are the shipped ones.
     */
    static Path alertmanagerConfig(Path dir, WebhookReceiver receiver) throws IOException {
        Map<String, Object> config = load(DEPLOY.resolve("alertmanager/alertmanager.yml"));
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        for (Object item : list(config.get("receivers"))) {
            Map<String, Object> named = map(item);
            for (String key : named.keySet()) {
                switch (key) {
                    case "name":
                        break;
                    case "pagerduty_configs":
                        for (Object pd : list(named.get(key))) {
                            Map<String, Object> pagerduty = map(pd);
                            pagerduty.put("url", receiver.url(WebhookReceiver.PAGERDUTY));
                            Path routingKey = secrets.resolve("pagerduty-routing-key");
                            Files.writeString(routingKey, "0123456789abcdef0123456789abcdef");
                            assertThat(pagerduty).containsKey("routing_key_file");
                            pagerduty.put("routing_key_file", routingKey.toString());
                        }
                        break;
                    case "slack_configs":
                        for (Object sc : list(named.get(key))) {
                            Map<String, Object> slack = map(sc);
                            Path webhook = secrets.resolve("slack-webhook-url");
                            Files.writeString(webhook, receiver.url(WebhookReceiver.SLACK));
                            assertThat(slack).containsKey("api_url_file");
                            slack.put("api_url_file", webhook.toString());
                        }
                        break;
                    default:
                        fail(
                                "alertmanager.yml: receiver %s has %s: teach TimeToDetectTest to point it at loopback",
                                named.get("name"), key);
                }
            }
        }
        Path file = dir.resolve("alertmanager.yml");
        dump(config, file);
        return file;
    }

    // ---- the shipped alerts -----------------------------------------------------------------------

    /** Each alert rule of deploy/prometheus/rules: its name to its severity and summary. */
    private static Map<String, Map<String, Object>> alertRules() throws IOException {
        Map<String, Map<String, Object>> rules = new TreeMap<>();
        for (Path file : yamlFiles(DEPLOY.resolve("prometheus/rules"))) {
            for (Object group : list(load(file).get("groups"))) {
                for (Object item : list(map(group).get("rules"))) {
                    Map<String, Object> rule = map(item);
                    if (rule.containsKey("alert")) {
                        Map<String, Object> facts = new LinkedHashMap<>();
                        facts.put("severity", map(rule.get("labels")).get("severity"));
                        facts.put("summary", map(rule.get("annotations")).get("summary"));
                        rules.put((String) rule.get("alert"), facts);
                    }
                }
            }
        }
        return rules;
    }

    private static Map<String, String> severities() {
        Map<String, String> severities = new TreeMap<>();
        alerts.forEach((name, facts) -> severities.put(name, String.valueOf(facts.get("severity"))));
        return severities;
    }

    /**
     * The alert whose summary annotation {@code summary} is (templates match anything), or the
     * candidates joined with {@code |}, or {@code ?(summary)} when none matches.
     */
    static String alertOfSummary(String summary) {
        List<String> matching = new ArrayList<>();
        alerts.forEach((name, facts) -> {
            Object template = facts.get("summary");
            if (template != null
                    && summaryPattern((String) template).matcher(summary).matches()) {
                matching.add(name);
            }
        });
        return matching.isEmpty() ? "?(" + summary + ")" : String.join("|", matching);
    }

    /** A summary annotation as a regex: each {@code {{ ... }}} matches anything. */
    static Pattern summaryPattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String literal : template.split("\\{\\{.*?}}", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Test
    @Order(0)
    void summariesMapBackToTheirAlert() {
        assertThat(summaryPattern("Error budget of {{ $labels.slo }} burning").matcher("Error budget of api burning"))
                .matches();
        assertThat(alertOfSummary("Service is down")).isEqualTo(SERVICE_DOWN);
        assertThat(alertOfSummary("no such summary")).isEqualTo("?(no such summary)");
    }

    /**
     * A page names its alert only by its summary: every shipped summary, its templates filled in,
     * must map back to its own alert alone (a summary made only of templates would claim every page).
     */
    @Test
    @Order(0)
    void everyShippedSummaryNamesItsAlertAlone() {
        alerts.forEach((name, facts) -> {
            Object template = facts.get("summary");
            assertThat(template).as("summary of %s", name).isNotNull();
            String rendered = ((String) template).replaceAll("\\{\\{.*?}}", "x");
            assertThat(alertOfSummary(rendered))
                    .as("the page of %s, summary %s", name, rendered)
                    .isEqualTo(name);
        });
    }
}
