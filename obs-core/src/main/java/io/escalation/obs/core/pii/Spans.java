package io.escalation.obs.core.pii;

/** A match as one {@code long}: its start index in the high half, its end index in the low half; {@link #NO} for none. */
final class Spans {

    /** No match. */
    static final long NO = -1L;

    static long span(int start, int end) {
        return ((long) start << 32) | (end & 0xFFFF_FFFFL);
    }

    static int start(long span) {
        return (int) (span >>> 32);
    }

    static int end(long span) {
        return (int) span;
    }

    private Spans() {}
}
