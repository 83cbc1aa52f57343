package io.escalation.obs.test;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sample line of a Prometheus text scrape: name, labels and value.
 *
 * @param name the series name, e.g. {@code app_errors_total}
 * @param labels label names to values, in exposition order
 * @param value the sample value
 */
public record Sample(String name, Map<String, String> labels, double value) {

    /**
     * Copies {@code labels}.
     *
     * @param name the series name
     * @param labels label names to values, copied
     * @param value the sample value
     */
    public Sample {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /**
     * True when every given name/value pair is among this sample's labels.
     *
     * @param wanted label names to values that must all be present
     * @return true when every pair matches; true for an empty map
     */
    public boolean hasLabels(Map<String, String> wanted) {
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
