package io.escalation.obs.core.internal;

import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.escalation.obs.core.spi.catalog.JvmMeterNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the JVM and process metrics the infrastructure dashboard and alerts read: Micrometer's
 * memory, GC, thread, class-loader, processor, uptime and file-descriptor binders, the resident
 * set size, and the {@link SchedulingLagProbe}. {@code Observability} does this at build time
 * unless {@code jvmMetrics(false)}.
 *
 * <p>Side effects on the registry: {@link JvmMeterNames}' filter for names Prometheus rejects; it
 * matches those exact Micrometer names only. Micrometer's binders cannot be
 * unbound, so after {@link #close()} their gauges stay registered; the scheduling-lag gauge is
 * removed.
 */
public final class JvmInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JvmInfrastructure.class);
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final @Nullable JvmGcMetrics gc;
    private final SchedulingLagProbe lag;

    private JvmInfrastructure(@Nullable JvmGcMetrics gc, SchedulingLagProbe lag) {
        this.gc = gc;
        this.lag = lag;
    }

    /**
     * Binds everything to {@code registry}; {@link #close()} stops the GC listener and the probe.
     *
     * @param registry the registry to bind to
     * @return the binding; close it to stop the GC listener and the probe
     */
    public static JvmInfrastructure bind(MeterRegistry registry) {
        // ProcessorMetrics' names that break Prometheus naming rules (promtool check metrics):
        // process_cpu_time_ns_total is dropped and system_cpu_count becomes system_cpu_cores (JvmMeterNames)
        registry.config().meterFilter(JvmMeterNames.filter());
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return new JvmInfrastructure(gc, bindProbes(registry));
    }

    /**
     * Binds only what no Micrometer binder provides, for a host that binds those itself (Spring Boot's Actuator):
     * the resident set size and the scheduling-lag probe. Adds no meter filter.
     *
     * @param registry the registry to bind to
     * @return the binding; close it to stop the probe
     */
    public static JvmInfrastructure bindOwnProbes(MeterRegistry registry) {
        return new JvmInfrastructure(null, bindProbes(registry));
    }

    private static SchedulingLagProbe bindProbes(MeterRegistry registry) {
        if (Files.isReadable(PROC_STATUS)) {
            CoreCatalogue.PROCESS_RESIDENT_MEMORY
                    .gauge(PROC_STATUS, path -> residentBytes())
                    .register(registry);
        }
        return SchedulingLagProbe.start(registry);
    }

    /** VmRSS of this process in bytes, or NaN when it cannot be read. */
    static double residentBytes() {
        try {
            List<String> lines = Files.readAllLines(PROC_STATUS, StandardCharsets.US_ASCII);
            return parseVmRss(lines);
        } catch (IOException | RuntimeException e) {
            log.debug("obs: cannot read {}", PROC_STATUS, e);
            return Double.NaN;
        }
    }

    static double parseVmRss(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                long unit = parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? 1024 : 1;
                return value * unit;
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        lag.close();
        if (gc != null) {
            gc.close();
        }
    }
}
