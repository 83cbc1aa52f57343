package io.escalation.obs.benchmarks;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.escalation.obs.core.Observability;
import io.escalation.obs.tcpa.ComplianceAudit;
import io.escalation.obs.tcpa.ComplianceAuditEvent;
import io.escalation.obs.tcpa.TcpaChannel;
import io.escalation.obs.tcpa.TcpaMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.LoggerFactory;

/**
 * One compliance audit record written to a real audit file: {@code ComplianceAudit.allowed} through
 * the {@code obs.audit.tcpa} logger, {@code ObsJsonEncoder} and {@code ObsAuditAppender}, with and
 * without {@code force} (an fdatasync per record). The file is in {@code -Dobs.bench.dir} (default
 * {@code java.io.tmpdir}): its file system decides what force costs (tmpfs: nothing, a local SSD:
 * tens of microseconds, network storage: milliseconds). No budget reads it, so the gate never runs
 * it; run it with {@code java -jar target/benchmarks.jar AuditBench -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuditBench {

    private static final byte[] KEY = "bench-only-key-0123456789-abcdefghijk".getBytes(StandardCharsets.US_ASCII);
    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final Instant AT = Instant.parse("2026-03-10T15:00:00Z");

    /** Whether each record is forced to the device before it counts as recorded. */
    @Param({"false", "true"})
    public boolean force;

    private Path dir;
    private Observability obs;
    private ComplianceAudit audit;

    @Setup
    public void setUp() throws IOException, JoranException {
        dir = Files.createTempDirectory(
                Path.of(System.getProperty("obs.bench.dir", System.getProperty("java.io.tmpdir"))), "audit-bench");
        String config = "<configuration>\n"
                + "  <appender name=\"AUDIT\" class=\"io.escalation.obs.logging.ObsAuditAppender\">\n"
                + "    <file>" + dir.resolve("audit-tcpa.log") + "</file>\n"
                + "    <force>" + force + "</force>\n"
                + "    <rollingPolicy class=\"ch.qos.logback.core.rolling.TimeBasedRollingPolicy\">\n"
                + "      <fileNamePattern>" + dir.resolve("audit-tcpa.%d{yyyy-MM-dd}.log") + "</fileNamePattern>\n"
                + "    </rollingPolicy>\n"
                + "    <encoder class=\"io.escalation.obs.logging.ObsJsonEncoder\"/>\n"
                + "  </appender>\n"
                + "  <logger name=\"obs.audit.tcpa\" level=\"INFO\" additivity=\"false\">\n"
                + "    <appender-ref ref=\"AUDIT\"/>\n"
                + "  </logger>\n"
                + "  <root level=\"WARN\"/>\n"
                + "</configuration>\n";
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)));
        obs = Observability.builder()
                .serviceName("bench")
                .environment("bench")
                .jvmMetrics(false)
                .build();
        audit = ComplianceAudit.builder(TcpaMetrics.create(obs))
                .consumerIdKey(KEY)
                .build();
        if (!audit.allowed(TcpaChannel.PHONE, "C-1001", ZONE, AT).allowed()
                || !obs.prometheusText().contains("outcome=\"recorded\"")) {
            throw new IllegalStateException("the audit file is not written");
        }
    }

    /** One allowed-contact record, returned when it was recorded. */
    @Benchmark
    public ComplianceAuditEvent allowedRecord() {
        return audit.allowed(TcpaChannel.PHONE, "C-1001", ZONE, AT);
    }

    @TearDown
    public void tearDown() throws IOException {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
        obs.close();
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
