package io.escalation.obs.http;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.core.spi.catalog.Buckets;
import io.escalation.obs.test.TestObservability;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The inbound series as a Prometheus scrape shows them, and what bad input turns into. */
class InboundMetricsTest {

    private static final String CAMPAIGN = "/api/v1/campaigns/{id}";

    private final TestObservability test = TestObservability.create();
    private final HttpMetrics http = HttpMetrics.create(test.obs());

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void requestIsCountedAndTimedWithExplicitBuckets() {
        http.route(CAMPAIGN).record(HttpMethod.GET, 200, TimeUnit.MILLISECONDS.toNanos(30));

        assertThatScrape(test)
                .hasType("http_requests_total", "counter")
                // the one exact exposition line of this module's tests: label order, common tags, value format
                .hasLine("http_requests_total{endpoint=\"/api/v1/campaigns/{id}\",environment=\"test\","
                        + "method=\"GET\",service=\"test-service\",status=\"200\"} 1.0")
                .hasType("http_request_duration_seconds", "histogram")
                .hasSample(
                        "http_request_duration_seconds_bucket",
                        0,
                        "endpoint",
                        "/api/v1/campaigns/{id}",
                        "method",
                        "GET",
                        "le",
                        "0.025")
                .hasSample(
                        "http_request_duration_seconds_bucket",
                        1,
                        "endpoint",
                        "/api/v1/campaigns/{id}",
                        "method",
                        "GET",
                        "le",
                        "0.05")
                .hasSample(
                        "http_request_duration_seconds_bucket",
                        1,
                        "endpoint",
                        "/api/v1/campaigns/{id}",
                        "method",
                        "GET",
                        "le",
                        "10.0")
                .hasSample(
                        "http_request_duration_seconds_bucket",
                        1,
                        "endpoint",
                        "/api/v1/campaigns/{id}",
                        "method",
                        "GET",
                        "le",
                        "+Inf")
                .hasSample(
                        "http_request_duration_seconds_count", 1, "endpoint", "/api/v1/campaigns/{id}", "method", "GET")
                .hasSample(
                        "http_request_duration_seconds_sum",
                        0.03,
                        "endpoint",
                        "/api/v1/campaigns/{id}",
                        "method",
                        "GET")
                .hasType("http_requests_in_flight", "gauge")
                .hasSample("http_requests_in_flight", 0)
                .hasNoSample("http_errors_total")
                .hasNoInstrumentationErrors();
        long buckets = test.scrape()
                .lines()
                .filter(l -> l.startsWith("http_request_duration_seconds_bucket{"))
                .count();
        assertThat(buckets).as("14 boundaries of 5 ms .. 10 s, and +Inf").isEqualTo(15);
        assertThat(test.scrape())
                .contains("le=\"0.005\"")
                .contains("le=\"0.075\"")
                .contains("le=\"7.5\"");
    }

    @Test
    void fiveHundredsAreErrorsAndFourHundredsAreNotByDefault() {
        Route route = http.route(CAMPAIGN);
        route.record(HttpMethod.GET, 503, 1_000_000);
        route.record(HttpMethod.GET, 503, 1_000_000);
        route.record(HttpMethod.GET, 422, 1_000_000);

        assertThatScrape(test)
                .hasSample(
                        "http_errors_total", 2, "endpoint", "/api/v1/campaigns/{id}", "method", "GET", "status", "503")
                .hasSample(
                        "http_requests_total",
                        2,
                        "endpoint",
                        "/api/v1/campaigns/{id}",
                        "method",
                        "GET",
                        "status",
                        "503")
                .hasSample(
                        "http_requests_total",
                        1,
                        "endpoint",
                        "/api/v1/campaigns/{id}",
                        "method",
                        "GET",
                        "status",
                        "422")
                .hasNoSample("http_errors_total", "status", "422")
                .hasSample(
                        "http_request_duration_seconds_count",
                        3,
                        "endpoint",
                        "/api/v1/campaigns/{id}",
                        "method",
                        "GET");
    }

    @Test
    void clientErrorsCountWhenConfigured() {
        try (TestObservability other = TestObservability.create()) {
            HttpMetrics strict = HttpMetrics.builder(other.obs())
                    .errorStatuses(ErrorStatuses.CLIENT_AND_SERVER)
                    .build();
            strict.route(CAMPAIGN).record(HttpMethod.GET, 404, 1_000_000);
            strict.route(CAMPAIGN).record(HttpMethod.GET, 302, 1_000_000);

            assertThatScrape(other)
                    .hasSample("http_errors_total", 1, "endpoint", CAMPAIGN, "status", "404")
                    .hasNoSample("http_errors_total", "status", "302");
        }
    }

    @Test
    void bucketsAreConfigurable() {
        try (TestObservability other = TestObservability.create()) {
            HttpMetrics custom = HttpMetrics.builder(other.obs())
                    .durationBuckets(Buckets.millis(100, 1_000))
                    .build();
            custom.route(CAMPAIGN).record(HttpMethod.POST, 201, TimeUnit.MILLISECONDS.toNanos(300));

            assertThatScrape(other)
                    .hasSample(
                            "http_request_duration_seconds_bucket",
                            0,
                            "endpoint",
                            "/api/v1/campaigns/{id}",
                            "method",
                            "POST",
                            "le",
                            "0.1")
                    .hasSample(
                            "http_request_duration_seconds_bucket",
                            1,
                            "endpoint",
                            "/api/v1/campaigns/{id}",
                            "method",
                            "POST",
                            "le",
                            "1.0")
                    .hasSample(
                            "http_request_duration_seconds_bucket",
                            1,
                            "endpoint",
                            "/api/v1/campaigns/{id}",
                            "method",
                            "POST",
                            "le",
                            "+Inf");
            assertThat(other.scrape().lines().filter(l -> l.startsWith("http_request_duration_seconds_bucket{")))
                    .hasSize(3);
        }
    }

    @Test
    void methodsOutsideTheStandardSetBecomeOther() {
        http.record("PROPFIND", CAMPAIGN, 207, 1_000);
        http.record("get", CAMPAIGN, 200, 1_000); // methods are case-sensitive
        http.record(null, CAMPAIGN, 200, 1_000);
        http.record("DELETE", CAMPAIGN, 204, 1_000);

        assertThatScrape(test)
                .hasSample("http_requests_total", 1, "method", "_OTHER", "status", "207")
                .hasSample("http_requests_total", 2, "method", "_OTHER", "status", "200")
                .hasSample("http_requests_total", 1, "method", "DELETE", "status", "204")
                .hasNoSample("http_requests_total", "method", "PROPFIND")
                .hasNoSample("http_requests_total", "method", "get");
    }

    @Test
    void unmatchedRequestsAreUnknownAndUnmatched404sNotFound() {
        http.record("GET", null, 200, 1_000);
        http.unmatched().record(HttpMethod.GET, 404, 1_000);
        http.route(null).record(HttpMethod.GET, 404, 1_000);
        http.route(CAMPAIGN).record(HttpMethod.GET, 404, 1_000); // a matched route keeps its template

        assertThatScrape(test)
                .hasSample("http_requests_total", 1, "endpoint", "UNKNOWN", "status", "200")
                .hasSample("http_requests_total", 2, "endpoint", "NOT_FOUND", "status", "404")
                .hasSample("http_requests_total", 1, "endpoint", CAMPAIGN, "status", "404")
                .hasNoSample("http_requests_total", "endpoint", "UNKNOWN", "status", "404")
                .hasNoInstrumentationErrors();
    }

    @Test
    void invalidStatusCodesAreFaultsRecordedAs500() {
        Route route = http.route(CAMPAIGN);
        route.record(HttpMethod.GET, -1, 1_000); // the JDK server's "no response sent"
        route.record(HttpMethod.GET, 0, 1_000);
        route.record(HttpMethod.GET, 600, 1_000);
        route.record(HttpMethod.GET, Integer.MAX_VALUE, 1_000);

        assertThatScrape(test)
                .hasSample("http_requests_total", 4, "endpoint", CAMPAIGN, "status", "500")
                .hasSample("http_errors_total", 4, "endpoint", CAMPAIGN, "status", "500")
                .hasInstrumentationErrors("http_requests_total", "negative_value", 1)
                .hasInstrumentationErrors("http_requests_total", "null_value", 1)
                .hasInstrumentationErrors("http_requests_total", "value_too_large", 2);
        assertThat(test.scrape()).doesNotContain("status=\"600\"").doesNotContain("status=\"-1\"");
    }

    @Test
    void negativeDurationKeepsTheCountsAndDropsTheTime() {
        Route route = http.route(CAMPAIGN);
        route.record(HttpMethod.GET, 200, -5);
        route.record(HttpMethod.GET, 200, Long.MAX_VALUE); // clamped to an hour

        assertThatScrape(test)
                .hasSample(
                        "http_requests_total",
                        2,
                        "endpoint",
                        "/api/v1/campaigns/{id}",
                        "method",
                        "GET",
                        "status",
                        "200")
                .hasSample(
                        "http_request_duration_seconds_count", 1, "endpoint", "/api/v1/campaigns/{id}", "method", "GET")
                .hasSample(
                        "http_request_duration_seconds_sum",
                        3600,
                        "endpoint",
                        "/api/v1/campaigns/{id}",
                        "method",
                        "GET")
                .hasInstrumentationErrors("http_request_duration_seconds", "negative_value", 1)
                .hasInstrumentationErrors("http_request_duration_seconds", "value_too_large", 1);
    }

    @Test
    void nullMethodIsAFaultCountedAsOther() {
        http.route(CAMPAIGN).record(null, 200, 1_000);

        assertThatScrape(test)
                .hasSample("http_requests_total", 1, "method", "_OTHER")
                .hasInstrumentationErrors("http_requests_total", "null_value", 1);
    }

    @Test
    void rawPathsQueryStringsAndUrlsNeverReachTheEndpointLabel() {
        http.record("GET", "/api/v1/campaigns/8812", 200, 1_000);
        http.record("GET", "/api/v1/campaigns/{id}?customer=jane.doe@example.com", 200, 1_000);
        http.record("GET", "/api/v1/calls/550e8400-e29b-41d4-a716-446655440000", 200, 1_000);
        http.record("GET", "https://api.example.com/api/v1/campaigns", 200, 1_000);
        http.record("GET", "/api/v1/campaigns#top", 200, 1_000);

        assertThatScrape(test)
                .hasSample("http_requests_total", 5, "endpoint", "redacted")
                .hasInstrumentationErrors("http_requests_total", "label_pii", 5)
                .hasNoPiiInLabels();
        assertThat(test.scrape())
                .doesNotContainPattern("\\{[^}]*8812")
                .doesNotContain("customer")
                .doesNotContain("550e8400")
                .doesNotContain("api.example.com")
                .doesNotContain("#top");
    }

    @Test
    void piiInARouteIsRedacted() {
        http.record("GET", "/api/v1/customers/jane.doe@example.com", 200, 1_000);
        http.record("GET", "/api/v1/customers/+1 415 555 2671/calls", 200, 1_000);

        assertThatScrape(test)
                .hasSample("http_requests_total", 2, "endpoint", "redacted")
                .hasInstrumentationErrors("http_requests_total", "label_pii", 2)
                .hasNoPiiInLabels();
        assertThat(test.scrape()).doesNotContain("jane").doesNotContainPattern("\\{[^}]*2671");
    }

    @Test
    void controlCharactersInARouteAreReplaced() {
        http.record("GET", "/api/v1/campaigns\r\nX-Injected: 1", 200, 1_000);

        assertThatScrape(test)
                .hasSample("http_requests_total", 1, "endpoint", "/api/v1/campaigns__X-Injected: 1")
                .hasInstrumentationErrors("http_requests_total", "label_control_chars", 1);
        assertThat(test.scrape()).doesNotContain("\r").doesNotContain("campaigns\nX");
    }

    @Test
    void tenMegabyteRouteIsCutToThePolicyLengthQuickly() {
        String huge = "/api/v1/" + "a".repeat(10 * 1024 * 1024);
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            http.record("GET", huge, 200, 1_000);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        String cut = ("/api/v1/" + "a".repeat(200))
                .substring(0, LabelPolicy.defaults().maxValueLength());
        assertThatScrape(test)
                .hasSample("http_requests_total", 20, "endpoint", cut)
                .hasInstrumentationErrors("http_requests_total", "label_too_long", 20);
        assertThat(millis).as("20 calls with a 10 MB route").isLessThan(2_000);
    }

    @Test
    void tenThousandDistinctRoutesStayWithinTheCap() {
        for (int i = 0; i < 10_000; i++) {
            http.record("GET", "/api/v1/r" + letters(i), 200, 1);
        }

        long endpoints = assertThatScrape(test).samples().stream()
                .filter(s -> s.name().equals("http_requests_total"))
                .map(s -> s.labels().get("endpoint"))
                .distinct()
                .count();
        assertThat(endpoints).isEqualTo(LabelPolicy.defaults().maxValuesPerLabel() + 1); // + other
        double folded = assertThatScrape(test).samples().stream()
                .filter(s -> s.name().equals("http_requests_total")
                        && "other".equals(s.labels().get("endpoint")))
                .mapToDouble(s -> s.value())
                .sum();
        double total = assertThatScrape(test).samples().stream()
                .filter(s -> s.name().equals("http_requests_total"))
                .mapToDouble(s -> s.value())
                .sum();
        assertThat(total).as("nothing lost").isEqualTo(10_000);
        assertThat(folded).isEqualTo(10_000 - LabelPolicy.defaults().maxValuesPerLabel());
        assertThatScrape(test)
                .hasSample("obs_label_overflow_total", folded, "metric", "http_requests_total", "label", "endpoint");
    }

    @Test
    void oneInstancePerObservabilityAndPerRegistry() {
        assertThat(HttpMetrics.create(test.obs())).isSameAs(http);
        try (Observability second = Observability.builder()
                .serviceName("test-service")
                .environment("test")
                .jvmMetrics(false)
                .meterRegistry(test.registry())
                .build()) {
            assertThatThrownBy(() -> HttpMetrics.create(second))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HttpMetrics already exists on this registry through another Observability");
        }
    }

    @Test
    void misconfiguredBucketsFailAtStartUpSayingWhatToChange() {
        try (TestObservability other = TestObservability.create()) {
            HttpMetrics.Builder builder = HttpMetrics.builder(other.obs());
            assertThatThrownBy(() -> builder.durationBuckets())
                    .hasMessageContaining("HttpMetrics.durationBuckets: give 1 to 30 bucket boundaries");
            assertThatThrownBy(() -> builder.durationBuckets(Duration.ofSeconds(1), Duration.ofMillis(5)))
                    .hasMessageContaining("strictly increasing");
            assertThatThrownBy(() -> builder.clientDurationBuckets(Duration.ZERO))
                    .hasMessageContaining("HttpMetrics.clientDurationBuckets: boundaries must be positive");
        }
    }

    /** Four letters from {@code i}: distinct, digit-free route segments. */
    private static String letters(int i) {
        char[] chars = new char[4];
        for (int k = 0; k < 4; k++) {
            chars[k] = (char) ('a' + i % 26);
            i /= 26;
        }
        return new String(chars);
    }
}
