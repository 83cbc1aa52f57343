package io.escalation.obs.llm;

import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.spi.record.MeterTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** The meters of one provider and one (guarded) model label value. */
final class ModelSeries {

    final LlmProvider provider;
    final String model;
    final Counter[] tokens;
    final Counter[] requests;
    final Timer duration;
    final ExactUsd cost = new ExactUsd();
    final MeterTable<Timer> timeToFirstToken;
    final MeterTable<Counter> unpriced;
    final AtomicBoolean unpricedReported = new AtomicBoolean();

    ModelSeries(
            LlmProvider provider,
            String model,
            Counter[] tokens,
            Counter[] requests,
            Timer duration,
            MeterTable<Timer> timeToFirstToken,
            MeterTable<Counter> unpriced) {
        this.provider = provider;
        this.model = model;
        this.tokens = tokens;
        this.requests = requests;
        this.duration = duration;
        this.timeToFirstToken = timeToFirstToken;
        this.unpriced = unpriced;
    }

    /** The series of every provider for one model label value, created per provider on first use. */
    static final class ByProvider {
        private final MeterTable<ModelSeries> series;

        ByProvider(MeterTable<ModelSeries> series) {
            this.series = series;
        }

        /** The series of {@code provider}, or null when the registry refused it (counted on requests). */
        @Nullable
        ModelSeries of(LlmProvider provider, Faults faults) {
            return series.get(provider.ordinal(), faults, LlmCatalogue.REQUESTS);
        }
    }
}
