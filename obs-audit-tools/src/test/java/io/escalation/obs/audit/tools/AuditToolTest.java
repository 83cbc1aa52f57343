package io.escalation.obs.audit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import io.escalation.obs.core.audit.AuditChain;
import io.escalation.obs.logging.ObsLogging;
import io.escalation.obs.test.TestObservability;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit trails written through real logback and the shipped include (small files so they roll over
 * and are gzipped), tampered with as someone who can write the files but lacks the key would, and
 * verified by the command line.
 */
class AuditToolTest {

    private static final String KEY = newKey();
    private static final String OTHER_KEY = newKey();

    @TempDir
    static Path pristine;

    @TempDir
    Path dir;

    private Path logs;
    private String output = "";

    /** One trail of 3 batches of records, rolled over between batches: at least two gzipped files and the current one. */
    @BeforeAll
    static void writeTrail() throws Exception {
        Path logs = pristine.resolve("logs");
        for (int batch = 0; batch < 3; batch++) {
            LoggerContext context = configure(logs, KEY, "2KB");
            try {
                for (int i = 0; i < 30; i++) {
                    context.getLogger("obs.audit.tcpa")
                            .atInfo()
                            .addKeyValue("consumer_id_hash", "c" + batch + "-" + i)
                            .log("tcpa_check");
                }
                context.getLogger("obs.audit.tcpa").info("tcpa_check rolls");
            } finally {
                context.stop();
                for (Status status : context.getStatusManager().getCopyOfStatusList()) {
                    String message = String.valueOf(status.getMessage());
                    if (status.getLevel() >= Status.WARN || message.contains("audit-tcpa")) {
                        WRITER_STATUS.add("batch " + batch + ": " + message);
                    }
                }
            }
        }
    }

    /**
     * Logback's warnings, errors and notes on the TCPA files (renamed, gzipped, deleted) while the trail
     * was written: reported when the trail is not whole.
     */
    private static final List<String> WRITER_STATUS = new ArrayList<>();

    @BeforeEach
    void copyTrail() throws IOException {
        logs = dir.resolve("logs");
        Files.createDirectories(logs);
        try (Stream<Path> files = Files.list(pristine.resolve("logs"))) {
            for (Path file : files.toList()) {
                Files.copy(file, logs.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void anUntouchedTrailOfRolledGzippedAndCurrentFilesVerifies() throws IOException {
        assertThat(rolled()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Files.readAllLines(logs.resolve("audit-tcpa.log")).get(0))
                .startsWith("{\"audit_chain\":\"checkpoint\"")
                .contains("\"key_id\":\"" + keyId(KEY) + "\"");

        assertThat(verify(KEY)).as(output).isZero();
        assertThat(output)
                .as("files %s, logback while writing %s", names(), WRITER_STATUS)
                .contains("OK: ")
                .contains(" 0 problem(s)")
                .doesNotContain("note:");
    }

    @Test
    void aRolledFileWhoseGzipIsNotDoneIsReadInItsPlace() throws IOException {
        Path gz = rolled().get(0);
        Path raw = gz.resolveSibling(gz.getFileName().toString().replaceFirst("\\.gz$", ""));
        Files.write(raw, (String.join("\n", gunzip(gz)) + "\n").getBytes(StandardCharsets.UTF_8));

        // the gzip being written beside it: the rolled file is read, once
        assertThat(verify(KEY)).as(output).isZero();
        assertThat(output).contains(" 0 problem(s)").doesNotContain("note:");

        // the gzip not begun
        Files.delete(gz);
        assertThat(verify(KEY)).as(output).isZero();
        assertThat(output).contains(" 0 problem(s)").doesNotContain("note:");
    }

    @Test
    void anEditedFieldInAGzippedFileIsAMacMismatch() throws IOException {
        Path file = rolled().get(0);
        List<String> lines = gunzip(file);
        lines.set(2, lines.get(2).replace("\"consumer_id_hash\":\"c0-", "\"consumer_id_hash\":\"cX-"));
        gzip(file, lines);

        assertThat(verify(KEY)).isEqualTo(1);
        assertThat(output).contains(file + ":3: mac_mismatch");
    }

    @Test
    void aDeletedLineIsAGap() throws IOException {
        List<String> lines = current();
        lines.remove(4);
        write(lines);

        assertThat(verify(KEY)).isEqualTo(1);
        assertThat(output)
                .containsPattern("audit-tcpa.log:5: gap: record \\d+ missing before seq \\d+; prev does not match");
    }

    @Test
    void twoSwappedLinesAreReordered() throws IOException {
        List<String> lines = current();
        Collections.swap(lines, 3, 4);
        write(lines);

        assertThat(verify(KEY)).isEqualTo(1);
        assertThat(output).contains("audit-tcpa.log:4: gap:").contains("audit-tcpa.log:5: reordered:");
    }

    @Test
    void aTruncatedFileIsReported() throws IOException {
        Path file = logs.resolve("audit-tcpa.log");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 40));
        int lines = current().size();

        assertThat(verify(KEY)).isEqualTo(1);
        assertThat(output).contains("audit-tcpa.log:" + lines + ": truncated");
    }

    @Test
    void aRemovedRolledFileIsAMissingFile() throws IOException {
        List<Path> rolled = rolled();
        Files.delete(rolled.get(1));
        Path next = rolled.size() > 2 ? rolled.get(2) : logs.resolve("audit-tcpa.log");

        assertThat(verify(KEY)).isEqualTo(1);
        assertThat(output).contains(next + ":1: missing_file");
    }

    @Test
    void aRecordForgedWithoutTheKeyIsAMacMismatch() throws IOException {
        List<String> lines = current();
        String last = lines.get(lines.size() - 1);
        AuditChain.Link link = AuditChain.link(bytes(last), bytes(last).length);
        assertThat(link).isNotNull();
        String head = last.substring(0, last.indexOf(",\"seq\":")).replace("tcpa_check rolls", "tcpa_opt_out");
        byte[] forged = new byte[head.length() + AuditChain.MAX_SUFFIX_BYTES];
        int length = AuditChain.fromBase64(OTHER_KEY, "test")
                .seal(bytes(head), 0, bytes(head).length, link.seq() + 1, bytes(link.mac()), forged);
        lines.add(new String(forged, 0, length, StandardCharsets.UTF_8));
        write(lines);

        assertThat(verify(KEY)).isEqualTo(1);
        assertThat(output).contains("audit-tcpa.log:" + lines.size() + ": mac_mismatch");
    }

    @Test
    void aRotatedKeyVerifiesWithBothKeysAndIsAKeyMismatchWithoutTheOld() throws Exception {
        LoggerContext context = configure(logs, OTHER_KEY, "2KB");
        try {
            context.getLogger("obs.audit.tcpa").info("tcpa_check under the new key");
        } finally {
            context.stop();
        }
        List<String> lines = current();
        assertThat(lines.get(lines.size() - 2)).contains("\"key_id\":\"" + keyId(OTHER_KEY) + "\"");

        assertThat(verify(KEY, OTHER_KEY)).as(output).isZero();
        assertThat(verify(OTHER_KEY)).isEqualTo(1);
        assertThat(output).contains(": key_mismatch: the checkpoint names key " + keyId(KEY));
    }

    @Test
    void aRestartAfterACutRecordWritesAChainRestartCountedAndReported() throws Exception {
        Files.writeString(logs.resolve("audit-tcpa.log"), "{\"@timestamp\":\"2026", StandardOpenOption.APPEND);
        LoggerContext context = configure(logs, KEY, "100MB");
        String scrape;
        try (TestObservability test = TestObservability.create()) {
            ObsLogging.install(test.obs(), context);
            context.getLogger("obs.audit.tcpa").info("tcpa_check after the crash");
            scrape = test.obs().prometheusText();
        } finally {
            context.stop();
        }
        assertThat(scrape)
                .containsPattern("logging_audit_chain_breaks_total\\{appender=\"OBS_AUDIT_TCPA\",[^}]*"
                        + "reason=\"tail_unreadable\"[^}]*\\} 1.0");

        assertThat(verify(KEY)).isEqualTo(1);
        int cut = current().size() - 2;
        assertThat(output)
                .contains("audit-tcpa.log:" + cut + ": unchained")
                .contains("audit-tcpa.log:" + (cut + 1) + ": chain_restart: the chain starts a new segment: the last"
                        + " record of ");
    }

    @Test
    void recordsWrittenWithoutAKeyAreUnchainedAndCounted() throws Exception {
        Path plain = dir.resolve("plain");
        LoggerContext context = configure(plain, "", "100MB");
        String scrape;
        try (TestObservability test = TestObservability.create()) {
            ObsLogging.install(test.obs(), context);
            context.getLogger("obs.audit.tcpa").info("tcpa_check");
            scrape = test.obs().prometheusText();
        } finally {
            context.stop();
        }
        assertThat(scrape)
                .containsPattern("logging_audit_chain_breaks_total\\{appender=\"OBS_AUDIT_TCPA\",[^}]*"
                        + "reason=\"key_missing\"[^}]*\\} 1.0");
        assertThat(AuditTool.run(
                        new String[] {"verify", plain.toString()},
                        Map.of("OBS_AUDIT_CHAIN_KEY", KEY),
                        new PrintStream(OutputStream.nullOutputStream()),
                        System.err))
                .isEqualTo(1);
    }

    @Test
    void aTrailOf100000RecordsVerifiesWithinAGenerousBound() throws Exception {
        Path big = dir.resolve("big");
        LoggerContext context = configure(big, KEY, "100MB");
        try {
            for (int i = 0; i < 100_000; i++) {
                context.getLogger("obs.audit.tcpa")
                        .atInfo()
                        .addKeyValue("consumer_id_hash", "c" + i)
                        .log("tcpa_check");
            }
        } finally {
            context.stop();
        }
        long started = System.nanoTime();
        assertThat(AuditTool.run(
                        new String[] {"verify", big.toString()},
                        Map.of("OBS_AUDIT_CHAIN_KEY", KEY),
                        new PrintStream(OutputStream.nullOutputStream()),
                        System.err))
                .isZero();
        assertThat((System.nanoTime() - started) / 1_000_000_000.0).isLessThan(60.0);
    }

    @Test
    void keysComeFromAKeyDirectory() throws IOException {
        Path keys = dir.resolve("keys");
        Files.createDirectories(keys);
        Files.writeString(keys.resolve("2026.key"), "# the key of 2026\n" + KEY + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(AuditTool.run(
                        new String[] {"verify", "--keys", keys.toString(), logs.toString()},
                        Map.of(),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        System.err))
                .isZero();
        assertThat(AuditTool.run(
                        new String[] {"verify", logs.toString()},
                        Map.of(),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        System.err))
                .isEqualTo(1);
    }

    @Test
    void aDirectoryWithoutAuditFilesIsAnErrorNotASuccess() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(AuditTool.run(
                        new String[] {"verify", empty.toString()},
                        Map.of("OBS_AUDIT_CHAIN_KEY", KEY),
                        new PrintStream(OutputStream.nullOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("no audit files (audit*.log, audit*.log.gz) in " + empty);
    }

    private int verify(String... keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditTool.run(
                new String[] {"verify", logs.toString()},
                Map.of("OBS_AUDIT_CHAIN_KEYS", String.join(",", keys)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        output = out.toString(StandardCharsets.UTF_8);
        return status;
    }

    private List<Path> rolled() throws IOException {
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> f.getFileName().toString().matches("audit-tcpa\\..+\\.log\\.gz"))
                    .sorted(AuditChain::compareFileNames)
                    .toList();
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(logs)) {
            return files.map(f -> f.getFileName() + " (" + f.toFile().length() + " B)")
                    .sorted()
                    .toList();
        }
    }

    private List<String> current() throws IOException {
        return new ArrayList<>(Files.readAllLines(logs.resolve("audit-tcpa.log")));
    }

    private void write(List<String> lines) throws IOException {
        Files.write(logs.resolve("audit-tcpa.log"), lines);
    }

    private static List<String> gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new ArrayList<>(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
        }
    }

    private static void gzip(Path file, List<String> lines) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String keyId(String key) {
        return AuditChain.fromBase64(key, "test").keyId();
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static LoggerContext configure(Path logs, String key, String maxFileSize) throws Exception {
        Files.createDirectories(logs);
        Path config = Files.createTempFile(logs.getParent(), "logback", ".xml");
        Files.writeString(
                config,
                "<configuration>\n"
                        + "  <property name=\"OBS_LOG_DIR\" value=\"" + logs + "\"/>\n"
                        + "  <property name=\"OBS_AUDIT_CHAIN_KEY\" value=\"" + key + "\"/>\n"
                        + "  <property name=\"OBS_LOG_MAX_FILE_SIZE\" value=\"" + maxFileSize + "\"/>\n"
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
