package io.escalation.obs.security;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import java.util.List;

/** obs-security's entry in the metric catalogue, found through {@link java.util.ServiceLoader}. */
public final class SecurityCatalogue implements MeterCatalogue {

    /** Public for {@link java.util.ServiceLoader}. */
    public SecurityCatalogue() {
    }

    @Override
    public String module() {
        return "obs-security";
    }

    @Override
    public List<ObsMeter> meters() {
        return List.of(SecurityMeters.values());
    }
}
