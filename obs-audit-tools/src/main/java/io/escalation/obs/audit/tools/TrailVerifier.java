package io.escalation.obs.audit.tools;

import io.escalation.obs.core.audit.AuditChain;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Verifies audit files chained by obs-logging's {@code ObsAuditAppender}: per stream (the files of one
 * appender: {@code audit-tcpa.log} and its rolled {@code audit-tcpa.<date>.<i>.log.gz}, oldest first; a
 * rolled {@code audit-tcpa.<date>.<i>.log} whose gzip is not done is read in its place),
 * every record's MAC under the key its checkpoint names, consecutive sequence numbers and each
 * {@code prev} equal to the MAC before it. Reports each problem with file and line.
 */
final class TrailVerifier {

    /** One problem: {@code kind} is mac_mismatch, key_mismatch, broken_link, gap, missing_file, reordered, truncated, unchained, chain_restart. */
    record Finding(String kind, Path file, long line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + kind + ": " + message;
        }
    }

    /** What a run found; {@code keyIds} names the keys records were verified with. */
    record Result(
            int streams, int files, long records, List<Finding> findings, List<String> notes, List<String> keyIds) {}

    private static final Pattern FILE_NAME = Pattern.compile("([^.]+)(?:\\.(.+))?\\.(log|json)(\\.gz)?");
    private static final Pattern CHAIN_KIND = Pattern.compile("^\\{\"audit_chain\":\"([a-z]+)\"");
    private static final Pattern KEY_ID = Pattern.compile(",\"key_id\":\"([0-9a-f]+)\"");
    private static final Pattern REASON = Pattern.compile(",\"reason\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, AuditChain> keys;
    private final Consumer<Finding> report;
    private final Set<String> used = new TreeSet<>();

    /** A verifier knowing {@code keys} by id, telling each finding to {@code report} as it is found. */
    TrailVerifier(List<AuditChain> keys, Consumer<Finding> report) {
        this.keys = new LinkedHashMap<>();
        keys.forEach(key -> this.keys.put(key.keyId(), key));
        this.report = report;
    }

    /** Verifies every audit stream of {@code path}: a directory (files named {@code audit*}) or one file. */
    Result verify(Path path) throws IOException {
        Map<String, List<Path>> streams = streams(path);
        List<Finding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long records = 0;
        int files = 0;
        for (Map.Entry<String, List<Path>> stream : streams.entrySet()) {
            Stream_ state = new Stream_(stream.getKey(), findings, notes);
            for (Path file : stream.getValue()) {
                state.file(file);
                files++;
            }
            records += state.records;
        }
        return new Result(streams.size(), files, records, findings, notes, List.copyOf(used));
    }

    /**
     * The audit files of {@code path} (a directory: files named {@code audit*}; or one file) by stream
     * name ({@code audit-tcpa}), each stream's files oldest first and the current file last.
     */
    static Map<String, List<Path>> streams(Path path) throws IOException {
        Map<String, List<Path>> streams = new TreeMap<>();
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                files.filter(Files::isRegularFile)
                        .filter(f -> f.getFileName().toString().startsWith("audit"))
                        .forEach(candidates::add);
            }
        } else if (Files.isRegularFile(path)) {
            candidates.add(path);
        } else {
            throw new IOException(path + " is neither a directory nor a file");
        }
        Set<Path> all = new HashSet<>(candidates);
        for (Path file : candidates) {
            Matcher name = FILE_NAME.matcher(file.getFileName().toString());
            // a rolled file and its gzip both there: the gzip is being written, the rolled file holds it all
            boolean gzipUnderWay = name.matches()
                    && name.group(4) != null
                    && all.contains(
                            file.resolveSibling(file.getFileName().toString().replaceFirst("\\.gz$", "")));
            if (name.matches() && !gzipUnderWay) {
                streams.computeIfAbsent(name.group(1), k -> new ArrayList<>()).add(file);
            }
        }
        streams.values()
                .forEach(files -> files.sort(
                        Comparator.comparing(TrailVerifier::isActive).thenComparing(AuditChain::compareFileNames)));
        return streams;
    }

    /** {@code file}'s bytes, gunzipped when its name ends with {@code .gz}. */
    static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return new BufferedInputStream(
                    file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** The file being written: no date or index between the stream name and the extension. */
    private static boolean isActive(Path file) {
        Matcher name = FILE_NAME.matcher(file.getFileName().toString());
        return name.matches() && name.group(2) == null && name.group(4) == null;
    }

    /** The chain of one stream, followed across its files. */
    private final class Stream_ {
        private final String name;
        private final List<Finding> findings;
        private final List<String> notes;
        private final Set<String> unknownKeys = new HashSet<>();
        private long records;
        private long expectedSeq = -1;
        private @Nullable String prev;
        private @Nullable Path lastFile;
        private @Nullable String keyId;
        private @Nullable AuditChain key;

        Stream_(String name, List<Finding> findings, List<String> notes) {
            this.name = name;
            this.findings = findings;
            this.notes = notes;
        }

        void file(Path file) throws IOException {
            try (InputStream in = open(file)) {
                byte[] line = new byte[4096];
                long number = 0;
                boolean firstOfFile = true;
                while (true) {
                    int length = 0;
                    int b;
                    while ((b = in.read()) >= 0 && b != '\n') {
                        if (length == line.length) {
                            line = Arrays.copyOf(line, line.length * 2);
                        }
                        line[length++] = (byte) b;
                    }
                    if (b < 0 && length == 0) {
                        break;
                    }
                    number++;
                    if (length > 0 && line[length - 1] == '\r') {
                        length--;
                    }
                    if (b < 0) {
                        add(file, number, "truncated", "the last record of the file is cut short (no line end)");
                        break;
                    }
                    if (length == 0) {
                        continue;
                    }
                    record(file, number, line, length, firstOfFile);
                    firstOfFile = false;
                }
            } catch (IOException e) {
                add(file, 0, "truncated", "the file cannot be read to its end: " + e);
            }
            lastFile = file;
        }

        private void record(Path file, long number, byte[] line, int length, boolean firstOfFile) {
            records++;
            AuditChain.Link link = AuditChain.link(line, length);
            if (link == null) {
                add(
                        file,
                        number,
                        "unchained",
                        "the record has no chain fields (cut short, edited or written without" + " a chain key)");
                return;
            }
            String text = new String(line, 0, Math.min(length, 512), StandardCharsets.UTF_8);
            Matcher kind = CHAIN_KIND.matcher(text);
            String chainKind = kind.find() ? kind.group(1) : null;
            if (chainKind != null) {
                Matcher id = KEY_ID.matcher(text);
                String named = id.find() ? id.group(1) : "";
                keyId = named;
                key = keys.get(named);
                if (key == null && unknownKeys.add(named)) {
                    add(
                            file,
                            number,
                            "key_mismatch",
                            "the checkpoint names key " + named + ", which is not among the"
                                    + " keys given (" + String.join(", ", keys.keySet())
                                    + "): records are not MAC-checked"
                                    + " until a checkpoint names a known key");
                }
            }
            checkMac(file, number, line, length);
            boolean restart = "restart".equals(chainKind);
            if (restart) {
                Matcher reason = REASON.matcher(text);
                add(
                        file,
                        number,
                        "chain_restart",
                        "the chain starts a new segment: " + (reason.find() ? reason.group(1) : "no reason given"));
            } else if ("start".equals(chainKind) && expectedSeq >= 0) {
                add(
                        file,
                        number,
                        "chain_restart",
                        "the chain starts afresh after " + (expectedSeq - 1)
                                + " records: no earlier file was found at start-up");
            } else if (expectedSeq < 0) {
                if (link.seq() != 1 || !AuditChain.GENESIS.equals(link.prev())) {
                    notes.add(name + ": the trail here begins at seq " + link.seq() + " (" + file + ":" + number
                            + "); earlier records are not in this directory");
                }
            } else if (link.seq() > expectedSeq) {
                String missing = link.seq() - expectedSeq == 1
                        ? "record " + expectedSeq
                        : "records " + expectedSeq + " to " + (link.seq() - 1);
                if (firstOfFile && lastFile != null) {
                    add(
                            file,
                            number,
                            "missing_file",
                            missing + " are missing between " + lastFile + " and this file:"
                                    + " a file was removed or cut short");
                } else {
                    add(
                            file,
                            number,
                            "gap",
                            missing + " missing before seq " + link.seq()
                                    + (link.prev().equals(prev) ? "" : "; prev does not match the record before"));
                }
            } else if (link.seq() < expectedSeq) {
                add(
                        file,
                        number,
                        "reordered",
                        "seq " + link.seq() + " comes after seq " + (expectedSeq - 1)
                                + ": records reordered or repeated");
            } else if (!link.prev().equals(prev)) {
                add(file, number, "broken_link", "prev does not match the MAC of the record before");
            }
            expectedSeq = link.seq() + 1;
            prev = link.mac();
        }

        private void checkMac(Path file, long number, byte[] line, int length) {
            AuditChain current = key;
            if (current != null) {
                if (current.verifies(line, length)) {
                    used.add(current.keyId());
                    return;
                }
                for (AuditChain other : keys.values()) {
                    if (other != current && other.verifies(line, length)) {
                        add(
                                file,
                                number,
                                "key_mismatch",
                                "the record is MAC'd with key " + other.keyId()
                                        + " but the checkpoint before it names key " + keyId);
                        return;
                    }
                }
                add(
                        file,
                        number,
                        "mac_mismatch",
                        "the MAC does not match: the record was edited, or written" + " without the key");
                return;
            }
            if (keyId != null) {
                return; // an unknown key, reported at its checkpoint
            }
            for (AuditChain any : keys.values()) { // no checkpoint yet: any key given
                if (any.verifies(line, length)) {
                    used.add(any.keyId());
                    key = any;
                    keyId = any.keyId();
                    return;
                }
            }
            add(
                    file,
                    number,
                    keys.isEmpty() ? "key_mismatch" : "mac_mismatch",
                    keys.isEmpty()
                            ? "no key given: records cannot be MAC-checked"
                            : "the MAC matches none of the keys given");
            if (keys.isEmpty()) {
                keyId = "";
            }
        }

        private void add(Path file, long number, String kind, String message) {
            Finding finding = new Finding(kind, file, number, message);
            findings.add(finding);
            report.accept(finding);
        }
    }
}
