package io.escalation.obs.http;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import java.util.List;

/** obs-http's entry in the metric catalogue, found through {@link java.util.ServiceLoader}. */
public final class HttpCatalogue implements MeterCatalogue {

    /** Public for {@link java.util.ServiceLoader}. */
    public HttpCatalogue() {
    }

    @Override
    public String module() {
        return "obs-http";
    }

    @Override
    public List<ObsMeter> meters() {
        return List.of(HttpMeters.values());
    }
}
