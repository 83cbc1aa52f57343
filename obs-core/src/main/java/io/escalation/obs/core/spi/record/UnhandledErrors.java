package io.escalation.obs.core.spi.record;

import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The hook between the modules that see exceptions nobody handled (obs-http's adapters: an
 * exception escaping the application's handler; obs-core's default uncaught-exception handler when
 * the Observability is built with {@code uncaughtErrors(true)}: an exception ending a thread) and the modules that report them (obs-errors'
 * {@code ErrorReporter}), so that neither depends on the other: a reporter built on an
 * {@code Observability} {@link #register registers} itself here, and an adapter built on the same
 * one {@link #report reports} into it. Without a listener a report only counts system errors.
 *
 * <pre>{@code
 * // obs-errors, once per Observability
 * ModuleKit.of(obs).unhandledErrors().register(error -> capture(error));
 *
 * // an HTTP adapter
 * } catch (RuntimeException | Error e) {
 *     ModuleKit.of(obs).unhandledErrors().report(e);   // never throws
 *     throw e;
 * }
 * }</pre>
 */
public final class UnhandledErrors {

    /** Receives each unhandled exception reported on the Observability it was registered on. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Called on the reporting thread (the request's, or the dying thread's) before the exception is
         * rethrown or the thread ends: return fast.
         *
         * @param error the exception nobody handled
         */
        void unhandled(Throwable error);
    }

    private static final Listener[] NONE = {};

    private final Faults faults;
    private final SystemErrors systemErrors;
    private volatile Listener[] listeners = NONE;

    /**
     * The hook of one Observability; made by {@code Observability}, reached through
     * {@link io.escalation.obs.core.spi.ModuleKit#unhandledErrors()}.
     *
     * @param faults the Observability's fault counter
     * @param systemErrors the Observability's {@code system_errors_total}
     */
    public UnhandledErrors(Faults faults, SystemErrors systemErrors) {
        this.faults = faults;
        this.systemErrors = systemErrors;
    }

    /**
     * Adds a listener; every later {@link #report} reaches it.
     *
     * @param listener called with every unhandled exception
     */
    public synchronized void register(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        Listener[] more = Arrays.copyOf(listeners, listeners.length + 1);
        more[more.length - 1] = listener;
        listeners = more;
    }

    /**
     * Reports an exception nobody handled: counts it in {@code system_errors_total} when it is an
     * out-of-memory error or a full disk, then hands it to every listener. A listener that throws is
     * counted in {@code obs_instrumentation_errors_total{metric="system_errors_total",
     * reason="recording_failed"}}. Never throws, not even a {@link VirtualMachineError}: the caller
     * rethrows its own exception next.
     *
     * @param error the exception; null is counted as a fault
     */
    public void report(@Nullable Throwable error) {
        if (error == null) {
            safely(FaultReason.NULL_VALUE);
            return;
        }
        systemErrors.count(error);
        Listener[] current = listeners;
        for (Listener listener : current) {
            try {
                listener.unhandled(error);
            } catch (VirtualMachineError e) { // out of memory in the reporter: the caller's error goes on
                safely(FaultReason.RECORDING_FAILED);
            } catch (Throwable e) {
                try {
                    faults.callbackFailed(CoreCatalogue.SYSTEM_ERRORS, e);
                } catch (Throwable ignored) { // a VirtualMachineError while counting
                }
            }
        }
    }

    private void safely(FaultReason reason) {
        try {
            faults.record(CoreCatalogue.SYSTEM_ERRORS, reason);
        } catch (Throwable ignored) { // out of memory while counting: nothing is thrown into the request
        }
    }
}
