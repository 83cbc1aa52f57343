package io.escalation.obs.core.pii;

/** The password in the user info of a URL ({@code https://user:password@host}). */
final class UrlCredentialsDetector {

    /**
     * The password in the user info of a URL whose {@code ://} starts at {@code i}: between the first
     * {@code :} and the last {@code @} of the authority.
     */
    static long urlPasswordAt(String s, int i) {
        if (i == 0 || !Chars.isAsciiAlnum(s.charAt(i - 1))) {
            return Spans.NO;
        }
        int n = s.length();
        int p = i + 3;
        int at = -1;
        for (int q = p; q < n; q++) {
            char c = s.charAt(q);
            if (c == '/' || c == '?' || c == '#' || c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>'
                    || c == '`') {
                break;
            }
            if (c == '@') {
                at = q;
            }
        }
        if (at < 0) {
            return Spans.NO;
        }
        for (int q = p; q < at; q++) {
            if (s.charAt(q) == ':') {
                return q + 1 < at ? Spans.span(q + 1, at) : Spans.NO;
            }
        }
        return Spans.NO;
    }

    private UrlCredentialsDetector() {}
}
