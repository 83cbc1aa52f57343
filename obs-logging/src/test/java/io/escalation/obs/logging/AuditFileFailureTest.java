package io.escalation.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit file on a full disk and in place of a directory, with real files and real logback: a
 * service JVM ({@link AuditChild}) configured by the one-line include writes 200 audit records. The
 * full disk is {@code ulimit -f} (RLIMIT_FSIZE, SIGXFSZ ignored): every write past the limit fails with
 * EFBIG, as one on a full file system fails with ENOSPC.
 */
class AuditFileFailureTest {

    private static final int EVENTS = 200;
    private static final Pattern SAMPLE = Pattern.compile(
            "child_audit_events_total\\{environment=\"test\",outcome=\"(\\w+)\",service=\"svc\"} (\\d+)\\.0");

    @TempDir
    Path dir;

    @Test
    void onAFullDiskOnlyTheRecordsOnDiskCountAsRecordedAndTheRestFailLoudly() throws Exception {
        Child child = run("trap '' XFSZ; ulimit -f 8; exec "); // 8 KiB per file: about 27 records fit

        Path file = dir.resolve("logs").resolve("audit-security.log");
        byte[] bytes = Files.readAllBytes(file);
        List<JsonNode> lines = lines(file);
        assertThat(bytes.length)
                .as("the limit was reached")
                .isGreaterThan(8192 - 400)
                .isLessThanOrEqualTo(8192);
        assertThat(bytes[bytes.length - 1]).as("no half-written record").isEqualTo((byte) '\n');
        assertThat(lines).isNotEmpty().hasSizeLessThan(EVENTS);
        assertThat(child.outcome("recorded"))
                .as("recorded = the records in the file")
                .isEqualTo(lines.size());
        assertThat(child.outcome("failed")).isEqualTo(EVENTS - lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).get("seq").asText()).isEqualTo(Integer.toString(i));
        }
        assertThat(child.consoleErrors())
                .as("one ERROR on the console for the failure")
                .singleElement()
                .satisfies(e -> assertThat(e.get("message").asText())
                        .contains(
                                "obs.audit.security",
                                "File too large",
                                "child_audit_events_total{outcome=\"failed\"}"));
        assertThat(child.health).startsWith("DOWN");
    }

    @Test
    void aDirectoryInPlaceOfTheAuditFileFailsTheStartUpCheckAndEveryRecord() throws Exception {
        Files.createDirectories(dir.resolve("logs").resolve("audit-security.log"));
        Child child = run("exec ");

        assertThat(child.install).contains("OBS_AUDIT_SECURITY", "audit-security.log");
        assertThat(child.outcome("recorded")).isZero();
        assertThat(child.outcome("failed")).isEqualTo(EVENTS);
        assertThat(child.consoleErrors())
                .singleElement()
                .satisfies(e -> assertThat(e.get("message").asText()).contains("obs.audit.security"));
        assertThat(child.health).startsWith("DOWN");
    }

    private Child run(String shellPrefix) throws Exception {
        Path config = dir.resolve("logback.xml");
        Files.writeString(
                config,
                "<configuration>\n"
                        + "  <property name=\"OBS_LOG_DIR\" value=\"" + dir.resolve("logs") + "\"/>\n"
                        + "  <include resource=\"io/escalation/obs/logging/obs-logback.xml\"/>\n"
                        + "</configuration>\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = shellPrefix + "'" + java + "' -XX:-UsePerfData -Xmx128m"
                + " -Dlogback.configurationFile='" + config + "' -cp '" + System.getProperty("java.class.path") + "' "
                + AuditChild.class.getName() + " " + EVENTS;
        Process process = new ProcessBuilder("bash", "-c", command)
                .redirectErrorStream(false)
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stdout = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as(stdout + Files.readString(dir.resolve("stderr.txt")))
                .isZero();
        return new Child(stdout);
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lines.add(JsonLines.JSON.readTree(line));
        }
        return lines;
    }

    /** What the child printed. */
    private static final class Child {
        final List<String> console = new ArrayList<>();
        final String stdout;
        String install = "";
        String health = "";

        Child(String stdout) {
            this.stdout = stdout;
            for (String line : stdout.split("\n")) {
                if (line.startsWith("SCRAPE")) {
                    break;
                } else if (line.startsWith("INSTALL ")) {
                    install = line.substring(8);
                } else if (line.startsWith("HEALTH ")) {
                    health = line.substring(7);
                } else if (line.startsWith("{")) {
                    console.add(line);
                }
            }
        }

        long outcome(String outcome) {
            Matcher m = SAMPLE.matcher(stdout);
            while (m.find()) {
                if (m.group(1).equals(outcome)) {
                    return Long.parseLong(m.group(2));
                }
            }
            return outcome.equals("failed") ? -1 : 0;
        }

        List<JsonNode> consoleErrors() throws IOException {
            List<JsonNode> errors = new ArrayList<>();
            for (String line : console) {
                JsonNode node = JsonLines.JSON.readTree(line);
                if (node.get("level").asText().equals("ERROR")) {
                    errors.add(node);
                }
            }
            return errors;
        }
    }
}
