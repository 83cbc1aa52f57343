package io.escalation.obs.core.pii;

import org.jspecify.annotations.Nullable;

/**
 * The one list of secret-ish field names shared by logs and error reports: the value of a field,
 * MDC entry, header, tag or extra whose name is secret is never written ({@code [SECRET]} instead).
 *
 * <p>Names are matched by normalised words, not as exact strings: the name is split at every
 * character that is not an ASCII letter and at camelCase boundaries, and compared without case,
 * so {@code PASSWORD}, {@code dbPassword}, {@code db_password}, {@code x-api-key},
 * {@code X-API-Key}, {@code Set-Cookie} and {@code sessionToken} are all secret. A name is secret
 * when one of its words
 *
 * <ul>
 *   <li>is {@code pwd}, {@code otp}, {@code pin}, {@code cvv}, {@code cvc}, {@code ssn},
 *       {@code pan}, {@code passcode}, {@code authorization}, {@code credential(s)},
 *       {@code jsessionid}, {@code sessionid}, {@code jwt}, {@code bearer} or {@code totp};
 *   <li>ends with {@code password}, {@code passwd}, {@code passphrase}, {@code secret},
 *       {@code cookie}, {@code cookies}, {@code apikey} or {@code token} (so {@code dbpassword},
 *       {@code clientsecret}, {@code setcookie}, {@code accesstoken} too);
 *   <li>is {@code key} after {@code api}, {@code access}, {@code private}, {@code secret},
 *       {@code session}, {@code signing}, {@code hmac}, {@code encryption} or {@code master};
 *       {@code number} after {@code card}; {@code card} after {@code credit};
 *       {@code id} after {@code session};
 *   <li>is {@code session} and the last word ({@code session}, {@code X-Session},
 *       {@code userSession}: a session handle is a bearer credential).
 * </ul>
 *
 * <p>Not secret, on purpose: {@code token} followed by a counting word ({@code count},
 * {@code counts}, {@code usage}, {@code used}, {@code limit}, {@code budget}, {@code total},
 * {@code type}, {@code cost}, {@code estimate}), and the plural {@code tokens}: {@code tokens_used},
 * {@code input_tokens}, {@code max_tokens}, {@code token_count} and {@code tokenType} are LLM token
 * counts and OAuth token kinds, not credentials; nor is {@code session} followed by another word
 * ({@code session_count}, {@code sessionDurationMs}). {@code key} alone ({@code cache_key},
 * {@code idempotencyKey}) and {@code auth} alone ({@code authMethod}) are not secret either.
 *
 * <p>Allocation-free; safe to call from any thread.
 */
public final class SecretNames {

    /** A word equal to one of these makes the name secret. */
    private static final String[] WORDS = {
        "pwd",
        "otp",
        "pin",
        "cvv",
        "cvc",
        "ssn",
        "pan",
        "passcode",
        "authorization",
        "credential",
        "credentials",
        "jsessionid",
        "sessionid",
        "jwt",
        "bearer",
        "totp",
    };
    /** A word ending with one of these makes the name secret. */
    private static final String[] SUFFIXES = {
        "password", "passwd", "passphrase", "secret", "cookie", "cookies", "apikey",
    };
    /** Words after {@code token} that make it a count or a kind rather than a credential. */
    private static final String[] COUNTING = {
        "count", "counts", "usage", "used", "limit", "budget", "total", "type", "cost", "estimate",
    };

    private SecretNames() {}

    /**
     * Whether values under {@code name} are secrets; false for null or empty names.
     *
     * @param name the field, key or header name
     * @return true when its values are never shown
     */
    public static boolean isSecret(@Nullable CharSequence name) {
        if (name == null) {
            return false;
        }
        int length = name.length();
        int prevStart = -1;
        int prevEnd = -1;
        boolean pendingToken = false;
        int i = 0;
        while (i < length) {
            while (i < length && !isLetter(name.charAt(i))) {
                i++;
            }
            if (i >= length) {
                break;
            }
            int start = i;
            i = wordEnd(name, i, length);
            if (pendingToken) {
                if (!equalsAny(name, start, i, COUNTING)) {
                    return true;
                }
                pendingToken = false;
            }
            if (equalsAny(name, start, i, WORDS) || endsWithAny(name, start, i, SUFFIXES)) {
                return true;
            }
            if (prevStart >= 0 && pairIsSecret(name, prevStart, prevEnd, start, i)) {
                return true;
            }
            if (endsWith(name, start, i, "token")) {
                pendingToken = true;
            }
            prevStart = start;
            prevEnd = i;
        }
        return pendingToken || prevStart >= 0 && equals(name, prevStart, prevEnd, "session");
    }

    private static boolean pairIsSecret(CharSequence s, int ps, int pe, int start, int end) {
        if (equals(s, start, end, "key")) {
            return equals(s, ps, pe, "api")
                    || equals(s, ps, pe, "access")
                    || equals(s, ps, pe, "private")
                    || equals(s, ps, pe, "secret")
                    || equals(s, ps, pe, "session")
                    || equals(s, ps, pe, "signing")
                    || equals(s, ps, pe, "hmac")
                    || equals(s, ps, pe, "encryption")
                    || equals(s, ps, pe, "master");
        }
        if (equals(s, start, end, "number")) {
            return equals(s, ps, pe, "card");
        }
        if (equals(s, start, end, "card")) {
            return equals(s, ps, pe, "credit");
        }
        if (equals(s, start, end, "id")) {
            return equals(s, ps, pe, "session");
        }
        return false;
    }

    /**
     * The end of the word starting at {@code start}: the next non-letter, a lower-case letter
     * followed by an upper-case one ({@code db|Password}), or the last of a run of capitals
     * followed by a lower-case letter ({@code API|Key}).
     */
    private static int wordEnd(CharSequence s, int start, int length) {
        int i = start + 1;
        while (i < length) {
            char c = s.charAt(i);
            if (!isLetter(c)) {
                return i;
            }
            char prev = s.charAt(i - 1);
            if (isLower(prev) && isUpper(c)) {
                return i;
            }
            if (isUpper(prev) && isUpper(c) && i + 1 < length && isLower(s.charAt(i + 1))) {
                return i;
            }
            i++;
        }
        return i;
    }

    private static boolean equalsAny(CharSequence s, int start, int end, String[] words) {
        for (String word : words) {
            if (equals(s, start, end, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithAny(CharSequence s, int start, int end, String[] suffixes) {
        for (String suffix : suffixes) {
            if (endsWith(s, start, end, suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equals(CharSequence s, int start, int end, String word) {
        return end - start == word.length() && endsWith(s, start, end, word);
    }

    /** Whether {@code s[start, end)} ends with the lower-case {@code suffix}, ignoring case. */
    private static boolean endsWith(CharSequence s, int start, int end, String suffix) {
        int n = suffix.length();
        if (end - start < n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (lower(s.charAt(end - n + k)) != suffix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return isLower(c) || isUpper(c);
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static char lower(char c) {
        return isUpper(c) ? (char) (c + ('a' - 'A')) : c;
    }
}
