package io.escalation.obs.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.ErrorSeverity;
import io.escalation.obs.core.Observability;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract's checks fail when a module's exercise and its catalogue disagree. */
class CatalogueContractTest {

    private final CoreContract contract = new CoreContract();

    @AfterEach
    void close() {
        contract.closeObservability();
    }

    @Test
    void aCataloguedMeterMissingFromTheScrapeFails() {
        contract.exercise = obs -> AppErrors.create(obs).record("Timeout", ErrorSeverity.ERROR);
        contract.exerciseAndScrape();

        assertThatThrownBy(contract::everyCataloguedMeterIsExposedWithItsType)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("missing from the scrape");
        contract.everyCataloguedMeterCarriesExactlyItsCataloguedLabels();
        contract.nothingUncataloguedIsExposed();
        contract.namesAndLabelsFollowPrometheusConventions();
    }

    @Test
    void anUncataloguedMeterFails() {
        contract.exercise =
                obs -> Counter.builder("rogue.events").register(obs.registry()).increment();
        contract.exerciseAndScrape();

        assertThatThrownBy(contract::nothingUncataloguedIsExposed)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("rogue_events_total");
    }

    @Test
    void aCataloguedMeterWithOtherLabelsFails() {
        contract.exercise = obs -> Counter.builder("app.errors")
                .tag("type", "Timeout")
                .register(obs.registry())
                .increment();
        contract.exerciseAndScrape();

        assertThatThrownBy(contract::everyCataloguedMeterCarriesExactlyItsCataloguedLabels)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("app_errors_total has [environment, service, type]");
        assertThat(CatalogueContract.wrongLabels(CatalogueContract.catalogue("obs-core"), contract.scrape()))
                .singleElement()
                .asString()
                .contains("severity");
    }

    @Test
    void aModuleWithoutACatalogueFails() {
        assertThatThrownBy(() -> CatalogueContract.catalogue("obs-nothing"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("obs-nothing");
    }

    /** obs-core's catalogue with a settable exercise: obs-test's own tests see no other module. */
    private static final class CoreContract extends CatalogueContract {

        private java.util.function.Consumer<Observability> exercise = obs -> {};
        private String scrape = "";

        @Override
        public String module() {
            return "obs-core";
        }

        @Override
        public void exercise(Observability obs) {
            exercise.accept(obs);
            scrape = obs.prometheusText();
        }

        String scrape() {
            return scrape;
        }
    }
}
