package io.escalation.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.test.TestObservability;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit appender of the one-line include, configured by Joran, writing real files. */
class ObsAuditAppenderTest {

    @TempDir
    Path dir;

    @Test
    void delAndTheEightBitCsiReachTheAuditFileEscapedNotRaw() throws Exception {
        LoggerContext context = configure("false");
        try (TestObservability test = TestObservability.create()) {
            ObsLogging.install(test.obs(), context);
            context.getLogger("obs.audit.security")
                    .atInfo()
                    .addKeyValue("endpoint", "/a\u009b2J\u007f\u0085b\u00a0\u00e9")
                    .log("rate_limit_violation");
        } finally {
            context.stop();
        }

        byte[] file = Files.readAllBytes(dir.resolve("logs").resolve("audit-security.log"));
        String text = new String(file, StandardCharsets.UTF_8);
        assertThat(text)
                .doesNotContain("\u009b", "\u007f", "\u0085")
                .contains("\"endpoint\":\"/a\\u009b2J\\u007f\\u0085b\u00a0\u00e9\"");
        JsonNode line = JsonLines.JSON.readTree(text);
        assertThat(line.get("endpoint").asText()).isEqualTo("/a\u009b2J\u007f\u0085b\u00a0\u00e9");
    }

    @Test
    void withForceEveryRecordIsWrittenAndForced() throws Exception {
        LoggerContext context = configure("true");
        try (TestObservability test = TestObservability.create()) {
            ObsLogging.install(test.obs(), context);
            assertThat(((ObsAuditAppender) context.getLogger("obs.audit.tcpa").getAppender("OBS_AUDIT_TCPA")).isForce())
                    .isTrue();
            for (int i = 0; i < 50; i++) {
                context.getLogger("obs.audit.tcpa").info("tcpa_check " + i);
            }
        } finally {
            context.stop();
        }
        List<String> lines = Files.readAllLines(dir.resolve("logs").resolve("audit-tcpa.log"));
        assertThat(lines).hasSize(50);
        assertThat(JsonLines.JSON.readTree(lines.get(49)).get("message").asText())
                .isEqualTo("tcpa_check 49");
    }

    @Test
    void anInterruptedThreadWritesItsRecordKeepsItsInterruptAndDoesNotCloseTheFileForOthers() throws Exception {
        LoggerContext context = configure("false");
        boolean stillInterrupted;
        try (TestObservability test = TestObservability.create()) {
            ObsLogging.install(test.obs(), context);
            org.slf4j.Logger tcpa = context.getLogger("obs.audit.tcpa");
            Thread.currentThread().interrupt(); // a cancelled task recording its decision
            try {
                tcpa.info("tcpa_check interrupted");
            } finally {
                stillInterrupted = Thread.interrupted();
            }
            Thread other = new Thread(() -> tcpa.info("tcpa_check after"));
            other.start();
            other.join();
        } finally {
            context.stop();
        }
        assertThat(stillInterrupted).isTrue();
        assertThat(Files.readAllLines(dir.resolve("logs").resolve("audit-tcpa.log")))
                .extracting(line -> JsonLines.JSON.readTree(line).get("message").asText())
                .containsExactly("tcpa_check interrupted", "tcpa_check after");
    }

    @Test
    void escapingLeavesOtherBytesAsTheyAre() {
        byte[] plain = "{\"a\":\"\u00c2\u00a0\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(AuditFileStream.escaped(plain, 0, plain.length).array()).isSameAs(plain);
        byte[] cut = {'x', (byte) 0xc2}; // a lead byte at the end of the buffer is left alone
        assertThat(bytes(AuditFileStream.escaped(cut, 0, 2))).containsExactly('x', (byte) 0xc2);
        byte[] mixed = {'a', (byte) 0xc2, (byte) 0x9f, 0x7f, (byte) 0xc2, (byte) 0xa0};
        assertThat(new String(bytes(AuditFileStream.escaped(mixed, 1, 5)), StandardCharsets.UTF_8))
                .isEqualTo("\\u009f\\u007f\u00a0");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private LoggerContext configure(String force) throws Exception {
        Path config = dir.resolve("logback.xml");
        Files.writeString(
                config,
                "<configuration>\n"
                        + "  <property name=\"OBS_LOG_DIR\" value=\"" + dir.resolve("logs") + "\"/>\n"
                        + "  <property name=\"OBS_AUDIT_FORCE\" value=\"" + force + "\"/>\n"
                        + "  <include resource=\"io/escalation/obs/logging/obs-logback.xml\"/>\n"
                        + "</configuration>\n");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(config.toFile());
        return context;
    }
}
