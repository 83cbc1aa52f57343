package io.escalation.obs.core.catalog;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.docs.MeterDocumentation;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;

/**
 * One catalogued meter: Micrometer's {@link MeterDocumentation} plus the help text, the labels with
 * their vocabularies, and where the exposed name differs from the requirements' name, why.
 *
 * <pre>{@code
 * enum LlmMeters implements ObsMeter {
 *     TOKENS("llm.tokens.used", Meter.Type.COUNTER, null, "Tokens consumed", LlmLabels.values());
 *     ...
 * }
 * }</pre>
 */
public interface ObsMeter extends MeterDocumentation {

    /** Help text, exposed as the Prometheus {@code # HELP} line. */
    String getDescription();

    /** The labels of this meter, in exposition order. Common tags are not listed. */
    ObsLabel[] getLabels();

    @Override
    default KeyName[] getKeyNames() {
        return getLabels();
    }

    /** Empty when the requirements' name is used as is; otherwise the seed's name and the reason. */
    default String seedDeviation() {
        return "";
    }

    /** The name Prometheus shows, e.g. {@code llm_tokens_used_total}. */
    default String prometheusName() {
        Meter.Type type = getType();
        String unit = type == Meter.Type.TIMER || type == Meter.Type.LONG_TASK_TIMER ? "seconds" : getBaseUnit();
        String name = PROMETHEUS.name(getName(), type, unit);
        // The Prometheus client adds _total to counters at exposition time; the convention leaves it out.
        return type == Meter.Type.COUNTER && !name.endsWith("_total") ? name + "_total" : name;
    }

    /** Shared naming convention used by {@link #prometheusName()}. */
    PrometheusNamingConvention PROMETHEUS = new PrometheusNamingConvention();
}
