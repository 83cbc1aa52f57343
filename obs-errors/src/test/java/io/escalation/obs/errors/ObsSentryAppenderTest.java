package io.escalation.obs.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.test.TestObservability;
import io.sentry.Sentry;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** logback ERROR events through sentry-logback, scrubbed by the Observability's masker. */
class ObsSentryAppenderTest {

    @AfterEach
    void closeSentry() {
        Sentry.close();
    }

    @Test
    void errorEventsAreSentScrubbedAndInfoEventsBecomeScrubbedBreadcrumbs() throws Exception {
        PiiMasker masker = PiiMasker.builder()
                .addPattern("employee", Pattern.compile("EMP-[0-9]{6}"))
                .build();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create(b -> b.masker(masker));
                ErrorReporter errors = ErrorReporter.create(
                        test.obs(), SentrySettings.builder().dsn(inbox.dsn()).build())) {
            attachObsSentryAppender(context);
            Logger log = context.getLogger("io.escalation.payments.PaymentService");

            log.info("retrying charge for jane@example.com");
            log.warn("not an event");
            try (MDC.MDCCloseable c = MDC.putCloseable("campaignId", "campaign_456");
                    MDC.MDCCloseable e = MDC.putCloseable("customerPhone", "+1 415 555 2671")) {
                log.error(
                        "charge failed for jane@example.com, escalated by EMP-123456",
                        new IllegalStateException("card 4111 1111 1111 1111 declined"));
            }

            JsonNode event = inbox.nextEvent();
            assertThat(event.get("message").get("formatted").asText())
                    .isEqualTo("charge failed for [EMAIL], escalated by [EMPLOYEE]");
            assertThat(event.get("logger").asText()).isEqualTo("io.escalation.payments.PaymentService");
            assertThat(event.get("environment").asText()).isEqualTo("test");
            assertThat(event.get("exception").get("values").get(0).get("value").asText())
                    .isEqualTo("card [CARD ****1111] declined");
            JsonNode mdc = event.get("contexts").get("MDC");
            assertThat(mdc.get("campaignId").asText()).isEqualTo("campaign_456");
            assertThat(mdc.get("customerPhone").asText()).isEqualTo("[PHONE]");
            assertThat(event.get("breadcrumbs"))
                    .extracting(b -> b.get("message").asText())
                    .containsExactly("retrying charge for [EMAIL]", "not an event");
            assertThat(String.join("\n", inbox.bodies))
                    .doesNotContain("jane@example.com", "EMP-123456", "4111 1111", "555 2671");
        } finally {
            context.stop();
        }
    }

    /**
     * Sentry's Spring Boot starter attaches sentry-logback's own appender to the root logger after start-up,
     * beside this one: each ERROR line must still reach Sentry once.
     */
    @Test
    void withSentryLogbacksOwnAppenderOnTheRootEachErrorLineIsSentOnce() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        try (SentryInbox inbox = SentryInbox.start();
                TestObservability test = TestObservability.create();
                ErrorReporter errors = ErrorReporter.create(
                        test.obs(), SentrySettings.builder().dsn(inbox.dsn()).build())) {
            Logger root = attachObsSentryAppender(context);
            Logger log = context.getLogger("io.escalation.payments.PaymentService");
            log.error("charge failed before the starter attached its appender");
            assertThat(inbox.nextEvent().get("message").get("formatted").asText())
                    .isEqualTo("charge failed before the starter attached its appender");

            io.sentry.logback.SentryAppender starters = new io.sentry.logback.SentryAppender();
            starters.setContext(context);
            starters.setName("SENTRY_APPENDER");
            starters.start(); // Sentry is initialised already: it sends through the same one, obs's scrubber included
            root.addAppender(starters);
            Thread.sleep(1_100); // past the appender's once-a-second look
            log.error("charge failed for jane@example.com");
            log.error("second failure");

            assertThat(inbox.nextEvent().get("message").get("formatted").asText())
                    .isEqualTo("charge failed for [EMAIL]");
            assertThat(inbox.nextEvent().get("message").get("formatted").asText())
                    .isEqualTo("second failure");
            assertThat(inbox.eventWithin(1_000)).as("a second copy of a line").isNull();
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .extracting(Status::getMessage)
                    .filteredOn(m -> m.contains("SENTRY_APPENDER"))
                    .singleElement()
                    .asString()
                    .contains("ObsSentryAppender [SENTRY]", "Remove this appender");
        } finally {
            context.stop();
        }
    }

    /** An {@code ObsSentryAppender} named SENTRY on the root logger of {@code context}, at INFO; the root. */
    private static Logger attachObsSentryAppender(LoggerContext context) {
        ObsSentryAppender sentry = new ObsSentryAppender();
        sentry.setContext(context);
        sentry.setName("SENTRY");
        sentry.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(sentry);
        root.setLevel(Level.INFO);
        return root;
    }
}
