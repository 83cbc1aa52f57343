package io.escalation.obs.logging;

import ch.qos.logback.core.Context;
import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import org.jspecify.annotations.Nullable;

/**
 * What the encoders of one logback context read on every event and {@link ObsLogging#install}
 * sets: the masker, the service, the environment and the fault counter. Kept in the context's object map so that
 * encoders built from XML before the service's {@code Observability} exists pick it up later.
 */
final class LoggingState {

    static final String KEY = "io.escalation.obs.logging.state";

    private volatile PiiMasker masker = PiiMasker.defaults();
    private volatile @Nullable String service;
    private volatile @Nullable String environment;
    private volatile @Nullable Faults faults;

    /** The state of {@code context}, created on first use. */
    static LoggingState of(@Nullable Context context) {
        if (context == null) {
            return new LoggingState();
        }
        synchronized (LoggingState.class) {
            Object existing = context.getObject(KEY);
            if (existing instanceof LoggingState shared) {
                return shared;
            }
            LoggingState state = new LoggingState();
            context.putObject(KEY, state);
            return state;
        }
    }

    PiiMasker masker() {
        return masker;
    }

    @Nullable
    String service() {
        return service;
    }

    @Nullable
    String environment() {
        return environment;
    }

    void set(PiiMasker masker, String service, String environment, Faults faults) {
        this.masker = masker;
        this.service = service;
        this.environment = environment;
        this.faults = faults;
    }

    /**
     * Counts an event written in degraded form because it could not be serialised, as a
     * {@code recording_failed} fault of {@code logging_events_dropped_total}. Never throws.
     */
    void degraded() {
        Faults f = faults;
        if (f != null) {
            f.record(LoggingCatalogue.EVENTS_DROPPED, FaultReason.RECORDING_FAILED);
        }
    }
}
