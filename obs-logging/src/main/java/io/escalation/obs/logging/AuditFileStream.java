package io.escalation.obs.logging;

import io.escalation.obs.core.spi.audit.AuditReceipt;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * The audit file as {@link ObsAuditAppender} writes it: one {@link FileChannel} write per record,
 * looped until every byte is written (a short write is not success), then optionally
 * {@link FileChannel#force(boolean) forced} to the device; each outcome is reported to the recording
 * thread's {@link AuditReceipt}. A write that fails truncates the file back to where the record began,
 * so no half record is left behind, and is not thrown (the appender stays started and the next record
 * tries again). DEL and the C1 controls U+0080 to U+009F, which a JSON encoder writes raw, become
 * {@code \u005Cu} escapes: inside a JSON string, the only place they can appear, that is the same text.
 * Not thread-safe: the appender writes under its lock.
 */
final class AuditFileStream extends OutputStream {

    private long written;

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Path file;
    private final boolean force;
    private final @Nullable AuditTrailChain chain;
    private final ObsAuditAppender.ChainBreaks breaks;
    private FileChannel channel;

    private AuditFileStream(
            Path file,
            FileChannel channel,
            boolean force,
            @Nullable AuditTrailChain chain,
            ObsAuditAppender.ChainBreaks breaks) {
        this.file = file;
        this.channel = channel;
        this.force = force;
        this.chain = chain;
        this.breaks = breaks;
    }

    /**
     * Opens {@code file} for appending, creating it (not its directory); {@code chain} (null: no chain
     * key) seals each record, and records written unchained are counted in {@code breaks}.
     */
    static AuditFileStream open(
            Path file, boolean force, @Nullable AuditTrailChain chain, ObsAuditAppender.ChainBreaks breaks)
            throws IOException {
        return new AuditFileStream(file, channel(file), force, chain, breaks);
    }

    private static FileChannel channel(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /**
     * Appends the record and reports it. A {@link FileChannel} is interruptible: an I/O call on a thread
     * whose interrupt flag is set closes it for every thread, so the flag is cleared for the write and
     * set again after; a channel closed all the same (an interrupt arriving during the write) is
     * reopened and the record written once more.
     */
    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        ByteBuffer record = escaped(bytes, offset, length);
        boolean interrupted = Thread.interrupted();
        try {
            String failure = chain == null ? unchained(record, AuditTrailChain.Break.KEY_MISSING) : chained(record);
            if (failure == null) {
                AuditReceipt.written();
            } else {
                AuditReceipt.failed(failure);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes {@code record} without chain fields and counts why. */
    private @Nullable String unchained(ByteBuffer record, AuditTrailChain.Break why) {
        breaks.increment(why);
        return append(record, true);
    }

    /**
     * Writes the chain record that is due (a start, restart or checkpoint; its fate is not the
     * record's), then {@code record} sealed with its chain fields; each becomes the chain's end once
     * written.
     */
    private @Nullable String chained(ByteBuffer record) {
        AuditTrailChain trail = chain;
        if (trail == null) {
            return unchained(record, AuditTrailChain.Break.KEY_MISSING);
        }
        ByteBuffer chainRecord = trail.dueChainRecord(trail.lineEndFirst() && endsCutShort());
        if (chainRecord != null && append(chainRecord, true) == null) {
            trail.committed();
        }
        ByteBuffer sealed = trail.seal(record);
        if (sealed == null) {
            return unchained(record, AuditTrailChain.Break.NOT_JSON);
        }
        String failure = append(sealed, true);
        if (failure == null) {
            trail.committed();
        }
        return failure;
    }

    /** Whether the file's last byte is not a line end (a record cut short by a crash). */
    private boolean endsCutShort() {
        try {
            long size = channel.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
                reader.read(last, size - 1);
            }
            return last.get(0) != '\n';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The bytes written to the file since the last call: records with their chain fields, and chain
     * records; what logback's size trigger counts for this appender.
     */
    long takeWritten() {
        long bytes = written;
        written = 0;
        return bytes;
    }

    /** Null when the whole record was written (and forced), else why not; a half record is truncated away. */
    private @Nullable String append(ByteBuffer record, boolean retry) {
        int from = record.position();
        long start = -1;
        try {
            start = channel.size();
            while (record.hasRemaining()) {
                channel.write(record);
            }
            if (force) {
                channel.force(false);
            }
            written += record.position() - from;
            return null;
        } catch (IOException | RuntimeException e) {
            if (channel.isOpen() || !retry) {
                truncate(start);
                return describe(e);
            }
            try {
                channel = channel(file);
                truncate(start);
            } catch (IOException | RuntimeException reopen) {
                return describe(e) + "; reopening the file failed: " + describe(reopen);
            }
            record.position(from);
            return append(record, false);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }

    /** Drops a half-written record; a file that cannot even be truncated keeps it. */
    private void truncate(long start) {
        try {
            if (start >= 0 && channel.size() > start) {
                channel.truncate(start);
            }
        } catch (IOException | RuntimeException ignored) { // the write's failure is already reported
        }
    }

    /** Nothing is buffered: every write reached the channel. */
    @Override
    public void flush() {}

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** {@code bytes} as is when they hold no DEL or C1 control (UTF-8 C2 80 to C2 9F), else escaped. */
    static ByteBuffer escaped(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int extra = 0;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == 0x7f) {
                extra += 5;
            } else if (c1(bytes, i, end)) {
                extra += 4;
                i++;
            }
        }
        if (extra == 0) {
            return ByteBuffer.wrap(bytes, offset, length);
        }
        byte[] out = new byte[length + extra];
        int o = 0;
        for (int i = offset; i < end; i++) {
            int c;
            if (bytes[i] == 0x7f) {
                c = 0x7f;
            } else if (c1(bytes, i, end)) {
                c = bytes[++i] & 0xff; // C2 xx is U+00xx
            } else {
                out[o++] = bytes[i];
                continue;
            }
            out[o++] = '\\';
            out[o++] = 'u';
            out[o++] = '0';
            out[o++] = '0';
            out[o++] = HEX[c >> 4];
            out[o++] = HEX[c & 0xf];
        }
        return ByteBuffer.wrap(out);
    }

    private static boolean c1(byte[] bytes, int i, int end) {
        return bytes[i] == (byte) 0xc2 && i + 1 < end && (bytes[i + 1] & 0xff) >= 0x80 && (bytes[i + 1] & 0xff) <= 0x9f;
    }
}
