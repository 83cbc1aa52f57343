package io.escalation.obs.logging;

import io.escalation.obs.core.audit.AuditChain;
import io.escalation.obs.core.audit.AuditJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The running state of one audit file's hash chain ({@link AuditChain}): the next sequence number, the
 * last MAC, when the next checkpoint is due. {@link ObsAuditAppender} keeps one across roll-overs and
 * recovers it at start-up from the last record of the current file (or of the newest rolled file);
 * {@link AuditFileStream} seals each record and commits it once it is written. Not thread-safe: used
 * under the appender's lock.
 */
final class AuditTrailChain {

    /** Why the chain could not be continued: the {@code reason} of {@code logging_audit_chain_breaks_total}. */
    enum Break {
        /** No chain key is set: each record is written without chain fields. */
        KEY_MISSING("key_missing"),
        /** The last record before start-up could not be read or has no chain fields: a new segment starts. */
        TAIL_UNREADABLE("tail_unreadable"),
        /** A record that is not a JSON object (no closing brace) was written without chain fields. */
        NOT_JSON("not_json");

        private final String label;

        Break(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private static final int TAIL_BYTES = 1 << 16;

    private final AuditChain chain;
    private final String appender;
    private final int checkpointRecords;
    private final long checkpointNanos;
    private final byte[] prev = AuditChain.GENESIS.getBytes(StandardCharsets.US_ASCII);
    private long seq = 1;
    private byte[] out = new byte[2048];
    private int sealedLength;
    private boolean sealedCheckpoint;
    private long sinceCheckpoint;
    private long lastCheckpoint = System.nanoTime();
    /** The kind of the next chain record: start, restart or checkpoint; null when none is due. */
    private @Nullable String due;

    private @Nullable String restartReason;
    private boolean newlineFirst;

    AuditTrailChain(AuditChain chain, String appender, int checkpointRecords, int checkpointSeconds) {
        this.chain = chain;
        this.appender = appender;
        this.checkpointRecords = checkpointRecords;
        this.checkpointNanos = checkpointSeconds * 1_000_000_000L;
    }

    /**
     * Continues the chain of the file's last record: that of {@code active} or, when it holds none, of
     * the newest file {@code fileNamePattern} (logback's rolling pattern, may be null) names. With no
     * earlier record the chain starts afresh; with one that cannot be read, a restart is due.
     *
     * @return why the chain could not be continued, or null when it was (or starts afresh)
     */
    @Nullable
    String recover(Path active, @Nullable String fileNamePattern) {
        try {
            Path from = active;
            if (!Files.isRegularFile(active) || Files.size(active) == 0) {
                Path rolled = newestRolled(fileNamePattern);
                if (rolled == null) {
                    due = "start";
                    return null;
                }
                from = rolled;
            }
            byte[] tail = from.getFileName().toString().endsWith(".gz") ? gzipTail(from) : tail(from);
            if (tail.length == 0) {
                due = "start";
                return null;
            }
            if (tail[tail.length - 1] != '\n') {
                newlineFirst = from.equals(active);
                return restart("the last record of " + from + " is cut short (no line end)");
            }
            int end = tail.length - 1;
            if (end > 0 && tail[end - 1] == '\r') {
                end--;
            }
            int start = end;
            while (start > 0 && tail[start - 1] != '\n') {
                start--;
            }
            byte[] line = java.util.Arrays.copyOfRange(tail, start, end);
            AuditChain.Link link = AuditChain.link(line, line.length);
            if (link == null) {
                return restart("the last record of " + from + " has no chain fields");
            }
            seq = link.seq() + 1;
            System.arraycopy(link.mac().getBytes(StandardCharsets.US_ASCII), 0, prev, 0, AuditChain.HASH_CHARS);
            due = "checkpoint";
            return null;
        } catch (IOException | RuntimeException e) {
            return restart("the last record before start-up could not be read: " + e);
        }
    }

    private String restart(String why) {
        restartReason = why;
        due = "restart";
        seq = 1;
        System.arraycopy(AuditChain.GENESIS.getBytes(StandardCharsets.US_ASCII), 0, prev, 0, AuditChain.HASH_CHARS);
        return why;
    }

    /** A checkpoint opens the next file: called after a roll-over. */
    void rolledOver() {
        if (due == null) {
            due = "checkpoint";
        }
    }

    /**
     * Whether the chain record that is due must begin with a line end: the file it was recovered from
     * ends with a record cut short, which would otherwise run into it.
     */
    boolean lineEndFirst() {
        return newlineFirst && due != null;
    }

    /**
     * The chain record to write before the next record, sealed, or null when none is due.
     *
     * @param lineEnd whether to begin it with a line end, after a record cut short
     */
    @Nullable
    ByteBuffer dueChainRecord(boolean lineEnd) {
        if (due == null
                && (sinceCheckpoint >= checkpointRecords
                        || (sinceCheckpoint > 0 && System.nanoTime() - lastCheckpoint >= checkpointNanos))) {
            due = "checkpoint";
        }
        if (due == null) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("audit_chain", due);
        fields.put("@timestamp", Instant.now().toString());
        fields.put("appender", appender);
        fields.put("key_id", chain.keyId());
        if ("restart".equals(due) && restartReason != null) {
            fields.put("reason", restartReason);
        }
        byte[] json = AuditJson.object(fields).getBytes(StandardCharsets.UTF_8);
        int lead = lineEnd ? 1 : 0;
        ensure(json.length + lead);
        sealedLength = chain.seal(json, 0, json.length - 1, seq, prev, out) + lead;
        if (lead == 1) {
            System.arraycopy(out, 0, out, 1, sealedLength - 1);
            out[0] = '\n';
        }
        out[sealedLength++] = '\n';
        sealedCheckpoint = true;
        return ByteBuffer.wrap(out, 0, sealedLength);
    }

    /** {@code record} with the chain fields before its closing brace, or null when it has none. */
    @Nullable
    ByteBuffer seal(ByteBuffer record) {
        byte[] bytes = record.array();
        int from = record.arrayOffset() + record.position();
        int end = from + record.remaining();
        int brace = end - 1;
        while (brace >= from && bytes[brace] != '}') {
            brace--;
        }
        if (brace < from) {
            return null;
        }
        int tail = end - brace - 1; // the line separator
        ensure(brace - from + tail);
        int length = chain.seal(bytes, from, brace - from, seq, prev, out);
        System.arraycopy(bytes, brace + 1, out, length, tail);
        sealedLength = length + tail;
        sealedCheckpoint = false;
        return ByteBuffer.wrap(out, 0, sealedLength);
    }

    /** The last sealed record was written: it is the chain's new end. */
    void committed() {
        int macEnd = sealedLength - 1;
        while (out[macEnd] != '}') {
            macEnd--;
        }
        System.arraycopy(out, macEnd - 1 - AuditChain.HASH_CHARS, prev, 0, AuditChain.HASH_CHARS);
        seq++;
        if (sealedCheckpoint) {
            due = null;
            newlineFirst = false;
            sinceCheckpoint = 0;
            lastCheckpoint = System.nanoTime();
        } else {
            sinceCheckpoint++;
        }
    }

    private void ensure(int length) {
        if (out.length < length + AuditChain.MAX_SUFFIX_BYTES) {
            out = new byte[Math.max(out.length * 2, length + AuditChain.MAX_SUFFIX_BYTES)];
        }
    }

    private static byte[] tail(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int length = (int) Math.min(size, TAIL_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate(length);
            channel.position(size - length);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // loop until the tail is read
            }
            return buffer.array();
        }
    }

    private static byte[] gzipTail(Path file) throws IOException {
        ByteArrayOutputStream last = new ByteArrayOutputStream();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    current.write(buffer[i]);
                    if (buffer[i] == '\n') {
                        ByteArrayOutputStream swap = last;
                        last = current;
                        current = swap;
                        current.reset();
                    }
                }
            }
        }
        if (current.size() > 0) { // cut short: what follows the last line end
            last.write(current.toByteArray());
        }
        return last.toByteArray();
    }

    /**
     * The newest file that logback's rolling {@code pattern} names in its directory, or null; with a
     * {@code .gz} pattern, a rolled file still waiting for its gzip ({@link AuditRollingPolicy}) counts too.
     */
    static @Nullable Path newestRolled(@Nullable String pattern) throws IOException {
        if (pattern == null) {
            return null;
        }
        Path template = Path.of(pattern).toAbsolutePath();
        Path dir = template.getParent();
        if (dir == null || dir.toString().contains("%") || !Files.isDirectory(dir)) {
            return null;
        }
        String name = template.getFileName().toString();
        Pattern names = Pattern.compile(
                name.endsWith(".gz")
                        ? nameRegex(name.substring(0, name.length() - 3)) + "(?:\\.gz)?"
                        : nameRegex(name));
        List<Path> rolled = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> names.matcher(f.getFileName().toString()).matches())
                    .forEach(rolled::add);
        }
        return rolled.stream()
                .max(Comparator.<Path>comparingLong(AuditTrailChain::modified)
                        .thenComparing(AuditChain::compareFileNames))
                .orElse(null);
    }

    /** {@code %d{...}}, {@code %d} and {@code %i} of a logback file name pattern as a regex. */
    static String nameRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        Matcher token = Pattern.compile("%d\\{[^}]*\\}|%d|%i").matcher(pattern);
        int at = 0;
        while (token.find()) {
            regex.append(Pattern.quote(pattern.substring(at, token.start())));
            regex.append(token.group().equals("%i") ? "\\d+" : ".+?");
            at = token.end();
        }
        return regex.append(Pattern.quote(pattern.substring(at))).toString();
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }
}
