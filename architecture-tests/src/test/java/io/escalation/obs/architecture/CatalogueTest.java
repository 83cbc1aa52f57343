package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.internal.CatalogueMarkdown;
import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.catalog.ModuleCatalogue;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The committed docs/metrics.md is what the code declares, and the declarations are sound. */
class CatalogueTest {

    private static final Pattern PROMETHEUS_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Path DOC = BomTest.ROOT.resolve("docs/metrics.md");

    @Test
    void committedCatalogueIsUpToDate() throws Exception {
        String generated = CatalogueMarkdown.render(MeterCatalogue.discover());
        if (Boolean.getBoolean("obs.updateCatalogue")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(DOC).exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/metrics.md is stale: regenerate it with"
                        + " mvn -B -pl architecture-tests -am verify -Dobs.updateCatalogue=true")
                .isEqualTo(generated);
    }

    @Test
    void everyModuleIsCatalogued() {
        assertThat(MeterCatalogue.discover()).extracting(MeterCatalogue::module).contains("obs-core");
    }

    @Test
    void namesAreUniqueValidAndFollowPrometheusConventions() {
        Set<String> names = new HashSet<>();
        for (MeterCatalogue catalogue : MeterCatalogue.discover()) {
            for (ObsMeter meter : catalogue.meters()) {
                String name = meter.prometheusName();
                assertThat(names.add(name)).as("duplicate meter %s", name).isTrue();
                assertThat(name).matches(PROMETHEUS_NAME);
                assertThat(meter.getDescription()).as("help of %s", name).isNotBlank();
                switch (meter.getType()) {
                    case COUNTER:
                        assertThat(name).endsWith("_total");
                        break;
                    case TIMER:
                        assertThat(name).endsWith("_seconds");
                        break;
                    default:
                        assertThat(name)
                                .as("only counters end in _total: %s", name)
                                .doesNotEndWith("_total");
                }
                for (ObsLabel label : meter.getLabels()) {
                    assertThat(label.asString()).matches(PROMETHEUS_NAME);
                    assertThat(label.asString())
                            .as("labels never carry identities or PII (%s)", name)
                            .isNotIn("customer_id", "user_id", "ip", "phone", "email", "url", "path");
                    assertThat(label.vocabulary()).isNotBlank();
                }
            }
        }
    }

    /**
     * Every catalogued metric is a {@code public static final Metric} constant of its module's catalogue
     * class, and that constant's javadoc starts with the name Prometheus shows, so that searching the
     * sources for an exposed name lands on its one declaration.
     */
    @Test
    void everyMetricIsDeclaredOnceUnderItsExposedName() throws Exception {
        Pattern declaration = Pattern.compile(
                "/\\*\\*[\\s*]*\\{@code ([a-z0-9_]+)\\}(?:(?!\\*/).)*\\*/"
                        + "\\s*public static final Metric ([A-Z0-9_]+)\\s*=",
                Pattern.DOTALL);
        for (MeterCatalogue catalogue : MeterCatalogue.discover()) {
            if (!(catalogue instanceof ModuleCatalogue)) {
                continue; // not yet declared through the kit
            }
            Class<?> type = catalogue.getClass();
            Path source = BomTest.ROOT
                    .resolve(catalogue.module())
                    .resolve("src/main/java")
                    .resolve(type.getName().replace('.', '/') + ".java");
            String text = Files.readString(source, StandardCharsets.UTF_8);
            java.util.Map<String, String> documented = new java.util.HashMap<>();
            java.util.regex.Matcher m = declaration.matcher(text);
            while (m.find()) {
                documented.put(m.group(2), m.group(1));
            }
            for (java.lang.reflect.Field field : type.getFields()) {
                if (field.getType() != Metric.class) {
                    continue;
                }
                Metric metric = (Metric) field.get(null);
                assertThat(documented.get(field.getName()))
                        .as(
                                "javadoc of %s.%s must start with {@code %s}",
                                type.getSimpleName(), field.getName(), metric.prometheusName())
                        .isEqualTo(metric.prometheusName());
            }
            assertThat(catalogue.meters())
                    .as("metrics of %s", catalogue.module())
                    .hasSize(documented.size());
        }
    }
}
