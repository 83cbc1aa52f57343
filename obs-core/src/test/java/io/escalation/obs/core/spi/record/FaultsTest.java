package io.escalation.obs.core.spi.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

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
    void negativeNanAndInfiniteAreRejectedAndCounted() {
        Faults faults = ModuleKit.of(obs).faults();

        assertThat(faults.rejectsCount(CoreCatalogue.APP_ERRORS, -1)).isTrue();
        assertThat(faults.rejectsCount(CoreCatalogue.APP_ERRORS, 0)).isFalse();
        assertThat(faults.rejectsAmount(CoreCatalogue.APP_ERRORS, Double.NaN)).isTrue();
        assertThat(faults.rejectsAmount(CoreCatalogue.APP_ERRORS, Double.POSITIVE_INFINITY))
                .isTrue();
        assertThat(faults.rejectsAmount(CoreCatalogue.APP_ERRORS, -0.5)).isTrue();
        assertThat(faults.rejectsAmount(CoreCatalogue.APP_ERRORS, 12.5)).isFalse();

        assertThat(obs.prometheusText())
                .contains("obs_instrumentation_errors_total{environment=\"test\",metric=\"app_errors_total\","
                        + "reason=\"negative_value\",service=\"svc\"} 2.0\n")
                .contains("obs_instrumentation_errors_total{environment=\"test\",metric=\"app_errors_total\","
                        + "reason=\"not_a_number\",service=\"svc\"} 2.0\n");
    }

    @Test
    void clampRecordsValueTooLarge() {
        assertThat(ModuleKit.of(obs).faults().clamp(CoreCatalogue.APP_ERRORS, 5_000, 1_000))
                .isEqualTo(1_000);
        assertThat(ModuleKit.of(obs).faults().clamp(CoreCatalogue.APP_ERRORS, 999, 1_000))
                .isEqualTo(999);
        assertThat(obs.prometheusText()).contains("reason=\"value_too_large\",service=\"svc\"} 1.0\n");
    }

    @Test
    void aMissingMeterOrReasonNeverThrows() {
        org.assertj.core.api.Assertions.assertThatCode(() -> {
                    ModuleKit.of(obs).faults().record(null, FaultReason.NULL_VALUE);
                    ModuleKit.of(obs).faults().record(CoreCatalogue.APP_ERRORS, null);
                })
                .doesNotThrowAnyException();
    }

    @Test
    void aFailingCallbackIsCountedButAVirtualMachineErrorPasses() {
        ModuleKit.of(obs).faults().callbackFailed(CoreCatalogue.APP_ERRORS, new AssertionError("listener bug"));
        ModuleKit.of(obs).faults().callbackFailed(CoreCatalogue.APP_ERRORS, new IllegalStateException("listener bug"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        ModuleKit.of(obs).faults().callbackFailed(CoreCatalogue.APP_ERRORS, new StackOverflowError()))
                .isInstanceOf(StackOverflowError.class);

        assertThat(obs.prometheusText())
                .contains("obs_instrumentation_errors_total{environment=\"test\","
                        + "metric=\"app_errors_total\",reason=\"recording_failed\",service=\"svc\"} 2.0\n");
    }

    @Test
    void theGuardsTakingArgumentsCountWhatTheActionThrowsAndLetAnErrorPass() {
        Faults faults = ModuleKit.of(obs).faults();
        StringBuilder ran = new StringBuilder();

        faults.guard(CoreCatalogue.APP_ERRORS, (StringBuilder b) -> b.append('c'), ran);
        faults.guardInt(CoreCatalogue.APP_ERRORS, (StringBuilder b, int i) -> b.append(i), ran, 1);
        faults.guardLong(CoreCatalogue.APP_ERRORS, (StringBuilder b, long l) -> b.append(l), ran, 2L);
        faults.guard(CoreCatalogue.APP_ERRORS, (StringBuilder b, String s) -> b.append(s), ran, "b");
        assertThat(faults.guard(CoreCatalogue.APP_ERRORS, (StringBuilder b, String s) -> s + b, ran, "f", "fallback"))
                .isEqualTo("fc12b");
        assertThat(faults.guard(CoreCatalogue.APP_ERRORS, (StringBuilder b, String s) -> null, ran, "f", "fallback"))
                .isEqualTo("fallback");
        assertThat(ran).hasToString("c12b");
        assertThat(obs.prometheusText()).doesNotContain("reason=\"recording_failed\"");

        faults.guard(CoreCatalogue.APP_ERRORS, (StringBuilder b) -> fail(), ran);
        faults.guardInt(CoreCatalogue.APP_ERRORS, (StringBuilder b, int i) -> fail(), ran, 1);
        faults.guardLong(CoreCatalogue.APP_ERRORS, (StringBuilder b, long l) -> fail(), ran, 2L);
        faults.guard(CoreCatalogue.APP_ERRORS, (StringBuilder b, String s) -> fail(), ran, "b");
        assertThat(faults.guard(
                        CoreCatalogue.APP_ERRORS, (StringBuilder b, String s) -> failWith(), ran, "f", "fallback"))
                .isEqualTo("fallback");
        assertThat(obs.prometheusText())
                .contains("obs_instrumentation_errors_total{environment=\"test\","
                        + "metric=\"app_errors_total\",reason=\"recording_failed\",service=\"svc\"} 5.0\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> faults.guardLong(
                        CoreCatalogue.APP_ERRORS,
                        (StringBuilder b, long l) -> {
                            throw new StackOverflowError();
                        },
                        ran,
                        3L))
                .isInstanceOf(StackOverflowError.class);
    }

    private static void fail() {
        throw new IllegalStateException("a registry refusing a meter");
    }

    private static String failWith() {
        throw new IllegalStateException("a registry refusing a meter");
    }
}
