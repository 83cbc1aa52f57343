package io.escalation.obs.logging;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import java.util.List;

/** obs-logging's entry in the metric catalogue, found through {@link java.util.ServiceLoader}. */
public final class LoggingCatalogue implements MeterCatalogue {

    /** Public for {@link java.util.ServiceLoader}. */
    public LoggingCatalogue() {
    }

    @Override
    public String module() {
        return "obs-logging";
    }

    @Override
    public List<ObsMeter> meters() {
        return List.of(LoggingMeters.values());
    }
}
