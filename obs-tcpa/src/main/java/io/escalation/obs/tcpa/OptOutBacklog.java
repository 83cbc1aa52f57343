package io.escalation.obs.tcpa;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

/**
 * The pending opt-out requests last reported by the service, read by the backlog gauges at scrape
 * time: the counts that depend on the time (overdue, due soon, oldest age) are computed against the
 * clock when read, so they stay right between two reports.
 */
final class OptOutBacklog {

    private static final Snapshot EMPTY = new Snapshot(0, Long.MAX_VALUE, new long[0], new long[0]);

    private final Clock clock;
    private volatile Snapshot snapshot = EMPTY;

    OptOutBacklog(Clock clock) {
        this.clock = clock;
    }

    /** Replaces the backlog; {@code receivedAt} holds no nulls. */
    void replace(Instant[] receivedAt, int count, OptOutDeadlines deadlines) {
        long oldest = Long.MAX_VALUE;
        long[] due = new long[count];
        long[] soon = new long[count];
        for (int i = 0; i < count; i++) {
            Instant received = receivedAt[i];
            oldest = Math.min(oldest, received.toEpochMilli());
            due[i] = deadlines.deadline(received).toEpochMilli();
            soon[i] = deadlines.dueSoonFrom(received).toEpochMilli();
        }
        Arrays.sort(due);
        Arrays.sort(soon);
        snapshot = new Snapshot(count, oldest, due, soon);
    }

    double pending() {
        return snapshot.pending;
    }

    double oldestAgeSeconds() {
        Snapshot s = snapshot;
        if (s.pending == 0) {
            return 0;
        }
        return Math.max(0, clock.millis() - s.oldestReceivedMillis) / 1000.0;
    }

    double overdue() {
        return countAtOrBefore(snapshot.deadlines, clock.millis());
    }

    double dueSoon() {
        Snapshot s = snapshot;
        long now = clock.millis();
        return countAtOrBefore(s.dueSoonFrom, now) - countAtOrBefore(s.deadlines, now);
    }

    /** Elements of sorted {@code values} at most {@code limit}. */
    private static int countAtOrBefore(long[] values, long limit) {
        int low = 0;
        int high = values.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[mid] <= limit) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static final class Snapshot {
        final int pending;
        final long oldestReceivedMillis;
        final long[] deadlines;
        final long[] dueSoonFrom;

        Snapshot(int pending, long oldestReceivedMillis, long[] deadlines, long[] dueSoonFrom) {
            this.pending = pending;
            this.oldestReceivedMillis = oldestReceivedMillis;
            this.deadlines = deadlines;
            this.dueSoonFrom = dueSoonFrom;
        }
    }
}
