package io.escalation.obs.spring;

import io.escalation.obs.core.health.HealthChecks;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the obs checks bridged from Actuator's indicators on a schedule of their own, so that their
 * {@code health_check_status} stays current without running an indicator a second time inside each {@code
 * /actuator/health} call (Actuator runs it there already), and also when nobody asks for {@code /actuator/health}
 * (Kubernetes probes ask Actuator's liveness and readiness groups, which hold neither obs's component nor most
 * indicators). One daemon thread; the first run starts once the checks are bridged.
 */
final class BridgedHealthRuns implements AutoCloseable {

    /** The default period: a common scrape interval. */
    static final Duration DEFAULT_PERIOD = Duration.ofSeconds(15);

    static final String PERIOD_PROPERTY = "obs.health.actuator.period";

    private static final Logger log = LoggerFactory.getLogger(BridgedHealthRuns.class);

    private final HealthChecks checks;
    private final Set<String> bridged;
    private final Duration period;
    private @Nullable ScheduledExecutorService schedule;
    private boolean closed;

    BridgedHealthRuns(HealthChecks checks, Set<String> bridged, @Nullable Duration period) {
        this.checks = checks;
        this.bridged = bridged;
        this.period = checkPeriod(period == null ? DEFAULT_PERIOD : period);
    }

    /** The period, or a start-up failure that says what to set. */
    static Duration checkPeriod(Duration period) {
        if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(PERIOD_PROPERTY + "=" + period
                    + " must be at least 1s and at most 1d: set e.g. " + PERIOD_PROPERTY + "=15s, the scrape interval");
        }
        return period;
    }

    /** Starts the runs, the first at once; nothing when there is no bridged check or after {@link #close()}. */
    synchronized void start() {
        if (closed || schedule != null || bridged.isEmpty()) {
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "obs-health-actuator");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(this::runOnce, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One run of the bridged checks; whatever goes wrong, the next run still comes. */
    private void runOnce() {
        try {
            checks.run(bridged::contains);
        } catch (RuntimeException e) {
            log.warn(
                    "run of the health checks bridged from Actuator failed: {}",
                    e.getClass().getName());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (schedule != null) {
            schedule.shutdownNow();
            schedule = null;
        }
    }
}
