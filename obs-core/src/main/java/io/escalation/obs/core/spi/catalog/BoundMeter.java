package io.escalation.obs.core.spi.catalog;

/**
 * A meter a module binds from another library (e.g. Micrometer's JVM binders) rather than
 * declaring itself, listed so that the catalogue names everything dashboards and alerts read.
 *
 * @param prometheusName the name as Prometheus shows it, e.g. {@code process_cpu_usage}
 * @param type the Prometheus type: counter, gauge, histogram or summary
 * @param source the binder that registers it
 * @param compatibility empty, or the reference architecture's name and how this one relates to it
 */
public record BoundMeter(String prometheusName, String type, String source, String compatibility) {}
