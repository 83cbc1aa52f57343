package io.escalation.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.escalation.obs.core.audit.AuditChain;
import io.escalation.obs.test.TestObservability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hash chain ObsAuditAppender writes through the one-line include, in real files. */
class AuditChainTest {

    private static final String KEY = Base64.getEncoder()
            .encodeToString("0123456789abcdefghijklmnopqrstuvwxyzABCD".getBytes(StandardCharsets.US_ASCII));

    @TempDir
    Path dir;

    @Test
    void everyLineEndsWithSeqPrevAndMacLinkedToTheLineBeforeWithACheckpointEveryThreeRecords() throws Exception {
        write(KEY, 7);
        List<String> lines = lines();
        AuditChain chain = AuditChain.fromBase64(KEY, "test");

        assertThat(lines).hasSize(10); // start, 3 records, checkpoint, 3, checkpoint, 1
        assertThat(lines.get(0))
                .startsWith("{\"audit_chain\":\"start\",\"@timestamp\":\"")
                .contains(",\"appender\":\"OBS_AUDIT_TCPA\",\"key_id\":\"" + chain.keyId() + "\",\"seq\":1,\"prev\":\""
                        + AuditChain.GENESIS + "\",\"mac\":\"");
        assertThat(lines.get(4)).startsWith("{\"audit_chain\":\"checkpoint\"").contains(",\"seq\":5,");
        assertThat(lines.get(8)).startsWith("{\"audit_chain\":\"checkpoint\"").contains(",\"seq\":9,");
        assertThat(lines.get(1))
                .startsWith("{\"@timestamp\":\"")
                .contains("\"message\":\"tcpa_check 0\"")
                .containsPattern(",\"seq\":2,\"prev\":\"[0-9a-f]{64}\",\"mac\":\"[0-9a-f]{64}\"}$");
        String prev = AuditChain.GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i).getBytes(StandardCharsets.UTF_8);
            AuditChain.Link link = AuditChain.link(line, line.length);
            assertThat(link).as("line %d", i + 1).isNotNull();
            assertThat(link.seq()).isEqualTo(i + 1);
            assertThat(link.prev()).isEqualTo(prev);
            assertThat(chain.verifies(line, line.length)).as("line %d", i + 1).isTrue();
            prev = link.mac();
        }
    }

    @Test
    void aRestartedProcessContinuesTheChainFromTheLastRecordOfTheFile() throws Exception {
        write(KEY, 2);
        String last = lines().get(2);
        write(KEY, 1);
        List<String> lines = lines();

        assertThat(lines).hasSize(5);
        byte[] before = last.getBytes(StandardCharsets.UTF_8);
        String lastMac = AuditChain.link(before, before.length).mac();
        assertThat(lines.get(3))
                .startsWith("{\"audit_chain\":\"checkpoint\"")
                .contains(",\"seq\":4,\"prev\":\"" + lastMac + "\"");
        assertThat(lines.get(4)).contains(",\"seq\":5,");
    }

    @Test
    void anEditedRecordNoLongerVerifies() throws Exception {
        write(KEY, 1);
        String edited = lines().get(1).replace("tcpa_check 0", "tcpa_check 1");
        byte[] line = edited.getBytes(StandardCharsets.UTF_8);

        assertThat(AuditChain.fromBase64(KEY, "test").verifies(line, line.length))
                .isFalse();
    }

    @Test
    void aPlaceholderKeyStopsTheAppenderAndInstallSaysWhatToChange() throws Exception {
        String weak = Base64.getEncoder().encodeToString("changeme".repeat(4).getBytes(StandardCharsets.US_ASCII));
        LoggerContext context = configure(weak);
        try (TestObservability test = TestObservability.create()) {
            assertThatThrownBy(() -> ObsLogging.install(test.obs(), context))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the audit appender OBS_AUDIT_SECURITY")
                    .hasMessageContaining(
                            "its chain key was refused: OBS_AUDIT_CHAIN_KEY (chainKey of OBS_AUDIT_SECURITY)"
                                    + " does not look random")
                    .hasMessageContaining("openssl rand -base64 32");
        } finally {
            context.stop();
        }
    }

    private void write(String key, int records) throws Exception {
        LoggerContext context = configure(key);
        try {
            for (int i = 0; i < records; i++) {
                context.getLogger("obs.audit.tcpa").info("tcpa_check " + i);
            }
        } finally {
            context.stop();
        }
    }

    private List<String> lines() throws Exception {
        return Files.readAllLines(dir.resolve("logs").resolve("audit-tcpa.log"));
    }

    private LoggerContext configure(String key) throws Exception {
        Path config = dir.resolve("logback.xml");
        Files.writeString(
                config,
                "<configuration>\n"
                        + "  <property name=\"OBS_LOG_DIR\" value=\"" + dir.resolve("logs") + "\"/>\n"
                        + "  <property name=\"OBS_AUDIT_CHAIN_KEY\" value=\"" + key + "\"/>\n"
                        + "  <property name=\"OBS_AUDIT_CHECKPOINT_RECORDS\" value=\"3\"/>\n"
                        + "  <include resource=\"io/escalation/obs/logging/obs-logback.xml\"/>\n"
                        + "  <logger name=\"obs.audit.tcpa\" additivity=\"false\"/>\n"
                        + "</configuration>\n");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(config.toFile());
        return context;
    }
}
