package io.escalation.obs.core.health;

import io.escalation.obs.core.pii.PercentDecoding;
import io.escalation.obs.core.pii.PiiMasker;
import org.jspecify.annotations.Nullable;

/**
 * Turns untrusted text (a check's detail, an exception's message) into what a report may show:
 * masked, bounded, and never an exception of its own. The same job as the exception handling in
 * {@code trace.Spans}; kept small so both can share one helper later.
 */
final class SafeDetail {

    private SafeDetail() {}

    /** {@code "Type: message"}, or {@code "Type"} when the message is empty or cannot be read; unmasked. */
    static String describe(Throwable t) {
        String simple = t.getClass().getSimpleName();
        String type = simple.isEmpty() ? t.getClass().getName() : simple; // anonymous classes have no simple name
        String message;
        try {
            message = t.getMessage();
        } catch (RuntimeException e) { // a getMessage() that throws must not turn a DOWN into a crash
            message = null;
        }
        return message == null || message.isEmpty() ? type : type + ": " + message;
    }

    /**
     * {@code text} masked and cut to {@code max} characters (plus "..."); a placeholder when masking fails.
     * When its percent-decoded form holds PII ({@code jane%40example.com}), that form is masked and shown.
     */
    static String mask(PiiMasker masker, String text, int max) {
        @Nullable String masked;
        try {
            String decoded = PercentDecoding.decode(text);
            String decodedMasked = decoded == text ? decoded : masker.mask(decoded);
            masked = decodedMasked != decoded ? decodedMasked : masker.mask(text);
        } catch (RuntimeException e) {
            return "(detail hidden: it could not be masked)";
        }
        String safe = masked == null ? "" : masked;
        return safe.length() <= max ? safe : safe.substring(0, max) + "...";
    }
}
