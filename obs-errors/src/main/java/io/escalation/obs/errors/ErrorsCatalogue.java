package io.escalation.obs.errors;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import java.util.List;

/** obs-errors' entry in the metric catalogue, found through {@link java.util.ServiceLoader}. */
public final class ErrorsCatalogue implements MeterCatalogue {

    /** Public for {@link java.util.ServiceLoader}. */
    public ErrorsCatalogue() {
    }

    @Override
    public String module() {
        return "obs-errors";
    }

    @Override
    public List<ObsMeter> meters() {
        return List.of(ErrorsMeters.values());
    }
}
