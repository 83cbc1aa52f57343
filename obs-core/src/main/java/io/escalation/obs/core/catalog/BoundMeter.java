package io.escalation.obs.core.catalog;

/**
 * A meter a module binds from another library (e.g. Micrometer's JVM binders) rather than
 * declaring itself, listed so that the catalogue names everything dashboards and alerts read.
 *
 * @param prometheusName the name as Prometheus shows it, e.g. {@code process_cpu_usage}
 * @param type the Prometheus type: counter, gauge, histogram or summary
 * @param source the binder that registers it
 * @param seedDeviation empty, or the seed's name and why this one replaces it
 */
public record BoundMeter(String prometheusName, String type, String source, String seedDeviation) {
}
