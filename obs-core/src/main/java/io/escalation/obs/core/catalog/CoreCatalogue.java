package io.escalation.obs.core.catalog;

import io.escalation.obs.core.catalog.BoundMeter;
import io.escalation.obs.core.catalog.MeterCatalogue;
import io.escalation.obs.core.catalog.ObsMeter;
import java.util.List;

/** obs-core's entry in the metric catalogue, found through {@link java.util.ServiceLoader}. */
public final class CoreCatalogue implements MeterCatalogue {

    private static final String MICROMETER_JVM = "Micrometer JVM binders";

    /** Public for {@link java.util.ServiceLoader}. */
    public CoreCatalogue() {
    }

    @Override
    public String module() {
        return "obs-core";
    }

    @Override
    public List<ObsMeter> meters() {
        return List.of(CoreMeters.values());
    }

    @Override
    public List<BoundMeter> boundMeters() {
        return List.of(
                new BoundMeter("process_cpu_usage", "gauge", "Micrometer ProcessorMetrics",
                        "seed: process_cpu_usage_percent; Micrometer reports a 0..1 ratio, so alerts compare with"
                                + " 0.8 instead of 80"),
                new BoundMeter("system_cpu_usage", "gauge", "Micrometer ProcessorMetrics", ""),
                new BoundMeter("system_cpu_cores", "gauge", "Micrometer ProcessorMetrics",
                        "Micrometer's system_cpu_count, renamed: promtool rejects a gauge ending in _count;"
                                + " Micrometer's process_cpu_time_ns_total is dropped (abbreviated unit)"),
                new BoundMeter("process_uptime_seconds", "gauge", "Micrometer UptimeMetrics", ""),
                new BoundMeter("process_start_time_seconds", "gauge", "Micrometer UptimeMetrics", ""),
                new BoundMeter("process_files_open_files", "gauge", "Micrometer FileDescriptorMetrics", ""),
                new BoundMeter("process_files_max_files", "gauge", "Micrometer FileDescriptorMetrics", ""),
                new BoundMeter("jvm_memory_used_bytes", "gauge", MICROMETER_JVM,
                        "seed: node_memory_usage_bytes (a Node.js name); heap and non-heap pools by area and id"),
                new BoundMeter("jvm_memory_max_bytes", "gauge", MICROMETER_JVM, ""),
                new BoundMeter("jvm_memory_committed_bytes", "gauge", MICROMETER_JVM, ""),
                new BoundMeter("jvm_gc_pause_seconds", "summary", MICROMETER_JVM,
                        "appears after the first collection"),
                new BoundMeter("jvm_gc_memory_allocated_bytes_total", "counter", MICROMETER_JVM, ""),
                new BoundMeter("jvm_gc_live_data_size_bytes", "gauge", MICROMETER_JVM, ""),
                new BoundMeter("jvm_threads_live_threads", "gauge", MICROMETER_JVM, ""),
                new BoundMeter("jvm_threads_states_threads", "gauge", MICROMETER_JVM, ""),
                new BoundMeter("jvm_classes_loaded_classes", "gauge", MICROMETER_JVM, ""));
    }
}
