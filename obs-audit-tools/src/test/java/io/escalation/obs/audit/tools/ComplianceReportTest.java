package io.escalation.obs.audit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.escalation.obs.tcpa.ComplianceAudit;
import io.escalation.obs.tcpa.ComplianceAuditEvent;
import io.escalation.obs.tcpa.OptOutDeadlines;
import io.escalation.obs.tcpa.TcpaChannel;
import io.escalation.obs.tcpa.TcpaMetrics;
import io.escalation.obs.tcpa.TcpaReason;
import io.escalation.obs.test.TestObservability;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The compliance report of a trail that ComplianceAudit wrote through real logback and the shipped
 * include, with a chain key.
 */
class ComplianceReportTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final byte[] ID_KEY = "report-test-id-key-0123456789-ABCDEFGH".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private final String chainKey = newKey();
    private Path logs;
    private String optOutDeadline = "";
    private String c1 = "";
    private String output = "";

    /** A March of decisions: an opt-out on sms by C-1, contacts before and after its deadline, a block. */
    @BeforeEach
    void writeTrail() throws Exception {
        logs = dir.resolve("logs");
        Path config = dir.resolve("logback.xml");
        Files.writeString(config, "<configuration>\n"
                + "  <property name=\"OBS_LOG_DIR\" value=\"" + logs + "\"/>\n"
                + "  <property name=\"OBS_AUDIT_CHAIN_KEY\" value=\"" + chainKey + "\"/>\n"
                + "  <include resource=\"io/escalation/obs/logging/obs-logback.xml\"/>\n"
                + "  <logger name=\"obs.audit.tcpa\" additivity=\"false\"/>\n"
                + "</configuration>\n");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(config.toFile());
        try (TestObservability test = TestObservability.create()) {
            ComplianceAudit audit = ComplianceAudit.builder(TcpaMetrics.create(test.obs())).consumerIdKey(ID_KEY).build();
            ComplianceAuditEvent optOut = audit.optOutReceived(TcpaChannel.SMS, "C-1", at("2026-03-02T15:00:00Z"),
                    OptOutDeadlines.of(NEW_YORK));
            optOutDeadline = optOut.fields().get("deadline");
            c1 = optOut.fields().get("consumer_id_hash");
            audit.allowed(TcpaChannel.PHONE, "C-1", NEW_YORK, at("2026-03-10T15:00:00Z"));
            audit.blocked(TcpaReason.TIME_RESTRICTION, TcpaChannel.PHONE, "C-2", NEW_YORK, at("2026-03-10T11:30:00Z"));
            audit.allowed(TcpaChannel.SMS, "C-1", NEW_YORK, at("2026-03-10T15:00:00Z"));   // within the 10 days
            audit.allowed(TcpaChannel.SMS, "C-1", NEW_YORK, at("2026-03-20T15:00:00Z"));   // after the deadline
            audit.allowed(TcpaChannel.SMS, "C-2", NEW_YORK, at("2026-03-20T15:00:00Z"));
            audit.allowed(TcpaChannel.PHONE, "C-3", NEW_YORK, at("2026-04-02T15:00:00Z"));   // after the period
        } finally {
            context.stop();
        }
    }

    @Test
    void aPeriodWithAContactAfterAnOptOutsDeadlineListsItAndExitsOne() {
        assertThat(report("--from", "2026-03-05", "--to", "2026-03-31")).isEqualTo(1);

        assertThat(optOutDeadline).isEqualTo("2026-03-17T04:00:00Z");
        assertThat(output).isEqualTo("# TCPA compliance report\n\n"
                + "Period: 2026-03-05 to 2026-03-31 (UTC days of each decision's timestamp)\n\n"
                + "Trail: verified, 8 records in 2 files, no problem.\n\n"
                + "## Contact decisions\n\n| channel | decision | reason | count |\n|---|---|---|---|\n"
                + "| phone | allowed | none | 1 |\n"
                + "| phone | blocked | time_restriction | 1 |\n"
                + "| sms | allowed | none | 3 |\n"
                + "\n## Opt-outs received\n\n| channel | count |\n|---|---|\n"
                + "\n## Contacts allowed at or after an opt-out's deadline\n\n"
                + "| consumer_id_hash | channel | opt-out received | deadline | contact allowed at |\n"
                + "|---|---|---|---|---|\n"
                + "| " + c1 + " | sms | 2026-03-02T15:00:00Z | 2026-03-17T04:00:00Z | 2026-03-20T15:00:00Z |\n");
    }

    @Test
    void aPeriodBeforeTheDeadlineHasNoneAndCountsItsOptOuts() {
        assertThat(report("--to", "2026-03-15")).isZero();

        assertThat(output).contains("Period: start of the trail to 2026-03-15")
                .contains("| phone | allowed | none | 1 |\n| phone | blocked | time_restriction | 1 |\n"
                        + "| sms | allowed | none | 1 |\n")
                .contains("| channel | count |\n|---|---|\n| sms | 1 |\n")
                .endsWith("## Contacts allowed at or after an opt-out's deadline\n\nNone.\n");
    }

    @Test
    void aReportOnATamperedTrailSaysItIsNotVerified() throws Exception {
        Path file = logs.resolve("audit-tcpa.log");
        List<String> lines = Files.readAllLines(file);
        lines.set(5, lines.get(5).replace("\"decision\":\"allowed\"", "\"decision\":\"blocked\""));
        Files.write(file, lines);

        assertThat(report("--to", "2026-03-15")).isEqualTo(1);
        assertThat(output).contains("Trail: NOT verified, 1 problem(s) (run verify for the list): the figures below may"
                + " be incomplete or altered.");
    }

    @Test
    void onlyFlatJsonObjectsAreRead() {
        assertThat(ComplianceReport.FlatJson.parse("{\"a\":\"x\\\"y\\u00e9\\n\",\"n\":42,\"b\":true}"))
                .isEqualTo(Map.of("a", "x\"y\u00e9\n", "n", "42", "b", "true"));
        assertThat(ComplianceReport.FlatJson.parse("{\"a\":{\"b\":\"c\"}}")).isNull();
        assertThat(ComplianceReport.FlatJson.parse("{\"a\":\"cut")).isNull();
        assertThat(ComplianceReport.FlatJson.parse("[1,2]")).isNull();
        assertThat(ComplianceReport.FlatJson.parse("{\"a\":\"\\u12\"}")).isNull();
    }

    private int report(String... period) {
        String[] args = new String[period.length + 2];
        args[0] = "report";
        System.arraycopy(period, 0, args, 1, period.length);
        args[args.length - 1] = logs.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditTool.run(args, Map.of("OBS_AUDIT_CHAIN_KEY", chainKey),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(OutputStream.nullOutputStream()));
        output = out.toString(StandardCharsets.UTF_8);
        return status;
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
