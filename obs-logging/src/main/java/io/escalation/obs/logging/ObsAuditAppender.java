package io.escalation.obs.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.LengthCounter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.RollingPolicy;
import ch.qos.logback.core.rolling.RollingPolicyBase;
import ch.qos.logback.core.rolling.TriggeringPolicy;
import ch.qos.logback.core.rolling.helper.CompressionMode;
import io.escalation.obs.core.audit.AuditChain;
import io.escalation.obs.core.spi.audit.AuditReceipt;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
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
 *   <chainKey>${OBS_AUDIT_CHAIN_KEY:-}</chainKey>   <!-- base64, 32 random bytes or more -->
 *   <checkpointRecords>1000</checkpointRecords>
 *   <checkpointSeconds>60</checkpointSeconds>
 *   <rollingPolicy class="io.escalation.obs.logging.AuditRollingPolicy">...</rollingPolicy>
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
 *
 * <p>With a {@code chainKey}, every record is chained (obs-core's {@link AuditChain}): its JSON line
 * ends with {@code "seq"}, {@code "prev"} and {@code "mac"}, sealed under the same lock as the write.
 * The chain continues across roll-overs and restarts: at start-up the appender reads the last record
 * of its file (or of the newest rolled file) and goes on from it; when that record cannot be read, it
 * starts a new segment with an {@code audit_chain: restart} record saying why. Checkpoint records
 * carrying the key id open each process and each file and follow every {@code checkpointRecords}
 * records or {@code checkpointSeconds} seconds. Records written unchained (no key, not JSON) and
 * restarts are counted in {@link #chainBreaks()}. An invalid key (not base64, too short, not random)
 * keeps the appender from starting.
 */
public class ObsAuditAppender extends RollingFileAppender<ILoggingEvent> {

    private boolean force;
    private @Nullable String chainKey;
    private int checkpointRecords = 1000;
    private int checkpointSeconds = 60;
    private @Nullable AuditTrailChain chain;
    private boolean recovered;
    private final ChainBreaks chainBreaks = new ChainBreaks();
    private volatile @Nullable String openFailure;
    private volatile @Nullable String keyFailure;
    private volatile @Nullable String policyFailure;

    /**
     * The base64 chain key (at least 32 random bytes); blank: records are not chained.
     *
     * @param chainKey the key in base64, or null or blank for unchained records
     */
    public void setChainKey(@Nullable String chainKey) {
        this.chainKey = chainKey;
    }

    /**
     * Records between two checkpoints, at least 1; default 1000.
     *
     * @param checkpointRecords the number of records after which a checkpoint is written
     */
    public void setCheckpointRecords(int checkpointRecords) {
        this.checkpointRecords = checkpointRecords;
    }

    /**
     * Seconds after which the next record is preceded by a checkpoint, at least 1; default 60.
     *
     * @param checkpointSeconds the interval in seconds
     */
    public void setCheckpointSeconds(int checkpointSeconds) {
        this.checkpointSeconds = checkpointSeconds;
    }

    /**
     * Whether records are chained (a valid chain key is set).
     *
     * @return true when each record carries the chain of the one before
     */
    public boolean isChained() {
        return chain != null;
    }

    /**
     * Why the chain key was refused, or null.
     *
     * @return the reason the key was refused (too short, not base64, ...), or null when it was accepted or
     *     not set
     */
    public @Nullable String keyFailure() {
        return keyFailure;
    }

    /** Why the rolling policy was refused, or null. */
    @Nullable
    String policyFailure() {
        return policyFailure;
    }

    /**
     * Builds the chain from the key, then opens the file; an invalid key, or a rolling policy that
     * compresses the way logback does (deleting a rolled file whose gzip failed), leaves the appender
     * stopped.
     */
    @Override
    public void start() {
        RollingPolicy policy = getRollingPolicy();
        if (policy instanceof RollingPolicyBase base
                && base.getCompressionMode() != CompressionMode.NONE
                && !(policy instanceof AuditRollingPolicy)) {
            policyFailure = "its rolling policy " + policy.getClass().getSimpleName() + " compresses "
                    + base.getFileNamePattern() + " with logback's compressor, which deletes a rolled file whose"
                    + " gzip failed: use " + AuditRollingPolicy.class.getName() + " (with %i and maxFileSize),"
                    + " or a fileNamePattern without .gz";
            addError("the audit appender " + getName() + " cannot start: " + policyFailure);
            return;
        }
        policyFailure = null;
        String key = chainKey;
        if (key != null && !key.isBlank()) {
            try {
                if (checkpointRecords < 1 || checkpointSeconds < 1) {
                    throw new IllegalArgumentException("checkpointRecords and checkpointSeconds must be at least 1,"
                            + " were " + checkpointRecords + " and " + checkpointSeconds);
                }
                chain = new AuditTrailChain(
                        AuditChain.fromBase64(key, "OBS_AUDIT_CHAIN_KEY (chainKey of " + getName() + ")"),
                        String.valueOf(getName()),
                        checkpointRecords,
                        checkpointSeconds);
                keyFailure = null;
            } catch (IllegalArgumentException e) {
                keyFailure = e.getMessage();
                addError("the audit chain of " + getName() + " cannot start: " + e.getMessage());
                return;
            }
        }
        super.start();
    }

    /** The counts of records written without a chain and of chain restarts, by reason. */
    ChainBreaks chainBreaks() {
        return chainBreaks;
    }

    /** A checkpoint opens every new file. */
    @Override
    public void rollover() {
        streamWriteLock.lock();
        try {
            super.rollover();
            AuditTrailChain trail = chain;
            if (trail != null) {
                trail.rolledOver();
            }
        } finally {
            streamWriteLock.unlock();
        }
    }

    /**
     * Whether each record is forced to the storage device (fsync) before it counts as written; default false.
     *
     * @param force true to fsync each record
     */
    public void setForce(boolean force) {
        this.force = force;
    }

    /**
     * Whether each record is forced to the storage device.
     *
     * @return true when each record is fsynced before it counts as written
     */
    public boolean isForce() {
        return force;
    }

    /**
     * Why the file could not be opened, or null when it is open.
     *
     * @return the reason the audit file could not be opened, or null
     */
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
                AuditTrailChain trail = chain;
                if (trail != null && !recovered) {
                    recovered = true;
                    RollingPolicy policy = getRollingPolicy();
                    String why = trail.recover(
                            file, policy instanceof RollingPolicyBase base ? base.getFileNamePattern() : null);
                    if (why != null) {
                        chainBreaks.increment(AuditTrailChain.Break.TAIL_UNREADABLE);
                        addWarn("the audit chain of " + getName() + " restarts: " + why);
                    }
                }
                setOutputStream(AuditFileStream.open(file, force, trail, chainBreaks));
                openFailure = null;
            } catch (IOException | RuntimeException e) {
                openFailure = file + ": " + e;
                throw e instanceof IOException io ? io : new IOException(e);
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
            String key = keyFailure;
            String policy = policyFailure;
            AuditReceipt.failed("the audit appender " + getName() + " is not started"
                    + (key != null
                            ? ": its chain key was refused (" + key + ")"
                            : policy != null
                                    ? ": " + policy
                                    : why == null ? "" : ": its file did not open (" + why + ")"));
        }
        super.doAppend(event);
    }

    @Override
    protected void subAppend(ILoggingEvent event) {
        if (getOutputStream() == null) { // a roll-over could not open the new file: try again for this record
            try {
                openFile(getFile());
            } catch (IOException | RuntimeException e) {
                AuditReceipt.failed("the audit file did not open (" + openFailure + ")");
                return;
            }
        }
        try {
            super.subAppend(event);
        } catch (RuntimeException e) { // an encoder failing: logback reports it to its status manager only
            AuditReceipt.failed("the audit appender " + getName() + " failed: " + e);
            throw e;
        }
    }

    /**
     * Counts for the size trigger the bytes that reached the file (the record with its chain fields, and
     * chain records), not the encoder's output, so that a rolled file is about {@code maxFileSize}.
     */
    @Override
    protected void updateByteCount(byte[] bytes) {
        TriggeringPolicy<ILoggingEvent> trigger = getTriggeringPolicy();
        LengthCounter counter = trigger == null ? null : trigger.getLengthCounter();
        if (counter != null && getOutputStream() instanceof AuditFileStream stream) {
            counter.add(stream.takeWritten());
        } else {
            super.updateByteCount(bytes);
        }
    }

    /** Records written without a chain and chain restarts, by {@link AuditTrailChain.Break}. */
    static final class ChainBreaks {
        private final LongAdder[] counts = new LongAdder[AuditTrailChain.Break.values().length];

        ChainBreaks() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void increment(AuditTrailChain.Break why) {
            counts[why.ordinal()].increment();
        }

        LongAdder counter(AuditTrailChain.Break why) {
            return counts[why.ordinal()];
        }
    }
}
