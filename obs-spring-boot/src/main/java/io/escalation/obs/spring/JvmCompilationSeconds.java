package io.escalation.obs.spring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Micrometer's {@code jvm.compilation.time} in seconds, {@code jvm_compilation_time_seconds_total}, in place of the
 * milliseconds of Boot's {@code JvmCompilationMetrics} ({@code jvm_compilation_time_ms_total}, which
 * {@code JvmMeterNames} drops: promtool rejects the abbreviated unit). Same description and {@code compiler} tag.
 */
final class JvmCompilationSeconds implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
        if (compilation == null || !compilation.isCompilationTimeMonitoringSupported()) {
            return;
        }
        FunctionCounter.builder("jvm.compilation.time", compilation, bean -> bean.getTotalCompilationTime() / 1000.0)
                .baseUnit("seconds")
                .description("The approximate accumulated elapsed time spent in compilation")
                .tag("compiler", compilation.getName())
                .register(registry);
    }
}
