package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.examples.spring.BootExample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@link EndToEndPrometheusTest}'s check on the Spring Boot example ({@code examples/spring-boot}): a real Prometheus
 * scrapes its {@code /actuator/prometheus} with deploy/'s application job (loopback target, that metrics path, every
 * second) and evaluates deploy/'s rules; every dashboard, recording-rule and alert query returns data, except those
 * reading a metric of {@value EndToEndPrometheusTest#NOT_SERVED_FILE} or of {@value #BOOT_NOT_SERVED_FILE} (what the
 * Boot example serves differently).
 */
class BootEndToEndPrometheusTest {

    static final String BOOT_NOT_SERVED_FILE = "architecture-tests/src/test/resources/e2e-not-served-boot.txt";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    static Path work;

    private static ConfigurableApplicationContext boot;
    private static LocalPrometheus prometheus;
    private static String previousLoggingSystem;

    @BeforeAll
    static void startBootExampleAndPrometheus() throws Exception {
        // this module's tests log through slf4j-simple: Boot leaves logging alone instead of insisting on logback
        previousLoggingSystem = System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        long begin = System.nanoTime();
        boot = new SpringApplicationBuilder(BootExample.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--logging.file.path=" + work.resolve("logs"),
                        "--example.duration=0s");
        int port = boot.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        long booted = System.nanoTime();
        EndToEndPrometheusTest.writeConfig(work, "127.0.0.1:" + port, "/actuator/prometheus");
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        prometheus = LocalPrometheus.start(work, work.resolve("prometheus.yml"), LoopbackProcess.freeLoopbackPort())
                .awaitReady(deadline);
        String job = EndToEndPrometheusTest.JOB;
        prometheus.await(
                "Prometheus to scrape the Boot example successfully",
                deadline,
                () -> "up".equals(prometheus.target(job).path("health").asText()));
        prometheus.await(
                EndToEndPrometheusTest.MIN_SCRAPES + " scrapes of the Boot example",
                deadline,
                () -> prometheus.scalar("count_over_time(up{job=\"" + job + "\"}[5m])")
                        >= EndToEndPrometheusTest.MIN_SCRAPES);
        prometheus.await(
                "every rule to be evaluated",
                deadline,
                () -> prometheus.rules().stream()
                        .noneMatch(r -> r.path("health").asText().equals("unknown")));
        System.out.printf(
                "BootEndToEndPrometheusTest: the Boot example started in %d ms; Prometheus scraped it %d times in %d"
                        + " ms%n",
                TimeUnit.NANOSECONDS.toMillis(booted - begin),
                EndToEndPrometheusTest.MIN_SCRAPES,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - booted));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            if (boot != null) {
                boot.close();
            }
            if (previousLoggingSystem == null) {
                System.clearProperty("org.springframework.boot.logging.LoggingSystem");
            } else {
                System.setProperty("org.springframework.boot.logging.LoggingSystem", previousLoggingSystem);
            }
        }
    }

    @Test
    void everyDashboardRuleAndAlertQueryReturnsData() throws Exception {
        EndToEndPrometheusTest.Deploy deploy = EndToEndPrometheusTest.Deploy.read(prometheus);
        Map<String, String> notServed = new LinkedHashMap<>(EndToEndPrometheusTest.notServed());
        notServed.putAll(bootNotServed());
        Map<EndToEndPrometheusTest.Query, Set<String>> skipped = new LinkedHashMap<>();
        List<EndToEndPrometheusTest.Query> checked = EndToEndPrometheusTest.checkable(deploy, notServed, skipped);
        Map<EndToEndPrometheusTest.Query, String> empty =
                EndToEndPrometheusTest.withoutData(prometheus, checked, DATA_TIMEOUT);
        System.out.printf(
                "BootEndToEndPrometheusTest: checked %d queries, skipped %d that read a listed metric%n",
                checked.size(), skipped.size());
        List<String> failures = new ArrayList<>();
        empty.forEach((query, outcome) -> failures.add(query + ": " + outcome + "\n      " + query.expr.strip()));
        assertThat(failures)
                .as(
                        "queries that returned no data from the Boot example's /actuator/prometheus (serve the metric,"
                                + " or list it with a reason in %s)",
                        BOOT_NOT_SERVED_FILE)
                .isEmpty();
        assertThat(checked).as("queries checked").hasSizeGreaterThanOrEqualTo(10);
    }

    /** Each metric of {@value #BOOT_NOT_SERVED_FILE} is really not served, and deploy/ reads it: the list only shrinks. */
    @Test
    void theBootNotServedListOnlyShrinks() throws Exception {
        EndToEndPrometheusTest.Deploy deploy = EndToEndPrometheusTest.Deploy.read(prometheus);
        Set<String> read = new java.util.TreeSet<>();
        deploy.queries.forEach(q -> read.addAll(deploy.rawMetrics(q.expr)));
        for (String metric : bootNotServed().keySet()) {
            assertThat(EndToEndPrometheusTest.resultOf(prometheus, metric))
                    .as("%s is listed in %s but the Boot example serves it: remove it", metric, BOOT_NOT_SERVED_FILE)
                    .isEqualTo("[]");
            assertThat(read)
                    .as("%s in %s is read by deploy/", metric, BOOT_NOT_SERVED_FILE)
                    .contains(metric);
        }
    }

    /** {@value #BOOT_NOT_SERVED_FILE}: metric name to why the Boot example does not serve it. */
    static Map<String, String> bootNotServed() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(BomTest.ROOT.resolve(BOOT_NOT_SERVED_FILE))) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                String[] parts = entry.split("\\s+", 2);
                assertThat(parts)
                        .as("%s: '<metric name> <reason>', not %s", BOOT_NOT_SERVED_FILE, line)
                        .hasSize(2);
                entries.put(parts[0], parts[1]);
            }
        }
        return entries;
    }
}
