package io.escalation.obs.http;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.spi.catalog.Buckets;
import io.escalation.obs.test.TestObservability;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating HttpMetrics twice on one Observability gives the same facade, or fails when the settings differ. */
class CreateTwiceTest {

    private final TestObservability test = TestObservability.create();

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void requestsThroughBothAddUp() {
        HttpMetrics first = HttpMetrics.create(test.obs());
        HttpMetrics second = HttpMetrics.create(test.obs());
        first.route("/api/v1/campaigns").record(HttpMethod.GET, 200, 1_000_000);
        second.route("/api/v1/campaigns").record(HttpMethod.GET, 200, 1_000_000);

        assertThatScrape(test).hasSample("http_requests_total", 2, "endpoint", "/api/v1/campaigns", "status", "200");
        assertThat(second).isSameAs(first);
    }

    @Test
    void equalSettingsGiveTheSameInstanceAndItsPeers() {
        HttpMetrics first = HttpMetrics.builder(test.obs())
                .peers("twilio", "openai")
                .clientDurationBuckets(Buckets.millis(100, 1_000, 10_000))
                .build();
        HttpMetrics second = HttpMetrics.builder(test.obs())
                .peers("openai", "twilio")
                .clientDurationBuckets(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10))
                .build();
        first.peer("twilio").record(HttpMethod.POST, 201, 1_000_000);
        second.peer("twilio").record(HttpMethod.POST, 201, 1_000_000);

        assertThatScrape(test).hasSample("http_client_requests_total", 2, "peer", "twilio", "status", "201");
        assertThat(second).isSameAs(first);
    }

    @Test
    void otherSettingsFailFastNamingThem() {
        HttpMetrics.builder(test.obs()).peers("twilio").build();

        assertThatThrownBy(() -> HttpMetrics.builder(test.obs())
                        .peers("twilio", "stripe")
                        .errorStatuses(ErrorStatuses.CLIENT_AND_SERVER)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("HttpMetrics is already bound to this Observability with other settings"
                        + " (errorStatuses, peers differ)");
        assertThatThrownBy(() -> HttpMetrics.create(test.obs()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(peers differs)");
    }
}
