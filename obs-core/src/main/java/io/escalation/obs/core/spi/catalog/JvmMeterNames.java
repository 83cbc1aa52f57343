package io.escalation.obs.core.spi.catalog;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * The meter filter that gives Micrometer's JVM and process binders names {@code promtool check metrics} accepts, the
 * same wherever they are bound: by obs on its own registry, or by Spring Boot's Actuator on the application's.
 * Add it to a registry before any of those meters is registered.
 *
 * <ul>
 *   <li>{@code system.cpu.count} (exposed as {@code system_cpu_count}, a gauge named like a histogram's count) becomes
 *       {@code system.cpu.cores}, {@code system_cpu_cores};
 *   <li>{@code process.cpu.time} in nanoseconds ({@code process_cpu_time_ns_total}, an abbreviated unit) is dropped:
 *       {@code process_cpu_usage} carries the same signal;
 *   <li>{@code jvm.compilation.time} in milliseconds ({@code jvm_compilation_time_ms_total}) is dropped: whoever binds
 *       it registers it again in seconds, {@code jvm_compilation_time_seconds_total} (obs-spring-boot does).
 * </ul>
 *
 * <p>Only those exact names and units are matched; every other meter passes unchanged.
 */
public final class JvmMeterNames implements MeterFilter {

    private static final JvmMeterNames INSTANCE = new JvmMeterNames();

    private JvmMeterNames() {}

    /**
     * The filter.
     *
     * @return the one instance
     */
    public static MeterFilter filter() {
        return INSTANCE;
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        String name = id.getName();
        String unit = id.getBaseUnit();
        if ((name.equals("process.cpu.time") && "ns".equals(unit))
                || (name.equals("jvm.compilation.time") && "ms".equals(unit))) {
            return MeterFilterReply.DENY;
        }
        return MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.cores") : id;
    }
}
