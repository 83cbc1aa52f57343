package io.escalation.obs.test;

import io.escalation.obs.core.pii.PiiMasker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.tck.MeterRegistryAssert;
import io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions;
import io.opentelemetry.sdk.testing.assertj.SpanDataAssert;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Entry points for assertions on what obs emitted: the scrape (this suite), meters (Micrometer's
 * {@link MeterRegistryAssert}) and spans (OpenTelemetry's {@link SpanDataAssert}).
 *
 * <pre>{@code
 * import static io.escalation.obs.test.ObsAssertions.*;
 *
 * assertThatScrape(test).hasSample("queue_depth", 3, "queue", "tasks");
 * assertThat(test.registry()).hasCounterWithName("app.errors");
 * assertThat(test.spans().get(0)).hasName("campaign.create");
 * }</pre>
 */
public final class ObsAssertions {

    private ObsAssertions() {}

    /**
     * Assertions on the current scrape of {@code test}.
     *
     * @param test the test observability to scrape
     * @return assertions on its scrape at this moment
     */
    public static ScrapeAssert assertThatScrape(TestObservability test) {
        return new ScrapeAssert(test.scrape(), test.obs().masker());
    }

    /**
     * Assertions on a scrape text; PII is looked for with {@link PiiMasker#defaults()}.
     *
     * @param scrape the Prometheus text exposition
     * @return assertions on {@code scrape}
     */
    public static ScrapeAssert assertThatScrape(String scrape) {
        return new ScrapeAssert(scrape, PiiMasker.defaults());
    }

    /**
     * Micrometer's registry assertions.
     *
     * @param registry the registry to inspect
     * @return Micrometer's assertions on {@code registry}
     */
    public static MeterRegistryAssert assertThat(MeterRegistry registry) {
        return MeterRegistryAssert.assertThat(registry);
    }

    /**
     * OpenTelemetry's span assertions.
     *
     * @param span an ended span
     * @return OpenTelemetry's assertions on {@code span}
     */
    public static SpanDataAssert assertThat(SpanData span) {
        return OpenTelemetryAssertions.assertThat(span);
    }
}
