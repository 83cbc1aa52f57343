package io.escalation.obs.core;

import io.escalation.obs.core.catalog.CoreLabels;
import io.escalation.obs.core.catalog.CoreMeters;
import io.escalation.obs.core.fault.FaultReason;
import io.escalation.obs.core.label.GuardedLabel;
import io.micrometer.core.instrument.Counter;
import java.util.Objects;

/**
 * {@code app_errors_total{type,severity}}: application errors by type (the exception's simple
 * class name, or a name the caller chooses) and severity. {@code type} is an open vocabulary and
 * goes through the label guard.
 *
 * <pre>{@code
 * AppErrors errors = AppErrors.create(obs);
 * try { ... } catch (SQLException e) { errors.record(e, ErrorSeverity.ERROR); throw e; }
 * }</pre>
 */
public final class AppErrors {

    private static final ErrorSeverity[] SEVERITIES = ErrorSeverity.values();

    private final Observability obs;
    private final GuardedLabel<Counter[]> byType;

    private AppErrors(Observability obs) {
        this.obs = obs;
        this.byType = obs.labels().guard(CoreMeters.APP_ERRORS, CoreLabels.ERROR_TYPE, this::countersFor);
    }

    /** Error metrics recording into {@code obs}. */
    public static AppErrors create(Observability obs) {
        return new AppErrors(Objects.requireNonNull(obs, "obs"));
    }

    /** Counts one error of the exception's class, e.g. {@code DatabaseError}. Never throws. */
    public void record(Throwable error, ErrorSeverity severity) {
        if (error == null) {
            obs.faults().record(CoreMeters.APP_ERRORS, FaultReason.NULL_VALUE);
            return;
        }
        record(error.getClass().getSimpleName(), severity);
    }

    /** Counts one error of {@code type}. Never throws. */
    public void record(String type, ErrorSeverity severity) {
        if (severity == null) {
            obs.faults().record(CoreMeters.APP_ERRORS, FaultReason.NULL_VALUE);
            return;
        }
        try {
            byType.resolve(type)[severity.ordinal()].increment();
        } catch (RuntimeException e) {   // e.g. a registry refusing the meter: never the caller's problem
            obs.faults().record(CoreMeters.APP_ERRORS, FaultReason.RECORDING_FAILED);
        }
    }

    private Counter[] countersFor(String type) {
        Counter[] counters = new Counter[SEVERITIES.length];
        for (ErrorSeverity severity : SEVERITIES) {
            counters[severity.ordinal()] = Counter.builder(CoreMeters.APP_ERRORS.getName())
                    .description(CoreMeters.APP_ERRORS.getDescription())
                    .tag(CoreLabels.ERROR_TYPE.asString(), type)
                    .tag(CoreLabels.SEVERITY.asString(), severity.label())
                    .register(obs.registry());
        }
        return counters;
    }
}
