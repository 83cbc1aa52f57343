package io.escalation.obs.core.spi;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.core.spi.label.LabelGuard;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.spi.record.SystemErrors;
import io.escalation.obs.core.spi.record.UnhandledErrors;
import io.escalation.obs.core.trace.Spans;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * What an obs module's facades build on, for one {@link Observability}: the registry, the fault
 * counter, the label guard, the masker, the clock and the span helper. Users do not need it.
 *
 * <pre>{@code
 * public static PaymentMetrics create(Observability obs) {
 *     return obs.component(PaymentMetrics.class, () -> new PaymentMetrics(ModuleKit.of(obs)));
 * }
 * }</pre>
 */
public final class ModuleKit {

    private final Observability obs;
    private final Faults faults;
    private final LabelGuard labels;
    private final SystemErrors systemErrors;
    private final UnhandledErrors unhandledErrors;

    private ModuleKit(Observability obs) {
        this.obs = obs;
        this.faults = obs.component(Faults.class, ModuleKit::unbound);
        this.labels = obs.component(LabelGuard.class, ModuleKit::unbound);
        this.systemErrors = obs.component(SystemErrors.class, ModuleKit::unbound);
        this.unhandledErrors = obs.component(UnhandledErrors.class, ModuleKit::unbound);
    }

    /**
     * The kit of {@code obs}; the same instance on every call.
     *
     * @param obs the Observability the module records into
     * @return its kit
     */
    public static ModuleKit of(Observability obs) {
        return obs.component(ModuleKit.class, () -> new ModuleKit(obs));
    }

    private static <T> T unbound() {
        throw new IllegalStateException("this Observability was built without its fault counter and label guard");
    }

    /**
     * The Observability this kit belongs to.
     *
     * @return the Observability
     */
    public Observability observability() {
        return obs;
    }

    /**
     * The registry every facade registers its meters with.
     *
     * @return the registry
     */
    public MeterRegistry registry() {
        return obs.registry();
    }

    /**
     * Counts dropped, clamped or masked input, and guards recording steps: {@code obs_instrumentation_errors_total}.
     *
     * @return the fault counter
     */
    public Faults faults() {
        return faults;
    }

    /**
     * Guards open-vocabulary label values (PII, length, cardinality) and meters' series budgets.
     *
     * @return the label guard
     */
    public LabelGuard labels() {
        return labels;
    }

    /**
     * Counts out-of-memory errors and full disks: {@code system_errors_total}.
     *
     * @return the system-error counter
     */
    public SystemErrors systemErrors() {
        return systemErrors;
    }

    /**
     * The hook that hands exceptions nobody handled (an HTTP adapter's) to error reporting (obs-errors).
     *
     * @return the unhandled-error hook
     */
    public UnhandledErrors unhandledErrors() {
        return unhandledErrors;
    }

    /**
     * The one masker for logs, errors, spans and labels.
     *
     * @return the masker
     */
    public PiiMasker masker() {
        return obs.masker();
    }

    /**
     * The clock facades read.
     *
     * @return the clock
     */
    public Clock clock() {
        return obs.clock();
    }

    /**
     * Runs code in spans whose string attributes go through the masker.
     *
     * @return the span helper
     */
    public Spans spans() {
        return obs.spans();
    }
}
