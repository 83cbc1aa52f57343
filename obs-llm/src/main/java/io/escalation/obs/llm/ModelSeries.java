package io.escalation.obs.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicBoolean;

/** The meters of one provider and one (guarded) model label value. */
final class ModelSeries {

    final LlmProvider provider;
    final String model;
    final Counter[] tokens;
    final Counter[] requests;
    final Timer duration;
    final ExactUsd cost = new ExactUsd();
    final LazyMeters<Timer> timeToFirstToken;
    final LazyMeters<Counter> unpriced;
    final AtomicBoolean unpricedReported = new AtomicBoolean();

    ModelSeries(LlmProvider provider, String model, Counter[] tokens, Counter[] requests, Timer duration,
            LazyMeters<Timer> timeToFirstToken, LazyMeters<Counter> unpriced) {
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
        private final LazyMeters<ModelSeries> series;

        ByProvider(LazyMeters<ModelSeries> series) {
            this.series = series;
        }

        ModelSeries of(LlmProvider provider) {
            return series.get(provider.ordinal());
        }
    }
}
