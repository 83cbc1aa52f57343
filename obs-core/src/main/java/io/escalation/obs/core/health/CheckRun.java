package io.escalation.obs.core.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One execution of a check on the executor. The first of "the check returned" and "the deadline
 * passed" records the metrics and completes {@link #outcome}; the loser is ignored.
 */
final class CheckRun implements Runnable {

    private final RegisteredCheck check;
    private final long deadlineNanos;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CompletableFuture<HealthReport.CheckResult> outcome = new CompletableFuture<>();
    private @Nullable Thread thread; // guarded by this
    private boolean abandoned; // guarded by this
    private boolean returned; // guarded by this

    CheckRun(RegisteredCheck check, long startNanos) {
        this.check = check;
        this.deadlineNanos = startNanos + check.timeoutNanos;
    }

    /** A run that never executes, finished at once with the given result. */
    static CheckRun refused(RegisteredCheck check, String detail, long nanos) {
        CheckRun run = new CheckRun(check, System.nanoTime());
        run.refuse(detail, nanos);
        return run;
    }

    /** Finishes a run that will never execute as DOWN with {@code detail}. */
    void refuse(String detail, long nanos) {
        synchronized (this) {
            returned = true;
        }
        finish(HealthResult.down(detail), nanos, false);
    }

    @Override
    public void run() {
        synchronized (this) {
            if (abandoned) {
                returned = true;
                return;
            }
            thread = Thread.currentThread();
        }
        long start = System.nanoTime();
        HealthResult result;
        Error fatal = null;
        try {
            result = check.invoke();
        } catch (Exception e) {
            result = check.failure(e);
        } catch (Error e) { // e.g. NoClassDefFoundError from a driver: still a DOWN, not a lost thread
            result = check.failure(e);
            fatal = e instanceof VirtualMachineError ? e : null;
        } finally {
            synchronized (this) {
                thread = null;
                returned = true;
            }
            Thread.interrupted(); // a late timeout interrupt must not leak into the pool thread
        }
        finish(result, System.nanoTime() - start, true);
        if (fatal != null) {
            throw fatal;
        }
    }

    /** Waits until the run finishes or its deadline passes; a late run is interrupted and reported DOWN. */
    HealthReport.CheckResult await(ThreadPoolExecutor executor) {
        try {
            return outcome.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            timeOut(executor);
            return outcome.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return check.toCheckResult(HealthResult.down("not awaited: the caller was interrupted"), 0);
        } catch (ExecutionException e) {
            // never completed exceptionally; kept for the compiler
            return check.toCheckResult(check.failure(e.getCause() != null ? e.getCause() : e), 0);
        }
    }

    private void timeOut(ThreadPoolExecutor executor) {
        finish(HealthResult.down(check.timeoutDetail()), check.timeoutNanos, true);
        synchronized (this) { // interrupt under the lock: the thread cannot have moved on to other work
            abandoned = true;
            if (thread != null) {
                thread.interrupt();
            } else if (!returned && executor.remove(this)) {
                returned = true; // still queued: it will never run
            }
        }
    }

    private void finish(HealthResult result, long nanos, boolean ran) {
        if (!claimed.compareAndSet(false, true)) {
            return;
        }
        HealthReport.CheckResult checkResult = check.toCheckResult(result, nanos);
        try {
            check.record(checkResult, ran); // before completing: a caller that sees the result sees the metrics
        } finally {
            outcome.complete(checkResult);
        }
    }

    boolean isFinished() {
        return outcome.isDone();
    }

    synchronized boolean hasReturned() {
        return returned;
    }
}
