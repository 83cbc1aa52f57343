package io.escalation.obs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.pii.PiiMasker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

    private static Observability.Builder builder() {
        return Observability.builder()
                .serviceName("client-escalation-calls")
                .environment("production")
                .jvmMetrics(false);
    }

    @Test
    void theVersionIsExposedAsAnInfoGaugeWithTheCommonTags() {
        try (Observability obs = builder().version("1.4.2").build()) {
            assertThat(obs.version()).isEqualTo("1.4.2");
            assertThat(obs.prometheusText())
                    .contains("# TYPE app_build_info gauge\n")
                    .contains("app_build_info{environment=\"production\",service=\"client-escalation-calls\","
                            + "version=\"1.4.2\"} 1\n");
        }
    }

    @Test
    void withoutAVersionNorAManifestItIsUnknown() {
        // this test class lives in a directory, not a jar: no manifest
        try (Observability obs = builder().build()) {
            assertThat(obs.version()).isEqualTo("unknown");
            assertThat(obs.prometheusText())
                    .contains("app_build_info{environment=\"production\",service=\"client-escalation-calls\","
                            + "version=\"unknown\"} 1\n");
        }
    }

    @Test
    void theDefaultIsTheImplementationVersionOfTheCallersManifest() {
        // micrometer-core's jar says Implementation-Version: 1.17.2 (its pom version)
        String micrometer = Counter.class.getPackage().getImplementationVersion();
        assertThat(micrometer).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(Observability.Builder.manifestVersion(Counter.class, 128, PiiMasker.defaults()))
                .isEqualTo(micrometer);
        assertThat(Observability.Builder.manifestVersion(BuildInfoTest.class, 128, PiiMasker.defaults()))
                .isEqualTo("unknown");
        assertThat(Observability.Builder.manifestVersion(null, 128, PiiMasker.defaults()))
                .isEqualTo("unknown");
        // a manifest version that is no valid label is not exposed
        assertThat(Observability.Builder.manifestVersion(Counter.class, 3, PiiMasker.defaults()))
                .isEqualTo("unknown");
    }

    @Test
    void realVersionsAreAccepted() {
        for (String version : new String[] {
            "1.4.2", "0.1.0-SNAPSHOT", "2.0.0-rc.1+build.7", "2026.12.03-4f2a9c1", "4f2a9c1e", "v3", "1.4.2_hotfix"
        }) {
            assertThat(Observability.Builder.versionProblem(version, 128, PiiMasker.defaults()))
                    .as(version)
                    .isNull();
        }
    }

    @Test
    void aVersionThatIsNoSafeLabelValueFailsAtStartUpSayingWhy() {
        assertThatThrownBy(() -> builder().version("1.4.2\r\nversion=\"evil\"").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Observability.version")
                .hasMessageContaining("letters, digits")
                .hasMessageNotContaining("evil");
        assertThatThrownBy(() -> builder().version("1".repeat(129)).build())
                .hasMessageContaining("129 characters, more than 128");
        assertThatThrownBy(() -> builder().version("").build()).hasMessageContaining("empty");
        assertThatThrownBy(() -> builder().version("1 4 2").build()).hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> builder().version("+15551234567").build())
                .hasMessageContaining("starting with a letter or digit");
        assertThatThrownBy(() -> builder().version("4155551234").build())
                .hasMessageContaining("personal data")
                .hasMessageNotContaining("4155551234");
    }

    @Test
    void aHostRegistryGetsTheGaugeToo() {
        SimpleMeterRegistry host = new SimpleMeterRegistry();
        try (Observability obs = builder().meterRegistry(host).version("7.0.1").build()) {
            assertThat(host.get("app.build.info")
                            .tag("version", "7.0.1")
                            .gauge()
                            .value())
                    .isEqualTo(1.0);
        }
    }
}
