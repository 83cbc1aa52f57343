package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.spi.catalog.MeterCatalogue;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import io.escalation.obs.core.internal.CatalogueMarkdown;
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
                        assertThat(name).as("only counters end in _total: %s", name).doesNotEndWith("_total");
                }
                for (ObsLabel label : meter.getLabels()) {
                    assertThat(label.asString()).matches(PROMETHEUS_NAME);
                    assertThat(label.asString()).as("labels never carry identities or PII (%s)", name)
                            .isNotIn("customer_id", "user_id", "ip", "phone", "email", "url", "path");
                    assertThat(label.vocabulary()).isNotBlank();
                }
            }
        }
    }
}
