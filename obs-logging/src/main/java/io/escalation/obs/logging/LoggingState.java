package io.escalation.obs.logging;

import ch.qos.logback.core.Context;
import io.escalation.obs.core.pii.PiiMasker;
import org.jspecify.annotations.Nullable;

/**
 * What the encoders of one logback context read on every event and {@link ObsLogging#install}
 * sets: the masker, the service and the environment. Kept in the context's object map so that
 * encoders built from XML before the service's {@code Observability} exists pick it up later.
 */
final class LoggingState {

    static final String KEY = "io.escalation.obs.logging.state";

    private volatile PiiMasker masker = PiiMasker.defaults();
    private volatile @Nullable String service;
    private volatile @Nullable String environment;
    private volatile Runnable onDegraded = () -> { };

    /** The state of {@code context}, created on first use. */
    static LoggingState of(@Nullable Context context) {
        if (context == null) {
            return new LoggingState();
        }
        synchronized (LoggingState.class) {
            Object existing = context.getObject(KEY);
            if (existing instanceof LoggingState) {
                return (LoggingState) existing;
            }
            LoggingState state = new LoggingState();
            context.putObject(KEY, state);
            return state;
        }
    }

    PiiMasker masker() {
        return masker;
    }

    @Nullable String service() {
        return service;
    }

    @Nullable String environment() {
        return environment;
    }

    void set(PiiMasker masker, String service, String environment, Runnable onDegraded) {
        this.masker = masker;
        this.service = service;
        this.environment = environment;
        this.onDegraded = onDegraded;
    }

    /** Counts an event written in degraded form because it could not be serialised. */
    void degraded() {
        onDegraded.run();
    }
}
