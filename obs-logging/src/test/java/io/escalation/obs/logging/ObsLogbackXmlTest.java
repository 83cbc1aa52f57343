package io.escalation.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.test.TestObservability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The one-line include, configured by Joran as a service would, writing real files. */
class ObsLogbackXmlTest {

    @TempDir
    Path dir;

    @Test
    void routesCombinedErrorAndAuditFiles() throws Exception {
        LoggerContext context = configure("OBS_LOG_MAX_FILE_SIZE", "10MB");
        try (TestObservability test = TestObservability.create()) {
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .filteredOn(s -> s.getEffectiveLevel() >= Status.WARN)
                    .extracting(Status::getMessage)
                    .isEmpty();
            assertThat(ObsLogging.install(test.obs(), context))
                    .as("async appenders found")
                    .isEqualTo(3);

            Logger app = context.getLogger("io.escalation.app.PaymentService");
            app.info("payment collected from jane@example.com");
            app.error("charge failed", new IllegalStateException("card 4111 1111 1111 1111 declined"));
            context.getLogger(LogCategory.TCPA.loggerName()).info("opt-out recorded for +1 415 555 2671");
            context.getLogger(LogCategory.SECURITY.loggerName()).warn("5 failed logins from 203.0.113.9");
            app.debug("below the root level");
        } finally {
            context.stop(); // flushes the async appenders
        }

        List<JsonNode> combined = read("combined.log");
        assertThat(combined)
                .extracting(n -> n.get("message").asText())
                .containsExactly(
                        "payment collected from [EMAIL]",
                        "charge failed",
                        "opt-out recorded for [PHONE]",
                        "5 failed logins from [IP]");
        assertThat(combined).allSatisfy(n -> {
            assertThat(n.get("service").asText()).isEqualTo("test-service");
            assertThat(n.get("environment").asText()).isEqualTo("test");
        });
        List<JsonNode> errors = read("error.log");
        assertThat(errors).singleElement().satisfies(n -> {
            assertThat(n.get("level").asText()).isEqualTo("ERROR");
            assertThat(n.get("stack_trace").asText())
                    .startsWith("java.lang.IllegalStateException: card [CARD ****1111] declined");
        });
        assertThat(read("audit-tcpa.log")).singleElement().satisfies(n -> {
            assertThat(n.get("category").asText()).isEqualTo("tcpa");
            assertThat(n.get("message").asText()).isEqualTo("opt-out recorded for [PHONE]");
        });
        assertThat(read("audit-security.log"))
                .singleElement()
                .satisfies(n -> assertThat(n.get("category").asText()).isEqualTo("security"));
    }

    @Test
    void auditFilesAreWrittenThroughNoQueueAndKeepEveryEvent() throws Exception {
        LoggerContext context = configure("OBS_LOG_QUEUE_SIZE", "1");
        int events = 2_000;
        try (TestObservability test = TestObservability.create()) {
            ObsLogging.install(test.obs(), context);
            Logger tcpa = context.getLogger("obs.audit.tcpa");
            for (int i = 0; i < events; i++) {
                tcpa.info("tcpa_check " + i);
            }
            for (String name : List.of("obs.audit.tcpa", "obs.audit.security")) {
                List<Appender<ILoggingEvent>> own = new ArrayList<>();
                context.getLogger(name).iteratorForAppenders().forEachRemaining(own::add);
                assertThat(own)
                        .as(name + " writes its file on the recording thread, through no queue")
                        .singleElement()
                        .isInstanceOf(ObsAuditAppender.class);
            }
        } finally {
            context.stop();
        }

        List<JsonNode> audit = read("audit-tcpa.log");
        assertThat(audit).hasSize(events);
        assertThat(audit.get(events - 1).get("message").asText()).isEqualTo("tcpa_check " + (events - 1));
    }

    /** A logback context configured as a service would: the one-line include, logs in {@code dir}. */
    private LoggerContext configure(String property, String value) throws Exception {
        Path config = dir.resolve("logback.xml");
        Files.writeString(
                config,
                "<configuration>\n"
                        + "  <property name=\"OBS_LOG_DIR\" value=\"" + dir.resolve("logs") + "\"/>\n"
                        + "  <property name=\"" + property + "\" value=\"" + value + "\"/>\n"
                        + "  <include resource=\"io/escalation/obs/logging/obs-logback.xml\"/>\n"
                        + "</configuration>\n");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(config.toFile());
        return context;
    }

    private List<JsonNode> read(String file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("logs").resolve(file), StandardCharsets.UTF_8)) {
            lines.add(JsonLines.JSON.readTree(line));
        }
        return lines;
    }
}
