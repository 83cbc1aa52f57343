package io.escalation.obs.tcpa;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import java.util.List;

/** obs-tcpa's entry in the metric catalogue, found through {@link java.util.ServiceLoader}. */
public final class TcpaCatalogue implements MeterCatalogue {

    /** Public for {@link java.util.ServiceLoader}. */
    public TcpaCatalogue() {
    }

    @Override
    public String module() {
        return "obs-tcpa";
    }

    @Override
    public List<ObsMeter> meters() {
        return List.of(TcpaMeters.values());
    }
}
