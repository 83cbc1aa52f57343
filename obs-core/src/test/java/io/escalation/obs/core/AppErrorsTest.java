package io.escalation.obs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppErrorsTest {

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
    void countsByExceptionClassAndSeverity() {
        AppErrors errors = AppErrors.create(obs);
        errors.record(new SQLException("boom"), ErrorSeverity.ERROR);
        errors.record(new SQLException("again"), ErrorSeverity.ERROR);
        errors.record("DatabaseError", ErrorSeverity.CRITICAL);

        assertThat(obs.prometheusText())
                .contains("app_errors_total{environment=\"test\",service=\"svc\",severity=\"error\","
                        + "type=\"SQLException\"} 2.0\n")
                .contains("app_errors_total{environment=\"test\",service=\"svc\",severity=\"critical\","
                        + "type=\"DatabaseError\"} 1.0\n");
    }

    @Test
    void badInputNeverThrowsAndIsCounted() {
        AppErrors errors = AppErrors.create(obs);
        assertThatCode(() -> {
                    errors.record((Throwable) null, ErrorSeverity.ERROR);
                    errors.record("Timeout", null);
                    errors.record((String) null, ErrorSeverity.WARNING);
                    errors.record("jane.doe@example.com", ErrorSeverity.WARNING);
                    errors.record("Bad\r\nType", ErrorSeverity.WARNING);
                })
                .doesNotThrowAnyException();

        String scrape = obs.prometheusText();
        assertThat(scrape)
                .contains("severity=\"warning\",type=\"unknown\"} 1.0\n")
                .contains("severity=\"warning\",type=\"redacted\"} 1.0\n")
                .contains("severity=\"warning\",type=\"Bad__Type\"} 1.0\n")
                .contains("metric=\"app_errors_total\",reason=\"null_value\",service=\"svc\"} 3.0\n")
                .contains("metric=\"app_errors_total\",reason=\"label_pii\",service=\"svc\"} 1.0\n")
                .contains("metric=\"app_errors_total\",reason=\"label_control_chars\",service=\"svc\"} 1.0\n")
                .doesNotContain("jane.doe");
    }

    @Test
    void aRegistryThatThrowsIsCountedNotPropagated() {
        SimpleMeterRegistry refusing = new SimpleMeterRegistry();
        refusing.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().equals("app.errors")) {
                    throw new IllegalStateException("registry refuses " + id.getName());
                }
                return id;
            }
        });
        try (Observability refusingObs = Observability.builder()
                .serviceName("svc")
                .environment("test")
                .meterRegistry(refusing)
                .jvmMetrics(false)
                .build()) {
            AppErrors errors = AppErrors.create(refusingObs);
            assertThatCode(() -> errors.record("Timeout", ErrorSeverity.ERROR)).doesNotThrowAnyException();
            assertThat(refusing.get("obs.instrumentation.errors")
                            .tag("reason", "recording_failed")
                            .tag("metric", "app_errors_total")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void ofTypeResolvesOnceAndAnonymousClassesKeepTheirName() {
        AppErrors errors = AppErrors.create(obs);
        AppErrors.OfType timeouts = errors.ofType("LlmTimeoutError");
        timeouts.record(ErrorSeverity.WARNING);
        timeouts.record(ErrorSeverity.WARNING);
        timeouts.record(null);
        errors.record(new RuntimeException("x") {}, ErrorSeverity.ERROR);

        assertThat(obs.prometheusText())
                .contains("severity=\"warning\",type=\"LlmTimeoutError\"} 2.0\n")
                .containsPattern(
                        "severity=\"error\",type=\"io\\.escalation\\.obs\\.core\\.AppErrorsTest\\$\\d\"} 1\\.0\n")
                .contains("metric=\"app_errors_total\",reason=\"null_value\",service=\"svc\"} 1.0\n");
    }
}
