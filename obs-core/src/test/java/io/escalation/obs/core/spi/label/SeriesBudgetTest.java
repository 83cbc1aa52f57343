package io.escalation.obs.core.spi.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SeriesBudgetTest {

    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .labelPolicy(LabelPolicy.builder().maxSeriesPerMeter(100).build())
            .jvmMetrics(false)
            .build();

    @AfterEach
    void close() {
        obs.close();
    }

    @Test
    void ordinarySeriesStopAtTheCapLessTheReserveAndTheReserveFillsTheRest() {
        SeriesBudget budget =
                ModuleKit.of(obs).labels().seriesBudget(CoreCatalogue.APP_ERRORS, CoreCatalogue.ERROR_TYPE, 10);
        int taken = 0;
        while (budget.tryTake()) {
            taken++;
        }
        assertThat(taken).isEqualTo(90);
        assertThat(budget.tryTake()).isFalse();
        for (int i = 0; i < 10; i++) {
            budget.takeReserved();
        }
        assertThat(budget.size()).isEqualTo(budget.cap()).isEqualTo(100);
    }

    @Test
    void everyCallerForTheSameMeterSharesOneBudgetAndFoldsAreCountedAsOverflowOfTheFoldedLabel() {
        SeriesBudget first =
                ModuleKit.of(obs).labels().seriesBudget(CoreCatalogue.APP_ERRORS, CoreCatalogue.ERROR_TYPE, 0);
        SeriesBudget second =
                ModuleKit.of(obs).labels().seriesBudget(CoreCatalogue.APP_ERRORS, CoreCatalogue.ERROR_TYPE, 0);
        assertThat(second).isSameAs(first);
        first.overflow().increment();
        assertThat(obs.prometheusText())
                .contains("obs_label_overflow_total{environment=\"test\",label=\"type\","
                        + "metric=\"app_errors_total\",service=\"svc\"} 1.0\n");
    }

    @Test
    void aReserveLargerThanHalfTheCapFailsNamingTheSetting() {
        assertThatThrownBy(() ->
                        ModuleKit.of(obs).labels().seriesBudget(CoreCatalogue.APP_ERRORS, CoreCatalogue.ERROR_TYPE, 51))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("raise LabelPolicy.maxSeriesPerMeter to at least 102");
    }

    @Test
    void policyRejectsACapOutsideItsRange() {
        assertThatThrownBy(() -> LabelPolicy.builder().maxSeriesPerMeter(99).build())
                .hasMessageContaining("LabelPolicy.maxSeriesPerMeter must be between 100 and 100000");
        assertThatThrownBy(
                        () -> LabelPolicy.builder().maxSeriesPerMeter(100_001).build())
                .hasMessageContaining("LabelPolicy.maxSeriesPerMeter must be between 100 and 100000");
        assertThat(LabelPolicy.defaults().maxSeriesPerMeter()).isEqualTo(2_000);
    }
}
