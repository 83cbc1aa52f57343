package io.escalation.obs.core.spi.catalog;

import io.micrometer.prometheusmetrics.PrometheusNamingConvention;

/** The shared Prometheus naming convention behind {@link ObsMeter#prometheusName()}. */
final class PrometheusNamingHolder {

    static final PrometheusNamingConvention CONVENTION = new PrometheusNamingConvention();

    private PrometheusNamingHolder() {}
}
