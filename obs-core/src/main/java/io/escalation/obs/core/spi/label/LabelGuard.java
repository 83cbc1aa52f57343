package io.escalation.obs.core.spi.label;

import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.escalation.obs.core.spi.record.Faults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Hands out {@link GuardedLabel}s: every open-vocabulary label value a facade receives from its
 * caller goes through one. Obtain it from {@code ModuleKit.of(obs).labels()}. The cap is per meter and
 * label: every guard of the same pair shares it. Facades that combine several labels in one meter
 * also take a {@link #seriesBudget}, which caps the series of the whole meter.
 *
 * <pre>{@code
 * GuardedLabel<Counter> byModel = kit.labels().guard(LlmCatalogue.REQUESTS, LlmCatalogue.MODEL,
 *         model -> LlmCatalogue.REQUESTS.counter().tag("model", model).register(kit.registry()));
 * byModel.resolve(request.model()).increment();
 * }</pre>
 */
public final class LabelGuard {

    private final LabelPolicy policy;
    private final PiiMasker masker;
    private final Faults faults;
    private final MeterRegistry registry;
    private final ConcurrentMap<String, AdmittedValues> admitted = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, SeriesBudget> budgets = new ConcurrentHashMap<>();

    /**
     * For {@code Observability}; facades use {@code ModuleKit.of(obs).labels()}.
     *
     * @param policy the limits
     * @param masker the masker that decides what is PII
     * @param faults where rejected values are counted
     * @param registry the registry the overflow counters are registered with
     */
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
     *
     * @param <V> the type of what is recorded per value (a counter, a handle)
     * @param meter the meter the label belongs to
     * @param label the guarded label
     * @param factory makes what is recorded for one admitted value
     * @return the guard
     * @throws IllegalArgumentException when the label is a bounded vocabulary (use an enum)
     */
    public <V> GuardedLabel<V> guard(ObsMeter meter, ObsLabel label, Function<String, V> factory) {
        if (!label.isOpen()) {
            throw new IllegalArgumentException("label '" + label.asString() + "' of " + meter.getName()
                    + " is a bounded vocabulary: use an enum instead of a guard, or mark the label open");
        }
        String key = meter.getName() + '\u0000' + label.asString();
        AdmittedValues values = admitted.computeIfAbsent(key, k -> newAdmittedValues(meter, label));
        return new GuardedLabel<>(meter, label, policy, masker, faults, values, factory);
    }

    /**
     * A guard whose values are the cleaned label strings themselves.
     *
     * @param meter the meter the label belongs to
     * @param label the guarded label
     * @return the guard
     */
    public GuardedLabel<String> guard(ObsMeter meter, ObsLabel label) {
        return guard(meter, label, Function.identity());
    }

    /**
     * The series budget of {@code meter}, {@link LabelPolicy#maxSeriesPerMeter()} series shared by
     * every caller for the same meter (the first caller's {@code reserve} holds). Folded recordings
     * are counted in {@code obs_label_overflow_total{metric,label}} with {@code foldedLabel} as label.
     *
     * @param meter the meter whose series are counted
     * @param foldedLabel the label whose values fold into {@code other} past the cap
     * @param reserve how many fold series the facade may register past the cap, at most half of it
     * @return the meter's budget
     * @throws IllegalArgumentException when the reserve does not fit, naming the setting to raise
     */
    public SeriesBudget seriesBudget(ObsMeter meter, ObsLabel foldedLabel, int reserve) {
        int cap = policy.maxSeriesPerMeter();
        if (reserve < 0 || reserve > cap / 2) {
            throw new IllegalArgumentException(meter.getName() + " needs " + reserve + " series for its folded"
                    + " 'other' series, more than half of LabelPolicy.maxSeriesPerMeter (" + cap + "): raise"
                    + " LabelPolicy.maxSeriesPerMeter to at least " + 2 * reserve);
        }
        String metric = meter.prometheusName();
        return budgets.computeIfAbsent(
                meter.getName(), k -> new SeriesBudget(cap, reserve, overflowCounter(metric, foldedLabel), metric));
    }

    /**
     * The limits in force.
     *
     * @return the label policy
     */
    public LabelPolicy policy() {
        return policy;
    }

    private AdmittedValues newAdmittedValues(ObsMeter meter, ObsLabel label) {
        String metric = meter.prometheusName();
        return new AdmittedValues(policy.maxValuesPerLabel(), overflowCounter(metric, label), metric, label.asString());
    }

    private Counter overflowCounter(String metric, ObsLabel label) {
        return CoreCatalogue.LABEL_OVERFLOW
                .counter()
                .tag(CoreCatalogue.METRIC.asString(), metric)
                .tag(CoreCatalogue.LABEL.asString(), label.asString())
                .register(registry);
    }
}
