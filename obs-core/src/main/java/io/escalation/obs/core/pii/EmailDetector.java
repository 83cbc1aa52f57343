package io.escalation.obs.core.pii;

/** E-mail addresses, read back from their {@code @}. */
final class EmailDetector {

    /** Local-part chars, including the non-ASCII letters of internationalised addresses. */
    static boolean isLocalChar(char c) {
        return c < 128
                ? Chars.isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
                : Character.isLetterOrDigit(c);
    }

    /** Domain label chars, including the non-ASCII letters of internationalised domain names. */
    static boolean isLabelChar(char c) {
        return c < 128 ? Chars.isAsciiAlnum(c) || c == '-' : Character.isLetterOrDigit(c);
    }

    private static boolean isLetter(char c) {
        return c < 128 ? Chars.isAsciiLetter(c) : Character.isLetter(c);
    }

    /**
     * The e-mail address around the {@code @} at {@code at}: a local part (not reaching back before
     * {@code floor}) and a domain of two or more labels ending in an alphabetic top-level domain. The
     * local part may be longer than the 64 chars RFC 5321 allows: such addresses are still someone's.
     * Reading it back stays linear over a whole text: {@code @} is no local-part char, so the runs read
     * back from two {@code @}s never overlap.
     */
    static long emailAt(String s, int at, int floor) {
        int n = s.length();
        int b = at;
        while (b > floor && isLocalChar(s.charAt(b - 1))) {
            b--;
        }
        while (b < at && s.charAt(b) == '.') {
            b++;
        }
        if (b == at) {
            return Spans.NO;
        }
        int p = at + 1;
        int labels = 0;
        int end = -1;
        while (p < n && p - at <= 253) {
            int q = p;
            boolean alpha = true;
            while (q < n && q - p < 64 && isLabelChar(s.charAt(q))) {
                alpha &= isLetter(s.charAt(q));
                q++;
            }
            if (q == p) {
                break;
            }
            labels++;
            if (labels >= 2 && alpha && q - p >= 2) {
                end = q;
            }
            if (q + 1 < n && s.charAt(q) == '.' && isLabelChar(s.charAt(q + 1))) {
                p = q + 1;
            } else {
                break;
            }
        }
        if (end < 0 || (end < n && Chars.isWord(s.charAt(end)))) {
            return Spans.NO;
        }
        return Spans.span(b, end);
    }

    private EmailDetector() {}
}
