package io.escalation.obs.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.spi.ModuleKit;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Observability.Builder.uncaughtErrors(true): a thread that dies of a real out-of-memory error or a
 * real full disk is counted in system_errors_total, reaches the hook's listeners and the default
 * handler that was there before; close() puts that handler back.
 */
class UncaughtErrorsTest {

    /** What the JVM's default handler was before each test; every test puts it back. */
    private Thread.UncaughtExceptionHandler original;
    /** The default handler the application installed before building the Observability. */
    private final List<Throwable> seenByPrevious = new CopyOnWriteArrayList<>();

    private final Thread.UncaughtExceptionHandler previous = (thread, error) -> seenByPrevious.add(error);

    @BeforeEach
    void installPrevious() {
        original = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }

    @AfterEach
    void restore() {
        Thread.setDefaultUncaughtExceptionHandler(original);
    }

    @Test
    void aThreadDyingOfARealOutOfMemoryErrorIsCountedReportedAndPassedToThePreviousHandler() throws Exception {
        try (Observability obs = build(true)) {
            List<Throwable> reported = new CopyOnWriteArrayList<>();
            ModuleKit.of(obs).unhandledErrors().register(reported::add);

            Throwable died = die(() -> {
                long[] huge = new long[Integer.MAX_VALUE]; // Requested array size exceeds VM limit
                throw new AssertionError("allocated " + huge.length);
            });

            assertThat(died).isInstanceOf(OutOfMemoryError.class);
            assertThat(reported).containsExactly(died);
            assertThat(seenByPrevious).containsExactly(died);
            assertThat(obs.prometheusText())
                    .contains(sample("out_of_memory", 1))
                    .contains(sample("disk_full", 0));
        }
    }

    @Test
    void aThreadDyingOfARealFullDiskIsCountedAsDiskFull() throws Exception {
        Path full = Path.of("/dev/full"); // ENOSPC on every write: a full disk, for real
        try (Observability obs = build(true)) {
            Throwable died = die(() -> {
                try (FileOutputStream out = new FileOutputStream(full.toFile())) {
                    out.write(new byte[4096]);
                } catch (IOException e) {
                    throw new UncheckedIOException("audit export failed", e);
                }
            });

            assertThat(died).isInstanceOf(UncheckedIOException.class);
            assertThat(died.getCause()).hasMessageContaining("No space left on device");
            assertThat(seenByPrevious).containsExactly(died);
            assertThat(obs.prometheusText()).contains(sample("disk_full", 1)).contains(sample("out_of_memory", 0));
        }
    }

    @Test
    void otherExceptionsReachTheListenersButCountNothing() throws Exception {
        try (Observability obs = build(true)) {
            List<Throwable> reported = new CopyOnWriteArrayList<>();
            ModuleKit.of(obs).unhandledErrors().register(reported::add);

            Throwable died = die(() -> {
                throw new IllegalStateException("consumer loop failed");
            });

            assertThat(reported).containsExactly(died);
            assertThat(seenByPrevious).containsExactly(died);
            assertThat(obs.prometheusText())
                    .contains(sample("out_of_memory", 0))
                    .contains(sample("disk_full", 0));
        }
    }

    @Test
    void aListenerThatThrowsNeitherStopsThePreviousHandlerNorReachesTheThread() throws Exception {
        try (Observability obs = build(true)) {
            ModuleKit.of(obs).unhandledErrors().register(error -> {
                throw new IllegalStateException("reporter broken");
            });

            Throwable died = die(() -> {
                throw new OutOfMemoryError("Java heap space");
            });

            assertThat(seenByPrevious).containsExactly(died);
            assertThat(obs.prometheusText())
                    .contains(sample("out_of_memory", 1))
                    .contains("obs_instrumentation_errors_total{environment=\"test\",metric=\"system_errors_total\","
                            + "reason=\"recording_failed\",service=\"svc\"} 1.0");
        }
    }

    @Test
    void installedOnlyWhenAskedAndTheHandlerBeforeIsBackAfterClose() {
        try (Observability off = build(false)) {
            assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(previous);
        }
        Observability on = build(true);
        Thread.UncaughtExceptionHandler installed = Thread.getDefaultUncaughtExceptionHandler();
        assertThat(installed).isInstanceOf(UncaughtErrorHandler.class);
        assertThat(((UncaughtErrorHandler) installed).previous()).isSameAs(previous);
        on.close();
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(previous);
    }

    @Test
    void afterCloseAHandlerInstalledOnTopStillReachesThePreviousOneButNothingIsCounted() throws Exception {
        Observability obs = build(true);
        Thread.UncaughtExceptionHandler ours = Thread.getDefaultUncaughtExceptionHandler();
        List<Throwable> onTop = new CopyOnWriteArrayList<>();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            onTop.add(error);
            ours.uncaughtException(thread, error);
        });
        obs.close(); // ours is no longer the default: it stays in the chain, passing on only

        Throwable died = die(() -> {
            throw new OutOfMemoryError("Java heap space");
        });

        assertThat(onTop).containsExactly(died);
        assertThat(seenByPrevious).containsExactly(died);
        assertThat(obs.prometheusText()).contains(sample("out_of_memory", 0));
    }

    @Test
    void withoutAPreviousHandlerTheExceptionIsPrintedAsTheJvmPrintsIt() throws Exception {
        Thread.setDefaultUncaughtExceptionHandler(null);
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Observability obs = build(true)) {
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            die("worker-7", () -> {
                throw new OutOfMemoryError("Java heap space");
            });
            assertThat(obs.prometheusText()).contains(sample("out_of_memory", 1));
        } finally {
            System.setErr(err);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .startsWith("Exception in thread \"worker-7\" java.lang.OutOfMemoryError: Java heap space");
        assertThat(Thread.getDefaultUncaughtExceptionHandler()).isNull();
    }

    private static Observability build(boolean uncaughtErrors) {
        return Observability.builder()
                .serviceName("svc")
                .environment("test")
                .jvmMetrics(false)
                .uncaughtErrors(uncaughtErrors)
                .build();
    }

    /** Runs {@code body} on a new thread that has no handler of its own, and returns what killed it. */
    private Throwable die(Runnable body) throws InterruptedException {
        return die("dying", body);
    }

    private Throwable die(String name, Runnable body) throws InterruptedException {
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (Throwable e) {
                        thrown[0] = e;
                        throw e;
                    }
                },
                name);
        thread.start();
        thread.join(10_000);
        assertThat(thread.isAlive()).as("the thread ended").isFalse();
        assertThat(thrown[0]).as("the thread died of an exception").isNotNull();
        return thrown[0];
    }

    private static String sample(String type, int count) {
        return "system_errors_total{environment=\"test\",service=\"svc\",type=\"" + type + "\"} " + count + ".0\n";
    }
}
