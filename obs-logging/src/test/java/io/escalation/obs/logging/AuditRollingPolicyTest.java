package io.escalation.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingPolicyBase;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AuditRollingPolicy} on real files: a full disk ({@code /dev/full}) during a gzip, a roll-over
 * onto a rolled file still there, and what logback's own compressor leaves after a crash. In every case
 * each record written is in exactly one file the verifier reads, in order.
 */
class AuditRollingPolicyTest {

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();
    private final List<String> written = new ArrayList<>();
    private ObsAuditAppender appender;
    private String chainKey;
    private String pattern = "%msg%n";
    private final String month = YearMonth.now().toString();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void aFullDiskDuringTheGzipKeepsTheRolledFileAndTheGzipIsDoneOnceThereIsRoom() throws Exception {
        // the gzip of the first rolled file is written into /dev/full: every write fails with ENOSPC
        Files.createSymbolicLink(dir.resolve("audit." + month + ".0.log.gz.part"), Path.of("/dev/full"));
        start(policy());

        writeUntilRolledOver();
        awaitStatus("was not gzipped");
        assertThat(errors())
                .anyMatch(e -> e.contains("audit." + month + ".0.log was not gzipped")
                        && e.contains("No space left on device")
                        && e.contains("its records stay in it"));
        assertThat(names()).contains("audit." + month + ".0.log").doesNotContain("audit." + month + ".0.log.gz");

        writeUntilRolledOver(); // the disk has room again: this roll-over gzips both
        context.stop();
        assertThat(names())
                .containsExactly("audit." + month + ".0.log.gz", "audit." + month + ".1.log.gz", "audit.log");
        assertThat(recordsInFiles()).isEqualTo(written);
    }

    @Test
    void aRollOverOntoARolledFileStillThereIsDeferredAndOverwritesNothing() throws Exception {
        // an earlier run left rolled file 0 ungzipped, and its gzip fails again at this start-up
        Files.writeString(dir.resolve("audit." + month + ".0.log"), "earlier-0\nearlier-1\n");
        Files.createSymbolicLink(dir.resolve("audit." + month + ".0.log.gz.part"), Path.of("/dev/full"));
        written.add("earlier-0");
        written.add("earlier-1");
        start(policy());
        assertThat(errors()).anyMatch(e -> e.contains("No space left on device"));

        // logback counts only gzips, so its first roll-over would take index 0 again: deferred, then index 1
        writeUntilRolledOver();
        context.stop();
        assertThat(warnings()).anyMatch(w -> w.contains("audit." + month + ".0.log exists already"));
        assertThat(names())
                .containsExactly("audit." + month + ".0.log.gz", "audit." + month + ".1.log.gz", "audit.log");
        assertThat(recordsInFiles()).isEqualTo(written);
        assertThat(recordsInFiles().subList(0, 2)).containsExactly("earlier-0", "earlier-1");
    }

    @Test
    void whatLogbacksCompressorLeftAfterACrashIsFinishedAtStartUp() throws Exception {
        // as logback 1.5 leaves a process killed during its gzip: the records in a .tmp file, the gzip cut short
        String records = "earlier-0\nearlier-1\nearlier-2\n".repeat(200);
        byte[] gzip = gzip(records);
        Files.write(dir.resolve("audit." + month + ".0.log.gz"), java.util.Arrays.copyOf(gzip, gzip.length / 2));
        Files.writeString(dir.resolve("audit." + month + ".0.log10929085665295.tmp"), records);
        records.lines().forEach(written::add);

        start(policy());
        assertThat(names()).containsExactly("audit." + month + ".0.log.gz", "audit.log");
        writeUntilRolledOver(); // logback counted the finished gzip: this one is index 1
        context.stop();
        assertThat(names())
                .containsExactly("audit." + month + ".0.log.gz", "audit." + month + ".1.log.gz", "audit.log");
        assertThat(recordsInFiles()).isEqualTo(written);
    }

    @Test
    void chainedRecordsRollOverAtMaxFileSizeWithTheirChainFields() throws Exception {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        chainKey = java.util.Base64.getEncoder().encodeToString(key);
        pattern = "{\"msg\":\"%msg\"}%n";
        start(policy());
        assertThat(appender.isChained()).isTrue();

        writeUntilRolledOver();
        context.stop();
        byte[] rolled;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("audit." + month + ".0.log.gz")))) {
            rolled = in.readAllBytes();
        }
        // each line is about 60 bytes of record and 170 of chain fields: the encoder's bytes alone
        // would roll over at about four times the size
        assertThat(new String(rolled, StandardCharsets.UTF_8)).contains("\"mac\":");
        assertThat(rolled.length).isBetween(4096, 4096 + 400);
    }

    @Test
    void anAuditAppenderRefusesLogbacksCompressingPolicies() {
        TimeBasedRollingPolicy<ILoggingEvent> logbacks = new TimeBasedRollingPolicy<>();
        logbacks.setFileNamePattern(dir.resolve("audit.%d{yyyy-MM-dd}.log.gz").toString());
        start(logbacks);

        assertThat(appender.isStarted()).isFalse();
        assertThat(appender.policyFailure())
                .contains("TimeBasedRollingPolicy")
                .contains("deletes a rolled file whose gzip failed")
                .contains("use io.escalation.obs.logging.AuditRollingPolicy");
    }

    @Test
    void anAuditAppenderKeepsLogbacksPoliciesThatDoNotCompress() {
        TimeBasedRollingPolicy<ILoggingEvent> logbacks = new TimeBasedRollingPolicy<>();
        logbacks.setFileNamePattern(dir.resolve("audit.%d{yyyy-MM-dd}.log").toString());
        start(logbacks);

        assertThat(appender.isStarted()).isTrue();
    }

    private AuditRollingPolicy policy() {
        AuditRollingPolicy policy = new AuditRollingPolicy();
        policy.setFileNamePattern(dir.resolve("audit.%d{yyyy-MM}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("4KB"));
        return policy;
    }

    private void start(RollingPolicyBase policy) {
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        appender = new ObsAuditAppender();
        appender.setContext(context);
        appender.setName("AUDIT");
        appender.setChainKey(chainKey);
        appender.setFile(dir.resolve("audit.log").toString());
        policy.setContext(context);
        policy.setParent(appender);
        policy.start();
        appender.setRollingPolicy(policy);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger("obs.audit.test").addAppender(appender);
    }

    /** Records until the current file rolls over (it gets shorter); the record that rolled it is in the new one. */
    private void writeUntilRolledOver() throws IOException {
        Path current = dir.resolve("audit.log");
        long size = -1;
        for (int left = 10_000; ; left--) {
            assertThat(left)
                    .as(
                            "records written without a roll-over; logback said %s",
                            context.getStatusManager().getCopyOfStatusList())
                    .isPositive();
            String record = "record-" + written.size() + " " + "x".repeat(40);
            context.getLogger("obs.audit.test").info(record);
            written.add(record);
            long now = Files.size(current);
            if (now < size) {
                return;
            }
            size = now;
        }
    }

    private void awaitStatus(String text) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && errors().stream().noneMatch(e -> e.contains(text))) {
            Thread.sleep(10);
        }
    }

    private List<String> errors() {
        return messages(Status.ERROR);
    }

    private List<String> warnings() {
        return messages(Status.WARN);
    }

    private List<String> messages(int level) {
        return context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() == level)
                .map(Status::getMessage)
                .toList();
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** The lines of the gzips, oldest first, then of the current file. */
    private List<String> recordsInFiles() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String name : names()) {
            if (name.endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(name)))) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .forEach(lines::add);
                }
            }
        }
        Files.readString(dir.resolve("audit.log")).lines().forEach(lines::add);
        return lines;
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
