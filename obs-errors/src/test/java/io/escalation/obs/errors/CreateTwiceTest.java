package io.escalation.obs.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.test.TestObservability;
import io.sentry.Sentry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating ErrorReporter twice on one Observability gives the same reporter, or fails when the settings differ. */
class CreateTwiceTest {

    private static final byte[] OTHER_KEY = "zyxwvutsrqponmlk-other-key-FEDCB".getBytes(StandardCharsets.US_ASCII);

    @AfterEach
    void closeSentry() {
        Sentry.close();
    }

    @Test
    void equalSettingsGiveTheSameReporterWhoseEventsArrive() throws Exception {
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create()) {
            ErrorReporter first = ErrorReporter.create(test.obs(), settings(inbox, "app@1.0", ErrorReporterTest.KEY));
            ErrorReporter second = ErrorReporter.create(test.obs(), settings(inbox, "app@1.0", ErrorReporterTest.KEY));

            assertThat(second).isSameAs(first);
            String id = second.capture(
                    new IllegalStateException("timeout"), ErrorContext.empty().customerId("cust-1"));
            JsonNode event = inbox.nextEvent();
            assertThat(event.get("event_id").asText()).isEqualTo(id);
            assertThat(event.get("release").asText()).isEqualTo("app@1.0");
            first.close();
        }
    }

    @Test
    void otherSettingsFailFastNamingThemButNotTheirValues() throws Exception {
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create();
                ErrorReporter first =
                        ErrorReporter.create(test.obs(), settings(inbox, "app@1.0", ErrorReporterTest.KEY))) {
            assertThat(first.enabled()).isTrue();

            assertThatThrownBy(() -> ErrorReporter.create(test.obs(), settings(inbox, "app@2.0", OTHER_KEY)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("ErrorReporter is already bound to this Observability with other"
                            + " settings (customerIdKey, release differ)")
                    .hasMessageNotContaining(inbox.dsn())
                    .hasMessageNotContaining("app@");
            assertThatThrownBy(() -> ErrorReporter.create(test.obs(), SentrySettings.disabled()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("(customerIdKey, dsn, release differ)");
        }
    }

    @Test
    void aDisabledReporterIsOnePerObservabilityToo() {
        try (TestObservability test = TestObservability.create()) {
            assertThat(ErrorReporter.create(test.obs(), SentrySettings.disabled()))
                    .isSameAs(ErrorReporter.create(test.obs(), SentrySettings.disabled()));
        }
    }

    private static SentrySettings settings(SentryInbox inbox, String release, byte[] key) {
        return SentrySettings.builder()
                .dsn(inbox.dsn())
                .release(release)
                .customerIdKey(key)
                .build();
    }
}
