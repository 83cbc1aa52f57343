package io.escalation.obs.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.Observability;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void jsonMatchesTheDocumentedShape() {
        HealthReport report = new HealthReport(List.of(
                new HealthReport.CheckResult("database", HealthStatus.UP, true, Duration.ofMillis(3), null),
                new HealthReport.CheckResult(
                        "redis", HealthStatus.DOWN, true, Duration.ofMillis(1000), "timed out after 1000ms")));

        assertThat(report.toJson())
                .isEqualTo(
                        "{\"status\":\"DOWN\",\"checks\":{"
                                + "\"database\":{\"status\":\"UP\",\"durationMs\":3},"
                                + "\"redis\":{\"status\":\"DOWN\",\"durationMs\":1000,\"detail\":\"timed out after 1000ms\"}}}");
        assertThat(report.httpStatus()).isEqualTo(503);
    }

    @Test
    void jsonEscapesQuotesBackslashesAndControlCharacters() {
        String detail = "said \"no\"\\ at C:\\tmp\nline2\r\t\b\f\u0001\u001f\u2028é";
        HealthReport report = new HealthReport(
                List.of(new HealthReport.CheckResult("database", HealthStatus.DOWN, true, Duration.ZERO, detail)));

        assertThat(report.toJson())
                .isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"database\":{\"status\":\"DOWN\","
                        + "\"durationMs\":0,\"detail\":\"said \\\"no\\\"\\\\ at C:\\\\tmp\\nline2\\r\\t\\b\\f\\u0001\\u001f"
                        + "\\u2028é\"}}}");
    }

    @Test
    void jsonEscapingThroughARealCheck() {
        try (Observability obs = Observability.builder()
                        .serviceName("svc")
                        .environment("test")
                        .jvmMetrics(false)
                        .build();
                HealthChecks checks = HealthChecks.create(obs)) {
            checks.register("database", Duration.ofSeconds(1), () -> HealthResult.down("bad \"quote\"\nnext"));

            assertThat(checks.runAll().toJson()).contains("\"detail\":\"bad \\\"quote\\\"\\nnext\"");
        }
    }

    @Test
    void longDetailsAreCut() {
        try (Observability obs = Observability.builder()
                        .serviceName("svc")
                        .environment("test")
                        .jvmMetrics(false)
                        .build();
                HealthChecks checks = HealthChecks.create(obs)) {
            checks.register("database", Duration.ofSeconds(1), () -> HealthResult.down("x".repeat(10_000)));

            assertThat(checks.runAll().check("database").orElseThrow().detail())
                    .hasValueSatisfying(d -> assertThat(d)
                            .hasSize(RegisteredCheck.MAX_DETAIL + 3)
                            .endsWith("..."));
        }
    }

    @Test
    void nonCriticalDownDoesNotMakeTheReportDown() {
        HealthReport report = new HealthReport(List.of(
                new HealthReport.CheckResult("openai", HealthStatus.DOWN, false, Duration.ofMillis(12), "HTTP 503")));

        assertThat(report.status()).isEqualTo(HealthStatus.UP);
        assertThat(report.httpStatus()).isEqualTo(200);
        assertThat(report.toJson())
                .isEqualTo("{\"status\":\"UP\",\"checks\":{\"openai\":{\"status\":\"DOWN\","
                        + "\"durationMs\":12,\"critical\":false,\"detail\":\"HTTP 503\"}}}");
    }

    @Test
    void resultFactories() {
        assertThat(HealthResult.up().isUp()).isTrue();
        assertThat(HealthResult.up().detail()).isEmpty();
        assertThat(HealthResult.up("ok").detail()).contains("ok");
        assertThat(HealthResult.down("bad").status()).isEqualTo(HealthStatus.DOWN);
        assertThat(HealthResult.down("bad")).isEqualTo(HealthResult.down("bad")).hasToString("DOWN (bad)");
    }
}
