package io.escalation.obs.core.pii;

/** Reads the key before a {@code =} or {@code :} separator backwards and matches it against the key names of a detector. */
final class KeyNames {

    /** {@link #keyKinds}: a key name of {@link SecretDetector#KEY_ATOMS} may end before the separator. */
    static final int SECRET_KEY = 1;

    /** {@link #keyKinds}: a key name of {@link SecretDetector#COOKIE_ATOMS} may end before the separator. */
    static final int COOKIE_KEY = 2;

    /** {@link #keyKinds}: a key name of {@link SsnDetector#SSN_ATOMS} may end before the separator. */
    static final int SSN_KEY = 4;

    /**
     * Entry {@code (c1 * 26 + c2) * 26 + c3} holds the {@link #keyKinds} bits of the detectors with a key
     * name ({@link SecretDetector#KEY_ATOMS}, {@link SecretDetector#COOKIE_ATOMS}, {@link SsnDetector#SSN_ATOMS})
     * that ends with the lower-case letters {@code c3 c2 c1}, each as its offset from {@code a}.
     */
    private static final byte[] LAST_THREE = new byte[26 * 26 * 26];

    /** The last letters of the key names of {@link #LAST_THREE}. */
    private static final boolean[] LAST_LETTER = new boolean[128];

    static {
        String[][] kinds = {SecretDetector.KEY_ATOMS, SecretDetector.COOKIE_ATOMS, SsnDetector.SSN_ATOMS};
        for (int kind = 0; kind < kinds.length; kind++) {
            for (String atom : kinds[kind]) {
                int n = atom.length();
                LAST_THREE[lastThree(atom.charAt(n - 1), atom.charAt(n - 2), atom.charAt(n - 3))] |= (byte) (1 << kind);
                LAST_LETTER[atom.charAt(n - 1)] = true;
            }
        }
    }

    /** The bit of {@link #LAST_THREE} for three lower-case letters, last first. */
    private static int lastThree(char c1, char c2, char c3) {
        return ((c1 - 'a') * 26 + (c2 - 'a')) * 26 + (c3 - 'a');
    }

    /**
     * False when no key that {@link #keyAtom} could match, for any detector's key names, ends before
     * the separator at {@code i}: as {@link #keyKinds}, for all detectors at once.
     */
    static boolean mayEndKey(String s, int i) {
        return keyKinds(s, i) != 0;
    }

    /**
     * Which detectors' key names ({@link #SECRET_KEY}, {@link #COOKIE_KEY}, {@link #SSN_KEY}) a key that
     * {@link #keyAtom} could match may end with before the separator at {@code i}: read back as
     * {@code keyAtom} reads it (over blanks and a closing quote), its last three letters, separators
     * {@code _ - .} between them skipped, against the last three letters of each detector's key names; 0
     * when they end none. Reads at most a few chars; a bit set only means the key is worth that detector's
     * full look.
     */
    static int keyKinds(String s, int i) {
        int k = i;
        while (k > 0 && i - k < 4 && Chars.isBlank(s.charAt(k - 1))) {
            k--;
        }
        if (k > 0 && (s.charAt(k - 1) == '"' || s.charAt(k - 1) == '\'')) {
            k--;
        }
        if (k < 3) {
            return 0;
        }
        char c1 = Chars.lower(s.charAt(--k));
        if (c1 >= 128 || !LAST_LETTER[c1]) {
            return 0;
        }
        k = pastSeparators(s, k);
        if (k == 0) {
            return 0;
        }
        char c2 = Chars.lower(s.charAt(--k));
        k = pastSeparators(s, k);
        if (k == 0) {
            return 0;
        }
        char c3 = Chars.lower(s.charAt(--k));
        if (!Chars.isLower(c1) || !Chars.isLower(c2) || !Chars.isLower(c3)) {
            return 0;
        }
        return LAST_THREE[lastThree(c1, c2, c3)];
    }

    /**
     * The first step of {@link #mayEndKey}, without a loop: false when the char before the separator at
     * {@code i} (or before a closing quote there) is no last letter of a key name; true also when a blank
     * is there, which {@code mayEndKey} reads past.
     */
    static boolean lastLetterMayEndKey(String s, int i) {
        if (i == 0) {
            return false;
        }
        char p = s.charAt(i - 1);
        if (p == ' ' || p == '\t') {
            return true;
        }
        if ((p == '"' || p == '\'') && i > 1) {
            p = s.charAt(i - 2);
        }
        p = Chars.lower(p);
        return p < 128 && LAST_LETTER[p];
    }

    /** {@code k} moved back over the separators {@code _ - .} that end {@code s[0, k)}. */
    private static int pastSeparators(String s, int k) {
        while (k > 0 && (s.charAt(k - 1) == '_' || s.charAt(k - 1) == '-' || s.charAt(k - 1) == '.')) {
            k--;
        }
        return k;
    }

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
