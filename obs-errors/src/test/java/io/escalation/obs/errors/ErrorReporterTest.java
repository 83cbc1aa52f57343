package io.escalation.obs.errors;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.test.TestObservability;
import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.Sentry;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {

    static final byte[] KEY = "0123456789abcdef-test-key-ghijkl".getBytes(StandardCharsets.US_ASCII);

    @AfterEach
    void closeSentry() {
        Sentry.close();
    }

    @Test
    void sendsAScrubbedEventWithTheSeedsContext() throws Exception {
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create();
                ErrorReporter errors = ErrorReporter.create(
                        test.obs(),
                        SentrySettings.builder()
                                .dsn(inbox.dsn())
                                .release("client-escalation-calls@1.4.2")
                                .customerIdKey(KEY)
                                .build())) {
            Breadcrumb crumb = new Breadcrumb("called +1 415 555 2671");
            crumb.setData("email", "jane@example.com");
            crumb.setData("password", "hunter2");
            crumb.setData("attempt", 2);
            Sentry.addBreadcrumb(crumb);

            String id = errors.capture(
                    new IllegalStateException("charge failed for jane@example.com card 4111 1111 1111 1111"),
                    ErrorContext.empty()
                            .campaignId("campaign_456")
                            .agentType("email")
                            .customerId("cust-9912")
                            .paymentAmount(new BigDecimal("120.50"))
                            .userId("jane@example.com")
                            .extra("note", "call back on 4155552671")
                            .extra("api_token", "abc123"));

            JsonNode event = inbox.nextEvent();
            assertThat(event.get("event_id").asText()).isEqualTo(id);
            assertThat(inbox.paths).first().isEqualTo("/api/1/envelope/");
            assertThat(event.get("environment").asText()).isEqualTo("test");
            assertThat(event.get("release").asText()).isEqualTo("client-escalation-calls@1.4.2");
            assertThat(event.get("level").asText()).isEqualTo("error");
            assertThat(event.get("tags").get("campaign_id").asText()).isEqualTo("campaign_456");
            assertThat(event.get("tags").get("agent_type").asText()).isEqualTo("email");
            assertThat(event.get("tags").get("service").asText()).isEqualTo("test-service");
            JsonNode exception = event.get("exception").get("values").get(0);
            assertThat(exception.get("type").asText()).isEqualTo("IllegalStateException");
            assertThat(exception.get("value").asText()).isEqualTo("charge failed for [EMAIL] card [CARD ****1111]");
            JsonNode extra = event.get("extra");
            assertThat(extra.get("customer_id").asText())
                    .as("HMAC-SHA256, first 16 bytes")
                    .isEqualTo("2185616c3fca7a4869830c612ce9693f"); // openssl dgst -sha256 -mac HMAC
            assertThat(extra.get("payment_amount").decimalValue()).isEqualByComparingTo("120.50");
            assertThat(extra.get("note").asText()).isEqualTo("call back on [PHONE]");
            assertThat(extra.get("api_token").asText()).isEqualTo("[SECRET]");
            assertThat(event.get("user").get("id").asText()).isEqualTo("[EMAIL]");
            assertThat(event.get("user").has("email")).isFalse();
            assertThat(event.get("user").has("ip_address")).isFalse();
            JsonNode breadcrumb = event.get("breadcrumbs").get(0);
            assertThat(breadcrumb.get("message").asText()).isEqualTo("called [PHONE]");
            assertThat(breadcrumb.get("data").get("email").asText()).isEqualTo("[EMAIL]");
            assertThat(breadcrumb.get("data").get("password").asText()).isEqualTo("[SECRET]");
            assertThat(breadcrumb.get("data").get("attempt").asInt()).isEqualTo(2);
            assertThat(String.join("\n", inbox.bodies))
                    .doesNotContain(
                            "jane@example.com",
                            "4111 1111",
                            "555 2671",
                            "4155552671",
                            "hunter2",
                            "abc123",
                            "cust-9912");
        }
    }

    @Test
    void aHookThatFailsDropsWhatItCouldNotScrubAndCountsIt() throws Exception {
        Object hostile = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("cannot describe myself");
            }
        };
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create();
                ErrorReporter errors = ErrorReporter.create(
                        test.obs(), SentrySettings.builder().dsn(inbox.dsn()).build())) {
            Breadcrumb bad = new Breadcrumb("jane@example.com opened the link");
            bad.setData("payload", hostile);
            Sentry.addBreadcrumb(bad);
            Sentry.addBreadcrumb(new Breadcrumb("kept"));

            assertThat(errors.capture(
                            new RuntimeException("unscrubbable"),
                            ErrorContext.empty().extra("payload", hostile)))
                    .isNull();
            errors.capture(new RuntimeException("second"));

            JsonNode event = inbox.nextEvent();
            assertThat(event.get("exception").get("values").get(0).get("value").asText())
                    .isEqualTo("second");
            assertThat(event.get("breadcrumbs")).hasSize(1);
            assertThat(event.get("breadcrumbs").get(0).get("message").asText()).isEqualTo("kept");
            assertThat(String.join("\n", inbox.bodies)).doesNotContain("jane@example.com", "unscrubbable");
            assertThatScrape(test)
                    .hasSample(
                            "obs_instrumentation_errors_total",
                            2,
                            "metric",
                            "sentry_events_dropped_total",
                            "reason",
                            "recording_failed")
                    .hasSample("sentry_events_dropped_total", 1, "reason", "before_send", "category", "error");
        }
        Breadcrumb direct = new Breadcrumb("x");
        direct.setData("payload", hostile);
        int[] failures = {0};
        Scrubber scrubber = new Scrubber(io.escalation.obs.core.pii.PiiMasker.defaults(), () -> failures[0]++);
        assertThat(scrubber.execute(direct, new Hint())).isNull();
        assertThat(failures[0]).isEqualTo(1);
    }

    @Test
    void anUnreachableSentryCostsTheCallerNothing() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (TestObservability test = TestObservability.create();
                ErrorReporter errors = ErrorReporter.create(
                        test.obs(),
                        SentrySettings.builder()
                                .dsn("http://publickey@127.0.0.1:" + closedPort + "/1")
                                .maxQueueSize(10)
                                .shutdownTimeout(Duration.ofMillis(200))
                                .build())) {
            long nanos = timeCaptures(errors, 100);
            assertThat(TimeUnit.NANOSECONDS.toMillis(nanos) / 100.0)
                    .as("ms per capture")
                    .isLessThan(50);
            assertThat(dropped(test))
                    .as("events lost to the dead Sentry are counted")
                    .isPositive();
        }
    }

    @Test
    void aSentryThatNeverAnswersCostsTheCallerNothing() throws Exception {
        try (SentryInbox inbox = SentryInbox.hanging();
                TestObservability test = TestObservability.create();
                ErrorReporter errors = ErrorReporter.create(
                        test.obs(),
                        SentrySettings.builder()
                                .dsn(inbox.dsn())
                                .maxQueueSize(5)
                                .readTimeout(Duration.ofMillis(300))
                                .shutdownTimeout(Duration.ofMillis(200))
                                .build())) {
            long nanos = timeCaptures(errors, 100);
            assertThat(TimeUnit.NANOSECONDS.toMillis(nanos) / 100.0)
                    .as("ms per capture")
                    .isLessThan(50);
            assertThat(scrapeValue(test, "reason=\"queue_overflow\""))
                    .as("the bounded queue overflowed")
                    .isPositive();
        }
    }

    @Test
    void anEmptyDsnTurnsReportingOffCleanly() {
        try (TestObservability test = TestObservability.create();
                ErrorReporter errors = ErrorReporter.create(test.obs(), SentrySettings.fromEnvironment(Map.of()))) {
            assertThat(errors.enabled()).isFalse();
            assertThat(Sentry.isEnabled()).isFalse();
            assertThat(errors.capture(
                            new RuntimeException("x"), ErrorContext.empty().campaignId("c")))
                    .isNull();
            assertThatScrape(test).hasNoInstrumentationErrors();
        }
    }

    @Test
    void everyDiscardReasonOfErrorsIsScrapedAtZeroBeforeTheFirstDrop() throws Exception {
        List<String> reasons = List.of(
                "queue_overflow",
                "cache_overflow",
                "ratelimit_backoff",
                "network_error",
                "send_error",
                "sample_rate",
                "before_send",
                "event_processor",
                "backpressure");
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create();
                ErrorReporter errors = ErrorReporter.create(
                        test.obs(), SentrySettings.builder().dsn(inbox.dsn()).build())) {
            String scrape = test.scrape();
            for (String reason : reasons) {
                assertThat(scrape)
                        .as("the zero series of %s, there before anything is dropped", reason)
                        .containsPattern("(?m)^sentry_events_dropped_total\\{[^}]*category=\"error\"[^}]*reason=\""
                                + reason + "\"[^}]*} 0\\.0$");
            }
            assertThat(dropped(test)).isZero();
            assertThatScrape(test).hasNoInstrumentationErrors();
        }
        try (TestObservability test = TestObservability.create();
                ErrorReporter off = ErrorReporter.create(test.obs(), SentrySettings.fromEnvironment(Map.of()))) {
            assertThat(off.enabled()).isFalse();
            assertThat(test.scrape())
                    .as("reporting off: nothing is dropped, and the alert's series are there all the same")
                    .containsPattern("(?m)^sentry_events_dropped_total\\{[^}]*reason=\"network_error\"[^}]*} 0\\.0$");
        }
    }

    @Test
    void nullInputIsCountedNotThrown() throws Exception {
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create();
                ErrorReporter errors = ErrorReporter.create(
                        test.obs(), SentrySettings.builder().dsn(inbox.dsn()).build())) {
            assertThat(errors.capture(null, null)).isNull();
            assertThat(errors.capture(new RuntimeException("no context"), null)).isNotNull();
            assertThatScrape(test).hasInstrumentationErrors("sentry_events_dropped_total", "null_value", 1);
            assertThat(inbox.nextEvent()
                            .get("exception")
                            .get("values")
                            .get(0)
                            .get("value")
                            .asText())
                    .isEqualTo("no context");
        }
    }

    @Test
    void customerIdsAreLeftOutWithoutAKey() throws Exception {
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create();
                ErrorReporter errors = ErrorReporter.create(
                        test.obs(), SentrySettings.builder().dsn(inbox.dsn()).build())) {
            errors.capture(new RuntimeException("x"), ErrorContext.empty().customerId("cust-9912"));
            JsonNode event = inbox.nextEvent();
            assertThat(event.path("extra").has("customer_id")).isFalse();
            assertThat(String.join("\n", inbox.bodies)).doesNotContain("cust-9912");
        }
    }

    @Test
    void aPlaceholderCustomerIdKeyFailsFast() {
        assertThatThrownBy(() ->
                        SentrySettings.builder().customerIdKey(new byte[16]).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SentrySettings.customerIdKey does not look random (only 1 distinct byte value"
                        + " among its 16 bytes), like a placeholder.");
        assertThatThrownBy(() -> SentrySettings.fromEnvironment(Map.of("OBS_CUSTOMER_ID_HASH_KEY", "x".repeat(32))))
                .hasMessageContaining("like a placeholder");
    }

    @Test
    void misconfigurationFailsFastNamingTheSetting() {
        assertThatThrownBy(() -> SentrySettings.builder().sampleRate(1.5).build())
                .hasMessage(
                        "SentrySettings.sampleRate 1.5 is out of range: use a value between 0 and 1, e.g. .sampleRate(0.25)");
        assertThatThrownBy(() -> SentrySettings.builder().sampleRate(Double.NaN).build())
                .hasMessageStartingWith("SentrySettings.sampleRate NaN is out of range");
        assertThatThrownBy(() ->
                        SentrySettings.builder().customerIdKey(new byte[8]).build())
                .hasMessageStartingWith(
                        "SentrySettings.customerIdKey has 8 bytes: use a random key of at least 16 bytes");
        assertThatThrownBy(() -> SentrySettings.builder().maxQueueSize(0).build())
                .hasMessageStartingWith("SentrySettings.maxQueueSize 0 is invalid");
        assertThatThrownBy(() -> SentrySettings.builder()
                        .dsn("publickey@sentry.example.com/1")
                        .build())
                .hasMessageStartingWith("SentrySettings.dsn must be the project's DSN");
        assertThatThrownBy(() ->
                        SentrySettings.builder().readTimeout(Duration.ZERO).build())
                .hasMessageStartingWith("SentrySettings.readTimeout PT0S is invalid");
        assertThatThrownBy(() -> SentrySettings.builder()
                        .shutdownTimeout(Duration.ofSeconds(Long.MAX_VALUE))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SentrySettings.shutdownTimeout PT2562047788015215H30M7S is invalid");
        assertThatThrownBy(() -> SentrySettings.fromEnvironment(Map.of("SENTRY_SAMPLE_RATE", "half")))
                .hasMessageStartingWith("SENTRY_SAMPLE_RATE 'half' is not a number");
        try (TestObservability test = TestObservability.create()) {
            assertThatThrownBy(() -> ErrorReporter.create(
                            test.obs(),
                            SentrySettings.builder().dsn("http://127.0.0.1:9/1").build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("SentrySettings.dsn was rejected by Sentry");
        }
    }

    private static long timeCaptures(ErrorReporter errors, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            errors.capture(
                    new IllegalStateException("failure " + i + " for jane@example.com"),
                    ErrorContext.empty().campaignId("campaign_" + i));
        }
        return System.nanoTime() - start;
    }

    private static double dropped(TestObservability test) {
        return scrapeValue(test, "");
    }

    /** Sum of sentry_events_dropped_total series whose label set contains {@code labelFragment}. */
    private static double scrapeValue(TestObservability test, String labelFragment) {
        double sum = 0;
        for (String line : test.scrape().split("\n")) {
            if (line.startsWith("sentry_events_dropped_total{") && line.contains(labelFragment)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}
