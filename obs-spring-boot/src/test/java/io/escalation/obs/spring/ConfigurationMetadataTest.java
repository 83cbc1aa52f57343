package io.escalation.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;

/** The build writes Boot's configuration metadata for obs.*: IDEs complete and document the settings. */
class ConfigurationMetadataTest {

    @Test
    void everyObsSettingIsListedWithADescription() throws IOException {
        URL resource = ObsProperties.class.getResource("/META-INF/spring-configuration-metadata.json");
        assertThat(resource)
                .as("META-INF/spring-configuration-metadata.json in the module's classes")
                .isNotNull();
        assertThat(resource.toString()).contains("obs-spring-boot");
        String json;
        try (InputStream in = resource.openStream()) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> properties = (List<Map<String, Object>>)
                JsonParserFactory.getJsonParser().parseMap(json).get("properties");
        Map<String, Object> descriptions = properties.stream()
                .collect(Collectors.toMap(p -> (String) p.get("name"), p -> p.getOrDefault("description", "")));
        assertThat(descriptions)
                .containsOnlyKeys(
                        "obs.service",
                        "obs.environment",
                        "obs.cluster",
                        "obs.version",
                        "obs.http.observations.enabled",
                        "obs.db.hikari-pools.enabled",
                        "obs.health.actuator.enabled",
                        "obs.health.actuator.period",
                        "obs.metrics.prometheus-names.enabled",
                        "obs.http.peers",
                        "obs.sentry.dsn",
                        "obs.sentry.environment",
                        "obs.sentry.release",
                        "obs.sentry.sample-rate",
                        "obs.sentry.customer-id-key");
        assertThat(descriptions.get("obs.service").toString()).contains("spring.application.name");
        assertThat(descriptions.get("obs.environment").toString()).contains("Required");
        assertThat(descriptions)
                .allSatisfy((name, description) ->
                        assertThat(description.toString()).as(name).hasSizeGreaterThan(20));
        assertThat(properties)
                .allSatisfy(p -> assertThat(p.get("type"))
                        .isEqualTo(
                                p.get("name").toString().endsWith(".enabled")
                                        ? "java.lang.Boolean"
                                        : p.get("name").equals("obs.http.peers")
                                                ? "java.util.Map<java.lang.String,java.util.List<java.lang.String>>"
                                                : p.get("name").equals("obs.sentry.sample-rate")
                                                        ? "java.lang.Double"
                                                        : p.get("name").equals("obs.health.actuator.period")
                                                                ? "java.time.Duration"
                                                                : "java.lang.String"));
    }
}
