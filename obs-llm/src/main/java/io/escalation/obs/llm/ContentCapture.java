package io.escalation.obs.llm;

import io.escalation.obs.core.pii.PiiMasker;
import org.jspecify.annotations.Nullable;

/**
 * Opt-in prompt and completion capture: text cut to a maximum length, masked, and wrapped as the
 * JSON message list of OpenTelemetry's {@code gen_ai.input.messages} / {@code gen_ai.output.messages}.
 */
final class ContentCapture {

    static final int DEFAULT_MAX_CHARS = 4_096;
    /** Text beyond the cut that is still masked, so that PII straddling the cut is recognised whole. */
    private static final int MASK_SLACK = 64;

    private final boolean enabled;
    private final int maxChars;
    private final PiiMasker masker;

    ContentCapture(boolean enabled, int maxChars, PiiMasker masker) {
        this.enabled = enabled;
        this.maxChars = maxChars;
        this.masker = masker;
    }

    boolean enabled() {
        return enabled;
    }

    /** The message list holding {@code text} as one text part of {@code role}, or null when disabled. */
    @Nullable
    String messages(String role, String text) {
        if (!enabled) {
            return null;
        }
        String window = text.length() > maxChars + MASK_SLACK ? text.substring(0, maxChars + MASK_SLACK) : text;
        String masked = masker.mask(window);
        if (masked == null) {
            return null;
        }
        boolean truncated = masked.length() > maxChars || window.length() < text.length();
        String kept = masked.length() > maxChars ? masked.substring(0, maxChars) : masked;
        StringBuilder json = new StringBuilder(kept.length() + 80);
        json.append("[{\"role\":\"").append(role).append("\",\"parts\":[{\"type\":\"text\",\"content\":\"");
        escape(kept, json);
        if (truncated) {
            json.append("[truncated]");
        }
        return json.append("\"}]}]").toString();
    }

    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
    }
}
