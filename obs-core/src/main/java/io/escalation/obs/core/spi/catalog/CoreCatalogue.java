package io.escalation.obs.core.spi.catalog;

import io.escalation.obs.core.label.SystemErrorType;
import java.util.List;

/**
 * obs-core's metrics and labels: self-metrics, application errors, queues, JVM stand-ins and health,
 * plus the meters core binds from Micrometer. Found through {@link java.util.ServiceLoader}.
 */
public final class CoreCatalogue extends ModuleCatalogue {

    /** Label {@code metric}: the Prometheus name of the meter a fault was counted for. */
    public static final Label METRIC = Label.closed("metric", "Prometheus name of the affected obs meter");
    /** Label {@code reason}: why a recording call's input was dropped, clamped or masked. */
    public static final Label REASON = Label.closed(
            "reason",
            "null_value, negative_value, not_a_number,"
                    + " value_too_large, label_too_long, label_control_chars, label_pii, recording_failed");
    /** Label {@code label}: the label key whose values were folded into {@code other}. */
    public static final Label LABEL = Label.closed(
            "label",
            "label key of the meter whose value set overflowed,"
                    + " or that was folded when the meter reached its series cap");
    /** Label {@code type}: the exception's simple class name or the caller's error type. */
    public static final Label ERROR_TYPE =
            Label.open("type", "exception simple class name or caller-chosen error type");
    /** Label {@code type} of {@code system_errors_total}: out_of_memory or disk_full. */
    public static final Label SYSTEM_ERROR_TYPE = Label.of("type", SystemErrorType.class);
    /** Label {@code severity}: critical, error or warning. */
    public static final Label SEVERITY = Label.closed("severity", "critical, error, warning");
    /** Label {@code queue}: the name a queue or executor was registered with. */
    public static final Label QUEUE = Label.closed("queue", "name given when the queue or executor was registered");
    /** Label {@code check}: the name a health check was registered with. */
    public static final Label CHECK = Label.closed("check", "name given when the health check was registered");
    /** Label {@code version}: the application's version, one value per process. */
    public static final Label VERSION = Label.closed(
            "version",
            "the application's version given to Observability.Builder.version(...), else its manifest's"
                    + " Implementation-Version, else unknown");

    /** {@code obs_instrumentation_errors_total}: recording calls whose input was dropped, clamped or masked. */
    public static final Metric INSTRUMENTATION_ERRORS = Metric.counter("obs.instrumentation.errors")
            .help("Recording calls whose input was dropped, clamped or masked, by meter and reason")
            .labels(METRIC, REASON)
            .build();
    /** {@code obs_label_overflow_total}: label values folded into {@code other}. */
    public static final Metric LABEL_OVERFLOW = Metric.counter("obs.label.overflow")
            .help("Label values folded into 'other' because the label reached its distinct-value cap or the meter"
                    + " its series cap")
            .labels(METRIC, LABEL)
            .build();
    /** {@code app_build_info}: 1, labelled with the application's version; a change of version is a deploy. */
    public static final Metric BUILD_INFO = Metric.gauge("app.build.info")
            .help("Always 1; its version label is the running application's version, so a change of version"
                    + " marks a deploy")
            .labels(VERSION)
            .compatibility("not in the reference architecture, whose Grafana dashboards have no deploy annotations;"
                    + " the info-metric convention of Prometheus exporters (e.g. prometheus_build_info)")
            .build();
    /** {@code app_errors_total}: application errors, by type and severity. */
    public static final Metric APP_ERRORS = Metric.counter("app.errors")
            .help("Application errors by type and severity")
            .labels(ERROR_TYPE, SEVERITY)
            .build();
    /** {@code system_errors_total}: out-of-memory errors and writes that found the disk full. */
    public static final Metric SYSTEM_ERRORS = Metric.counter("system.errors")
            .help("OutOfMemoryErrors nobody handled (escaping a request handler, or ending a thread) and writes that"
                    + " failed because the file system is full (audit records, such unhandled errors), by type")
            .labels(SYSTEM_ERROR_TYPE)
            .compatibility("reference architecture: system_errors_total{type=\"OutOfMemory\"|\"DiskFull\"}; the"
                    + " values are written out_of_memory and disk_full, like every obs label value, and both series"
                    + " show 0 from start-up. Counted where obs sees the error for every module: an exception escaping"
                    + " an HTTP adapter (obs-core's unhandled-error hook), an exception ending any thread when the"
                    + " Observability is built with uncaughtErrors(true), and an audit record lost to a full disk."
                    + " The approach of the conditions is other metrics': jvm_memory_used_bytes against"
                    + " jvm_memory_max_bytes for the heap (a memory pool's usage-threshold notification is not an"
                    + " OutOfMemoryError and is not counted), node_exporter's node_filesystem_avail_bytes for disks")
            .build();
    /** {@code queue_depth}: items waiting in a registered queue or executor. */
    public static final Metric QUEUE_DEPTH = Metric.gauge("queue.depth")
            .help("Items waiting in a registered queue or executor")
            .labels(QUEUE)
            .build();
    /** {@code jvm_scheduling_lag_seconds}: worst lateness of a task scheduled every 100 ms. */
    public static final Metric SCHEDULING_LAG = Metric.gauge("jvm.scheduling.lag")
            .unit("seconds")
            .help("Worst lateness over the last 10 s of a task scheduled every 100 ms on a dedicated daemon thread:"
                    + " the JVM's stand-in for event-loop lag")
            .compatibility("reference architecture: nodejs_eventloop_lag_seconds, which does not exist on the JVM;"
                    + " the probe shows what delays every thread (CPU starvation, stop-the-world GC pauses,"
                    + " safepoints), not the backlog of one executor (see queue_depth for that)")
            .build();
    /** {@code process_resident_memory_bytes}: resident set size of the process. */
    public static final Metric PROCESS_RESIDENT_MEMORY = Metric.gauge("process.resident.memory")
            .unit("bytes")
            .help("Resident set size of the process (VmRSS from /proc/self/status; absent where /proc is not)")
            .build();
    /** {@code health_check_status}: 1 when the named check last passed, else 0. */
    public static final Metric HEALTH_CHECK_STATUS = Metric.gauge("health.check.status")
            .help("1 when the named health check last passed, 0 when it failed or timed out")
            .labels(CHECK)
            .build();
    /** {@code health_check_duration_seconds}: time the named health check took. */
    public static final Metric HEALTH_CHECK_DURATION = Metric.timer("health.check.duration")
            .help("Time the named health check took, timeouts included")
            .labels(CHECK)
            .buckets(Buckets.millis(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000))
            .build();

    private static final String MICROMETER_JVM = "Micrometer JVM binders";

    /** Public for {@link java.util.ServiceLoader}. */
    public CoreCatalogue() {
        super("obs-core");
    }

    @Override
    public List<BoundMeter> boundMeters() {
        return List.of(
                new BoundMeter(
                        "process_cpu_usage",
                        "gauge",
                        "Micrometer ProcessorMetrics",
                        "reference architecture: process_cpu_usage_percent; Micrometer reports a 0..1 ratio, so alerts compare with"
                                + " 0.8 instead of 80"),
                new BoundMeter("system_cpu_usage", "gauge", "Micrometer ProcessorMetrics", ""),
                new BoundMeter(
                        "system_cpu_cores",
                        "gauge",
                        "Micrometer ProcessorMetrics",
                        "Micrometer's system_cpu_count, renamed: promtool rejects a gauge ending in _count;"
                                + " Micrometer's process_cpu_time_ns_total is dropped (abbreviated unit)"),
                new BoundMeter("process_uptime_seconds", "gauge", "Micrometer UptimeMetrics", ""),
                new BoundMeter("process_start_time_seconds", "gauge", "Micrometer UptimeMetrics", ""),
                new BoundMeter("process_files_open_files", "gauge", "Micrometer FileDescriptorMetrics", ""),
                new BoundMeter("process_files_max_files", "gauge", "Micrometer FileDescriptorMetrics", ""),
                new BoundMeter(
                        "jvm_memory_used_bytes",
                        "gauge",
                        MICROMETER_JVM,
                        "reference architecture: node_memory_usage_bytes (a Node.js name); heap and non-heap pools by area and id"),
                new BoundMeter("jvm_memory_max_bytes", "gauge", MICROMETER_JVM, ""),
                new BoundMeter("jvm_memory_committed_bytes", "gauge", MICROMETER_JVM, ""),
                new BoundMeter("jvm_gc_pause_seconds", "summary", MICROMETER_JVM, "appears after the first collection"),
                new BoundMeter("jvm_gc_memory_allocated_bytes_total", "counter", MICROMETER_JVM, ""),
                new BoundMeter("jvm_gc_live_data_size_bytes", "gauge", MICROMETER_JVM, ""),
                new BoundMeter("jvm_threads_live_threads", "gauge", MICROMETER_JVM, ""),
                new BoundMeter("jvm_threads_states_threads", "gauge", MICROMETER_JVM, ""),
                new BoundMeter("jvm_classes_loaded_classes", "gauge", MICROMETER_JVM, ""));
    }
}
