package io.escalation.obs.errors;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.test.TestObservability;
import io.sentry.Sentry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker thread dying of a real OutOfMemoryError, with the Observability built with
 * uncaughtErrors(true) and an ErrorReporter on it: counted in system_errors_total and sent to a
 * loopback Sentry once, although both obs's handler and the Sentry SDK's own see it.
 */
class UncaughtThreadErrorsTest {

    private Thread.UncaughtExceptionHandler original;

    @BeforeEach
    void keep() {
        original = Thread.getDefaultUncaughtExceptionHandler();
    }

    @AfterEach
    void restore() {
        Sentry.close();
        Thread.setDefaultUncaughtExceptionHandler(original);
    }

    @Test
    void aThreadDyingOfAnOutOfMemoryErrorIsCountedAndReachesSentryOnce() throws Exception {
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create(b -> b.uncaughtErrors(true));
                ErrorReporter errors = ErrorReporter.create(
                        test.obs(), SentrySettings.builder().dsn(inbox.dsn()).build())) {
            Thread worker = new Thread(
                    () -> {
                        long[] huge = new long[Integer.MAX_VALUE]; // Requested array size exceeds VM limit
                        throw new AssertionError("allocated " + huge.length);
                    },
                    "campaign-worker");
            worker.start();
            worker.join(10_000);
            assertThat(worker.isAlive()).isFalse();

            JsonNode event = inbox.nextEvent();
            JsonNode exception = event.get("exception").get("values").get(0);
            assertThat(exception.get("type").asText()).isEqualTo("OutOfMemoryError");
            assertThat(exception.get("mechanism").get("handled").asBoolean()).isFalse();
            Sentry.flush(5_000);
            assertThat(eventCount(inbox)).as("events sent to Sentry").isEqualTo(1);
            assertThatScrape(test)
                    .hasSample("system_errors_total", 1, "type", "out_of_memory")
                    .hasSample("system_errors_total", 0, "type", "disk_full")
                    .hasSample("sentry_events_dropped_total", 1, "reason", "event_processor", "category", "error");
            assertThat(errors.enabled()).isTrue();
        }
    }

    private static int eventCount(SentryInbox inbox) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String body : inbox.bodies) {
            events.addAll(SentryInbox.eventItems(body.getBytes(StandardCharsets.UTF_8)));
        }
        return events.size();
    }
}
