package io.escalation.obs.core.pii;

/** API keys and tokens known by their prefix ({@code sk-}, {@code AKIA}, {@code ghp_}, {@code eyJ}, ...) and {@code Bearer} credentials. */
final class TokenDetector {

    /** True for the first letters of the tokens {@link #tokenAt} knows. */
    static boolean mayStartToken(char c) {
        return switch (c) {
            case 's', 'r', 'p', 'A', 'S', 'g', 'x', 'e', 'B', 'b' -> true;
            default -> false;
        };
    }

    /**
     * A known API key or token starting at {@code i}: OpenAI/Anthropic {@code sk-}, Stripe, AWS access
     * key ids, Twilio API key sids, GitHub, Slack, JWTs, and the credential after {@code Bearer}.
     */
    static long tokenAt(String s, int i) {
        int n = s.length();
        if (i + 2 >= n) {
            return Spans.NO;
        }
        // Most words fail on their second char, before any prefix comparison.
        char second = s.charAt(i + 1);
        return switch (s.charAt(i)) {
            case 's' -> second == 'k' ? secretKeyAt(s, i) : Spans.NO;
            case 'r' ->
                second == 'k' && (s.startsWith("rk_live_", i) || s.startsWith("rk_test_", i))
                        ? run(s, i, i + 8, 10)
                        : Spans.NO;
            case 'p' -> second == 'k' && s.startsWith("pk_live_", i) ? run(s, i, i + 8, 10) : Spans.NO;
            case 'A' ->
                (second == 'K' || second == 'S') && (s.startsWith("AKIA", i) || s.startsWith("ASIA", i))
                        ? awsKeyAt(s, i)
                        : Spans.NO;
            case 'S' -> second == 'K' ? twilioSidAt(s, i) : Spans.NO;
            case 'g' -> second == 'h' || second == 'i' ? githubTokenAt(s, i, second) : Spans.NO;
            case 'x' ->
                i + 5 < n
                                && second == 'o'
                                && s.startsWith("xox", i)
                                && "baprs".indexOf(s.charAt(i + 3)) >= 0
                                && s.charAt(i + 4) == '-'
                        ? run(s, i, i + 5, 10)
                        : Spans.NO;
            case 'e' -> {
                int jwt = second == 'y' ? jwtEnd(s, i) : -1;
                yield jwt < 0 ? Spans.NO : Spans.span(i, jwt);
            }
            case 'B', 'b' -> second == 'e' || second == 'E' ? bearerAt(s, i) : Spans.NO;
            default -> Spans.NO;
        };
    }

    /** OpenAI/Anthropic {@code sk-} keys and Stripe's {@code sk_live_}/{@code sk_test_} ones at {@code i}. */
    private static long secretKeyAt(String s, int i) {
        if (s.startsWith("sk-", i)) {
            return run(s, i, i + 3, 20);
        }
        if (s.startsWith("sk_live_", i) || s.startsWith("sk_test_", i)) {
            return run(s, i, i + 8, 10);
        }
        return Spans.NO;
    }

    /** An AWS access key id ({@code AKIA} or {@code ASIA} and 16 upper-case letters or digits) at {@code i}. */
    private static long awsKeyAt(String s, int i) {
        int n = s.length();
        int e = i + 20;
        if (e > n || (e < n && Chars.isWord(s.charAt(e)))) {
            return Spans.NO;
        }
        for (int k = i + 4; k < e; k++) {
            char c = s.charAt(k);
            if (!Chars.isUpper(c) && !Chars.isDigit(c)) {
                return Spans.NO;
            }
        }
        return Spans.span(i, e);
    }

    /** A Twilio API key sid ({@code SK} and 32 hex digits) at {@code i}. */
    private static long twilioSidAt(String s, int i) {
        int n = s.length();
        int e = i + 34;
        if (e > n || (e < n && Chars.isWord(s.charAt(e)))) {
            return Spans.NO;
        }
        for (int k = i + 2; k < e; k++) {
            if (!Chars.isHex(s.charAt(k))) {
                return Spans.NO;
            }
        }
        return Spans.span(i, e);
    }

    /** A GitHub token ({@code ghp_}, {@code gho_}, ... or {@code github_pat_}) at {@code i}. */
    private static long githubTokenAt(String s, int i, char second) {
        if (i + 4 < s.length() && second == 'h' && "pousr".indexOf(s.charAt(i + 2)) >= 0 && s.charAt(i + 3) == '_') {
            return run(s, i, i + 4, 20);
        }
        return s.startsWith("github_pat_", i) ? run(s, i, i + 11, 20) : Spans.NO;
    }

    /** {@code [start, end)} where the token chars from {@code body} number at least {@code min}. */
    private static long run(String s, int start, int body, int min) {
        int e = Chars.skipToken(s, body);
        return e - body >= min ? Spans.span(start, e) : Spans.NO;
    }

    /** End of a JWT (three or, for JWE, five base64url segments, the first starting {@code eyJ}), or -1. */
    static int jwtEnd(String s, int i) {
        if (!s.startsWith("eyJ", i)) {
            return -1;
        }
        int n = s.length();
        int p = Chars.skipToken(s, i);
        if (p - i < 10 || p >= n || s.charAt(p) != '.') {
            return -1;
        }
        int q = Chars.skipToken(s, p + 1);
        if (q - p - 1 < 2 || q >= n || s.charAt(q) != '.') {
            return -1;
        }
        int end = Chars.skipToken(s, q + 1);
        for (int extra = 0;
                extra < 2 && end + 1 < n && s.charAt(end) == '.' && Chars.isTokenChar(s.charAt(end + 1));
                extra++) {
            end = Chars.skipToken(s, end + 1);
        }
        return end;
    }

    /**
     * The credential after {@code Bearer } at {@code i}: at least 8 token68 chars that look random (a
     * digit, mixed case, or token punctuation), so prose such as "Bearer token expired" stays.
     * {@code Basic} credentials are masked only as the value of an {@code Authorization} key, since
     * "basic" is a common word.
     */
    static long bearerAt(String s, int i) {
        int n = s.length();
        String bearer = "bearer ";
        if (i + 7 > n) {
            return Spans.NO;
        }
        for (int k = 0; k < 7; k++) {
            if (Chars.lower(s.charAt(i + k)) != bearer.charAt(k)) {
                return Spans.NO;
            }
        }
        int p = i + 7;
        while (p < n && p - i < 16 && s.charAt(p) == ' ') {
            p++;
        }
        int e = p;
        while (e < n && isCredentialChar(s.charAt(e))) {
            e++;
        }
        while (e < n && s.charAt(e) == '=') {
            e++;
        }
        while (e > p && s.charAt(e - 1) == '.') {
            e--;
        }
        if (e - p < 8 || (e < n && Chars.isWord(s.charAt(e)))) {
            return Spans.NO;
        }
        boolean digit = false;
        boolean upper = false;
        boolean lower = false;
        boolean punct = false;
        for (int k = p; k < e; k++) {
            char c = s.charAt(k);
            digit |= Chars.isDigit(c);
            upper |= Chars.isUpper(c);
            lower |= Chars.isLower(c);
            punct |= !Chars.isAsciiAlnum(c);
        }
        return digit || punct || (upper && lower) ? Spans.span(p, e) : Spans.NO;
    }

    /** The token68 chars of RFC 7235 credentials, without the trailing {@code =} padding. */
    private static boolean isCredentialChar(char c) {
        return Chars.isAsciiAlnum(c) || c == '+' || c == '/' || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private TokenDetector() {}
}
