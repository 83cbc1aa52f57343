package io.escalation.obs.core.health;

import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One registered check: its settings, its two meters and the run in flight. Runs of the same check
 * never overlap: a caller arriving while a run is in flight waits for that run, and a run that
 * timed out but whose thread has not returned is not started again until it does.
 */
final class RegisteredCheck {

    /** Details longer than this are cut, so one huge exception message cannot bloat the report. */
    static final int MAX_DETAIL = 500;

    final String name;
    final long timeoutNanos;
    final boolean critical;
    private final HealthCheck check;
    private final PiiMasker masker;
    private final Timer timer;
    private volatile double lastStatus = Double.NaN;
    private @Nullable CheckRun current;

    RegisteredCheck(
            String name,
            Duration timeout,
            boolean critical,
            HealthCheck check,
            PiiMasker masker,
            MeterRegistry registry) {
        this.name = name;
        this.timeoutNanos = timeout.toNanos();
        this.critical = critical;
        this.check = check;
        this.masker = masker;
        CoreCatalogue.HEALTH_CHECK_STATUS
                .gauge(this, RegisteredCheck::lastStatus)
                .tag(CoreCatalogue.CHECK.asString(), name)
                .register(registry);
        this.timer = CoreCatalogue.HEALTH_CHECK_DURATION
                .timer()
                .tag(CoreCatalogue.CHECK.asString(), name)
                .register(registry);
    }

    /** The run this call should wait for: the one in flight, a new one, or an already finished refusal. */
    synchronized CheckRun start(ThreadPoolExecutor executor) {
        CheckRun run = current;
        if (run != null) {
            if (!run.isFinished()) {
                return run;
            }
            if (!run.hasReturned()) {
                return CheckRun.refused(
                        this,
                        timeoutDetail() + " (an earlier run has not returned yet, so it was not started again)",
                        timeoutNanos);
            }
        }
        run = new CheckRun(this, System.nanoTime());
        current = run;
        try {
            executor.execute(run);
        } catch (RejectedExecutionException e) {
            run.refuse(
                    executor.isShutdown()
                            ? "not run: HealthChecks is closed"
                            : "not run: too many health checks waiting for a thread",
                    0);
        }
        return run;
    }

    /** Calls the check, turning every way it can fail into a DOWN result. */
    HealthResult invoke() throws Exception {
        HealthResult result = check.check();
        return result != null ? result : HealthResult.down("check returned null");
    }

    HealthResult failure(Throwable t) {
        return HealthResult.down(SafeDetail.describe(t));
    }

    String timeoutDetail() {
        return "timed out after " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + "ms";
    }

    HealthReport.CheckResult toCheckResult(HealthResult result, long nanos) {
        String detail = result.detail().map(this::safeDetail).orElse(null);
        return new HealthReport.CheckResult(name, result.status(), critical, Duration.ofNanos(nanos), detail);
    }

    private String safeDetail(String detail) {
        return SafeDetail.mask(masker, detail, MAX_DETAIL);
    }

    /** Records the outcome of a run that actually ran (or timed out). */
    void record(HealthReport.CheckResult result, boolean ran) {
        lastStatus = result.status() == HealthStatus.UP ? 1.0 : 0.0;
        if (ran) {
            timer.record(result.duration());
        }
    }

    private double lastStatus() {
        return lastStatus;
    }
}
