package io.escalation.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import org.junit.jupiter.api.Test;

/** The names obs-logging's metrics are exposed under, and the catalogue's discovery of them. */
class LoggingCatalogueTest {

    @Test
    void exposedNamesAndLabels() {
        assertThat(new LoggingCatalogue().meters().stream().map(ObsMeter::prometheusName))
                .containsExactly("logging_events_dropped_total", "logging_audit_chain_breaks_total");
        assertThat(LoggingCatalogue.EVENTS_DROPPED.getKeyNames())
                .extracting(k -> k.asString())
                .containsExactly("appender", "level", "reason");
        assertThat(LoggingCatalogue.AUDIT_CHAIN_BREAKS.getKeyNames())
                .extracting(k -> k.asString())
                .containsExactly("appender", "reason");
        assertThat(MeterCatalogue.discover()).extracting(MeterCatalogue::module).contains("obs-logging");
    }
}
