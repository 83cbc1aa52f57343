package io.escalation.obs.core.spi.record;

import io.escalation.obs.core.label.SystemErrorType;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.FileSystemException;
import org.jspecify.annotations.Nullable;

/**
 * {@code system_errors_total{type}}: out-of-memory errors and writes that found the file system full,
 * counted where the suite sees them for every module at once: the unhandled-error hook
 * ({@link UnhandledErrors}) and the audit writer. Both series are
 * registered when the {@code Observability} is built, so that they show 0 until the first one.
 * Modules get it from {@code ModuleKit.of(obs).systemErrors()}.
 *
 * <pre>{@code
 * } catch (IOException e) {
 *     kit.systemErrors().count(e);   // disk_full when ENOSPC, else nothing
 * }
 * }</pre>
 *
 * <p>A memory pool crossing a usage threshold is not an out-of-memory error and is not counted:
 * only an {@link OutOfMemoryError} thrown is. Never throws.
 */
public final class SystemErrors {

    /** The text of {@code ENOSPC} on Linux and macOS, and Windows' {@code ERROR_DISK_FULL}. */
    private static final String[] DISK_FULL_TEXTS = {"No space left on device", "There is not enough space on the disk"
    };

    private final CounterTable<SystemErrorType> counters;

    /**
     * The counters of {@code registry}, registered now; made by {@code Observability}.
     *
     * @param registry the registry of the Observability
     * @param faults the Observability's fault counter
     */
    public SystemErrors(MeterRegistry registry, Faults faults) {
        this.counters = CounterTable.eager(
                faults,
                CoreCatalogue.SYSTEM_ERRORS,
                SystemErrorType.class,
                type -> CoreCatalogue.SYSTEM_ERRORS
                        .counter()
                        .tag(CoreCatalogue.SYSTEM_ERROR_TYPE.asString(), type.label())
                        .register(registry));
    }

    /**
     * Counts {@code error} when it, or one of its causes, is an out-of-memory error or a full disk.
     * Never throws.
     *
     * @param error the error seen; null counts nothing
     * @return the type counted, or null when {@code error} is neither
     */
    public @Nullable SystemErrorType count(@Nullable Throwable error) {
        try {
            SystemErrorType type = classify(error);
            if (type != null) {
                counters.increment(type);
            }
            return type;
        } catch (Throwable e) { // out of memory again while counting: nothing to add, nothing thrown
            return null;
        }
    }

    /**
     * Counts a write failure known only by its description (an audit appender's report), as
     * {@code disk_full} when it says the file system is full. Never throws.
     *
     * @param failure the failure's description, e.g. {@code "No space left on device"}; null counts nothing
     * @return true when it was counted as {@code disk_full}
     */
    public boolean countWriteFailure(@Nullable String failure) {
        try {
            if (isDiskFull(failure)) {
                counters.increment(SystemErrorType.DISK_FULL);
                return true;
            }
        } catch (Throwable e) { // never into the caller's write path
        }
        return false;
    }

    /**
     * The system error {@code error} is, or carries as a cause: {@code out_of_memory} for an
     * {@link OutOfMemoryError}, {@code disk_full} for an {@link IOException} (a
     * {@link FileSystemException} included) saying the file system is full. Never throws but a
     * {@link VirtualMachineError}.
     *
     * @param error the error; null gives null
     * @return its type, or null when it is neither
     */
    public static @Nullable SystemErrorType classify(@Nullable Throwable error) {
        if (Causes.anyMatch(error, t -> t instanceof OutOfMemoryError)) {
            return SystemErrorType.OUT_OF_MEMORY;
        }
        if (Causes.anyMatch(error, SystemErrors::isDiskFull)) {
            return SystemErrorType.DISK_FULL;
        }
        return null;
    }

    private static boolean isDiskFull(Throwable t) {
        if (!(t instanceof IOException)) {
            return false;
        }
        if (t instanceof FileSystemException fs && isDiskFull(reason(fs))) {
            return true;
        }
        return isDiskFull(Causes.message(t));
    }

    private static @Nullable String reason(FileSystemException e) {
        try {
            return e.getReason();
        } catch (RuntimeException broken) {
            return null;
        }
    }

    private static boolean isDiskFull(@Nullable String text) {
        if (text == null) {
            return false;
        }
        for (String full : DISK_FULL_TEXTS) {
            if (text.contains(full)) {
                return true;
            }
        }
        return false;
    }
}
