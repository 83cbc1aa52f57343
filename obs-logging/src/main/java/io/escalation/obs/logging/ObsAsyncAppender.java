package io.escalation.obs.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Hands events to its appenders on one background thread and never blocks the logging thread: when
 * its bounded queue is nearly full it discards INFO and lower events (never WARN, ERROR or the
 * {@code obs.audit.*} loggers), and when the queue is full it drops whatever comes. An event that an
 * attached file appender could not write (a full disk: logback's file appenders drop such writes and
 * report the failure once) is counted as dropped too. Every dropped event is counted by appender, level
 * and reason, exposed as {@code logging_events_dropped_total} once {@link ObsLogging#install} has run,
 * and reported once as a logback status warning.
 *
 * <pre>{@code
 * <appender name="ASYNC_COMBINED" class="io.escalation.obs.logging.ObsAsyncAppender">
 *   <queueSize>8192</queueSize>               <!-- default 8192 -->
 *   <discardingThreshold>1638</discardingThreshold> <!-- default queueSize / 5 -->
 *   <appender-ref ref="COMBINED"/>
 * </appender>
 * }</pre>
 *
 * <p>On the logging thread it also records the current OpenTelemetry trace and span ids in the
 * event, so that {@link ObsJsonEncoder} writes the ids of the code that logged, not of the
 * background thread.
 */
public class ObsAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {

    /** Default queue capacity. */
    public static final int DEFAULT_QUEUE_SIZE = 8192;

    /** Why an event was dropped; the {@code reason} label. */
    enum DropReason {
        /** The queue had fewer free slots than the discarding threshold; INFO and lower only. */
        DISCARDED("discarded"),
        /** The queue was full. */
        QUEUE_FULL("queue_full"),
        /** An attached file appender could not write it: a full disk, an I/O error (see {@link StreamLosses}). */
        WRITE_FAILED("write_failed");

        private final String label;

        DropReason(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** Levels in counter order; {@link #levelIndex} maps a level to its position. */
    static final Level[] LEVELS = {Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE};

    private static final DropReason[] REASONS = DropReason.values();

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    private final LongAdder[] dropped = new LongAdder[LEVELS.length * REASONS.length];
    private final AtomicBoolean dropReported = new AtomicBoolean();
    /** The file appenders' write-loss watchers (other appenders have none); used by the worker thread only. */
    private final Map<Appender<ILoggingEvent>, StreamLosses> streamLosses = new IdentityHashMap<>();

    private int queueSize = DEFAULT_QUEUE_SIZE;
    private int discardingThreshold = -1;
    private int effectiveThreshold;
    private int maxFlushTime = 1000;
    private boolean includeCallerData;
    private volatile @Nullable BlockingQueue<ILoggingEvent> queue;
    /** Written by the worker thread only. */
    private volatile long handed;

    private @Nullable Thread worker;

    /** An appender with the defaults; attach appenders, then start it. */
    public ObsAsyncAppender() {
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] = new LongAdder();
        }
    }

    /**
     * Queue capacity, at least 1; default {@value #DEFAULT_QUEUE_SIZE}.
     *
     * @param queueSize the number of events the queue holds
     */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    /**
     * Below this many free slots INFO and lower events are discarded; default queueSize / 5, 0 turns it off.
     *
     * @param discardingThreshold free slots below which INFO and lower are discarded; 0 keeps every event
     */
    public void setDiscardingThreshold(int discardingThreshold) {
        this.discardingThreshold = discardingThreshold;
    }

    /**
     * How long {@link #stop()} waits for queued events to be written, in milliseconds; default 1000.
     * It is also the bound of {@link #stop()} itself: when an attached appender is blocked (stdout on
     * a pipe nobody reads), stop gives up after this time and leaves that appender to a daemon thread.
     *
     * @param maxFlushTime the wait in milliseconds
     */
    public void setMaxFlushTime(int maxFlushTime) {
        this.maxFlushTime = maxFlushTime;
    }

    /**
     * Whether to compute caller data on the logging thread (costly); default false.
     *
     * @param includeCallerData true to compute caller data (file, line) before queueing
     */
    public void setIncludeCallerData(boolean includeCallerData) {
        this.includeCallerData = includeCallerData;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (queueSize < 1) {
            addError("ObsAsyncAppender [" + name + "]: queueSize " + queueSize + " is invalid; use 1 or more,"
                    + " e.g. <queueSize>8192</queueSize>");
            return;
        }
        if (discardingThreshold > queueSize) {
            addError("ObsAsyncAppender [" + name + "]: discardingThreshold " + discardingThreshold
                    + " exceeds queueSize " + queueSize + "; use at most queueSize, or 0 to never discard early");
            return;
        }
        if (!appenders.iteratorForAppenders().hasNext()) {
            addError("ObsAsyncAppender [" + name + "]: no appender attached; add an <appender-ref ref=\"...\"/>");
            return;
        }
        effectiveThreshold = discardingThreshold < 0 ? queueSize / 5 : discardingThreshold;
        BlockingQueue<ILoggingEvent> q = new ArrayBlockingQueue<>(queueSize);
        queue = q;
        Thread thread = new Thread(() -> drain(q), "obs-log-" + name);
        thread.setDaemon(true);
        worker = thread;
        super.start();
        thread.start();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(maxFlushTime);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            BlockingQueue<ILoggingEvent> q = queue;
            if (thread.isAlive()) {
                addWarn("ObsAsyncAppender [" + name + "]: " + (q == null ? 0 : q.size()) + " queued events not"
                        + " written within " + maxFlushTime + " ms of stop; an attached appender is blocked");
                // The worker is stuck in a downstream write (a full pipe, a hung disk) and holds that
                // appender's lock: stopping it here would wait for ever. Stop them on a daemon thread.
                Thread stopper = new Thread(appenders::detachAndStopAllAppenders, "obs-log-stop-" + name);
                stopper.setDaemon(true);
                stopper.start();
                return;
            }
        }
        appenders.detachAndStopAllAppenders();
    }

    @Override
    protected void append(ILoggingEvent event) {
        BlockingQueue<ILoggingEvent> q = queue;
        if (q == null) {
            return;
        }
        captureTrace(event);
        event.prepareForDeferredProcessing();
        if (includeCallerData) {
            event.getCallerData();
        }
        if (q.remainingCapacity() < effectiveThreshold && isDiscardable(event)) {
            drop(event, DropReason.DISCARDED);
        } else if (!q.offer(event)) {
            drop(event, DropReason.QUEUE_FULL);
        }
    }

    /** Events dropped so far at {@code level} for {@code reason}. */
    long dropped(Level level, DropReason reason) {
        return dropped[index(level, reason)].sum();
    }

    /** The counter behind {@link #dropped(Level, DropReason)}, for the metric. */
    LongAdder droppedCounter(Level level, DropReason reason) {
        return dropped[index(level, reason)];
    }

    /** Events waiting to be written. */
    int queued() {
        BlockingQueue<ILoggingEvent> q = queue;
        return q == null ? 0 : q.size();
    }

    private void drop(ILoggingEvent event, DropReason reason) {
        dropped[index(event.getLevel(), reason)].increment();
        if (dropReported.compareAndSet(false, true)) {
            addWarn(
                    reason == DropReason.WRITE_FAILED
                            ? "ObsAsyncAppender [" + name + "]: an attached appender could not write a "
                                    + event.getLevel()
                                    + " event (write_failed: see its I/O error status); further losses are counted in"
                                    + " logging_events_dropped_total. Free space on the log volume or mend it."
                            : "ObsAsyncAppender [" + name + "]: dropped a " + event.getLevel() + " event ("
                                    + reason.label()
                                    + ") rather than block the logging thread; further drops are counted in"
                                    + " logging_events_dropped_total. Raise <queueSize> or speed up the attached"
                                    + " appenders.");
        }
    }

    private static boolean isDiscardable(ILoggingEvent event) {
        return !event.getLevel().isGreaterOrEqual(Level.WARN) && !LogCategory.isAudit(event.getLoggerName());
    }

    private static int index(Level level, DropReason reason) {
        return levelIndex(level) * REASONS.length + reason.ordinal();
    }

    static int levelIndex(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 0;
            case Level.WARN_INT -> 1;
            case Level.INFO_INT -> 2;
            case Level.DEBUG_INT -> 3;
            default -> 4;
        };
    }

    /** Records the current span's ids in the event as key-value pairs, once per event. */
    private static void captureTrace(ILoggingEvent event) {
        if (!(event instanceof LoggingEvent) || ObsFieldsJsonProvider.captured(event, LogFields.TRACE_ID) != null) {
            return;
        }
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            LoggingEvent mutable = (LoggingEvent) event;
            mutable.addKeyValuePair(new ObsFieldsJsonProvider.CapturedId(LogFields.TRACE_ID, span.getTraceId()));
            mutable.addKeyValuePair(new ObsFieldsJsonProvider.CapturedId(LogFields.SPAN_ID, span.getSpanId()));
        }
    }

    private void drain(BlockingQueue<ILoggingEvent> q) {
        try {
            while (true) {
                write(q.take());
            }
        } catch (InterruptedException stopping) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxFlushTime);
            ILoggingEvent event;
            while (System.nanoTime() < deadline && (event = q.poll()) != null) {
                write(event);
            }
        }
    }

    /** Hands {@code event} to each attached appender, on the worker thread; counts it once if one lost it. */
    private void write(ILoggingEvent event) {
        boolean lost = false;
        for (Iterator<Appender<ILoggingEvent>> it = appenders.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            try {
                StreamLosses losses = streamLosses.computeIfAbsent(appender, StreamLosses::of);
                if (losses == null) {
                    appender.doAppend(event);
                } else {
                    lost |= losses.appendLost(event);
                }
            } catch (RuntimeException e) {
                addError("ObsAsyncAppender [" + name + "]: attached appender [" + appender.getName() + "] failed", e);
            }
        }
        if (lost) {
            drop(event, DropReason.WRITE_FAILED);
        }
        handed++;
    }

    /** Events the worker has handed to the attached appenders so far, written or lost. */
    long handed() {
        return handed;
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        appenders.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String appenderName) {
        return appenders.getAppender(appenderName);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String appenderName) {
        return appenders.detachAppender(appenderName);
    }
}
