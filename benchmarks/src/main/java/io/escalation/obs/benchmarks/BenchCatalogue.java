package io.escalation.obs.benchmarks;

import io.escalation.obs.core.spi.catalog.Label;
import io.escalation.obs.core.spi.catalog.Metric;

/**
 * The metric and labels of the reference timer facade {@link OperationTimers}, declared the way a module's
 * catalogue declares its own. Not listed in the metric catalogue: the benchmarks are not published.
 */
final class BenchCatalogue {

    /** Label {@code operation}: caller-chosen operation name, guarded. */
    static final Label OPERATION = Label.open("operation", "caller-chosen operation name (guarded)");
    /** Label {@code outcome}: success or error. */
    static final Label OUTCOME = Label.of("outcome", OperationTimers.Outcome.class);

    /** {@code bench_operation_duration_seconds}: time one named operation took, by outcome. */
    static final Metric OPERATION_DURATION = Metric.timer("bench.operation.duration")
            .help("Time one named operation took, by outcome")
            .labels(OPERATION, OUTCOME)
            .buckets(BenchInputs.LATENCY_SLOS)
            .build();

    private BenchCatalogue() {}
}
