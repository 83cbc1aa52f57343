package io.escalation.obs.core.pii;

/** Payment card numbers: 13 to 19 Luhn-valid digits, in one run or in groups. */
final class CardDetector {

    /**
     * End of a Luhn-valid card number at {@code i}: 13 to 19 digits, either in one run or in groups of
     * 3 to 6 digits joined by single spaces or dashes (the first group 4 to 6). The first digit must be
     * 2 to 6 (the issuers in use), which also keeps epoch milliseconds ({@code 17...}) out. When
     * space-separated groups run on, the longest valid prefix wins. Returns -1 when none.
     */
    static int cardEnd(String s, int i) {
        int n = s.length();
        char first = s.charAt(i);
        if (first < '2' || first > '6') {
            return -1;
        }
        int run = Chars.digitRun(s, i, 20);
        if (run >= 13) {
            return run <= 19 && Chars.numberEndsAt(s, i + run) && luhn(s, i, i + run) ? i + run : -1;
        }
        if (run < 4 || run > 6 || i + run >= n) {
            return -1;
        }
        char sep = s.charAt(i + run);
        if (sep != ' ' && sep != '-') {
            return -1;
        }
        int digits = run;
        int p = i + run;
        int best = -1;
        while (p < n && s.charAt(p) == sep) {
            int group = Chars.digitRun(s, p + 1, 7);
            if (group < 3 || group > 6 || digits + group > 19) {
                break;
            }
            digits += group;
            p += 1 + group;
            if (digits >= 13 && Chars.numberEndsAt(s, p) && luhn(s, i, p)) {
                best = p;
            }
        }
        return best;
    }

    /** Luhn check over the digits in {@code [a, b)}, skipping separators. */
    static boolean luhn(String s, int a, int b) {
        int sum = 0;
        boolean twice = false;
        for (int k = b - 1; k >= a; k--) {
            char c = s.charAt(k);
            if (!Chars.isDigit(c)) {
                continue;
            }
            int d = c - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private CardDetector() {}
}
