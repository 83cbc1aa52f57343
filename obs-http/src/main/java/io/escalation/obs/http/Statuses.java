package io.escalation.obs.http;

import io.escalation.obs.core.spi.record.Causes;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code status} label values as slots of a fixed table: codes 100 to 599, then the outbound
 * outcomes without a response, then the classes {@code 1xx} to {@code 5xx}. Only the codes of the
 * IANA HTTP status code registry (RFC 9110 and its extensions, 418 included) are label values of
 * their own; any other code in 100..599 is recorded under its class ({@code 299} as {@code 2xx}),
 * which {@code status=~"5.."} still selects. Label strings are built once, so recording allocates
 * nothing.
 */
final class Statuses {

    static final int FIRST_CODE = 100;
    static final int LAST_CODE = 599;
    /** Slots 0..499 are the codes 100..599. */
    static final int TIMEOUT = LAST_CODE - FIRST_CODE + 1;

    static final int IO_ERROR = TIMEOUT + 1;
    static final int ERROR = TIMEOUT + 2;
    /** Slots of the classes 1xx..5xx. */
    static final int FIRST_CLASS = ERROR + 1;

    static final int SLOTS = FIRST_CLASS + 5;
    /** The slot an unhandled exception or an invalid status code is recorded under: 500. */
    static final int SERVER_ERROR = slot(500);

    /** Codes of the IANA registry, recorded as themselves. */
    private static final int[] REGISTERED = {
        100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308,
        400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423,
        424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511
    };

    private static final String[] LABELS = labels();
    private static final int[] LABEL_SLOTS = labelSlots();

    private Statuses() {}

    static boolean isValidCode(int code) {
        return code >= FIRST_CODE && code <= LAST_CODE;
    }

    /** The slot of a valid code. */
    static int slot(int code) {
        return code - FIRST_CODE;
    }

    /** The code of a code slot, 100 times the class for a class slot, -1 for the outcomes without a response. */
    static int code(int slot) {
        if (slot < TIMEOUT) {
            return slot + FIRST_CODE;
        }
        return slot >= FIRST_CLASS ? (slot - FIRST_CLASS + 1) * 100 : -1;
    }

    /** The slot whose label {@code slot} is recorded under: itself, or its class for an unregistered code. */
    static int labelSlot(int slot) {
        return LABEL_SLOTS[slot];
    }

    /** The class slot of a code slot ({@code 503} is {@code 5xx}); any other slot itself. */
    static int classSlot(int slot) {
        return slot < TIMEOUT ? FIRST_CLASS + (slot + FIRST_CODE) / 100 - 1 : slot;
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
        return t instanceof HttpTimeoutException
                || t instanceof InterruptedIOException
                || t instanceof TimeoutException;
    }

    private static String[] labels() {
        String[] labels = new String[SLOTS];
        for (int code = FIRST_CODE; code <= LAST_CODE; code++) {
            labels[slot(code)] = Integer.toString(code);
        }
        labels[TIMEOUT] = "TIMEOUT";
        labels[IO_ERROR] = "IO_ERROR";
        labels[ERROR] = "ERROR";
        for (int c = 1; c <= 5; c++) {
            labels[FIRST_CLASS + c - 1] = c + "xx";
        }
        return labels;
    }

    private static int[] labelSlots() {
        int[] slots = new int[SLOTS];
        for (int slot = 0; slot < SLOTS; slot++) {
            slots[slot] = classSlot(slot);
        }
        for (int code : REGISTERED) {
            slots[slot(code)] = slot(code);
        }
        return slots;
    }
}
