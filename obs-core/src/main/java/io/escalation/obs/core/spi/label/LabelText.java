package io.escalation.obs.core.spi.label;

import io.escalation.obs.core.pii.PercentDecoding;
import java.text.Normalizer;

/**
 * The text rules of label values, applied once per value not seen before: the normal form a value
 * is judged in, the label-only PII rules (digit runs, IP and email addresses), invisible characters and
 * surrogate-safe truncation.
 *
 * <p>Rules, on the normal form:
 *
 * <ul>
 *   <li><b>Digit runs.</b> Seven or more digits in one run are personal data (a phone number with
 *       or without area code, card, SSN, account or customer number), whatever precedes or follows
 *       the run. Digits of one run may be separated by up to three of {@code space . - _ ( ) + /}, so
 *       {@code 415 555-2671}, {@code 123-45-6789} and {@code 4111_1111_1111_1111} are runs of 10, 9
 *       and 16 digits, while {@code claude-3-5-sonnet} (2 digits) and {@code v1.2.3} (3) are not.
 *   <li><b>Dates are not digit runs.</b> A calendar date of the years 1970 to 2099 written
 *       {@code yyyyMMdd} or {@code yyyy-MM-dd} (also with {@code .} or {@code _}) with a valid month
 *       and day, not itself glued to a further digit, does not count: model versions such as
 *       {@code claude-3-5-sonnet-20241022} and {@code gpt-4o-2024-08-06} stay. {@code 20241322}
 *       (month 13) and {@code 120241022} (nine digits) are runs.
 *   <li><b>IP addresses.</b> Four dot-separated numbers of at most three digits, each at most 255,
 *       are an IPv4 address even when glued to letters or {@code _} ({@code ip_10.0.0.1}); a group
 *       of three or more colon-separated hex fields of at most four digits, with {@code ::} or eight
 *       fields and at least one decimal digit, is an IPv6 address.
 *   <li><b>Email addresses.</b> {@code @} after a letter, digit or one of {@code . _ % + -}, followed
 *       by a domain with a dot and two letters after it, whatever follows the domain
 *       ({@code jane@example.com_x}); {@code claude-3-5-sonnet-v2@20241022} is no address.
 * </ul>
 */
final class LabelText {

    /** Percent-decoding rounds: double- and triple-encoded values are decoded, a hostile nesting is bounded. */
    static final int DECODE_ROUNDS = 4;
    /** Digits in one run from which a value is personal data. */
    static final int DIGIT_RUN = 7;

    private static final String RUN_SEPARATORS = " .-_()+/";
    private static final int MAX_SEPARATORS = 3;

    private LabelText() {}

    /**
     * The form a label value is judged in: invisible characters removed, {@code %XX} escapes
     * decoded until stable (at most {@link #DECODE_ROUNDS} rounds), NFKC-normalised (full-width
     * letters, digits and {@code ＠}), every Unicode digit as its ASCII digit, every Unicode space
     * as a space and every dash and the minus sign as {@code -}.
     */
    static String normalForm(String s) {
        String value = withoutInvisible(s);
        for (int round = 0; round < DECODE_ROUNDS; round++) {
            String decoded = percentDecoded(value);
            if (decoded.equals(value)) {
                break;
            }
            value = withoutInvisible(decoded);
        }
        if (isAscii(value)) {
            return value;
        }
        value = Normalizer.normalize(value, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (isInvisible(c)) {
                continue;
            }
            int digit = Character.isDigit(c) ? Character.digit(c, 10) : -1;
            if (digit >= 0) {
                out.append((char) ('0' + digit));
            } else if (Character.isSpaceChar(c) || Character.isWhitespace(c)) {
                out.append(' ');
            } else if (Character.getType(c) == Character.DASH_PUNCTUATION || c == '\u2212') {
                out.append('-');
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /** True when the normal form {@code s} holds a digit run, an IPv4 or an IPv6 address (see the class rules). */
    static boolean hasLabelPii(String s) {
        return hasDigitRun(s) || hasIpv4(s) || hasIpv6(s) || hasEmail(s);
    }

    /**
     * Control (C0, DEL, C1 including CSI U+009B), format (zero-width, bidi embeddings, overrides and
     * isolates, BOM, soft hyphen), line and paragraph separators, and lone surrogates.
     */
    static boolean isInvisible(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** True when {@code s} has a character {@link #isInvisible} (a lone surrogate included). */
    static boolean hasInvisible(String s) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (isInvisible(c)) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    /** {@code s} with every invisible character (a pair's code point as one) replaced by {@code _}. */
    static String replaceInvisible(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (isInvisible(c)) {
                out.append('_');
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /** The first {@code max} chars of {@code s}, one fewer when that would end between a surrogate pair. */
    static String truncated(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end =
                Character.isHighSurrogate(s.charAt(max - 1)) && Character.isLowSurrogate(s.charAt(max)) ? max - 1 : max;
        return s.substring(0, end);
    }

    /**
     * {@code s} with its {@code %XX} escapes decoded as UTF-8 (one round). Malformed escapes stay as
     * they are; {@code s} itself when nothing was decoded.
     */
    static String percentDecoded(String s) {
        return PercentDecoding.decodeOnce(s);
    }

    private static String withoutInvisible(String s) {
        if (!hasInvisible(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (!isInvisible(c)) {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The end of the date starting at {@code i} (not preceded by a digit), or -1 when there is none
     * or it is glued to a further digit.
     */
    private static int dateEnd(String s, int i) {
        if (i > 0 && isDigit(s.charAt(i - 1)) || i + 8 > s.length()) {
            return -1;
        }
        int end = dateEndAt(s, i);
        return end > 0 && (end == s.length() || !isDigit(s.charAt(end))) ? end : -1;
    }

    private static int dateEndAt(String s, int i) {
        int year = number(s, i, 4);
        if (year < 1970 || year > 2099) {
            return -1;
        }
        int at = i + 4;
        char separator = s.charAt(at);
        boolean separated = separator == '-' || separator == '.' || separator == '_';
        if (separated) {
            at++;
        }
        int month = number(s, at, 2);
        at += 2;
        if (separated) {
            if (at >= s.length() || s.charAt(at) != separator) {
                return -1;
            }
            at++;
        }
        int day = number(s, at, 2);
        if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
            return -1;
        }
        return at + 2;
    }

    private static int daysIn(int year, int month) {
        return java.time.YearMonth.of(year, month).lengthOfMonth();
    }

    /** The {@code n}-digit number at {@code i}, or -1. */
    private static int number(String s, int i, int n) {
        if (i + n > s.length()) {
            return -1;
        }
        int value = 0;
        for (int j = i; j < i + n; j++) {
            if (!isDigit(s.charAt(j))) {
                return -1;
            }
            value = value * 10 + s.charAt(j) - '0';
        }
        return value;
    }

    private static boolean hasDigitRun(String s) {
        int i = 0;
        while (i < s.length()) {
            if (!isDigit(s.charAt(i))) {
                i++;
                continue;
            }
            int date = dateEnd(s, i);
            if (date > 0) {
                i = date; // a date is no digit run, and ends the run it is in
                continue;
            }
            int digits = 0;
            while (i < s.length()) {
                if (isDigit(s.charAt(i))) {
                    digits++;
                    i++;
                    continue;
                }
                int j = i;
                while (j < s.length() && j - i < MAX_SEPARATORS && RUN_SEPARATORS.indexOf(s.charAt(j)) >= 0) {
                    j++;
                }
                if (j == i || j == s.length() || !isDigit(s.charAt(j)) || dateEnd(s, j) > 0) {
                    break;
                }
                i = j;
            }
            if (digits >= DIGIT_RUN) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasIpv4(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i)) || i > 0 && isDigit(s.charAt(i - 1))) {
                continue;
            }
            int at = i;
            int groups = 0;
            while (groups < 4) {
                int start = at;
                int octet = 0;
                while (at < s.length() && isDigit(s.charAt(at)) && at - start < 4) {
                    octet = octet * 10 + s.charAt(at++) - '0';
                }
                if (at == start || at - start > 3 || octet > 255) {
                    break;
                }
                groups++;
                if (groups < 4) {
                    if (at >= s.length() || s.charAt(at) != '.') {
                        break;
                    }
                    at++;
                }
            }
            if (groups == 4 && (at == s.length() || !isDigit(s.charAt(at)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasIpv6(String s) {
        int i = 0;
        while (i < s.length()) {
            if (!isHexOrColon(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && isHexOrColon(s.charAt(i))) {
                i++;
            }
            if (isIpv6(s, start, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIpv6(String s, int from, int to) {
        int fields = 1;
        int fieldLength = 0;
        boolean doubleColon = false;
        boolean digit = false;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                doubleColon |= i > from && s.charAt(i - 1) == ':';
                fields++;
                fieldLength = 0;
            } else if (++fieldLength > 4) {
                return false;
            } else {
                digit |= isDigit(s.charAt(i));
            }
        }
        return digit && fields >= 3 && (doubleColon || fields == 8);
    }

    private static boolean hasEmail(String s) {
        for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
            if (at == 0 || !isLocalPart(s.charAt(at - 1))) {
                continue;
            }
            int i = at + 1;
            boolean dot = false;
            int lettersAfterDot = 0;
            while (i < s.length()
                    && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '-' || s.charAt(i) == '.')) {
                char c = s.charAt(i++);
                if (c == '.') {
                    dot = true;
                    lettersAfterDot = 0;
                } else if (dot && Character.isLetter(c)) {
                    if (++lettersAfterDot >= 2) {
                        return true;
                    }
                } else {
                    lettersAfterDot = 0;
                }
            }
        }
        return false;
    }

    private static boolean isLocalPart(char c) {
        return Character.isLetterOrDigit(c) || "._%+-".indexOf(c) >= 0;
    }

    private static boolean isHexOrColon(char c) {
        return isDigit(c) || c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
