package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.http.HttpCatalogue;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/rules/slo.yml is what deploy/prometheus/slo/slos.yml generates, and the spec
 * asks for what the metrics can give. {@code -Dobs.updateSlo=true} writes the file instead of
 * failing (deploy/README.md, "SLOs").
 */
class SloRulesTest {

    @Test
    void theCommittedRuleFileIsWhatTheSpecGenerates() throws Exception {
        String generated = SloRules.generate(SloRules.read(SloRules.SPEC));
        if (Boolean.getBoolean("obs.updateSlo")) {
            Files.writeString(SloRules.OUTPUT, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(SloRules.OUTPUT))
                .as("deploy/prometheus/rules/slo.yml is stale: regenerate it from deploy/prometheus/slo/slos.yml with"
                        + " -Dobs.updateSlo=true (deploy/README.md, \"SLOs\")")
                .isEqualTo(generated);
    }

    /** The alert names the runbooks, the README and the time-to-detect test use. */
    @Test
    void theSpecNamesTheSixSloAlerts() throws Exception {
        SloRules.Spec spec = SloRules.read(SloRules.SPEC);
        assertThat(spec.slos().stream()
                        .flatMap(slo -> spec.burnRates().stream().map(b -> slo.alert() + b.alert()))
                        .distinct())
                .containsExactly(
                        "ApiAvailabilityFastBurn",
                        "ApiAvailabilitySlowBurn",
                        "ApiLatencyFastBurn",
                        "ApiLatencySlowBurn",
                        "LlmAvailabilityFastBurn",
                        "LlmAvailabilitySlowBurn");
        assertThat(spec.burnRates())
                .allSatisfy(
                        b -> assertThat(b.severity()).isEqualTo(b.alert().equals("FastBurn") ? "critical" : "warning"));
    }

    /**
     * A latency threshold between two bucket boundaries cannot be counted: le="0.5" must be one of
     * the boundaries obs-http's catalogue declares for http_request_duration_seconds.
     */
    @Test
    void theLatencyThresholdIsABucketBoundaryOfTheCatalogue() throws Exception {
        Timer timer = HttpCatalogue.REQUEST_DURATION.timer().register(new SimpleMeterRegistry());
        var boundaries = Arrays.stream(timer.takeSnapshot().histogramCounts())
                .map(bucket ->
                        BigDecimal.valueOf(bucket.bucket(TimeUnit.SECONDS)).stripTrailingZeros())
                .collect(Collectors.toList());
        assertThat(boundaries).isNotEmpty();
        for (SloRules.Slo slo : SloRules.read(SloRules.SPEC).slos()) {
            if (slo.threshold() != null) {
                assertThat(boundaries)
                        .as("%s: threshold %ss", slo.name(), slo.threshold())
                        .contains(slo.threshold().stripTrailingZeros());
                assertThat(slo.good()).startsWith("http_request_duration_seconds_bucket{");
                assertThat(slo.total()).isEqualTo("http_request_duration_seconds_count");
            }
        }
    }
}
