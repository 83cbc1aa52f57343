package io.escalation.obs.audit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service killed while it gzips a rolled audit file, then started again: every record of both runs
 * is in a file the verifier reads, the chain verifies whole, and nothing is left half done.
 */
class AuditCrashTest {

    private static final Pattern CONSUMER = Pattern.compile("\"consumer_id_hash\":\"([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void aCrashDuringTheGzipOfARolledFileLosesNoRecord() throws Exception {
        String key = newKey();
        Path logs = dir.resolve("logs");

        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        AuditCrashChild.class.getName(),
                        logs.toString(),
                        key)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.out").toFile())
                .start();
        if (!child.waitFor(120, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError(
                    "the service did not crash within 120 s: " + Files.readString(dir.resolve("child.out")));
        }
        String childOut = Files.readString(dir.resolve("child.out"));
        assertThat(child.exitValue()).as(childOut).isZero();
        Matcher written = Pattern.compile("RECORDS (\\d+)").matcher(childOut);
        assertThat(written.find()).as(childOut).isTrue();
        int records = Integer.parseInt(written.group(1));
        List<String> afterCrash = names(logs);
        // the crash came before the gzip was done: a rolled TCPA file that is not (only) a whole gzip is there
        assertThat(afterCrash)
                .as(
                        "files after the crash; the service said: %s",
                        childOut.lines().filter(l -> !l.startsWith("{")).toList())
                .anyMatch(name ->
                        name.startsWith("audit-tcpa.") && !name.equals("audit-tcpa.log") && !name.endsWith(".gz"));

        LoggerContext context = AuditToolTest.configure(logs, key, "1MB");
        try {
            for (int i = 0; i < 30; i++) {
                context.getLogger("obs.audit.tcpa")
                        .atInfo()
                        .addKeyValue("consumer_id_hash", "after-" + i)
                        .log("tcpa_check");
            }
        } finally {
            context.stop();
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int verified = AuditTool.run(
                new String[] {"verify", logs.toString()},
                Map.of("OBS_AUDIT_CHAIN_KEY", key),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(verified)
                .as("after the crash: %s; now: %s; %s", afterCrash, names(logs), report)
                .isZero();
        assertThat(report).contains(" 0 problem(s)").doesNotContain("note:");

        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < records; i++) {
            expected.add("crash-" + i);
        }
        for (int i = 0; i < 30; i++) {
            expected.add("after-" + i);
        }
        assertThat(consumers(logs)).as("records in the TCPA files").isEqualTo(expected);
        assertThat(names(logs))
                .as("every TCPA file is the current one or a whole gzip")
                .filteredOn(name -> name.startsWith("audit-tcpa"))
                .allMatch(name ->
                        name.equals("audit-tcpa.log") || name.matches("audit-tcpa\\.[-0-9]+\\.\\d+\\.log\\.gz"));
    }

    /** The consumer of every TCPA record in the current file and the gzips, each once. */
    private static Set<String> consumers(Path logs) throws IOException {
        Set<String> seen = new TreeSet<>();
        List<String> twice = new ArrayList<>();
        for (String name : names(logs)) {
            if (!name.startsWith("audit-tcpa") || !(name.endsWith(".log") || name.endsWith(".gz"))) {
                continue;
            }
            Path file = logs.resolve(name);
            try (InputStream in = name.endsWith(".gz")
                    ? new GZIPInputStream(Files.newInputStream(file))
                    : Files.newInputStream(file)) {
                Matcher consumer = CONSUMER.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (consumer.find()) {
                    if (!seen.add(consumer.group(1))) {
                        twice.add(consumer.group(1));
                    }
                }
            }
        }
        assertThat(twice).as("records written twice").isEmpty();
        return seen;
    }

    private static List<String> names(Path logs) throws IOException {
        try (Stream<Path> files = Files.list(logs)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
