package io.escalation.obs.llm;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import java.util.List;

/** obs-llm's entry in the metric catalogue, found through {@link java.util.ServiceLoader}. */
public final class LlmCatalogue implements MeterCatalogue {

    /** Public for {@link java.util.ServiceLoader}. */
    public LlmCatalogue() {
    }

    @Override
    public String module() {
        return "obs-llm";
    }

    @Override
    public List<ObsMeter> meters() {
        return List.of(LlmMeters.values());
    }
}
