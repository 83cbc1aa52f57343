package io.escalation.obs.core.pii;

/** Reads the key before a {@code =} or {@code :} separator backwards and matches it against the key names of a detector. */
final class KeyNames {

    private static boolean isKeyChar(char c) {
        return Chars.isAsciiAlnum(c) || c == '_' || c == '-' || c == '.';
    }

    /**
     * Which of {@code atoms} the key before the separator at {@code i} names (read backwards, not before
     * {@code floor}, over blanks and a closing quote): as {@link #matchKey}, or -1. Keys whose last char
     * is not in {@code lastChars} are rejected without a look at the rest.
     */
    static int keyAtom(String s, int i, int floor, String[] atoms, String lastChars) {
        int k = i;
        while (k > floor && i - k < 4 && Chars.isBlank(s.charAt(k - 1))) {
            k--;
        }
        if (k > floor && (s.charAt(k - 1) == '"' || s.charAt(k - 1) == '\'')) {
            k--;
        }
        int keyEnd = k;
        if (k == floor || lastChars.indexOf(Chars.lower(s.charAt(k - 1))) < 0) {
            return -1;
        }
        while (k > floor && keyEnd - k < 64 && isKeyChar(s.charAt(k - 1))) {
            k--;
        }
        if (k == keyEnd) {
            return -1;
        }
        boolean truncated = k > floor && isKeyChar(s.charAt(k - 1));
        return matchKey(s, k, keyEnd, truncated, atoms);
    }

    /**
     * Where the value after the separator at {@code i} starts: past up to four blanks and an opening
     * quote; {@code n} when there is none.
     */
    static int valueStart(String s, int i) {
        int n = s.length();
        int p = i + 1;
        while (p < n && p - i <= 4 && Chars.isBlank(s.charAt(p))) {
            p++;
        }
        if (p < n && (s.charAt(p) == '"' || s.charAt(p) == '\'')) {
            p++;
        }
        return p;
    }

    /**
     * Which of {@code atoms} the key in {@code [ks, ke)} names: its index when the whole key is the
     * atom, index + {@code atoms.length} when the key ends with it, -1 when none.
     */
    private static int matchKey(String s, int ks, int ke, boolean truncated, String[] atoms) {
        char last = Chars.lower(s.charAt(ke - 1));
        for (int a = 0; a < atoms.length; a++) {
            String atom = atoms[a];
            if (atom.charAt(atom.length() - 1) != last) {
                continue;
            }
            int start = atomStart(s, ks, ke, atom);
            if (start < 0) {
                continue;
            }
            if (start == ks) {
                if (!truncated) {
                    return a;
                }
                continue;
            }
            char before = s.charAt(start - 1);
            if (before == '_' || before == '-' || before == '.') {
                return a + atoms.length;
            }
            if (Chars.isUpper(s.charAt(start)) && (Chars.isLower(before) || Chars.isDigit(before))) {
                return a + atoms.length;
            }
        }
        return -1;
    }

    /** Where {@code atom} starts when the key {@code [ks, ke)} ends with it (separators inside ignored). */
    private static int atomStart(String s, int ks, int ke, String atom) {
        int k = ke;
        int a = atom.length();
        while (a > 0) {
            if (k <= ks) {
                return -1;
            }
            char c = s.charAt(k - 1);
            if ((c == '_' || c == '-' || c == '.') && a < atom.length()) {
                k--;
                continue;
            }
            if (Chars.lower(c) != atom.charAt(a - 1)) {
                return -1;
            }
            a--;
            k--;
        }
        return k;
    }

    private KeyNames() {}
}
