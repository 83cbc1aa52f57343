package io.escalation.obs.spring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * A {@code # HELP} line for every meter registered without a description: Spring's {@code http.server.requests} and
 * Tomcat's session gauges have none, and {@code promtool check metrics} reports each such family. The text names the
 * meter and says that its binder gave no description. Meters with a description, and the synthetic meters Micrometer
 * derives from another (percentiles), are left as they are. Runs once per new meter id, never on a recording.
 */
final class DefaultHelpFilter implements MeterFilter {

    @Override
    public Meter.Id map(Meter.Id id) {
        String description = id.getDescription();
        if ((description != null && !description.isBlank()) || id.syntheticAssociation() != null) {
            return id;
        }
        return new Meter.Id(
                id.getName(),
                Tags.of(id.getTagsAsIterable()),
                id.getBaseUnit(),
                id.getName() + " (registered without a description)",
                id.getType());
    }
}
