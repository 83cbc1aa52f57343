package io.escalation.obs.core.spi.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.label.SystemErrorType;
import io.escalation.obs.core.spi.ModuleKit;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hook between the adapters that see unhandled exceptions and error reporting, and system_errors_total. */
class UnhandledErrorsTest {

    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .jvmMetrics(false)
            .build();
    private final ModuleKit kit = ModuleKit.of(obs);

    @AfterEach
    void close() {
        obs.close();
    }

    @Test
    void bothSystemErrorSeriesShowZeroFromTheStart() {
        assertThat(obs.prometheusText())
                .contains("# TYPE system_errors_total counter\n")
                .contains(sample("out_of_memory", 0))
                .contains(sample("disk_full", 0));
    }

    @Test
    void aReportReachesEveryListenerAndCountsAnOutOfMemoryErrorThrownByTheJvm() {
        List<Throwable> first = new ArrayList<>();
        List<Throwable> second = new ArrayList<>();
        kit.unhandledErrors().register(first::add);
        kit.unhandledErrors().register(second::add);

        OutOfMemoryError oom = realOutOfMemoryError();
        kit.unhandledErrors().report(oom);
        IllegalStateException plain = new IllegalStateException("no such campaign");
        kit.unhandledErrors().report(plain);

        assertThat(first).containsExactly(oom, plain);
        assertThat(second).containsExactly(oom, plain);
        assertThat(obs.prometheusText()).contains(sample("out_of_memory", 1)).contains(sample("disk_full", 0));
    }

    @Test
    void aListenerThatThrowsIsCountedAndNeverReachesTheCaller() {
        List<Throwable> after = new ArrayList<>();
        kit.unhandledErrors().register(error -> {
            throw new IllegalStateException("reporter broken");
        });
        kit.unhandledErrors().register(error -> {
            throw new OutOfMemoryError("reporter out of memory");
        });
        kit.unhandledErrors().register(after::add);

        RuntimeException error = new RuntimeException("handler failed");
        assertThatCode(() -> kit.unhandledErrors().report(error)).doesNotThrowAnyException();
        assertThatCode(() -> kit.unhandledErrors().report(null)).doesNotThrowAnyException();

        assertThat(after).containsExactly(error);
        assertThat(obs.prometheusText())
                .contains("obs_instrumentation_errors_total{environment=\"test\",metric=\"system_errors_total\","
                        + "reason=\"recording_failed\",service=\"svc\"} 2.0")
                .contains("obs_instrumentation_errors_total{environment=\"test\",metric=\"system_errors_total\","
                        + "reason=\"null_value\",service=\"svc\"} 1.0")
                .contains(sample("out_of_memory", 0));
    }

    @Test
    void aWriteToDevFullIsADiskFullAndOtherIoErrorsAreNot() throws IOException {
        IOException full = writeTo(Path.of("/dev/full")); // ENOSPC on every write: a full disk, for real
        assertThat(full).hasMessageContaining("No space left on device");

        SystemErrors counter = kit.systemErrors();
        assertThat(counter.count(new UncheckedIOException(full))).isEqualTo(SystemErrorType.DISK_FULL);
        assertThat(counter.count(new FileSystemException("/var/log/app", null, "No space left on device")))
                .isEqualTo(SystemErrorType.DISK_FULL);
        assertThat(counter.count(new AccessDeniedException("/var/log/app"))).isNull();
        assertThat(counter.count(new IOException("Broken pipe"))).isNull();
        assertThat(counter.count(new IllegalStateException("No space left on device")))
                .isNull(); // not an I/O error
        assertThat(counter.count(null)).isNull();
        assertThat(counter.countWriteFailure("the audit file did not open (No space left on device)"))
                .isTrue();
        assertThat(counter.countWriteFailure("Permission denied")).isFalse();

        assertThat(obs.prometheusText()).contains(sample("disk_full", 3)).contains(sample("out_of_memory", 0));
    }

    @Test
    void anOutOfMemoryErrorAnywhereInTheCauseChainCounts() {
        RuntimeException wrapped = new RuntimeException("task failed", realOutOfMemoryError());
        assertThat(SystemErrors.classify(wrapped)).isEqualTo(SystemErrorType.OUT_OF_MEMORY);
        assertThat(SystemErrors.classify(new StackOverflowError())).isNull(); // a VirtualMachineError, not memory
    }

    /** A real OutOfMemoryError, thrown by the JVM: an array larger than the VM allows. */
    static OutOfMemoryError realOutOfMemoryError() {
        try {
            long[] huge = new long[Integer.MAX_VALUE];
            throw new AssertionError("allocated " + huge.length);
        } catch (OutOfMemoryError e) {
            return e;
        }
    }

    private static IOException writeTo(Path device) {
        try (OutputStream out = Files.newOutputStream(device)) {
            out.write(new byte[8192]);
            out.flush();
            throw new AssertionError(device + " accepted the write");
        } catch (IOException e) {
            return e;
        }
    }

    private static String sample(String type, int count) {
        return "system_errors_total{environment=\"test\",service=\"svc\",type=\"" + type + "\"} " + count + ".0\n";
    }
}
