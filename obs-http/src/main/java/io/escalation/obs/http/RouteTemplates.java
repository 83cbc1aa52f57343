package io.escalation.obs.http;

import org.jspecify.annotations.Nullable;

/**
 * Tells a route template from a raw path: the {@code endpoint} label must never carry a query
 * string, a full URL or an identifier, since those hold customer data and have no bound.
 */
final class RouteTemplates {

    /** Segments this long made of hex digits and dashes (UUIDs, object ids, Twilio SIDs) are identifiers. */
    private static final int HEX_ID_LENGTH = 16;

    private RouteTemplates() {}

    /**
     * Why {@code value} is not a route template (looking at its first {@code limit} characters), or
     * null when it may be one. Allocates nothing.
     */
    static @Nullable String problem(String value, int limit) {
        int end = Math.min(value.length(), limit);
        int segmentStart = 0;
        for (int i = 0; i <= end; i++) {
            char c = i < end ? value.charAt(i) : '/';
            if (c == '?') {
                return "has a query string";
            }
            if (c == '#') {
                return "has a fragment";
            }
            if (c == ':' && value.startsWith("//", i + 1)) {
                return "is a full URL";
            }
            if (c == '/') {
                if (isIdentifier(value, segmentStart, i)) {
                    return "has an identifier segment ('" + abbreviate(value, segmentStart, i)
                            + "'): use a variable such as {id}";
                }
                segmentStart = i + 1;
            }
        }
        return null;
    }

    private static boolean isIdentifier(String value, int from, int to) {
        if (from >= to) {
            return false;
        }
        boolean digitsOnly = true;
        boolean hexOrDash = true;
        boolean hasDigit = false;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            hasDigit |= digit;
            digitsOnly &= digit;
            hexOrDash &= digit || c == '-' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }
        return digitsOnly || (hexOrDash && hasDigit && to - from >= HEX_ID_LENGTH);
    }

    private static String abbreviate(String value, int from, int to) {
        return to - from <= 3 ? value.substring(from, to) : value.substring(from, from + 3) + "...";
    }
}
