package io.escalation.obs.benchmarks;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.Logger;

/**
 * What the hash chain costs per audit record: one compliance-shaped record (six key-value pairs, as
 * {@code ComplianceAudit.allowed} writes them) logged through {@code ObsJsonEncoder} and
 * {@code ObsAuditAppender} to a real file, with a chain key ({@link #chainedRecord}: seq, prev, an
 * HMAC-SHA256 of the line, a checkpoint every 1000 records) and without ({@link #unchainedRecord}),
 * without force. Both appenders write into {@code -Dobs.bench.dir} (default {@code java.io.tmpdir}).
 * The full tier's budget: chained at most 1.5 times unchained.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuditChainBench {

    private static final String KEY = Base64.getEncoder()
            .encodeToString("bench-only-chain-key-0123456789-ABCDEFGHIJ".getBytes(StandardCharsets.US_ASCII));

    private Path dir;
    private LoggerContext context;
    private Logger chained;
    private Logger unchained;

    @Setup
    public void setUp() throws IOException, JoranException {
        dir = Files.createTempDirectory(
                Path.of(System.getProperty("obs.bench.dir", System.getProperty("java.io.tmpdir"))),
                "audit-chain-bench");
        String config = "<configuration>\n"
                + appender("CHAINED", "chained", "<chainKey>" + KEY + "</chainKey>")
                + appender("UNCHAINED", "unchained", "")
                + "  <logger name=\"obs.audit.chained\" level=\"INFO\" additivity=\"false\">\n"
                + "    <appender-ref ref=\"CHAINED\"/>\n"
                + "  </logger>\n"
                + "  <logger name=\"obs.audit.unchained\" level=\"INFO\" additivity=\"false\">\n"
                + "    <appender-ref ref=\"UNCHAINED\"/>\n"
                + "  </logger>\n"
                + "  <root level=\"WARN\"/>\n"
                + "</configuration>\n";
        context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)));
        chained = context.getLogger("obs.audit.chained");
        unchained = context.getLogger("obs.audit.unchained");
        record(chained);
        if (!Files.readString(dir.resolve("audit-chained.log")).contains("\"mac\":\"")) {
            throw new IllegalStateException("the chained audit file has no chain fields");
        }
    }

    private String appender(String name, String file, String chain) {
        return "  <appender name=\"" + name + "\" class=\"io.escalation.obs.logging.ObsAuditAppender\">\n"
                + "    <file>" + dir.resolve("audit-" + file + ".log") + "</file>\n"
                + "    " + chain + "\n"
                + "    <rollingPolicy class=\"ch.qos.logback.core.rolling.TimeBasedRollingPolicy\">\n"
                + "      <fileNamePattern>" + dir.resolve("audit-" + file + ".%d{yyyy-MM-dd}.log")
                + "</fileNamePattern>\n"
                + "    </rollingPolicy>\n"
                + "    <encoder class=\"io.escalation.obs.logging.ObsJsonEncoder\"/>\n"
                + "  </appender>\n";
    }

    private static void record(Logger audit) {
        audit.atInfo()
                .addKeyValue("event", "tcpa_check")
                .addKeyValue("result", "allowed")
                .addKeyValue("channel", "phone")
                .addKeyValue("consumer_id_hash", "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")
                .addKeyValue("time_zone", "America/New_York")
                .addKeyValue("local_time", "2026-03-10T11:00")
                .log("tcpa_check");
    }

    /** One record with its chain fields. */
    @Benchmark
    public void chainedRecord() {
        record(chained);
    }

    /** The same record without a chain: the baseline. */
    @Benchmark
    public void unchainedRecord() {
        record(unchained);
    }

    @TearDown
    public void tearDown() throws IOException {
        context.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
