package io.escalation.obs.core.pii;

/** US social security and taxpayer numbers: dashed or spaced anywhere, nine bare digits under a key naming one. */
final class SsnDetector {

    /**
     * Key names whose value, when it is nine digits, is a US social security or taxpayer number; matched
     * as {@link SecretDetector#KEY_ATOMS} are.
     */
    static final String[] SSN_ATOMS = {
        "ssn",
        "ssnnumber",
        "socialsecurity",
        "socialsecuritynumber",
        "taxid",
        "taxidnumber",
        "taxpayerid",
        "tin",
        "itin",
    };

    /** The last chars of {@link #SSN_ATOMS}. */
    private static final String SSN_LAST_CHARS = "ndyr";

    /** End of a US SSN {@code 123-45-6789} or {@code 123 45 6789} at {@code i}, or -1. */
    static int ssnEnd(String s, int i) {
        if (i + 11 > s.length()) {
            return -1;
        }
        char sep = s.charAt(i + 3);
        if ((sep != '-' && sep != ' ') || s.charAt(i + 6) != sep) {
            return -1;
        }
        if (!Chars.digitsAt(s, i, 3) || !Chars.digitsAt(s, i + 4, 2) || !Chars.digitsAt(s, i + 7, 4)) {
            return -1;
        }
        int area = Chars.number(s, i, 3);
        if (area == 0
                || area == 666
                || area >= 900
                || Chars.number(s, i + 4, 2) == 0
                || Chars.number(s, i + 7, 4) == 0) {
            return -1;
        }
        return Chars.numberEndsAt(s, i + 11) ? i + 11 : -1;
    }

    /**
     * A social security or taxpayer number as the value of a key naming one ({@code ssn=123456789},
     * {@code "social_security_number":"123456789"}, {@code taxId: 12-3456789}) whose separator is at
     * {@code i}; the key is read backwards, not before {@code floor}. Nine bare digits are too common to
     * mask anywhere else; under such a key any nine digits are masked, as {@code 123456789},
     * {@code 123-45-6789}, {@code 123 45 6789} or {@code 12-3456789}, impossible SSNs and ITINs
     * included.
     */
    static long ssnKeyValueAt(String s, int i, int floor) {
        int n = s.length();
        if (i + 1 < n && s.charAt(i + 1) == s.charAt(i)) {
            return Spans.NO;
        }
        int p = KeyNames.valueStart(s, i);
        if (p >= n || !Chars.isDigit(s.charAt(p))) {
            return Spans.NO;
        }
        int e = nineDigitsEnd(s, p);
        if (e < 0 || KeyNames.keyAtom(s, i, floor, SSN_ATOMS, SSN_LAST_CHARS) < 0) {
            return Spans.NO;
        }
        return Spans.span(p, e);
    }

    /** End of nine digits at {@code p}, bare or as 3-2-4 (dashes or spaces) or 2-7 (a dash), or -1. */
    private static int nineDigitsEnd(String s, int p) {
        int n = s.length();
        int first = Chars.digitRun(s, p, 10);
        int e = -1;
        if (first == 9) {
            e = p + 9;
        } else if (first == 3 && p + 11 <= n) {
            char sep = s.charAt(p + 3);
            if ((sep == '-' || sep == ' ')
                    && s.charAt(p + 6) == sep
                    && Chars.digitsAt(s, p + 4, 2)
                    && Chars.digitsAt(s, p + 7, 4)) {
                e = p + 11;
            }
        } else if (first == 2 && p + 10 <= n && s.charAt(p + 2) == '-' && Chars.digitsAt(s, p + 3, 7)) {
            e = p + 10;
        }
        return e >= 0 && Chars.numberEndsAt(s, e) ? e : -1;
    }

    private SsnDetector() {}
}
