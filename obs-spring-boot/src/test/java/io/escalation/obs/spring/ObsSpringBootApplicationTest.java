package io.escalation.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.ErrorSeverity;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthResult;
import io.escalation.obs.llm.LlmMetrics;
import io.escalation.obs.llm.LlmProvider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * A real Spring Boot application (Spring MVC on Tomcat, Actuator, the Prometheus registry) on a random loopback port,
 * with obs's auto-configuration: what a user scrapes from {@code /actuator/prometheus}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObsSpringBootApplicationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext context;
    private static int port;
    private static long startupMillis;

    /** The application: one endpoint that records through the facades the auto-configuration hands it. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        /**
         * A meter of the application's, registered while the context starts and before obs's {@code Observability}
         * exists (the application's beans come before the auto-configuration's): obs then finds the registry in use
         * and leaves it alone, so the tags come from the auto-configuration's {@code MeterRegistryCustomizer}.
         */
        @Bean
        Counter escalationsStarted(MeterRegistry registry) {
            Counter started = Counter.builder("escalations.started").register(registry);
            started.increment();
            return started;
        }

        /** A check declared the obs way, and an indicator declared the Actuator way: each shows up in the other. */
        @Bean
        CampaignStoreCheck campaignStoreCheck(HealthChecks checks) {
            checks.register("campaign_store", Duration.ofSeconds(1), () -> HealthResult.up("3 shards"));
            return new CampaignStoreCheck();
        }

        @Bean
        HealthIndicator dialerHealthIndicator() {
            return () -> Health.outOfService()
                    .withDetail("trunk", "sip:+14155550134@carrier")
                    .build();
        }

        /** An indicator that counts its runs, by the thread that ran it. */
        @Bean
        CountedIndicator ledgerLockHealthIndicator() {
            return new CountedIndicator();
        }

        /** A composite, as Boot makes {@code db} of several data sources: each member is an obs check of its own. */
        @Bean
        CompositeHealthContributor ledgerHealthContributor() {
            return CompositeHealthContributor.fromMap(Map.of(
                    "primary", (HealthIndicator) () -> Health.up().build(),
                    "replica",
                            (HealthIndicator) () -> Health.outOfService()
                                    .withDetail("lag", "paused by ops")
                                    .build()));
        }

        @Bean
        Escalations escalations(AppErrors errors, LlmMetrics llm) {
            return new Escalations(errors, llm);
        }
    }

    /** Marks the registration of the campaign store's health check. */
    static final class CampaignStoreCheck {}

    /** An Actuator indicator that records the name of each thread that runs it. */
    static final class CountedIndicator implements HealthIndicator {
        final List<String> runs = new CopyOnWriteArrayList<>();

        @Override
        public Health health() {
            runs.add(Thread.currentThread().getName());
            return Health.up().build();
        }
    }

    @RestController
    static class Escalations {
        private final AppErrors errors;
        private final LlmMetrics llm;

        Escalations(AppErrors errors, LlmMetrics llm) {
            this.errors = errors;
            this.llm = llm;
        }

        @GetMapping("/campaigns/{id}")
        String campaign(@PathVariable("id") String id) {
            if (id.equals("boom")) {
                throw new IllegalStateException("campaign store down for jane.doe@example.com");
            }
            return "campaign";
        }

        @PostMapping("/escalations")
        String escalate() {
            errors.record("LlmTimeoutError", ErrorSeverity.WARNING);
            llm.recordFallback(LlmProvider.OPENAI, LlmProvider.ANTHROPIC);
            return "queued";
        }
    }

    @BeforeAll
    static void start() {
        long begin = System.nanoTime();
        context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "spring.application.name=escalation-boot",
                        "obs.environment=staging",
                        "obs.cluster=eu-1",
                        "obs.version=2.3.4",
                        "management.endpoints.web.exposure.include=health,prometheus",
                        "management.endpoint.health.show-details=always",
                        "obs.http.peers.twilio=127.0.0.1",
                        // the bridged checks' first run, at start-up, and no other during the tests
                        "obs.health.actuator.period=1d")
                .run();
        startupMillis = (System.nanoTime() - begin) / 1_000_000;
        port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        System.out.println("obs-spring-boot: the application started in " + startupMillis + " ms");
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void obsAndBootSeriesCarryTheTagsOnceEachInActuatorsScrape(CapturedOutput output) throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/escalations"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("queued");
        }

        String scrape = scrape();
        List<String> samples = scrape.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .collect(Collectors.toList());

        samples.stream()
                .filter(s -> s.startsWith("app_errors_total{") && s.contains("warning")
                        || s.startsWith("jvm_gc_memory_allocated_bytes_total{")
                        || s.startsWith("http_server_requests_seconds_count{"))
                .forEach(s -> System.out.println("obs-spring-boot scrape: " + s));
        // obs's meters, from the facades
        // one series per label set (obs registers every severity at 0 up front)
        assertThat(series(samples, "app_errors_total").stream().filter(l -> l.contains("severity=\"warning\"")))
                .containsExactly(
                        "app_errors_total{cluster=\"eu-1\",environment=\"staging\",service=\"escalation-boot\","
                                + "severity=\"warning\",type=\"LlmTimeoutError\"} 3.0");
        assertThat(series(samples, "llm_fallback_total").stream().filter(l -> l.contains("from=\"openai\"")))
                .containsExactly("llm_fallback_total{cluster=\"eu-1\",environment=\"staging\",from=\"openai\","
                        + "service=\"escalation-boot\",to=\"anthropic\"} 3.0");
        assertThat(series(samples, "app_build_info"))
                .containsExactly("app_build_info{cluster=\"eu-1\",environment=\"staging\",service=\"escalation-boot\","
                        + "version=\"2.3.4\"} 1");
        // the application's meter, registered before obs was built
        assertThat(series(samples, "escalations_started_total"))
                .containsExactly("escalations_started_total{cluster=\"eu-1\",environment=\"staging\","
                        + "service=\"escalation-boot\"} 1.0");
        // Boot's own meters, in the same registry with the same tags
        assertThat(series(samples, "jvm_gc_memory_allocated_bytes_total")).hasSize(1);
        assertThat(series(samples, "jvm_gc_memory_allocated_bytes_total").get(0))
                .contains("service=\"escalation-boot\"", "environment=\"staging\"", "cluster=\"eu-1\"");
        assertThat(series(samples, "http_server_requests_seconds_count"))
                .anySatisfy(s -> assertThat(s)
                        .contains("uri=\"/escalations\"", "method=\"POST\"", "service=\"escalation-boot\""));

        // every series of the scrape carries the tags: none was registered before the common tags
        assertThat(samples)
                .allSatisfy(s -> assertThat(s)
                        .contains("service=\"escalation-boot\"", "environment=\"staging\"", "cluster=\"eu-1\""));
        // one series per tag set: no metric split into tagged and untagged halves
        Map<String, Long> bySeries = samples.stream()
                .map(s -> s.substring(0, s.lastIndexOf(' ')))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(bySeries)
                .allSatisfy((series, count) -> assertThat(count).as(series).isEqualTo(1L));

        assertThat(output.getAll())
                .contains("Started")
                .doesNotContain("A MeterFilter is being configured after a Meter has been registered");
    }

    @Test
    void observabilityIsBuiltOnActuatorsRegistryWithBootsJvmMetricsOnly() throws Exception {
        Observability obs = context.getBean(Observability.class);
        assertThat(obs.registry()).isSameAs(context.getBean(MeterRegistry.class));
        assertThat(obs.serviceName()).isEqualTo("escalation-boot");
        assertThat(obs.environment()).isEqualTo("staging");
        assertThat(obs.cluster()).contains("eu-1");
        assertThat(obs.version()).isEqualTo("2.3.4");
        // one JVM binding (Boot's): a second would double every GC listener and its counts
        String scrape = scrape();
        assertThat(scrape.lines().filter(l -> l.startsWith("jvm_gc_memory_allocated_bytes_total{")))
                .hasSize(1);
        assertThat(scrape.lines().filter(l -> l.startsWith("# TYPE jvm_gc_memory_allocated_bytes_total ")))
                .hasSize(1);
        Environment env = context.getEnvironment();
        assertThat(env.getProperty("obs.environment")).isEqualTo("staging");
    }

    @Test
    void obsHttpSeriesComeFromSpringsObservationsUnderTheMatchedPattern() throws Exception {
        for (String path :
                List.of("/campaigns/8812", "/campaigns/8813", "/campaigns/boom", "/jane.doe@example.com/x")) {
            send(HttpRequest.newBuilder(uri(path)).GET().build());
        }
        String campaign =
                "endpoint=\"/campaigns/{id}\",environment=\"staging\",method=\"GET\",service=\"escalation-boot\"";
        String scrape =
                awaitScrape(s -> s.contains("http_requests_total{cluster=\"eu-1\"," + campaign + ",status=\"500\"} 1.0")
                        && s.contains("endpoint=\"NOT_FOUND\""));

        assertThat(scrape)
                .contains("http_requests_total{cluster=\"eu-1\"," + campaign + ",status=\"200\"} 2.0")
                .contains("http_errors_total{cluster=\"eu-1\"," + campaign + ",status=\"500\"} 1.0")
                .contains("http_requests_total{cluster=\"eu-1\",endpoint=\"NOT_FOUND\",environment=\"staging\","
                        + "method=\"GET\",service=\"escalation-boot\",status=\"404\"} 1.0")
                .doesNotContainPattern("\\{[^}]*8812") // in no label (a sample value may hold the digits)
                .doesNotContain("jane")
                .doesNotContain("endpoint=\"/**\"")
                .doesNotContain("endpoint=\"UNKNOWN\"");
        // one family, recorded once per request: Spring's own timer sits beside it under its own name
        assertThat(scrape.lines().filter(l -> l.startsWith("# TYPE http_requests_total ")))
                .hasSize(1);
        assertThat(scrape.lines().filter(l -> l.startsWith("# TYPE http_server_requests_seconds ")))
                .hasSize(1);
    }

    @Test
    void bootsHikariPoolIsPublishedOnceUnderTheNamesDeployReads() throws Exception {
        HikariDataSource dataSource = context.getBean(HikariDataSource.class);
        String pool = dataSource.getPoolName();
        assertThat(pool).isNotBlank();
        String labels = "{cluster=\"eu-1\",environment=\"staging\",pool=\"" + pool + "\",service=\"escalation-boot\"}";
        try (Connection held = dataSource.getConnection()) {
            assertThat(held.isValid(1)).isTrue();
            String scrape = scrape();
            assertThat(scrape)
                    .contains("db_connections_active" + labels + " 1.0")
                    .contains("db_pool_utilization_ratio" + labels + " " + (1.0 / dataSource.getMaximumPoolSize()));
            // Boot's series of the same counts are not registered; its others stay, under the same pool label
            assertThat(scrape)
                    .doesNotContain("hikaricp_connections_active")
                    .doesNotContain("hikaricp_connections_idle")
                    .doesNotContain("hikaricp_connections_pending")
                    .contains("hikaricp_connections_max" + labels + " " + (double) dataSource.getMaximumPoolSize());
        }
        assertThat(scrape())
                .contains("db_connections_active" + labels + " 0.0")
                .contains("db_connections_idle" + labels);
    }

    @Test
    void oneHealthCallRunsEachActuatorIndicatorOnceAndTheBridgedChecksRunOnTheirOwn() throws Exception {
        CountedIndicator indicator = context.getBean(CountedIndicator.class);
        String status = "health_check_status{check=\"ledger_lock\",cluster=\"eu-1\",environment=\"staging\","
                + "service=\"escalation-boot\"} ";
        awaitScrapeContaining(status + "1.0");
        assertThat(indicator.runs)
                .as("the bridged check's first run, at start-up, before anyone asked for health")
                .isNotEmpty()
                .allMatch(thread -> thread.startsWith("obs-health"));

        int before = indicator.runs.size();
        HttpResponse<String> health =
                send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build());
        assertThat(health.body()).contains("\"ledgerLock\":{\"status\":\"UP\"}");

        assertThat(indicator.runs.subList(before, indicator.runs.size()))
                .as("one run, Actuator's on the request's thread: obs's component no longer runs it again")
                .hasSize(1)
                .noneMatch(thread -> thread.startsWith("obs-health"));
    }

    @Test
    void oneCheckDeclaredEitherWayIsInActuatorsHealthAndInHealthCheckStatus() throws Exception {
        HttpResponse<String> health =
                send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build());
        JsonNode components = new ObjectMapper().readTree(health.body()).path("components");

        // obs's check, as the obs component
        assertThat(components.path("obs").path("status").asText())
                .as(health.body())
                .isEqualTo("UP");
        JsonNode store = components.path("obs").path("details").path("campaign_store");
        assertThat(store.path("status").asText()).isEqualTo("UP");
        assertThat(store.path("critical").asBoolean()).isTrue();
        assertThat(store.path("detail").asText()).isEqualTo("3 shards");
        // Actuator's indicators are Actuator's components, not repeated inside obs's
        assertThat(components.path("dialer").path("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(components.path("obs").path("details").has("dialer")).isFalse();
        assertThat(components.path("obs").path("details").has("disk_space")).isFalse();
        assertThat(components
                        .path("ledger")
                        .path("components")
                        .path("replica")
                        .path("status")
                        .asText())
                .isEqualTo("OUT_OF_SERVICE");
        assertThat(components.path("obs").path("details").has("ledger_replica")).isFalse();
        assertThat(health.statusCode()).as("OUT_OF_SERVICE answers 503").isEqualTo(503);

        // and every one of them in health_check_status: the bridged ones from their own run at start-up
        String tags = ",cluster=\"eu-1\",environment=\"staging\",service=\"escalation-boot\"} ";
        String scrape = awaitScrapeContaining("health_check_status{check=\"ledger_replica\"" + tags + "0.0");
        assertThat(scrape)
                .contains("health_check_status{check=\"campaign_store\"" + tags + "1.0")
                .contains("health_check_status{check=\"dialer\"" + tags + "0.0")
                .contains("health_check_status{check=\"disk_space\"" + tags + "1.0")
                .contains("health_check_status{check=\"ledger_primary\"" + tags + "1.0")
                .contains("health_check_status{check=\"ledger_replica\"" + tags + "0.0")
                .doesNotContain("4155550134")
                .doesNotContain("carrier");
    }

    @Test
    void restClientCallsToAPeersHostAreObsClientSeriesAndOtherHostsAreNot() throws Exception {
        try (LoopbackTwilio twilio = LoopbackTwilio.start()) {
            // a RestClient observed by the context's ObservationRegistry, as Boot's RestClient.Builder makes it
            RestClient client = RestClient.builder()
                    .observationRegistry(context.getBean(ObservationRegistry.class))
                    .build();
            int port = twilio.port();
            for (int i = 0; i < 2; i++) {
                client.post()
                        .uri("http://127.0.0.1:" + port + "/2010-04-01/Messages.json?To=+14155550134")
                        .retrieve()
                        .toBodilessEntity();
            }
            // the same server under a host name that is no peer's: not recorded
            client.post()
                    .uri("http://localhost:" + port + "/2010-04-01/Messages.json")
                    .retrieve()
                    .toBodilessEntity();
            assertThatThrownBy(() -> client.get()
                            .uri("http://127.0.0.1:" + twilio.closedPort() + "/down")
                            .retrieve()
                            .toBodilessEntity())
                    .isInstanceOf(ResourceAccessException.class);
        }

        String scrape = scrape();
        String twilioCalls = "{cluster=\"eu-1\",environment=\"staging\",method=\"POST\",peer=\"twilio\","
                + "service=\"escalation-boot\",status=\"201\"} 2.0";
        assertThat(scrape)
                .contains("http_client_requests_total" + twilioCalls)
                .contains("http_client_requests_total{cluster=\"eu-1\",environment=\"staging\",method=\"GET\","
                        + "peer=\"twilio\",service=\"escalation-boot\",status=\"IO_ERROR\"} 1.0")
                .contains("http_client_request_duration_seconds_count{cluster=\"eu-1\",environment=\"staging\","
                        + "method=\"POST\",peer=\"twilio\",service=\"escalation-boot\"} 2")
                .doesNotContain("4155550134"); // Spring's own http_client_requests_seconds{uri} is masked too
        // obs's series name peers, never hosts: the call to localhost, no peer's host, is not among them
        assertThat(scrape.lines().filter(l -> l.startsWith("http_client_requests_total{")))
                .hasSize(2)
                .noneMatch(l -> l.contains("localhost"));
    }

    /** The scrape once it satisfies {@code ready}: Spring stops an observation after the response may have left. */
    private static String awaitScrape(java.util.function.Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        String scrape = scrape();
        while (!ready.test(scrape) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            scrape = scrape();
        }
        assertThat(ready.test(scrape)).as(scrape).isTrue();
        return scrape;
    }

    private static List<String> series(List<String> samples, String name) {
        return samples.stream().filter(s -> s.startsWith(name + "{")).collect(Collectors.toList());
    }

    /** The scrape once it contains {@code line} (the bridged checks run on their own thread), within 10 s. */
    private static String awaitScrapeContaining(String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String scrape = scrape();
        while (!scrape.contains(line) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            scrape = scrape();
        }
        assertThat(scrape).contains(line);
        return scrape;
    }

    private static String scrape() throws IOException, InterruptedException {
        HttpResponse<String> answer =
                send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
