package io.escalation.obs.db;

import org.jspecify.annotations.Nullable;

/** Shape checks for the names obs-db accepts where statement text or keys must never go. */
final class NameShape {

    /** Longest query, table or Redis command name accepted as is. */
    static final int MAX_NAME = 64;

    private NameShape() {}

    /**
     * True for a short name made of ASCII letters, digits, '_', '.', '-' and ':' ({@code select_customer},
     * {@code public.customers}); false for statement text, keys with values, blanks and anything longer
     * than {@value #MAX_NAME}. Allocates nothing.
     */
    static boolean isName(@Nullable String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-'
                    || c == ':';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The value when it is a {@linkplain #isName name}, else an exception telling what to pass. */
    static String requireName(String what, @Nullable String value, String example) {
        if (!isName(value)) {
            throw new IllegalArgumentException(what + " must be 1-" + MAX_NAME + " letters, digits, '_', '.', '-'"
                    + " or ':' (a name, never statement text), e.g. \"" + example + "\"; was "
                    + (value == null ? "null" : "\"" + abbreviate(value) + "\""));
        }
        return value;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
