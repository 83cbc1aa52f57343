package io.escalation.obs.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.rolling.RolloverFailure;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.rolling.helper.CompressionMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The rolling policy of audit files: logback's {@link SizeAndTimeBasedRollingPolicy} (same
 * properties: {@code fileNamePattern} with {@code %d} and {@code %i}, {@code maxFileSize},
 * {@code maxHistory}, {@code totalSizeCap}) with a gzip that cannot lose a record.
 *
 * <pre>{@code
 * <rollingPolicy class="io.escalation.obs.logging.AuditRollingPolicy">
 *   <fileNamePattern>/var/log/escalation/audit.%d{yyyy-MM-dd}.%i.json.gz</fileNamePattern>
 *   <maxFileSize>100MB</maxFileSize>
 *   <maxHistory>1461</maxHistory>
 * </rollingPolicy>
 * }</pre>
 *
 * <p>Logback's own compression deletes the rolled file even when its gzip failed (a full disk loses the
 * records), and a process that stops during a gzip leaves the records in a {@code .tmp} file nothing
 * reads. Here a rolled file keeps its name without {@code .gz} until its gzip is complete on the device,
 * on a thread of its own; a gzip that fails is reported as an error status, and every gzip left undone
 * (by a failure, a crash, or logback's compressor before) is done at the next roll-over and start-up. A
 * roll-over that would overwrite a rolled file still there is deferred: the records stay in the current
 * file, and the next roll-over takes the next index. {@link ObsAuditAppender} refuses logback's
 * compressing policies for that reason.
 */
public class AuditRollingPolicy extends SizeAndTimeBasedRollingPolicy<ILoggingEvent> {

    private static final long STOP_WAIT_SECONDS = 30;

    private @Nullable AuditArchives archives;
    private @Nullable ExecutorService gzips;
    private @Nullable FileAppender<?> appender;

    /**
     * The appender whose file this policy rolls; its current file is never gzipped.
     *
     * @param appender the audit appender
     */
    @Override
    public void setParent(FileAppender<?> appender) {
        super.setParent(appender);
        this.appender = appender;
    }

    /**
     * Gzips what earlier runs left rolled but not gzipped (so that logback counts those files when it
     * picks the next index), then starts logback's policy and takes its gzip over. A pattern ending in
     * {@code .zip}, or with a dated directory and {@code .gz}, keeps the policy from starting.
     */
    @Override
    public void start() {
        String pattern = getFileNamePattern();
        if (pattern != null && pattern.endsWith(".zip")) {
            addError("AuditRollingPolicy writes .gz archives: end the fileNamePattern " + pattern
                    + " with .gz, or with no compression suffix");
            return;
        }
        if (pattern != null && pattern.endsWith(".gz")) {
            archives = AuditArchives.of(pattern);
            if (archives == null) {
                addError("AuditRollingPolicy needs the archives of " + pattern
                        + " in one directory: put %d only in the file name");
                return;
            }
            report(archives.finishPending(activeFile()));
        }
        super.start();
        if (isStarted() && archives != null) {
            compressionMode = CompressionMode.NONE; // the rolled file keeps its raw name until gzipped here
            gzips = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "obs-audit-gzip");
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** Renames the current file as logback does, then gzips it (and any left undone) on the gzip thread. */
    @Override
    public void rollover() throws RolloverFailure {
        AuditArchives gzipped = archives;
        String rolled = getTimeBasedFileNamingAndTriggeringPolicy().getElapsedPeriodsFileName();
        if (gzipped != null && (Files.exists(Path.of(rolled)) || Files.exists(Path.of(rolled + ".gz")))) {
            String why = rolled + " exists already: the roll-over is deferred so that it is not overwritten, and"
                    + " records stay in the current file";
            addWarn(why);
            throw new RolloverFailure(why);
        }
        super.rollover();
        ExecutorService pool = gzips;
        if (gzipped != null && pool != null && !pool.isShutdown()) {
            String active = activeFile();
            pool.execute(() -> report(gzipped.finishPending(active)));
        }
    }

    /** Waits up to 30 s for the gzip under way; what is left is done at the next start-up. */
    @Override
    public void stop() {
        ExecutorService pool = gzips;
        if (pool != null) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    addWarn("a gzip of an audit archive was still running after " + STOP_WAIT_SECONDS
                            + " s: its rolled file is kept and gzipped at the next start-up");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.stop();
    }

    /** The appender's file, never gzipped here, or null before the policy has an appender. */
    private @Nullable String activeFile() {
        FileAppender<?> file = appender;
        return file == null ? null : file.rawFileProperty();
    }

    private void report(List<String> failures) {
        for (String failure : failures) {
            addError(failure);
        }
    }
}
