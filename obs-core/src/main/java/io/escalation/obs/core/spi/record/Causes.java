package io.escalation.obs.core.spi.record;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Reads exceptions handed to recording calls without trusting them: cause chains are walked at most
 * {@value #MAX_DEPTH} deep and stop at a cycle, accessors that throw are survived, and stack traces
 * are rendered without the recursion of {@link Throwable#printStackTrace()} (which overflows the
 * stack on a chain a few thousand causes deep).
 *
 * <pre>{@code
 * boolean timedOut = Causes.anyMatch(error, t -> t instanceof SocketTimeoutException);
 * String trace = Causes.stackTrace(error, 16_384, masker::mask);
 * }</pre>
 */
public final class Causes {

    /** How many throwables of a chain (the first included) are looked at. */
    public static final int MAX_DEPTH = 32;
    /** Stack frames rendered per throwable. */
    private static final int MAX_FRAMES = 64;
    /** Characters of one message rendered. */
    private static final int MAX_MESSAGE_CHARS = 8_192;
    /**
     * Characters dropped from the end of a cut message after masking: an identifier the cut split is
     * shorter than this, and goes with them instead of leaking its first half unmasked.
     */
    private static final int CUT_MARGIN = 64;

    private Causes() {}

    /**
     * True when {@code error} or one of its first {@value #MAX_DEPTH} causes matches {@code test}.
     * Never throws but a {@link VirtualMachineError}; a cycle ends the walk.
     *
     * @param error the error, or null (false)
     * @param test the predicate
     * @return true when some link of the chain matches
     */
    public static boolean anyMatch(@Nullable Throwable error, Predicate<? super Throwable> test) {
        Throwable slow = error; // Floyd: a cycle is found without allocating
        Throwable t = error;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            if (test.test(t)) {
                return true;
            }
            t = cause(t);
            if ((depth & 1) == 1 && slow != null) {
                slow = cause(slow);
            }
            if (t != null && t == slow) {
                return false;
            }
        }
        return false;
    }

    /** {@code error.getMessage()}, or null when it is null or throws. Rethrows only a {@link VirtualMachineError}. */
    static @Nullable String message(Throwable error) {
        try {
            return error.getMessage();
        } catch (Throwable e) {
            Faults.rethrowIfFatal(e);
            return null;
        }
    }

    /**
     * {@code error}'s message through {@code filter} (e.g. a masker), at most 8,192 characters, or
     * {@code ""} when it has none or {@code getMessage()} throws. A longer message is cut before the
     * filter runs, and the filtered text loses its last 64 characters too, so that an identifier the
     * cut split is dropped rather than left half unmasked. Never throws but a {@link VirtualMachineError}.
     *
     * @param error the throwable whose message is read
     * @param filter applied to the message, e.g. the masker
     * @return the filtered message
     */
    public static String message(Throwable error, UnaryOperator<String> filter) {
        String message = message(error);
        return message == null ? "" : bounded(message, filter);
    }

    /**
     * The text {@link Throwable#printStackTrace()} would print for {@code error} and its causes,
     * bounded: at most {@value #MAX_DEPTH} throwables, 64 frames each, messages cut at 8,192
     * characters after {@code messages} (e.g. a masker) ran on them, at most {@code maxChars} in all;
     * suppressed exceptions are left out. Iterative, so a chain of any depth cannot overflow the stack. Never throws but a {@link VirtualMachineError}.
     *
     * @param error the throwable to print, with its causes
     * @param maxChars the most characters returned
     * @param messages applied to each message, e.g. the masker
     * @return the bounded stack trace
     */
    public static String stackTrace(Throwable error, int maxChars, UnaryOperator<String> messages) {
        StringBuilder out = new StringBuilder(Math.min(maxChars, 4_096));
        Throwable[] seen = new Throwable[MAX_DEPTH];
        StackTraceElement[] enclosing = new StackTraceElement[0];
        Throwable t = error;
        int depth = 0;
        while (t != null && out.length() < maxChars) {
            if (contains(seen, depth, t)) {
                out.append("Caused by: [CIRCULAR REFERENCE: ")
                        .append(t.getClass().getName())
                        .append("]\n");
                break;
            }
            if (depth == MAX_DEPTH) {
                out.append("Caused by: ... further causes not shown (more than ")
                        .append(MAX_DEPTH)
                        .append(")\n");
                break;
            }
            seen[depth] = t;
            if (depth > 0) {
                out.append("Caused by: ");
            }
            out.append(t.getClass().getName());
            String message = message(t);
            if (message != null) {
                out.append(": ").append(bounded(message, messages));
            }
            out.append('\n');
            StackTraceElement[] frames = frames(t);
            int common = commonFrames(frames, enclosing);
            int shown = Math.min(frames.length - common, MAX_FRAMES);
            for (int i = 0; i < shown; i++) {
                out.append("\tat ").append(frames[i]).append('\n');
            }
            if (frames.length - common > shown) {
                out.append("\t... ").append(frames.length - common - shown).append(" frames not shown\n");
            }
            if (common > 0) {
                out.append("\t... ").append(common).append(" more\n");
            }
            enclosing = frames;
            depth++;
            t = cause(t);
        }
        if (out.length() > maxChars) {
            out.setLength(maxChars);
            out.append("\n\t... [truncated]");
        }
        return out.toString();
    }

    private static String bounded(String message, UnaryOperator<String> messages) {
        if (message.length() <= MAX_MESSAGE_CHARS) {
            return messages.apply(message);
        }
        String masked = messages.apply(message.substring(0, MAX_MESSAGE_CHARS));
        return masked.substring(0, Math.max(0, masked.length() - CUT_MARGIN)) + "...[truncated]";
    }

    private static @Nullable Throwable cause(Throwable t) {
        try {
            Throwable cause = t.getCause();
            return cause == t ? null : cause;
        } catch (Throwable e) {
            Faults.rethrowIfFatal(e);
            return null;
        }
    }

    private static StackTraceElement[] frames(Throwable t) {
        try {
            StackTraceElement[] frames = t.getStackTrace();
            return frames == null ? new StackTraceElement[0] : frames;
        } catch (Throwable e) {
            Faults.rethrowIfFatal(e);
            return new StackTraceElement[0];
        }
    }

    /** Frames at the end of {@code frames} that the enclosing trace also ends with, as printStackTrace omits them. */
    private static int commonFrames(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int m = frames.length - 1;
        int n = enclosing.length - 1;
        while (m >= 0 && n >= 0 && frames[m] != null && frames[m].equals(enclosing[n])) {
            m--;
            n--;
        }
        return frames.length - 1 - m;
    }

    private static boolean contains(Throwable[] seen, int count, @Nullable Throwable candidate) {
        for (int i = 0; i < count; i++) {
            if (seen[i] == candidate) {
                return true;
            }
        }
        return false;
    }
}
