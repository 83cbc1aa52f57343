package io.escalation.obs.errors;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.test.TestObservability;
import io.sentry.Breadcrumb;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Sentry that the application initialises itself, as Sentry's Spring Boot starter does, given obs's scrubbing with
 * {@link ErrorReporter#configure} and reported to through {@link ErrorReporter#attach}: the application's own
 * callbacks keep running and obs scrubs what they return, even when they throw; the reporter never closes that Sentry.
 */
class AttachedReporterTest {

    @AfterEach
    void closeSentry() {
        Sentry.close();
    }

    @Test
    void theApplicationsCallbacksRunFirstAndObsScrubsWhatTheyReturn() throws Exception {
        List<String> seenByTheApplication = new ArrayList<>();
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create()) {
            SentryOptions options = new SentryOptions();
            options.setDsn(inbox.dsn());
            options.setSendDefaultPii(true);
            options.setBeforeSend((event, hint) -> {
                seenByTheApplication.add(
                        event.getThrowable() == null ? "" : event.getThrowable().getMessage());
                if (event.getThrowable() instanceof UnsupportedOperationException) {
                    return null; // the application drops these
                }
                event.setTag("owner", "jane.doe@example.com");
                return event;
            });
            options.setBeforeBreadcrumb((breadcrumb, hint) -> {
                throw new IllegalStateException("the application's breadcrumb callback failed");
            });
            ErrorReporter.configure(options, test.obs());
            assertThat(options.isSendDefaultPii())
                    .as("headers, cookies and IP addresses stay out")
                    .isFalse();
            Sentry.init(options);
            ErrorReporter errors = ErrorReporter.attach(test.obs(), ErrorReporterTest.KEY);

            Sentry.addBreadcrumb(new Breadcrumb("called +1 415 555 2671"));
            String id = errors.capture(
                    new IllegalStateException("charge failed for jane.doe@example.com card 4111 1111 1111 1111"),
                    ErrorContext.empty().customerId("cust-9912").campaignId("campaign_456"));
            assertThat(errors.capture(new UnsupportedOperationException("dropped by the application")))
                    .isNull();

            JsonNode event = inbox.nextEvent();
            assertThat(event.get("event_id").asText()).isEqualTo(id);
            assertThat(seenByTheApplication)
                    .as("the application's beforeSend saw the raw event, before obs masked it")
                    .containsExactly(
                            "charge failed for jane.doe@example.com card 4111 1111 1111 1111",
                            "dropped by the application");
            assertThat(event.get("exception").get("values").get(0).get("value").asText())
                    .isEqualTo("charge failed for [EMAIL] card [CARD ****1111]");
            assertThat(event.get("tags").get("owner").asText()).isEqualTo("[EMAIL]");
            assertThat(event.get("tags").get("service").asText()).isEqualTo("test-service");
            assertThat(event.get("tags").get("campaign_id").asText()).isEqualTo("campaign_456");
            assertThat(event.get("extra").get("customer_id").asText())
                    .as("the same HMAC as a reporter obs initialised")
                    .isEqualTo("2185616c3fca7a4869830c612ce9693f");
            assertThat(event.get("breadcrumbs").get(0).get("message").asText())
                    .as("kept and scrubbed although the application's callback threw")
                    .isEqualTo("called [PHONE]");
            assertThat(String.join("\n", inbox.bodies))
                    .doesNotContain("jane.doe@example.com", "4111 1111", "555 2671", "cust-9912");
            assertThatScrape(test)
                    .hasSample("sentry_events_dropped_total", 1, "reason", "before_send", "category", "error")
                    .hasSample(
                            "obs_instrumentation_errors_total",
                            1,
                            "metric",
                            "sentry_events_dropped_total",
                            "reason",
                            "recording_failed");

            errors.close();
            assertThat(Sentry.isEnabled())
                    .as("the application's Sentry stays open")
                    .isTrue();
            assertThat(errors.enabled()).isTrue();
        }
    }

    @Test
    void oneReporterPerObservabilityWhetherAttachedOrCreated() throws Exception {
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create()) {
            ErrorReporter attached = ErrorReporter.attach(test.obs(), null);
            assertThat(ErrorReporter.attach(test.obs(), null)).isSameAs(attached);
            assertThat(attached.enabled()).as("no Sentry initialised yet").isFalse();
            assertThatThrownBy(() -> ErrorReporter.create(
                            test.obs(),
                            SentrySettings.builder().dsn(inbox.dsn()).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("ErrorReporter is already bound to this Observability with other settings");
            assertThatThrownBy(() -> ErrorReporter.attach(test.obs(), "short".getBytes()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("customerIdKey");
        }
    }
}
