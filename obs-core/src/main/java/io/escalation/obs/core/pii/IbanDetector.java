package io.escalation.obs.core.pii;

/** International bank account numbers: a country code that issues IBANs, mod-97 valid. */
final class IbanDetector {

    /** ISO 3166 codes of the countries that issue IBANs. */
    private static final String IBAN_COUNTRIES =
            "AD AE AL AT AZ BA BE BG BH BI BR BY CH CR CY CZ DE DJ DK DO EE EG ES FI FK FO FR GB GE GI GL"
                    + " GR GT HN HR HU IE IL IQ IS IT JO KW KZ LB LC LI LT LU LV LY MC MD ME MK MN MR MT MU NI"
                    + " NL NO OM PK PL PS PT QA RO RS RU SA SC SD SE SI SK SM SO ST SV TL TN TR UA VA VG XK YE";

    private static final boolean[] IBAN_COUNTRY = new boolean[26 * 26];

    static {
        for (int k = 0; k + 1 < IBAN_COUNTRIES.length(); k += 3) {
            IBAN_COUNTRY[(IBAN_COUNTRIES.charAt(k) - 'A') * 26 + (IBAN_COUNTRIES.charAt(k + 1) - 'A')] = true;
        }
    }

    private static int upperAlnumRun(String s, int p, int max) {
        int n = s.length();
        int q = p;
        while (q < n && q - p < max && (Chars.isUpper(s.charAt(q)) || Chars.isDigit(s.charAt(q)))) {
            q++;
        }
        return q - p;
    }

    /**
     * End of an IBAN at {@code i}: a country code, two check digits and up to 30 upper-case letters or
     * digits, either in one run or in groups of four separated by single spaces, 15 to 34 chars in all,
     * mod-97 valid. Returns -1 when none.
     */
    static int ibanEnd(String s, int i) {
        int n = s.length();
        if (i + 4 > n) {
            return -1;
        }
        char c0 = s.charAt(i);
        char c1 = s.charAt(i + 1);
        if (!Chars.isUpper(c0)
                || !Chars.isUpper(c1)
                || !Chars.isDigit(s.charAt(i + 2))
                || !Chars.isDigit(s.charAt(i + 3))) {
            return -1;
        }
        if (!IBAN_COUNTRY[(c0 - 'A') * 26 + (c1 - 'A')]) {
            return -1;
        }
        int run = upperAlnumRun(s, i, 35);
        if (run > 4) {
            if (run < 15 || run > 34 || (i + run < n && Chars.isWord(s.charAt(i + run)))) {
                return -1;
            }
            return ibanChecksumOk(s, i, i + run) ? i + run : -1;
        }
        int p = i + 4;
        int len = 4;
        int best = -1;
        // the mod-97 remainder of the groups read so far, carried from group to group: each end tried
        // costs the four chars of the country code and check digits, not a pass over the whole number
        int body = 0;
        while (p < n && s.charAt(p) == ' ') {
            int group = upperAlnumRun(s, p + 1, 5);
            if (group == 0 || group > 4 || len + group > 34) {
                break;
            }
            for (int k = p + 1; k <= p + group; k++) {
                body = mod97Step(body, s.charAt(k));
            }
            len += group;
            p += 1 + group;
            if (len >= 15 && (p == n || !Chars.isWord(s.charAt(p))) && checksumOk(body, s, i)) {
                best = p;
            }
            if (group < 4) {
                break;
            }
        }
        return best;
    }

    /** ISO 13616 mod-97 check over {@code [a, b)}, spaces ignored. */
    static boolean ibanChecksumOk(String s, int a, int b) {
        int rem = 0;
        for (int k = a + 4; k < b; k++) {
            rem = mod97Step(rem, s.charAt(k));
        }
        return checksumOk(rem, s, a);
    }

    /**
     * The mod-97 check of an IBAN at {@code a} whose chars after the first four leave remainder {@code body}:
     * the country code and check digits moved to the end, as {@link #ibanChecksumOk} reads them.
     */
    private static boolean checksumOk(int body, String s, int a) {
        int rem = body;
        for (int k = a; k < a + 4; k++) {
            rem = mod97Step(rem, s.charAt(k));
        }
        return rem == 1;
    }

    private static int mod97Step(int rem, char c) {
        if (Chars.isDigit(c)) {
            return (rem * 10 + (c - '0')) % 97;
        }
        if (Chars.isUpper(c)) {
            return (rem * 100 + (c - 'A' + 10)) % 97;
        }
        return rem;
    }

    private IbanDetector() {}
}
