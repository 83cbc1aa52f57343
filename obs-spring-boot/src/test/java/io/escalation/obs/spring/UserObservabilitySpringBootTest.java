package io.escalation.obs.spring;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.ErrorSeverity;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthResult;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code @SpringBootTest} on a random port, over real HTTP, for an application that builds its own
 * {@link Observability} bean: the auto-configuration backs off and the facades hang off the application's instance,
 * {@code /actuator/prometheus} passes {@code promtool check metrics} with Boot's meters in it, and
 * {@code /actuator/health} shows obs's checks.
 */
@SpringBootTest(
        classes = UserObservabilitySpringBootTest.App.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "spring.application.name=payments-api",
            "obs.environment=staging",
            "management.endpoints.web.exposure.include=health,prometheus",
            "management.endpoint.health.show-details=always"
        })
// closed after the class, not kept in Spring's test-context cache: while it stayed open, ObsErrorsSentryTest's
// application, started after it in this JVM, lost its ERROR lines' Sentry appender (seen with reversed test order)
@DirtiesContext
class UserObservabilitySpringBootTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        /** The application's own Observability: its version marks it in the scrape. */
        @Bean(destroyMethod = "close")
        Observability observability(MeterRegistry registry) {
            return Observability.builder()
                    .serviceName("payments-api")
                    .environment("staging")
                    .version("9.9.9-own")
                    .meterRegistry(registry)
                    .jvmMetricsFromHost()
                    .build();
        }

        @Bean
        Payments payments(AppErrors errors, HealthChecks checks) {
            checks.register("ledger", Duration.ofSeconds(1), () -> HealthResult.up("replica in sync"));
            return new Payments(errors);
        }
    }

    @RestController
    static class Payments {
        private final AppErrors errors;

        Payments(AppErrors errors) {
            this.errors = errors;
        }

        @PostMapping("/payments")
        String pay() {
            errors.record("PaymentDeclined", ErrorSeverity.WARNING);
            return "declined";
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Observability observability;

    @Autowired
    AppErrors errors;

    @Test
    void theApplicationsObservabilityWinsAndEverythingHangsOffIt() throws Exception {
        assertThat(observability.version()).isEqualTo("9.9.9-own");
        assertThat(errors).isSameAs(AppErrors.create(observability));
        assertThat(post("/payments").body()).isEqualTo("declined");

        String scrape = get("/actuator/prometheus").body();
        assertThat(scrape)
                .containsPattern("(?m)^app_build_info\\{[^}]*version=\"9\\.9\\.9-own\"[^}]*\\} 1$")
                .containsPattern(
                        "(?m)^app_errors_total\\{[^}]*severity=\"warning\"[^}]*type=\"PaymentDeclined\"[^}]*\\} 1\\.0$")
                .containsPattern("(?m)^http_server_requests_seconds_count\\{[^}]*uri=\"/payments\"[^}]*\\} 1$");
        assertThat(scrape.lines().filter(l -> l.startsWith("app_build_info{"))).hasSize(1);
        assertThatScrape(scrape).passesPromtool();
    }

    @Test
    void actuatorHealthShowsObsChecks() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"obs\"", "\"ledger\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
