package io.escalation.obs.examples.spring;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.escalation.obs.examples.HostedService;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.test.CatalogueContract;
import io.escalation.obs.test.Sample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The Spring Boot example on a random loopback port, its seeded traffic running over real HTTP for
 * {@value #TRAFFIC_SECONDS} s: what Prometheus scrapes from {@code /actuator/prometheus} then.
 */
@ExtendWith(OutputCaptureExtension.class)
class BootExampleTest {

    static final int TRAFFIC_SECONDS = 15;

    /**
     * The catalogued metrics the Boot example does not serve: Qdrant's collection count and memory, which the plain
     * example does not register either (it has no Qdrant server to read them from).
     */
    static final List<String> NOT_SERVED =
            List.of("obs-memory-rag: qdrant_collections", "obs-memory-rag: qdrant_memory_usage_bytes");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path logs;

    private static ConfigurableApplicationContext context;
    private static int port;
    private static String scrape;
    private static long sent;

    @BeforeAll
    static void runTraffic() throws Exception {
        long begin = System.nanoTime();
        // arguments, as on the command line: they win over application.properties
        context = new SpringApplicationBuilder(BootExample.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--logging.file.path=" + logs,
                        "--obs.logging.http-level=WARN",
                        "--example.duration=" + TRAFFIC_SECONDS + "s");
        long started = System.nanoTime();
        port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        HostedService service = context.getBean(HostedService.class);
        assertThat(service.awaitTraffic(Duration.ofSeconds(TRAFFIC_SECONDS + 20)))
                .as("traffic finished")
                .isTrue();
        sent = service.requestsSent();
        scrape = get("/actuator/prometheus").body();
        System.out.printf(
                "examples-spring-boot: started in %d ms; %d requests in %d s of traffic; scrape of %d lines%n",
                (started - begin) / 1_000_000,
                sent,
                TRAFFIC_SECONDS,
                scrape.lines().count());
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void trafficWentThroughTheApi() {
        // one request every 20 ms at most, slower when the API answers slowly
        assertThat(sent).isGreaterThan(TRAFFIC_SECONDS * 10L);
    }

    /**
     * {@code promtool check metrics} accepts the whole scrape, Boot's and Micrometer's meters too: with
     * {@code obs.metrics.prometheus-names} (default on) they get help texts and names in base units (exit 0 and no
     * complaint; 1 is a format error, 3 lint findings).
     */
    @Test
    void promtoolAcceptsTheScrape() {
        assertThatScrape(scrape).passesPromtool();
        assertThat(scrape)
                .contains("# HELP http_server_requests_seconds http.server.requests (registered without a description)")
                .containsPattern("(?m)^system_cpu_cores\\{[^}]*\\} [1-9]")
                .containsPattern("(?m)^jvm_compilation_time_seconds_total\\{compiler=\"[^\"]+\"[^}]*\\} [0-9.E]+$")
                .doesNotContain("jvm_compilation_time_ms_total", "process_cpu_time_ns_total", "system_cpu_count");
    }

    @Test
    void everyCataloguedMetricIsServedWithItsLabels() {
        Set<String> served = samples().stream().map(Sample::name).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        List<MeterCatalogue> catalogues = MeterCatalogue.discover();
        assertThat(catalogues.stream().map(MeterCatalogue::module))
                .contains(
                        "obs-core",
                        "obs-http",
                        "obs-db",
                        "obs-business",
                        "obs-llm",
                        "obs-memory-rag",
                        "obs-security",
                        "obs-tcpa");
        for (MeterCatalogue catalogue : catalogues) {
            for (ObsMeter meter : catalogue.meters()) {
                String name = meter.prometheusName();
                if (!served.contains(name) && !served.contains(name + "_count")) {
                    missing.add(catalogue.module() + ": " + name);
                }
            }
            wrong.addAll(CatalogueContract.wrongLabels(catalogue, scrape));
        }
        assertThat(missing).as("catalogued metrics not served").containsExactlyInAnyOrderElementsOf(NOT_SERVED);
        assertThat(wrong).as("catalogued metrics with other labels").isEmpty();
    }

    @Test
    void oneHttpRequestsFamilyWhoseEndpointsAreTheRouteTemplates() throws Exception {
        assertThat(scrape.lines().filter(l -> l.startsWith("# TYPE http_requests_total ")))
                .containsExactly("# TYPE http_requests_total counter");
        Set<String> endpoints = samples().stream()
                .filter(s -> s.name().equals("http_requests_total"))
                .map(s -> s.labels().get("endpoint"))
                .collect(Collectors.toCollection(TreeSet::new));
        // the same endpoint values as the plain example's: the dashboards and alerts in deploy/ select them
        assertThat(endpoints).containsAll(HostedService.ROUTES);
        // and nothing else: no raw path, only obs-http's marker of the requests no route matched
        Set<String> expected = new TreeSet<>(HostedService.ROUTES);
        expected.addAll(List.of(HttpMetrics.NOT_FOUND, HttpMetrics.UNKNOWN));
        assertThat(expected).containsAll(endpoints);
        // the controller maps exactly the API's routes
        Set<String> mapped = context
                .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getHandlerMethods()
                .keySet()
                .stream()
                .flatMap(info -> info.getPatternValues().stream())
                .filter(pattern -> pattern.startsWith("/api/"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(mapped).containsExactlyInAnyOrderElementsOf(HostedService.ROUTES);
    }

    @Test
    void labelsCarryNoRawIdsOrPersonalData() {
        assertThatScrape(scrape).hasNoPiiInLabels();
        assertThat(samples())
                .allSatisfy(sample -> assertThat(sample.labels().values())
                        .noneMatch(value -> value.matches(".*(cmp|task|pay)_[0-9]+.*")));
    }

    @Test
    void bootsPoolIsObsDbsMainPool() {
        // obs-db's pool gauges for Boot's DataSource, under its pool name, next to Boot's hikaricp_* of the same pool
        assertThatScrape(scrape)
                .hasSample("hikaricp_connections_max", 10, "pool", "main")
                .hasNoSample("hikaricp_connections_active");
        assertThat(samples().stream()
                        .filter(s -> s.name().equals("db_connections_active"))
                        .map(s -> s.labels().get("pool")))
                .containsExactly("main");
    }

    @Test
    void healthServesObsChecksAndActuatorsIndicators() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isIn(200, 503);
        assertThat(health.body()).contains("\"obs\"", "\"database\"", "\"task_queue\"", "\"db\"");
        assertThat(samples().stream()
                        .filter(s -> s.name().equals("health_check_status"))
                        .map(s -> s.labels().get("check")))
                .contains("database", "task_queue", "db");
    }

    @Test
    void noMeterFilterConfiguredAfterAMeter(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain("A MeterFilter is being configured after");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<Sample> samples() {
        return assertThatScrape(scrape).samples();
    }
}
