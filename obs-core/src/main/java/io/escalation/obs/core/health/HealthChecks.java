package io.escalation.obs.core.health;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.internal.DaemonThreads;
import io.escalation.obs.core.internal.Names;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.escalation.obs.core.spi.record.Faults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The service's health checks: each runs concurrently with its own timeout, and every run updates
 * {@code health_check_status{check}} (1 passed, 0 failed) and {@code health_check_duration_seconds{check}}.
 *
 * <pre>{@code
 * HealthChecks health = HealthChecks.create(obs)
 *         .register("database", Duration.ofSeconds(2), () -> db.isValid(1) ? HealthResult.up() : HealthResult.down("invalid connection"))
 *         .register("redis", Duration.ofSeconds(1), () -> HealthResult.up(redis.ping()))
 *         .register("openai", Duration.ofSeconds(5), false, openAiCheck);   // non-critical
 * HealthReport report = health.runAll();   // report.httpStatus(): 200 or 503
 * }</pre>
 *
 * <p>A check fails by returning {@link HealthResult#down(String)}, by throwing (the detail is the
 * exception's type and message, through the {@link io.escalation.obs.core.pii.PiiMasker}) or by
 * overrunning its timeout (the detail is {@code "timed out after <timeout>ms"} and the check's thread
 * is interrupted). {@link #runAll()} returns within about the largest timeout even when a check hangs
 * forever. Checks run on at most 8 daemon threads; runs of one check never overlap, so
 * concurrent {@code runAll()} calls share a run in flight, and a check that ignored the interrupt of a
 * timed-out run is reported DOWN without being started again until that run returns.
 *
 * <p>Thread-safe. {@link #close()} stops the threads; the meters stay registered.
 */
public final class HealthChecks implements AutoCloseable {

    /** The most checks running at once; more wait for a thread, within their own timeout. */
    static final int THREADS = 8;
    /** The longest timeout a check may have. */
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);
    /** The longest period between scheduled runs. */
    static final Duration MAX_PERIOD = Duration.ofDays(1);

    private static final int QUEUE = 1024;

    private final Observability obs;
    private final ThreadPoolExecutor executor;
    private final List<RegisteredCheck> checks = new CopyOnWriteArrayList<>();
    private @Nullable ScheduledExecutorService schedule;

    private HealthChecks(Observability obs) {
        this.obs = obs;
        this.executor = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE),
                DaemonThreads.named("obs-health"));
        this.executor.allowCoreThreadTimeOut(true);
    }

    /**
     * The checks of {@code obs}: made empty on the first call (it reports UP until checks are registered),
     * then the same instance, so that every check registered anywhere is in the one report. Closing it
     * closes it for every holder.
     *
     * @param obs the Observability whose registry holds the health meters
     * @return the health checks of {@code obs}
     */
    public static HealthChecks create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(HealthChecks.class, () -> new HealthChecks(obs));
    }

    /**
     * Registers a critical check: when it is DOWN the whole report is DOWN.
     *
     * @param name lower-case letters, digits and '_', starting with a letter, at most 63 characters,
     *     unique, e.g. {@code "database"}, {@code "redis"}, {@code "openai"}
     * @param timeout more than 0 ms and at most 60 s
     * @param check the check; it may block, it is run on a worker thread with the timeout
     * @return these checks, for chaining
     * @throws IllegalArgumentException naming what to change
     */
    public HealthChecks register(String name, Duration timeout, HealthCheck check) {
        return register(name, timeout, true, check);
    }

    /**
     * Registers a check. A non-critical check ({@code critical == false}) reports its own DOWN in the
     * report and in {@code health_check_status} but leaves the overall status UP: use it for
     * dependencies the service degrades without, such as an optional external API.
     *
     * @param name lower-case letters, digits and '_', starting with a letter, at most 63 characters, unique
     * @param timeout more than 0 ms and at most 60 s
     * @param critical whether a DOWN of this check makes the whole report DOWN
     * @param check the check; it may block, it is run on a worker thread with the timeout
     * @return these checks, for chaining
     * @throws IllegalArgumentException naming what to change
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized HealthChecks register(String name, Duration timeout, boolean critical, HealthCheck check) {
        Names.requireIdentifier("health check name", name, "database");
        for (RegisteredCheck existing : checks) {
            if (existing.name.equals(name)) {
                throw new IllegalArgumentException("health check '" + name + "' is already registered: give each"
                        + " check its own name, e.g. \"" + name + "_replica\"");
            }
        }
        // compared, not converted: toMillis() of a huge Duration throws ArithmeticException
        if (timeout == null || timeout.compareTo(Duration.ofMillis(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("health check '" + name + "' timeout " + timeout + " must be at"
                    + " least 1ms and at most 60s: pass e.g. Duration.ofSeconds(2)");
        }
        Objects.requireNonNull(check, "check");
        if (executor.isShutdown()) {
            throw new IllegalStateException("HealthChecks is closed: register checks before close()");
        }
        checks.add(new RegisteredCheck(name, timeout, critical, check, obs.masker(), obs.registry()));
        return this;
    }

    /**
     * Runs every check concurrently and waits for each until its timeout; never throws because of a
     * check. Each finished run updates the check's status gauge and duration timer.
     *
     * @return the report of this run
     */
    public HealthReport runAll() {
        return run(name -> true);
    }

    /**
     * Runs the checks whose names {@code names} accepts, as {@link #runAll()} runs every check: for a host
     * that runs some checks itself, e.g. on a schedule of its own, and the others on request. Never throws:
     * a check for which {@code names} throws is run, and a null {@code names} runs every check, so that a
     * failing check is never left out of a report by mistake; both are counted in {@code
     * obs_instrumentation_errors_total{metric="health_check_status"}}.
     *
     * @param names which checks to run, by name; asked once per check
     * @return the report of this run: the checks run, and the overall status of those alone
     */
    public HealthReport run(@Nullable Predicate<String> names) {
        Faults faults = ModuleKit.of(obs).faults();
        boolean all = faults.rejectsNull(CoreCatalogue.HEALTH_CHECK_STATUS, names);
        List<CheckRun> runs = new ArrayList<>();
        for (RegisteredCheck check : checks) {
            if (all || selects(names, check.name, faults)) {
                runs.add(check.start(executor));
            }
        }
        List<HealthReport.CheckResult> results = new ArrayList<>(runs.size());
        for (CheckRun run : runs) {
            results.add(run.await(executor));
        }
        return new HealthReport(results);
    }

    /** Whether {@code names} selects the check {@code name}; true when it throws, which is counted. */
    private static boolean selects(@Nullable Predicate<String> names, String name, Faults faults) {
        try {
            return names == null || names.test(name);
        } catch (Throwable e) {
            faults.callbackFailed(CoreCatalogue.HEALTH_CHECK_STATUS, e);
            return true;
        }
    }

    /**
     * Also runs every check every {@code period}, on a daemon thread, so that
     * {@code health_check_status} and {@code health_check_duration_seconds} stay current when nobody
     * requests {@code /health} (until the first run, with or without this, the status gauge is NaN).
     * The first run starts at once. Call it once.
     *
     * @param period at least 1 s and at most 1 day, e.g. {@code Duration.ofSeconds(15)}, the scrape interval
     * @return these checks, for chaining
     * @throws IllegalArgumentException naming what to change
     * @throws IllegalStateException when already scheduled, or after {@link #close()}
     */
    public synchronized HealthChecks runEvery(Duration period) {
        if (period == null || period.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("health check period " + period + " must be at least 1s:"
                    + " pass e.g. Duration.ofSeconds(15), the scrape interval");
        }
        if (period.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("health check period " + period + " must be at most 1 day:"
                    + " pass e.g. Duration.ofSeconds(15), the scrape interval");
        }
        if (executor.isShutdown()) {
            throw new IllegalStateException("HealthChecks is closed: call runEvery before close()");
        }
        if (schedule != null) {
            throw new IllegalStateException("HealthChecks already runs on a schedule: call runEvery once");
        }
        schedule = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("obs-health-schedule"));
        schedule.scheduleWithFixedDelay(this::runScheduled, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** A scheduled run: whatever goes wrong, the next run still comes (a throwing task would end the schedule). */
    private void runScheduled() {
        try {
            runAll();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(HealthChecks.class)
                    .warn("scheduled health check run failed: {}", obs.masker().mask(String.valueOf(e)));
        }
    }

    /** Stops the check threads and the schedule, interrupting checks still running. Idempotent. */
    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
        executor.shutdownNow();
    }
}
