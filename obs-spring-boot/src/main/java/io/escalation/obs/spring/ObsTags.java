package io.escalation.obs.spring;

import io.escalation.obs.core.spi.catalog.CommonTags;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/** The resolved {@code service}, {@code environment} and {@code cluster} of an application, or why they are not. */
final class ObsTags {

    final String service;
    final String environment;
    final @Nullable String cluster;

    private ObsTags(String service, String environment, @Nullable String cluster) {
        this.service = service;
        this.environment = environment;
        this.cluster = cluster;
    }

    /** The tags from {@code obs.*}, the service defaulting to {@code spring.application.name}. */
    static ObsTags resolve(ObsProperties properties, Environment env) {
        String service = blankToNull(properties.getService());
        if (service == null) {
            service = blankToNull(env.getProperty("spring.application.name"));
        }
        if (service == null) {
            throw new IllegalStateException("obs needs a service name: set obs.service (or spring.application.name),"
                    + " e.g. obs.service=client-escalation-calls");
        }
        String environment = blankToNull(properties.getEnvironment());
        if (environment == null) {
            throw new IllegalStateException(
                    "obs needs an environment: set obs.environment, e.g. obs.environment=production");
        }
        return new ObsTags(service, environment, blankToNull(properties.getCluster()));
    }

    Tags asTags() {
        return CommonTags.of(service, environment, cluster);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
