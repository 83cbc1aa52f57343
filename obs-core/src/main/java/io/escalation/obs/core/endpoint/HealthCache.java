package io.escalation.obs.core.endpoint;

import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthReport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The reports {@code /health} serves. Concurrent requests share one run of the checks (single
 * flight), and a report younger than the refresh interval is served as is, so neither a burst of
 * requests nor an unauthenticated client can make the service probe its dependencies on demand.
 */
final class HealthCache {

    private final HealthChecks checks;
    private final long refreshNanos;
    private @Nullable HealthReport last; // guarded by this
    private long lastDoneNanos; // guarded by this
    private @Nullable CompletableFuture<HealthReport> running; // guarded by this

    /** @param refresh how long a finished report is served as is; zero runs the checks for every request */
    HealthCache(HealthChecks checks, Duration refresh) {
        this.checks = checks;
        this.refreshNanos = refresh.toNanos();
    }

    /**
     * What one request gets: a report young enough to serve now, or the run to wait for, which the
     * caller either leads (it must call {@link #run}) or joins.
     */
    synchronized Ticket take() {
        HealthReport report = last;
        if (report != null && System.nanoTime() - lastDoneNanos < refreshNanos) {
            return new Ticket(report, null, false, report);
        }
        CompletableFuture<HealthReport> run = running;
        if (run != null) {
            return new Ticket(null, run, false, report);
        }
        run = new CompletableFuture<>();
        running = run;
        return new Ticket(null, run, true, report);
    }

    /**
     * Runs the checks for a ticket that leads its run, on the calling thread, and completes the run
     * for every request that joined it; callbacks of joined requests run on this thread.
     */
    HealthReport run(Ticket ticket) {
        CompletableFuture<HealthReport> run = ticket.run;
        if (!ticket.leads || run == null) {
            throw new IllegalStateException("only the request leading a health run may run it");
        }
        HealthReport report;
        try {
            report = checks.runAll();
        } catch (RuntimeException | Error e) { // runAll() never throws because of a check; still, free the waiters
            synchronized (this) {
                running = null;
            }
            run.completeExceptionally(e);
            throw e;
        }
        synchronized (this) {
            last = report;
            lastDoneNanos = System.nanoTime();
            running = null;
        }
        run.complete(report);
        return report;
    }

    /** See {@link #take()}; {@code previous} is the last complete report, for callers that cannot wait. */
    static final class Ticket {
        final @Nullable HealthReport ready;
        final @Nullable CompletableFuture<HealthReport> run;
        final boolean leads;
        final @Nullable HealthReport previous;

        private Ticket(
                @Nullable HealthReport ready,
                @Nullable CompletableFuture<HealthReport> run,
                boolean leads,
                @Nullable HealthReport previous) {
            this.ready = ready;
            this.run = run;
            this.leads = leads;
            this.previous = previous;
        }
    }
}
