package io.escalation.obs.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import io.escalation.obs.core.audit.AuditReceipt;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The appender of audit files: a {@link RollingFileAppender} that writes each record synchronously
 * on the recording thread and tells the audit writer (obs-core's {@code AuditWriter}, through
 * {@link AuditReceipt}) whether the record reached the file, so that
 * {@code *_audit_events_total{outcome="recorded"}} counts only records that did.
 *
 * <pre>{@code
 * <appender name="AUDIT" class="io.escalation.obs.logging.ObsAuditAppender">
 *   <file>/var/log/escalation/audit.json</file>
 *   <force>true</force>   <!-- fsync each record; default false -->
 *   <rollingPolicy class="ch.qos.logback.core.rolling.TimeBasedRollingPolicy">...</rollingPolicy>
 *   <encoder class="io.escalation.obs.logging.ObsJsonEncoder"/>
 * </appender>
 * }</pre>
 *
 * <p>What a reported success means: the whole record was handed to the operating system in one
 * {@code write} (no buffer in the JVM), so it survives the process crashing; with {@code force} it was
 * also forced to the storage device ({@code FileChannel.force}, fdatasync), so it survives a power
 * loss or kernel crash. A write that fails (disk full, file too large, I/O error) is reported failed
 * and the file is truncated back so no half record remains; the appender stays started and the next
 * record tries again. An appender whose file could not be opened at start-up (a directory in its
 * place, no permission) is not started: every record is reported failed, and
 * {@link ObsLogging#install} refuses to start. Unlike logback's own file appenders, nothing is
 * swallowed. Use a JSON encoder: DEL and C1 control characters are written as {@code \u005Cu} escapes.
 */
public class ObsAuditAppender extends RollingFileAppender<ILoggingEvent> {

    private boolean force;
    private volatile @Nullable String openFailure;

    /** Whether each record is forced to the storage device (fsync) before it counts as written; default false. */
    public void setForce(boolean force) {
        this.force = force;
    }

    /** Whether each record is forced to the storage device. */
    public boolean isForce() {
        return force;
    }

    /** Why the file could not be opened, or null when it is open. */
    public @Nullable String openFailure() {
        return openFailure;
    }

    /** Opens {@code fileName} for appending through an {@link AuditFileStream}, creating missing directories. */
    @Override
    public void openFile(String fileName) throws IOException {
        streamWriteLock.lock();
        try {
            Path file = new File(fileName).toPath().toAbsolutePath();
            try {
                Path parent = file.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                setOutputStream(AuditFileStream.open(file, force));
                openFailure = null;
            } catch (IOException | RuntimeException e) {
                openFailure = file + ": " + e;
                throw e instanceof IOException ? (IOException) e : new IOException(e);
            }
        } finally {
            streamWriteLock.unlock();
        }
    }

    /** Reports a record that reaches a stopped appender (its file did not open at start-up) as failed. */
    @Override
    public void doAppend(ILoggingEvent event) {
        if (!isStarted()) {
            String why = openFailure;
            AuditReceipt.failed("the audit appender " + getName() + " is not started"
                    + (why == null ? "" : ": its file did not open (" + why + ")"));
        }
        super.doAppend(event);
    }

    @Override
    protected void subAppend(ILoggingEvent event) {
        if (getOutputStream() == null) {   // a roll-over could not open the new file: try again for this record
            try {
                openFile(getFile());
            } catch (IOException | RuntimeException e) {
                AuditReceipt.failed("the audit file did not open (" + openFailure + ")");
                return;
            }
        }
        try {
            super.subAppend(event);
        } catch (RuntimeException e) {   // an encoder failing: logback reports it to its status manager only
            AuditReceipt.failed("the audit appender " + getName() + " failed: " + e);
            throw e;
        }
    }
}
