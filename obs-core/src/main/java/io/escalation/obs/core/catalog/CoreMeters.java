package io.escalation.obs.core.catalog;

import io.escalation.obs.core.catalog.ObsLabel;
import io.escalation.obs.core.catalog.ObsMeter;
import io.micrometer.core.instrument.Meter;
import org.jspecify.annotations.Nullable;

/** obs-core's own meters: self-metrics, application errors, queues, JVM stand-ins and health. */
public enum CoreMeters implements ObsMeter {
    /**
     * Counter {@code obs.instrumentation.errors}: recording calls whose input was dropped, clamped or masked.
     */
    INSTRUMENTATION_ERRORS("obs.instrumentation.errors", Meter.Type.COUNTER, null,
            "Recording calls whose input was dropped, clamped or masked, by meter and reason",
            "", CoreLabels.METRIC, CoreLabels.REASON),
    /** Counter {@code obs.label.overflow}: label values folded into {@code other}. */
    LABEL_OVERFLOW("obs.label.overflow", Meter.Type.COUNTER, null,
            "Label values folded into 'other' because the label reached its distinct-value cap or the meter"
                    + " its series cap",
            "", CoreLabels.METRIC, CoreLabels.LABEL),
    /** Counter {@code app.errors}: application errors, by type and severity. */
    APP_ERRORS("app.errors", Meter.Type.COUNTER, null,
            "Application errors by type and severity", "", CoreLabels.ERROR_TYPE, CoreLabels.SEVERITY),
    /** Gauge {@code queue.depth}: items waiting in a registered queue or executor. */
    QUEUE_DEPTH("queue.depth", Meter.Type.GAUGE, null,
            "Items waiting in a registered queue or executor", "", CoreLabels.QUEUE),
    /** Gauge {@code jvm.scheduling.lag}: worst lateness of a task scheduled every 100 ms, in seconds. */
    SCHEDULING_LAG("jvm.scheduling.lag", Meter.Type.GAUGE, "seconds",
            "Worst lateness over the last 10 s of a task scheduled every 100 ms on a dedicated daemon thread:"
                    + " the JVM's stand-in for event-loop lag",
            "seed: nodejs_eventloop_lag_seconds, which does not exist on the JVM; the probe shows what delays"
                    + " every thread (CPU starvation, stop-the-world GC pauses, safepoints), not the backlog of one"
                    + " executor (see queue_depth for that)"),
    /** Gauge {@code process.resident.memory}: resident set size of the process, in bytes. */
    PROCESS_RESIDENT_MEMORY("process.resident.memory", Meter.Type.GAUGE, "bytes",
            "Resident set size of the process (VmRSS from /proc/self/status; absent where /proc is not)", ""),
    /** Gauge {@code health.check.status}: 1 when the named check last passed, else 0. */
    HEALTH_CHECK_STATUS("health.check.status", Meter.Type.GAUGE, null,
            "1 when the named health check last passed, 0 when it failed or timed out", "", CoreLabels.CHECK),
    /** Timer {@code health.check.duration}: time the named health check took. */
    HEALTH_CHECK_DURATION("health.check.duration", Meter.Type.TIMER, null,
            "Time the named health check took, timeouts included", "", CoreLabels.CHECK);

    private final MeterSpec spec;

    CoreMeters(String name, Meter.Type type, @Nullable String baseUnit, String description, String seedDeviation,
            ObsLabel... labels) {
        this.spec = MeterSpec.of(name, type, baseUnit, description, seedDeviation, labels);
    }

    @Override
    public MeterSpec spec() {
        return spec;
    }
}
