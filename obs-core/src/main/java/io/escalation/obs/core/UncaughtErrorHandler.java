package io.escalation.obs.core;

import io.escalation.obs.core.spi.record.UnhandledErrors;
import java.io.PrintStream;
import org.jspecify.annotations.Nullable;

/**
 * The JVM's default uncaught-exception handler while an {@link Observability} built with
 * {@code uncaughtErrors(true)} is open: hands every exception that ends a thread to the
 * Observability's unhandled-error hook ({@code system_errors_total}, obs-errors' reporter), then to
 * the handler that was the default before, or, when there was none, prints it as the JVM would.
 */
final class UncaughtErrorHandler implements Thread.UncaughtExceptionHandler {

    /** Guards the install and the removal: the JVM's default handler is one global. */
    private static final Object LOCK = new Object();

    private final UnhandledErrors hook;
    private final Thread.@Nullable UncaughtExceptionHandler previous;
    /** False once the Observability is closed: the handler only passes on. */
    private volatile boolean active = true;

    private UncaughtErrorHandler(UnhandledErrors hook, Thread.@Nullable UncaughtExceptionHandler previous) {
        this.hook = hook;
        this.previous = previous;
    }

    /** Makes a handler chained to the current default handler and installs it as the default. */
    static UncaughtErrorHandler install(UnhandledErrors hook) {
        synchronized (LOCK) {
            UncaughtErrorHandler handler = new UncaughtErrorHandler(hook, Thread.getDefaultUncaughtExceptionHandler());
            Thread.setDefaultUncaughtExceptionHandler(handler);
            return handler;
        }
    }

    /**
     * Stops reporting. Restores the previous default handler when this one is still the default;
     * when another was installed on top of it since, stays in that one's chain and only passes on.
     */
    void remove() {
        synchronized (LOCK) {
            active = false;
            if (Thread.getDefaultUncaughtExceptionHandler() == this) {
                Thread.setDefaultUncaughtExceptionHandler(previous);
            }
        }
    }

    /** The default handler this one passes to; null when the JVM had none. */
    Thread.@Nullable UncaughtExceptionHandler previous() {
        return previous;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        if (active) {
            hook.report(error); // never throws; counts out_of_memory and disk_full, no big allocation
        }
        Thread.UncaughtExceptionHandler next = previous;
        if (next != null) {
            next.uncaughtException(thread, error);
        } else {
            printLikeTheJvm(thread, error);
        }
    }

    /** What ThreadGroup.uncaughtException prints when no default handler is set. */
    private static void printLikeTheJvm(Thread thread, Throwable error) {
        try {
            PrintStream err = System.err;
            err.print("Exception in thread \"");
            err.print(thread.getName());
            err.print("\" ");
            error.printStackTrace(err);
        } catch (Throwable e) { // out of memory again, a closed stream: the JVM ignores it too
        }
    }
}
