package io.escalation.obs.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.recovery.RecoveryListener;
import ch.qos.logback.core.recovery.ResilientOutputStreamBase;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Tells whether an event handed to a file appender reached its stream. logback's file appenders write
 * through a {@link ResilientOutputStreamBase}, which swallows a failed write (a full disk, an I/O error),
 * reports it once as a status and then drops every write until a reopened file takes one. Its {@link
 * RecoveryListener} calls say when that happens: an event is lost when a failure was reported during its
 * write, or when the stream was failing before it (the write in which logback reopens the file is dropped
 * too; the flush after it reports the recovery). Exact with {@code immediateFlush}, logback's default:
 * without it, events buffered before a failure are lost uncounted, and the first event after a recovery
 * may be counted although written.
 *
 * <p>One per attached appender, used by the one thread that writes to it. The stream is looked up on each
 * write, since a rollover opens a new one.
 */
final class StreamLosses implements RecoveryListener {

    private final OutputStreamAppender<ILoggingEvent> appender;
    private @Nullable OutputStream watched;
    private volatile boolean failing;
    private volatile long failures;

    private StreamLosses(OutputStreamAppender<ILoggingEvent> appender) {
        this.appender = appender;
    }

    /** A watcher for {@code appender}, or null when it writes no stream that can fail unnoticed. */
    static @Nullable StreamLosses of(Appender<ILoggingEvent> appender) {
        return appender instanceof OutputStreamAppender<ILoggingEvent> stream ? new StreamLosses(stream) : null;
    }

    /**
     * Appends {@code event} to the appender.
     *
     * @return true when the event was lost on a stream that failed
     */
    boolean appendLost(ILoggingEvent event) {
        watch();
        boolean failingBefore = failing;
        long failuresBefore = failures;
        appender.doAppend(event);
        return failingBefore || failures != failuresBefore;
    }

    /** Listens to the appender's current stream, once per stream. */
    private void watch() {
        OutputStream stream = appender.getOutputStream();
        if (stream == watched) {
            return;
        }
        watched = stream;
        failing = false;
        if (stream instanceof ResilientOutputStreamBase resilient) {
            resilient.addRecoveryListener(this);
        }
    }

    @Override
    public void newFailure(IOException e) {
        failing = true;
        failures++;
    }

    @Override
    public void recoveryOccured() {
        failing = false;
    }
}
