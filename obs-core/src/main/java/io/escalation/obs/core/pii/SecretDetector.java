package io.escalation.obs.core.pii;

/** Secret values found by their key ({@code password=}, {@code "api_key":}, {@code Authorization:}) and cookie values. */
final class SecretDetector {

    /** Index into {@link #KEY_ATOMS} of {@code token}: all-digit values of {@code *_token} keys are counts. */
    private static final int ATOM_TOKEN = 5;

    /** Index into {@link #KEY_ATOMS} of {@code authorization}: its value may start with a scheme word. */
    private static final int ATOM_AUTHORIZATION = 10;

    /**
     * Key names whose value is a secret. A key matches when it is one of these (case and the
     * separators {@code _ - .} ignored) or ends with one after a separator or a camelCase hump.
     */
    static final String[] KEY_ATOMS = {
        "password",
        "passwd",
        "pwd",
        "passphrase",
        "secret",
        "token",
        "apikey",
        "secretkey",
        "privatekey",
        "secretaccesskey",
        "authorization",
    };

    /** The last chars of {@link #KEY_ATOMS}: a key ending otherwise is rejected without a look at it. */
    private static final String ATOM_LAST_CHARS = "detny";

    /** Key names whose value is a cookie header; {@code Set-Cookie} first, the key then is the whole atom. */
    static final String[] COOKIE_ATOMS = {"setcookie", "cookie"};

    private static boolean isValueEnd(char c) {
        return c <= ' ' || c == ',' || c == ';' || c == '&' || c == '"' || c == '\'' || c == ')' || c == '}' || c == ']'
                || c == '<' || c == '>';
    }

    private static int unquotedEnd(String s, int p) {
        int n = s.length();
        while (p < n && !isValueEnd(s.charAt(p))) {
            p++;
        }
        return p;
    }

    /** Index of the closing {@code quote} of a value starting at {@code p}, honouring backslash escapes. */
    private static int closingQuote(String s, int p, char quote) {
        int n = s.length();
        for (int q = p; q < n && q - p < 512; q++) {
            char c = s.charAt(q);
            if (c == quote) {
                return q;
            }
            if (c == '\n' || c == '\r') {
                return -1;
            }
            if (c == '\\') {
                q++;
            }
        }
        return -1;
    }

    /**
     * The secret value of a {@code key=value}, {@code key: value} or JSON {@code "key":"value"} pair
     * whose separator is at {@code i}; the key is read backwards, not before {@code floor}.
     */
    static long keyValueAt(String s, int i, int floor) {
        int n = s.length();
        if (i + 1 < n && s.charAt(i + 1) == s.charAt(i)) {
            return Spans.NO;
        }
        int atom = KeyNames.keyAtom(s, i, floor, KEY_ATOMS, ATOM_LAST_CHARS);
        if (atom < 0) {
            return Spans.NO;
        }
        boolean suffix = atom >= KEY_ATOMS.length;
        atom %= KEY_ATOMS.length;

        int p = i + 1;
        while (p < n && p - i <= 4 && Chars.isBlank(s.charAt(p))) {
            p++;
        }
        if (p >= n) {
            return Spans.NO;
        }
        int vs;
        int ve;
        boolean quoted = false;
        char q = s.charAt(p);
        if (q == '"' || q == '\'') {
            vs = p + 1;
            ve = closingQuote(s, vs, q);
            quoted = ve >= 0;
        } else {
            vs = p;
            ve = -1;
        }
        if (!quoted) {
            int masked = Masks.maskTokenEnd(s, vs);
            ve = masked > 0 ? masked : unquotedEnd(s, vs);
        }
        if (atom == ATOM_AUTHORIZATION) {
            int w = vs;
            while (w < n && w - vs <= 20 && Chars.isAsciiLetter(s.charAt(w))) {
                w++;
            }
            if (w > vs && w < n && s.charAt(w) == ' ') {
                int t = w;
                while (t < n && t - w < 4 && s.charAt(t) == ' ') {
                    t++;
                }
                if (t < n && !isValueEnd(s.charAt(t)) && (!quoted || t < ve)) {
                    vs = t;
                    if (!quoted) {
                        int masked = Masks.maskTokenEnd(s, vs);
                        ve = masked > 0 ? masked : unquotedEnd(s, vs);
                    }
                }
            }
        }
        if (ve <= vs) {
            return Spans.NO;
        }
        if (atom == ATOM_AUTHORIZATION && (isWordValue(s, vs, ve, "bearer") || isWordValue(s, vs, ve, "basic"))) {
            return Spans.NO;
        }
        if (!quoted
                && (isWordValue(s, vs, ve, "true")
                        || isWordValue(s, vs, ve, "false")
                        || isWordValue(s, vs, ve, "null"))) {
            return Spans.NO;
        }
        if (suffix && atom == ATOM_TOKEN && allDigits(s, vs, ve)) {
            return Spans.NO;
        }
        return Spans.span(vs, ve);
    }

    /**
     * The values of a cookie header whose separator is at {@code i} ({@code Cookie: sid=abc; lang=en},
     * {@code "cookie":"sid=abc"}): the span from the first value to the last, the key read backwards not
     * before {@code floor}. Of a {@code Set-Cookie} header only the cookie's own value is taken: the
     * attributes after it ({@code Path}, {@code Expires}, ...) are no secret. Only {@code name=value}
     * pairs count, so prose such as "cookie: missing" stays.
     */
    static long cookieAt(String s, int i, int floor) {
        int n = s.length();
        if (i + 1 < n && s.charAt(i + 1) == s.charAt(i)) {
            return Spans.NO;
        }
        int atom = KeyNames.keyAtom(s, i, floor, COOKIE_ATOMS, "e");
        if (atom < 0) {
            return Spans.NO;
        }
        int p = KeyNames.valueStart(s, i);
        char quote = p > i + 1 && (s.charAt(p - 1) == '"' || s.charAt(p - 1) == '\'') ? s.charAt(p - 1) : 0;
        int first = -1;
        int last = -1;
        boolean all = atom % COOKIE_ATOMS.length != 0;
        while (p < n) {
            int name = p;
            while (p < n && isCookieNameChar(s.charAt(p)) && s.charAt(p) != quote) {
                p++;
            }
            if (p == name || p >= n || s.charAt(p) != '=') {
                break;
            }
            int vs = p + 1;
            int ve = cookieValueEnd(s, vs, quote);
            if (ve > vs) {
                first = first < 0 ? vs : first;
                last = ve;
            }
            p = ve;
            if (!all || p >= n || s.charAt(p) != ';') {
                break;
            }
            p++;
            if (p < n && s.charAt(p) == ' ') {
                p++;
            }
        }
        return first < 0 ? Spans.NO : Spans.span(first, last);
    }

    /**
     * Appends the cookie pairs in {@code [a, b)}, a span {@link #cookieAt} found, with every non-empty
     * value replaced by {@code label} and the names and separators between them kept.
     */
    static void appendCookieMasked(StringBuilder out, String s, int a, int b, String label) {
        int p = a;
        while (p < b) {
            int ve = Math.min(cookieValueEnd(s, p, (char) 0), b);
            if (ve > p) {
                out.append(label);
            }
            int eq = ve;
            while (eq < b && s.charAt(eq) != '=') {
                eq++;
            }
            out.append(s, ve, Math.min(eq + 1, b));
            p = eq + 1;
        }
    }

    /** End of a cookie value at {@code p}: a double-quoted value whole, else up to {@code ; , "} or a blank. */
    private static int cookieValueEnd(String s, int p, char quote) {
        int n = s.length();
        if (p < n && s.charAt(p) == '"' && quote != '"') {
            for (int q = p + 1; q < n && q - p < 4096; q++) {
                char c = s.charAt(q);
                if (c == '"') {
                    return q + 1;
                }
                if (c <= ' ' || c == ';' || c == ',' || c == '\\') {
                    break;
                }
            }
        }
        int q = p;
        while (q < n) {
            char c = s.charAt(q);
            if (c <= ' ' || c == ';' || c == ',' || c == '"' || c == '\\' || c == quote || c == 127) {
                break;
            }
            q++;
        }
        return q;
    }

    /** The token chars RFC 6265 allows in a cookie name. */
    private static boolean isCookieNameChar(char c) {
        return c < 128 && (Chars.isAsciiAlnum(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    private static boolean isWordValue(String s, int a, int b, String word) {
        return b - a == word.length() && s.regionMatches(true, a, word, 0, word.length());
    }

    private static boolean allDigits(String s, int a, int b) {
        for (int k = a; k < b; k++) {
            if (!Chars.isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private SecretDetector() {}
}
