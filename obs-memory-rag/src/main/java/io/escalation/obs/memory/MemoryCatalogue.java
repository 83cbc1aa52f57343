package io.escalation.obs.memory;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import java.util.List;

/** obs-memory-rag's entry in the metric catalogue, found through {@link java.util.ServiceLoader}. */
public final class MemoryCatalogue implements MeterCatalogue {

    /** Public for {@link java.util.ServiceLoader}. */
    public MemoryCatalogue() {
    }

    @Override
    public String module() {
        return "obs-memory-rag";
    }

    @Override
    public List<ObsMeter> meters() {
        return List.of(MemoryMeters.values());
    }
}
