package io.escalation.obs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.endpoint.ObsHttpEndpoint;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating a facade twice on one Observability gives the same facade: nothing recorded is lost. */
class CreateTwiceTest {

    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .jvmMetrics(false)
            .build();

    @AfterEach
    void close() {
        obs.close();
    }

    @Test
    void aDownCheckRegisteredThroughASecondHealthChecksIsInHealthAndItsGauge() throws Exception {
        HealthChecks first = HealthChecks.create(obs).register("database", Duration.ofSeconds(1), HealthResult::up);
        HealthChecks second = HealthChecks.create(obs)
                .register("redis", Duration.ofSeconds(1), () -> HealthResult.down("connection refused"));

        try (ObsHttpEndpoint endpoint = ObsHttpEndpoint.builder(obs)
                .host("127.0.0.1")
                .port(0)
                .health(first)
                .healthCacheFor(Duration.ZERO)
                .start()) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/health"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body())
                    .startsWith("{\"status\":\"DOWN\",")
                    .contains("\"database\":{\"status\":\"UP\"")
                    .contains("\"redis\":{\"status\":\"DOWN\"");
        } finally {
            first.close();
        }
        assertThat(obs.prometheusText())
                .contains("health_check_status{check=\"redis\",environment=\"test\",service=\"svc\"} 0.0\n")
                .contains("health_check_status{check=\"database\",environment=\"test\",service=\"svc\"} 1.0\n");
        assertThat(second).isSameAs(first);
    }

    @Test
    void aCheckNameRegisteredThroughBothFailsInsteadOfHidingTheDownOne() {
        HealthChecks.create(obs).register("database", Duration.ofSeconds(1), HealthResult::up);
        try (HealthChecks second = HealthChecks.create(obs)) {
            assertThatThrownBy(() ->
                            second.register("database", Duration.ofSeconds(1), () -> HealthResult.down("replica lag")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("health check 'database' is already registered");
        }
    }

    @Test
    void closingTheSharedChecksClosesThemForEveryHolder() {
        HealthChecks.create(obs).close();

        assertThatThrownBy(() -> HealthChecks.create(obs).register("database", Duration.ofSeconds(1), HealthResult::up))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HealthChecks is closed: register checks before close()");
    }

    @Test
    void appErrorsRecordedThroughBothAddUp() {
        AppErrors first = AppErrors.create(obs);
        AppErrors second = AppErrors.create(obs);
        first.record("Timeout", ErrorSeverity.ERROR);
        second.record("Timeout", ErrorSeverity.ERROR);

        assertThat(obs.prometheusText())
                .contains("app_errors_total{environment=\"test\",service=\"svc\","
                        + "severity=\"error\",type=\"Timeout\"} 2.0\n");
        assertThat(second).isSameAs(first);
    }

    @Test
    void aQueueNameRegisteredThroughBothFailsFastAndOtherQueuesShow() {
        QueueMetrics first = QueueMetrics.create(obs).register("tasks", new ArrayDeque<>(List.of(1, 2, 3)));
        QueueMetrics second = QueueMetrics.create(obs).register("emails", new ArrayDeque<>(List.of(1)));

        assertThatThrownBy(() -> second.register("tasks", new ArrayDeque<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue 'tasks' is already registered");
        assertThat(obs.prometheusText())
                .contains("queue_depth{environment=\"test\",queue=\"tasks\",service=\"svc\"} 3.0\n")
                .contains("queue_depth{environment=\"test\",queue=\"emails\",service=\"svc\"} 1.0\n");
        assertThat(second).isSameAs(first);
    }

    @Test
    void eachObservabilityHasItsOwnFacades() {
        try (Observability other = Observability.builder()
                .serviceName("svc")
                .environment("test")
                .jvmMetrics(false)
                .build()) {
            assertThat(AppErrors.create(other)).isNotSameAs(AppErrors.create(obs));
        }
    }
}
