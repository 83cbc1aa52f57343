package io.escalation.obs.core;

import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.escalation.obs.core.spi.label.GuardedLabel;
import io.escalation.obs.core.spi.record.FaultReason;
import io.micrometer.core.instrument.Counter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code app_errors_total{type,severity}}: application errors by type (the exception's simple
 * class name, or a name the caller chooses) and severity. {@code type} is an open vocabulary and
 * goes through the label guard.
 *
 * <pre>{@code
 * AppErrors errors = AppErrors.create(obs);
 * try { ... } catch (SQLException e) { errors.record(e, ErrorSeverity.ERROR); throw e; }
 *
 * AppErrors.OfType timeouts = errors.ofType("LlmTimeoutError");   // resolve once, record often
 * timeouts.record(ErrorSeverity.WARNING);
 * }</pre>
 */
public final class AppErrors {

    private static final ErrorSeverity[] SEVERITIES = ErrorSeverity.values();

    private final Observability obs;
    private final GuardedLabel<OfType> byType;
    /** What a type whose counters the registry refused records into: faults only. */
    private final OfType refused;

    private AppErrors(Observability obs) {
        this.obs = obs;
        this.byType = obs.labels().guard(CoreCatalogue.APP_ERRORS, CoreCatalogue.ERROR_TYPE, this::countersFor);
        this.refused = new OfType(obs, null);
    }

    /**
     * Error metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the error metrics of {@code obs}
     */
    public static AppErrors create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(AppErrors.class, () -> new AppErrors(obs));
    }

    /**
     * Counts one error of the exception's class, e.g. {@code SQLException}. Never throws.
     *
     * @param error the error; null is counted as a fault
     * @param severity the severity; null is counted as a fault
     */
    public void record(@Nullable Throwable error, @Nullable ErrorSeverity severity) {
        if (obs.faults().rejectsNull(CoreCatalogue.APP_ERRORS, error)) {
            return;
        }
        String type = error.getClass().getSimpleName();
        record(type.isEmpty() ? error.getClass().getName() : type, severity); // anonymous classes
    }

    /**
     * Counts one error of {@code type}. Never throws.
     *
     * @param type the error type, e.g. {@code payment_declined}; guarded like any open label value
     * @param severity the severity; null is counted as a fault
     */
    public void record(@Nullable String type, @Nullable ErrorSeverity severity) {
        OfType ofType = byType.resolve(type, refused);
        if (ofType != refused) { // a refused registration is counted once, by the guard
            ofType.record(severity);
        }
    }

    /**
     * The counters of one error type, resolved (guarded) once: what a hot path keeps when its type is
     * known in advance. Never throws.
     *
     * @param type the error type; guarded like any open label value
     * @return the counters of that type; keep it
     */
    public OfType ofType(@Nullable String type) {
        return byType.resolve(type, refused);
    }

    private OfType countersFor(String type) {
        Counter[] counters = new Counter[SEVERITIES.length];
        for (ErrorSeverity severity : SEVERITIES) {
            counters[severity.ordinal()] = CoreCatalogue.APP_ERRORS
                    .counter()
                    .tag(CoreCatalogue.ERROR_TYPE.asString(), type)
                    .tag(CoreCatalogue.SEVERITY.asString(), severity.label())
                    .register(obs.registry());
        }
        return new OfType(obs, counters);
    }

    /** The {@code app_errors_total} counters of one error type, one per severity. */
    public static final class OfType {
        private final Observability obs;
        private final Counter @Nullable [] counters;

        private OfType(Observability obs, Counter @Nullable [] counters) {
            this.obs = obs;
            this.counters = counters;
        }

        /**
         * Counts one error of this type. Never throws; a null severity is counted as a fault.
         *
         * @param severity the severity
         */
        public void record(@Nullable ErrorSeverity severity) {
            Counter[] bySeverity = counters;
            if (severity == null || bySeverity == null) {
                obs.faults()
                        .record(
                                CoreCatalogue.APP_ERRORS,
                                severity == null ? FaultReason.NULL_VALUE : FaultReason.RECORDING_FAILED);
                return;
            }
            obs.faults().increment(CoreCatalogue.APP_ERRORS, bySeverity[severity.ordinal()]);
        }
    }
}
