package io.escalation.obs.http;

import io.escalation.obs.core.fault.Causes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code status} label values as slots of a fixed table: codes 100 to 599, then the outbound
 * outcomes without a response. Label strings are built once, so recording allocates nothing.
 */
final class Statuses {

    static final int FIRST_CODE = 100;
    static final int LAST_CODE = 599;
    /** Slots 0..499 are the codes 100..599. */
    static final int TIMEOUT = LAST_CODE - FIRST_CODE + 1;
    static final int IO_ERROR = TIMEOUT + 1;
    static final int ERROR = TIMEOUT + 2;
    static final int SLOTS = ERROR + 1;
    /** The slot an unhandled exception or an invalid status code is recorded under: 500. */
    static final int SERVER_ERROR = slot(500);

    private static final String[] LABELS = labels();

    private Statuses() {
    }

    static boolean isValidCode(int code) {
        return code >= FIRST_CODE && code <= LAST_CODE;
    }

    /** The slot of a valid code. */
    static int slot(int code) {
        return code - FIRST_CODE;
    }

    /** The code of a code slot, or -1 for the outcomes without a response. */
    static int code(int slot) {
        return slot < TIMEOUT ? slot + FIRST_CODE : -1;
    }

    static String label(int slot) {
        return LABELS[slot];
    }

    /** TIMEOUT, IO_ERROR or ERROR for a call that ended with {@code error} and no response. */
    static int failureSlot(@Nullable Throwable error) {
        if (Causes.anyMatch(error, Statuses::isTimeout)) {
            return TIMEOUT;
        }
        return Causes.anyMatch(error, t -> t instanceof IOException) ? IO_ERROR : ERROR;
    }

    private static boolean isTimeout(Throwable t) {
        // SocketTimeoutException is an InterruptedIOException
        return t instanceof HttpTimeoutException || t instanceof InterruptedIOException || t instanceof TimeoutException;
    }

    private static String[] labels() {
        String[] labels = new String[SLOTS];
        for (int code = FIRST_CODE; code <= LAST_CODE; code++) {
            labels[slot(code)] = Integer.toString(code);
        }
        labels[TIMEOUT] = "TIMEOUT";
        labels[IO_ERROR] = "IO_ERROR";
        labels[ERROR] = "ERROR";
        return labels;
    }
}
