package io.escalation.obs.core.spi.catalog;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

/**
 * The tags every obs series carries, {@code service}, {@code environment} and, when set,
 * {@code cluster}: the labels that keep a fleet's series apart in a central store. {@link
 * io.escalation.obs.core.Observability} adds them to the registry it creates; an integration that
 * hands obs a host registry adds the same tags before any meter exists.
 */
public final class CommonTags {

    private CommonTags() {}

    /**
     * The common tags for a service, in the order service, environment, cluster.
     *
     * @param service the {@code service} tag
     * @param environment the {@code environment} tag
     * @param cluster the {@code cluster} tag, or null for none
     * @return the tags
     */
    public static Tags of(String service, String environment, @Nullable String cluster) {
        Tags tags = Tags.of(Tag.of("service", service), Tag.of("environment", environment));
        return cluster == null ? tags : tags.and("cluster", cluster);
    }
}
