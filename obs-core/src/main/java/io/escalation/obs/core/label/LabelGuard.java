package io.escalation.obs.core.label;

import io.escalation.obs.core.catalog.CoreLabels;
import io.escalation.obs.core.catalog.CoreMeters;
import io.escalation.obs.core.catalog.ObsLabel;
import io.escalation.obs.core.catalog.ObsMeter;
import io.escalation.obs.core.fault.Faults;
import io.escalation.obs.core.pii.PiiMasker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;

/**
 * Hands out {@link GuardedLabel}s: every open-vocabulary label value a facade receives from its
 * caller goes through one. Obtain it from {@code Observability.labels()}.
 *
 * <pre>{@code
 * GuardedLabel<Counter> byModel = obs.labels().guard(LlmMeters.REQUESTS, LlmLabels.MODEL,
 *         model -> Counter.builder("llm.requests").tag("model", model).register(obs.registry()));
 * byModel.resolve(request.model()).increment();
 * }</pre>
 */
public final class LabelGuard {

    private final LabelPolicy policy;
    private final PiiMasker masker;
    private final Faults faults;
    private final MeterRegistry registry;

    /** For {@code Observability}; facades use {@code obs.labels()}. */
    public LabelGuard(LabelPolicy policy, PiiMasker masker, Faults faults, MeterRegistry registry) {
        this.policy = policy;
        this.masker = masker;
        this.faults = faults;
        this.registry = registry;
    }

    /**
     * A guard for {@code label} of {@code meter}; {@code factory} is called once per admitted value
     * (cleaned, or one of {@code other}, {@code redacted}, {@code unknown}) to build what the facade
     * records for it.
     */
    public <V> GuardedLabel<V> guard(ObsMeter meter, ObsLabel label, Function<String, V> factory) {
        if (!label.isOpen()) {
            throw new IllegalArgumentException("label '" + label.asString() + "' of " + meter.getName()
                    + " is a bounded vocabulary: use an enum instead of a guard, or mark the label open");
        }
        return new GuardedLabel<>(this, meter, label, factory);
    }

    /** A guard whose values are the cleaned label strings themselves. */
    public GuardedLabel<String> guard(ObsMeter meter, ObsLabel label) {
        return guard(meter, label, Function.identity());
    }

    /** The limits in force. */
    public LabelPolicy policy() {
        return policy;
    }

    PiiMasker masker() {
        return masker;
    }

    Faults faults() {
        return faults;
    }

    Counter overflowCounter(ObsMeter meter, ObsLabel label) {
        return Counter.builder(CoreMeters.LABEL_OVERFLOW.getName())
                .description(CoreMeters.LABEL_OVERFLOW.getDescription())
                .tag(CoreLabels.METRIC.asString(), meter.prometheusName())
                .tag(CoreLabels.LABEL.asString(), label.asString())
                .register(registry);
    }
}
