package io.escalation.obs.logging;

import io.escalation.obs.core.audit.AuditChain;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * The rolled files of one audit stream and their gzip, done so that no moment of it can lose a record:
 * the gzip is written to {@code <archive>.gz.part}, forced to the device, moved to its name in one
 * atomic step, and only then is the rolled file deleted. A crash or a full disk at any point leaves the
 * records in the rolled file ({@code audit-tcpa.2026-12-03.0.log}, which the verifier reads like its
 * gzip), and the next {@link #finishPending} completes the work.
 *
 * <p>It also completes what logback's own compressor left behind: that one renames the rolled file to
 * {@code <archive without .gz><nanos>.tmp}, gzips it straight into the archive's name and deletes the
 * {@code .tmp} even when the gzip failed, so a crash leaves the records in a file nothing reads and a
 * cut-short archive, and a full disk loses them.
 */
final class AuditArchives {

    private static final String PART = ".part";
    private static final Pattern LOGBACK_TMP = Pattern.compile("(.+?)-?\\d+\\.tmp");

    private final Path dir;
    private final Pattern archive;

    private AuditArchives(Path dir, Pattern archive) {
        this.dir = dir;
        this.archive = archive;
    }

    /**
     * The archives a logback file name pattern ending in {@code .gz} names, or null when the pattern's
     * directory is itself dated ({@code logs/%d{yyyy-MM}/audit.%i.log.gz}) and cannot be listed once.
     */
    static @Nullable AuditArchives of(String gzPattern) {
        Path template = Path.of(gzPattern).toAbsolutePath();
        Path parent = template.getParent();
        if (parent == null || parent.toString().contains("%")) {
            return null;
        }
        return new AuditArchives(
                parent,
                Pattern.compile(AuditTrailChain.nameRegex(template.getFileName().toString())));
    }

    /** The directory the archives are in. */
    Path dir() {
        return dir;
    }

    /** Whether {@code name} is the name of an archive of this stream (a gzip the pattern names). */
    boolean isArchive(String name) {
        return archive.matcher(name).matches();
    }

    /**
     * Gzips every rolled file still waiting for it, oldest first (a part of a gzip cut short is
     * written again from its rolled file); never {@code activeFile}, the file being written. Returns what could not be done, one line per file (its records stay where they are); empty when
     * everything was done.
     */
    List<String> finishPending(@Nullable String activeFile) {
        Path active = activeFile == null ? null : Path.of(activeFile).toAbsolutePath();
        List<String> failures = new ArrayList<>();
        List<Path> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = new ArrayList<>(files.toList());
        } catch (NoSuchFileException e) {
            return failures;
        } catch (IOException e) {
            failures.add(dir + " could not be listed: " + e);
            return failures;
        }
        names.sort(AuditChain::compareFileNames);
        for (Path file : names) {
            Path target = targetOf(file.getFileName().toString());
            if (target != null && !file.toAbsolutePath().equals(active)) {
                try {
                    gzip(file, target);
                } catch (IOException | RuntimeException e) {
                    failures.add(file + " was not gzipped to " + target.getFileName() + " (" + e
                            + "): its records stay in it, and the gzip is tried again at the next roll-over"
                            + " and start-up");
                }
            }
        }
        return failures;
    }

    /** The archive a rolled file or one of logback's {@code .tmp} files is waiting to become, or null. */
    private @Nullable Path targetOf(String name) {
        if (isArchive(name + ".gz")) {
            return dir.resolve(name + ".gz");
        }
        Matcher tmp = LOGBACK_TMP.matcher(name);
        if (!tmp.matches()) {
            return null;
        }
        String archive = tmp.group(1).endsWith(".gz") ? tmp.group(1) : tmp.group(1) + ".gz";
        return isArchive(archive) ? dir.resolve(archive) : null;
    }

    /**
     * Gzips {@code source} to {@code target}, then deletes {@code source}. An archive already at
     * {@code target} holding the same bytes only lets {@code source} go; one cut short is replaced; one
     * holding other records is kept, and so is {@code source}, with an exception saying so.
     */
    static void gzip(Path source, Path target) throws IOException {
        if (Files.exists(target)) {
            Boolean same = sameContent(target, source);
            if (same == null) {
                // a gzip cut short: rewritten below from the records still in source
            } else if (same) {
                Files.delete(source);
                return;
            } else {
                throw new IOException(target.getFileName() + " exists and holds other records; both files are kept");
            }
        }
        Path part = target.resolveSibling(target.getFileName() + PART);
        try {
            try (InputStream in = Files.newInputStream(source);
                    FileChannel channel = FileChannel.open(
                            part,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE);
                    OutputStream raw = java.nio.channels.Channels.newOutputStream(channel)) {
                GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
                in.transferTo(gz);
                gz.finish();
                gz.flush();
                channel.force(true);
            }
            move(part, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
        forceDirectory(target.getParent());
        Files.delete(source);
    }

    private static void move(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Whether the gzip {@code archive} holds exactly the bytes of {@code file}; null when it is cut
     * short or not a gzip.
     */
    static @Nullable Boolean sameContent(Path archive, Path file) throws IOException {
        try (InputStream a = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16);
                InputStream b = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] left = new byte[1 << 16];
            byte[] right = new byte[1 << 16];
            boolean same = true;
            while (true) {
                int n = a.readNBytes(left, 0, left.length);
                int m = same ? b.readNBytes(right, 0, n == 0 ? 1 : n) : 0;
                if (same && (n != m || !Arrays.equals(left, 0, n, right, 0, m))) {
                    same = false; // read on: a gzip cut short says so only at its end
                }
                if (n == 0) {
                    return same;
                }
            }
        } catch (EOFException | ZipException e) {
            return null;
        }
    }

    private static void forceDirectory(@Nullable Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // not every file system lets a directory be opened; the move itself is done
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for the next finishPending, which removes parts before it gzips
        }
    }
}
