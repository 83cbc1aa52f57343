package io.escalation.obs.audit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.escalation.obs.security.SecurityAudit;
import io.escalation.obs.security.SecurityMetrics;
import io.escalation.obs.security.SecurityResource;
import io.escalation.obs.security.SuspiciousActivity;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The compliance report of a trail that ComplianceAudit and SecurityAudit wrote through real logback
 * and the shipped include, with a chain key.
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
    private String c4 = "";
    private String c5 = "";
    private String output = "";

    /**
     * A March of decisions: an opt-out on sms by C-1, contacts before and after its deadline, a block,
     * a text at 10:30 p.m. New York time, two frequency-limit refusals; and security events on 2026-03-10.
     */
    @BeforeEach
    void writeTrail() throws Exception {
        logs = dir.resolve("logs");
        Path config = dir.resolve("logback.xml");
        Files.writeString(
                config,
                "<configuration>\n"
                        + "  <property name=\"OBS_LOG_DIR\" value=\"" + logs + "\"/>\n"
                        + "  <property name=\"OBS_AUDIT_CHAIN_KEY\" value=\"" + chainKey + "\"/>\n"
                        + "  <include resource=\"io/escalation/obs/logging/obs-logback.xml\"/>\n"
                        + "  <logger name=\"obs.audit.tcpa\" additivity=\"false\"/>\n"
                        + "  <logger name=\"obs.audit.security\" additivity=\"false\"/>\n"
                        + "</configuration>\n");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(config.toFile());
        Clock clock = Clock.fixed(at("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
        try (TestObservability test = TestObservability.create(b -> b.clock(clock))) {
            ComplianceAudit audit = ComplianceAudit.builder(TcpaMetrics.create(test.obs()))
                    .consumerIdKey(ID_KEY)
                    .build();
            ComplianceAuditEvent optOut = audit.optOutReceived(
                    TcpaChannel.SMS, "C-1", at("2026-03-02T15:00:00Z"), OptOutDeadlines.of(NEW_YORK));
            optOutDeadline = optOut.fields().get("deadline");
            c1 = optOut.fields().get("consumer_id_hash");
            audit.allowed(TcpaChannel.PHONE, "C-1", NEW_YORK, at("2026-03-10T15:00:00Z"));
            audit.blocked(TcpaReason.TIME_RESTRICTION, TcpaChannel.PHONE, "C-2", NEW_YORK, at("2026-03-10T11:30:00Z"));
            audit.allowed(TcpaChannel.SMS, "C-1", NEW_YORK, at("2026-03-10T15:00:00Z")); // within the 10 days
            audit.allowed(TcpaChannel.SMS, "C-1", NEW_YORK, at("2026-03-20T15:00:00Z")); // after the deadline
            audit.allowed(TcpaChannel.SMS, "C-2", NEW_YORK, at("2026-03-20T15:00:00Z"));
            c4 = audit.allowed(TcpaChannel.SMS, "C-4", NEW_YORK, at("2026-03-21T02:30:00Z")) // 22:30 local
                    .fields()
                    .get("consumer_id_hash");
            audit.blocked(TcpaReason.FREQUENCY_LIMIT, TcpaChannel.PHONE, "C-3", NEW_YORK, at("2026-03-11T14:00:00Z"));
            audit.blocked(TcpaReason.FREQUENCY_LIMIT, TcpaChannel.PHONE, "C-3", NEW_YORK, at("2026-03-11T15:00:00Z"));
            audit.allowed(TcpaChannel.PHONE, "C-3", NEW_YORK, at("2026-04-02T15:00:00Z")); // after the period
            for (int hour = 14; hour < 22; hour++) { // 8 calls in one day: Regulation F's 7 in 7 days exceeded
                c5 = audit.allowed(TcpaChannel.PHONE, "C-5", NEW_YORK, at("2026-03-12T" + hour + ":00:00Z"))
                        .fields()
                        .get("consumer_id_hash");
            }

            SecurityAudit security = SecurityAudit.builder(SecurityMetrics.create(test.obs()))
                    .hashKey(ID_KEY)
                    .build();
            security.loginFailed("agent-7", "203.0.113.9");
            security.accountLocked("agent-7", "203.0.113.9");
            security.suspiciousActivity(SuspiciousActivity.BRUTE_FORCE, "agent-7", "203.0.113.9");
            security.permissionDenied(SecurityResource.CAMPAIGNS, "agent-8", "203.0.113.10");
            security.permissionDenied(SecurityResource.CAMPAIGNS, "agent-8", "203.0.113.10");
        } finally {
            context.stop();
        }
    }

    @Test
    void aPeriodWithAContactAfterAnOptOutsDeadlineAndOneAtNightListsThemAndExitsOne() throws Exception {
        assertThat(report("--from", "2026-03-05", "--to", "2026-03-31")).isEqualTo(1);

        assertThat(optOutDeadline).isEqualTo("2026-03-17T04:00:00Z");
        String keyId = keyId();
        assertThat(output)
                .startsWith("# Compliance report\n\n"
                        + "Period: 2026-03-05 to 2026-03-31 (UTC days of each record's timestamp)\n\n"
                        + "Trail: verified, 25 records in 2 files, no problem; checked with key id " + keyId + ".\n\n");
        assertThat(output)
                .contains("## Summary\n\n| figure | count |\n|---|---|\n"
                        + "| contacts allowed | 13 |\n"
                        + "| attempts blocked | 3 |\n"
                        + "| contacts allowed outside 8 a.m. to 9 p.m. local time | 1 |\n"
                        + "| call-frequency limit refusals (Regulation F 7-in-7) | 2 |\n"
                        + "| consumers called 7 times within 7 days | 1 |\n"
                        + "| consumers called more than 7 times within 7 days | 1 |\n"
                        + "| opt-outs received | 0 |\n"
                        + "| opt-outs honoured late | 0 |\n"
                        + "| contacts allowed at or after an opt-out's deadline | 1 |\n"
                        + "| security events | 5 |\n"
                        + "| account lockouts | 1 |\n"
                        + "| brute-force detections | 1 |\n"
                        + "| permissions denied | 2 |\n");
        assertThat(output)
                .contains("| channel | decision | reason | count |\n|---|---|---|---|\n"
                        + "| phone | allowed | none | 9 |\n"
                        + "| phone | blocked | frequency_limit | 2 |\n"
                        + "| phone | blocked | time_restriction | 1 |\n"
                        + "| sms | allowed | none | 4 |\n");
        assertThat(output)
                .contains("| local hour | phone | sms | total | in window |\n|---|---|---|---|---|\n"
                        + "| 00 | 0 | 0 | 0 | no |\n")
                .contains("| 11 | 2 | 3 | 5 | yes |\n| 12 | 1 | 0 | 1 | yes |\n")
                .contains("| 22 | 0 | 1 | 1 | no |\n");
        assertThat(output)
                .contains("## Contacts allowed outside the calling window\n\n")
                .contains("| timestamp | channel | consumer_local_time | consumer_time_zone | consumer_id_hash |\n"
                        + "|---|---|---|---|---|\n"
                        + "| 2026-03-21T02:30:00Z | sms | 2026-03-20T22:30:00-04:00 | America/New_York | " + c4
                        + " |\n");
        assertThat(output)
                .contains("| reason | rule | count |\n|---|---|---|\n"
                        + "| frequency_limit | 12 CFR 1006.14(b)(2) | 2 |\n"
                        + "| time_restriction | 47 CFR 64.1200(c)(1); 12 CFR 1006.6(b)(1) | 1 |\n");
        assertThat(output).contains("| channel | refusals |\n|---|---|\n| phone | 2 |\n");
        assertThat(output)
                .contains("| consumer_id_hash | 7th call at | most calls within 7 days | status |\n"
                        + "|---|---|---|---|\n| " + c5 + " | 2026-03-12T20:00:00Z | 8 | EXCEEDED |\n");
        assertThat(output)
                .contains("| consumer_id_hash | channel | opt-out received | deadline | contact allowed at |\n"
                        + "|---|---|---|---|---|\n"
                        + "| " + c1
                        + " | sms | 2026-03-02T15:00:00Z | 2026-03-17T04:00:00Z | 2026-03-20T15:00:00Z |\n");
        assertThat(output)
                .contains("| event | detail | count |\n|---|---|---|\n"
                        + "| auth_account_locked |  | 1 |\n"
                        + "| auth_login_failed |  | 1 |\n"
                        + "| authz_permission_denied | campaigns | 2 |\n"
                        + "| security_suspicious_activity | brute_force | 1 |\n");
        assertThat(output)
                .containsPattern("## Account lockouts\n\n\\| timestamp \\| user_id_hash \\| client_ip_hash \\|\n"
                        + "\\|---\\|---\\|---\\|\n\\| 2026-03-10T12:00:00Z \\| [0-9a-f]{64} \\| [0-9a-f]{64} \\|\n");
        assertThat(output)
                .containsPattern("## Permissions denied\n\n\\| resource \\| user_id_hash \\| count \\|\n"
                        + "\\|---\\|---\\|---\\|\n\\| campaigns \\| [0-9a-f]{64} \\| 2 \\|\n");
        assertThat(output).doesNotContain("agent-7", "203.0.113", "C-1 ");
    }

    @Test
    void anOptOutShowsTheTimeTakenToHonourItAgainstItsDeadline() {
        assertThat(report("--to", "2026-03-15")).isEqualTo(0);

        assertThat(output)
                .contains("| consumer_id_hash | channel | received | deadline | last contact after receipt"
                        + " | time taken | time allowed | status |\n|---|---|---|---|---|---|---|---|\n"
                        + "| " + c1 + " | sms | 2026-03-02T15:00:00Z | 2026-03-17T04:00:00Z | 2026-03-20T15:00:00Z"
                        + " | 18 d 0 h 0 min 0 s | 14 d 13 h 0 min 0 s | LATE |\n");
        assertThat(output)
                .contains("| opt-outs received | 1 |\n| opt-outs honoured late | 1 |\n")
                .contains("## Contacts allowed at or after an opt-out's deadline\n\nNone.\n")
                .contains("None: every contact allowed fell between 8 a.m. and 9 p.m. of the consumer's local time.");
    }

    @Test
    void aReportOnATamperedTrailSaysItIsNotVerified() throws Exception {
        Path file = logs.resolve("audit-tcpa.log");
        List<String> lines = Files.readAllLines(file);
        lines.set(5, lines.get(5).replace("\"decision\":\"allowed\"", "\"decision\":\"blocked\""));
        Files.write(file, lines);

        assertThat(report("--to", "2026-03-15")).isEqualTo(1);
        assertThat(output)
                .contains("Trail: NOT verified, 1 problem(s) (run verify for the list), checked with key id " + keyId()
                        + ": the figures below may be incomplete or altered.");
    }

    @Test
    void outWritesMarkdownOneCsvFilePerTableAndTheHtmlPage() throws Exception {
        Path out = dir.resolve("report");
        assertThat(report("--from", "2026-03-05", "--to", "2026-03-31", "--out", out.toString()))
                .isEqualTo(1);

        assertThat(output).startsWith("wrote 16 file(s) to " + out + " (report.md, trail.csv, summary.csv,");
        assertThat(Files.readString(out.resolve("report.md"))).startsWith("# Compliance report\n");
        assertThat(Files.readString(out.resolve("trail.csv")))
                .isEqualTo("period_from,period_to,verified,problems,records,files,key_ids\r\n"
                        + "2026-03-05,2026-03-31,true,0,25,2," + keyId() + "\r\n");
        assertThat(Files.readString(out.resolve("blocked.csv")))
                .isEqualTo("reason,rule,count\r\n"
                        + "frequency_limit,12 CFR 1006.14(b)(2),2\r\n"
                        + "time_restriction,47 CFR 64.1200(c)(1); 12 CFR 1006.6(b)(1),1\r\n");
        assertThat(Files.readString(out.resolve("outside-window.csv")))
                .isEqualTo("timestamp,channel,consumer_local_time,consumer_time_zone,consumer_id_hash\r\n"
                        + "2026-03-21T02:30:00Z,sms,2026-03-20T22:30:00-04:00,America/New_York," + c4 + "\r\n");
        assertThat(Files.readString(out.resolve("summary.csv")))
                .contains("\r\ncontacts allowed outside 8 a.m. to 9 p.m." + " local time,1\r\n");
        assertThat(Files.readString(out.resolve("report.html")))
                .startsWith("<!DOCTYPE html>")
                .doesNotContain("<script", "http://", "https://", "@import", "url(");
    }

    /**
     * The HTML page in headless Chromium (Debian package {@code chromium}), offline: the DOM holds the
     * tables and figures, and the screenshot shows the blue bars and the red bar of the 10 p.m. text.
     */
    @Test
    void theHtmlPageRendersInHeadlessChromium() throws Exception {
        Path out = dir.resolve("report");
        assertThat(report("--from", "2026-03-05", "--to", "2026-03-31", "--format", "html", "--out", out.toString()))
                .isEqualTo(1);
        Path html = out.resolve("report.html");
        assertThat(out.toFile().list()).containsExactly("report.html");

        String dom = chromium("--dump-dom", html.toUri().toString());
        assertThat(dom)
                .contains(
                        "<h1>Compliance report</h1>",
                        "<table id=\"table-decisions\">",
                        "<table id=\"table-outside-window\">",
                        "<td>2026-03-20T22:30:00-04:00</td>",
                        "<td>frequency_limit</td><td>12 CFR 1006.14(b)(2)</td><td class=\"n\">2</td>",
                        "<td>authz_permission_denied</td><td>campaigns</td><td class=\"n\">2</td>",
                        "data-label=\"22:00\" data-value=\"1\"",
                        "data-label=\"11:00\" data-value=\"5\"",
                        "Trail: verified, 25 records in 2 files, no problem; checked with key id " + keyId() + ".");

        Path png = dir.resolve("report.png");
        chromium("--screenshot=" + png, "--window-size=1200,2000", html.toUri().toString());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(2000);
        int blue = 0;
        int red = 0;
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                blue += rgb == 0x2E6FB7 ? 1 : 0;
                red += rgb == 0xC0392B ? 1 : 0;
                dark += (rgb >> 16) < 0x60 && ((rgb >> 8) & 0xFF) < 0x60 && (rgb & 0xFF) < 0x60 ? 1 : 0;
            }
        }
        assertThat(blue).as("pixels of the blue bars").isGreaterThan(1000);
        assertThat(red).as("pixels of the red bar (the 10 p.m. contact)").isGreaterThan(100);
        assertThat(dark).as("pixels of text").isGreaterThan(2000);
    }

    /** Runs headless Chromium on {@code args}, offline, and returns what it printed on standard output. */
    private String chromium(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(List.of(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium")));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("chromium would not start: install the Debian package chromium", e);
        }
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("chromium's exit status").isZero();
        return stdout;
    }

    @Test
    void csvNeedsAnOutputDirectory() {
        assertThat(report("--format", "csv")).isEqualTo(2);
        assertThat(report("--format", "pdf")).isEqualTo(2);
    }

    @Test
    void csvCellsAreQuotedAndNeverReadAsFormulas() {
        assertThat(ComplianceReport.csvRow(
                        List.of("=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "a,b", "line\nend", "/api/v1/x", "")))
                .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),\"a,b\",\"line\nend\"," + "/api/v1/x,\r\n");
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

    private String keyId() {
        return io.escalation.obs.core.audit.AuditChain.fromBase64(chainKey, "test")
                .keyId();
    }

    private int report(String... period) {
        String[] args = new String[period.length + 2];
        args[0] = "report";
        System.arraycopy(period, 0, args, 1, period.length);
        args[args.length - 1] = logs.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditTool.run(
                args,
                Map.of("OBS_AUDIT_CHAIN_KEY", chainKey),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(OutputStream.nullOutputStream()));
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
