package io.escalation.obs.business;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import java.util.List;

/** obs-business's entry in the metric catalogue, found through {@link java.util.ServiceLoader}. */
public final class BusinessCatalogue implements MeterCatalogue {

    /** Public for {@link java.util.ServiceLoader}. */
    public BusinessCatalogue() {
    }

    @Override
    public String module() {
        return "obs-business";
    }

    @Override
    public List<ObsMeter> meters() {
        return List.of(BusinessMeters.values());
    }
}
