package io.escalation.obs.core.spi.audit;

import org.jspecify.annotations.Nullable;

/**
 * How an appender that writes audit records tells {@link AuditWriter}, synchronously, whether the
 * record it was handed reached its file: obs-logging's {@code ObsAuditAppender} calls
 * {@link #written()} once the bytes are with the operating system (and forced to the device when so
 * configured), or {@link #failed(String)} when the write, the flush, the force or the open failed. The
 * writer reads the receipt on the same thread right after the log call, so the appender must write on
 * the recording thread (never behind an async appender).
 *
 * <pre>{@code
 * try {
 *     channel.write(buffer);
 *     AuditReceipt.written();
 * } catch (IOException e) {
 *     AuditReceipt.failed(e.getMessage());
 * }
 * }</pre>
 *
 * <p>Calls outside {@link AuditWriter#write} (a plain log call on an audit logger) are ignored. A
 * failure outweighs any success reported for the same record.
 */
public final class AuditReceipt {

    private static final ThreadLocal<AuditReceipt> CURRENT = ThreadLocal.withInitial(AuditReceipt::new);

    private boolean open;
    private boolean written;
    private @Nullable String failure;

    private AuditReceipt() {}

    /** Reports that the record being written on this thread reached its file. */
    public static void written() {
        AuditReceipt receipt = CURRENT.get();
        if (receipt.open) {
            receipt.written = true;
        }
    }

    /**
     * Reports that the record being written on this thread did not reach its file, and why.
     *
     * @param reason why the record was not written; null or empty is reported as an unknown I/O error
     */
    public static void failed(@Nullable String reason) {
        AuditReceipt receipt = CURRENT.get();
        if (receipt.open && receipt.failure == null) {
            receipt.failure = reason == null || reason.isEmpty() ? "unknown I/O error" : reason;
        }
    }

    /** Starts collecting the reports of one record on this thread. */
    static AuditReceipt open() {
        AuditReceipt receipt = CURRENT.get();
        receipt.open = true;
        receipt.written = false;
        receipt.failure = null;
        return receipt;
    }

    /** Stops collecting; the reports stay readable until the next {@link #open()}. */
    void close() {
        open = false;
    }

    boolean wasWritten() {
        return written;
    }

    @Nullable
    String failure() {
        return failure;
    }
}
