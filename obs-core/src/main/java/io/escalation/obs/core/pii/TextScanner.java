package io.escalation.obs.core.pii;

import static io.escalation.obs.core.pii.Spans.NO;
import static io.escalation.obs.core.pii.Spans.span;

import java.util.Arrays;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The single left-to-right pass that finds and masks the default PII types.
 *
 * <p>The pass has two parts. {@link #nextCandidate} walks the text with one table lookup per char
 * and a few cheap checks per token, and stops only where a recogniser could match: a token whose
 * first two chars start a known API key, an upper-case token with digits at positions 2 and 3 (an
 * IBAN), a number in the shape of the start of an IPv4 address, SSN, card or NANP number (so years,
 * amounts, counts, dates and epoch timestamps are passed over in one step), one to four hex digits
 * followed by {@code :} where an IPv6 address may start, an {@code @} between a local-part char and a
 * domain char, a {@code :} or {@code =} after a key whose last three letters end a key name of a
 * detector ({@link KeyNames#mayEndKey}: the last letter first, the last three only when it may end one;
 * the scan then reads the key only for the detectors whose key names end so, {@link KeyNames#keyKinds}),
 * {@code ::} and {@code ://}, a {@code +} before a digit 1-9,
 * {@code (} opening an area code, and a percent-escape or a digit of another script, which only mark
 * the text for the {@linkplain DecodedText decoded} pass. Each check is implied by the conditions of
 * the recognisers it stands for, so skipping a position it rejects changes nothing. Only at the
 * positions it stops at does the full classification run, and a token that matches nothing is
 * skipped whole. A {@link StringBuilder} is created at the first match only, so text without PII
 * comes back as the same instance without allocating.
 */
final class TextScanner {

    private static final byte OTHER = 0;
    private static final byte DIGIT = 1;
    private static final byte LETTER = 2;
    private static final byte AT = 3;
    private static final byte COLON = 4;
    private static final byte EQUALS = 5;
    private static final byte PLUS = 6;
    private static final byte PAREN = 7;
    /** Letters no recogniser starts with, and {@code _}: the token they start is skipped unread. */
    private static final byte PLAIN = 8;
    /** {@code %}: may start a percent-escape, which makes the text worth decoding. */
    private static final byte PERCENT = 9;

    private static final byte[] CLASS = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            CLASS[c] = DIGIT;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            // lower-case letters start API keys (sk-, ghp_, xoxb-, eyJ, bearer) or IPv6 groups (a-f);
            // upper-case ones also start IBANs, AKIA keys and Bearer
            CLASS[c] = TokenDetector.mayStartToken(c) || Chars.isHex(c) ? LETTER : PLAIN;
            CLASS[c - 'a' + 'A'] = LETTER;
        }
        CLASS['_'] = PLAIN;
        CLASS['@'] = AT;
        CLASS[':'] = COLON;
        CLASS['='] = EQUALS;
        CLASS['+'] = PLUS;
        CLASS['('] = PAREN;
        CLASS['%'] = PERCENT;
    }

    /** {@link #nextCandidate}'s classes: a char that is never a candidate and is passed over alone. */
    private static final byte F_QUIET = 0;
    /** A letter no recogniser starts with, or {@code _}: its token is skipped unread. */
    private static final byte F_PLAIN = 1;
    /** A letter that may start an API key, an IBAN or an IPv6 group. */
    private static final byte F_LETTER = 2;

    private static final byte F_DIGIT = 3;
    /** {@code :} or {@code =}: a key-value separator, or part of {@code ::} and {@code ://}. */
    private static final byte F_SEPARATOR = 4;
    /** {@code +} and {@code (}: candidates when a digit follows. */
    private static final byte F_PHONE = 5;

    private static final byte F_AT = 6;
    /** {@code %}: a candidate when two hex digits follow. */
    private static final byte F_PERCENT = 7;

    private static final byte[] FAST = new byte[128];

    /**
     * Bit {@code k} is set for the first letters of the API-key prefixes of group {@code k}, and in
     * {@link #SECOND} for their second letters: {@code sk rk pk}, {@code AK AS}, {@code SK},
     * {@code gh gi}, {@code xo}, {@code ey}, {@code Be be bE BE}; the top bit for upper-case letters. A
     * token start whose two chars share no bit is no key {@link TokenDetector#tokenAt} knows and no IBAN.
     */
    private static final byte[] FIRST = new byte[128];

    private static final byte[] SECOND = new byte[128];

    /**
     * For the char after a run of fewer than ten digits, bit {@code r} is set when {@link #numberShape} may
     * accept a run of {@code r} digits before it: one to four before the hex digits and colon of an IPv6
     * group, one to three before a dot (an IPv4 octet, a phone's country code or area code), and one, three
     * and four to six before a space or hyphen (a phone's country code, an SSN's or phone's first group, a
     * card's first group). Every other number is passed over without a look at what follows it.
     */
    private static final short[] NUMBER_NEXT = new short[128];

    /** The bit of {@link #FIRST} and {@link #SECOND} for two upper-case letters: an IBAN's country code. */
    private static final byte IBAN_PAIR = (byte) 0x80;

    static {
        for (char c = 0; c < 128; c++) {
            if (Chars.isDigit(c)) {
                FAST[c] = F_DIGIT;
            } else if (Chars.isAsciiLetter(c)) {
                FAST[c] = CLASS[c] == LETTER ? F_LETTER : F_PLAIN;
            }
        }
        for (char c : ":0123456789abcdefABCDEF".toCharArray()) {
            NUMBER_NEXT[c] = 0b1_1110;
        }
        NUMBER_NEXT['.'] = 0b1110;
        NUMBER_NEXT[' '] = 0b111_1010;
        NUMBER_NEXT['-'] = 0b111_1010;
        FAST['_'] = F_PLAIN;
        FAST[':'] = F_SEPARATOR;
        FAST['='] = F_SEPARATOR;
        FAST['+'] = F_PHONE;
        FAST['('] = F_PHONE;
        FAST['@'] = F_AT;
        FAST['%'] = F_PERCENT;
        pairs(0, "srp", "k");
        pairs(1, "A", "KS");
        pairs(2, "S", "K");
        pairs(3, "g", "hi");
        pairs(4, "x", "o");
        pairs(5, "e", "y");
        pairs(6, "Bb", "eE");
        for (char c = 'A'; c <= 'Z'; c++) {
            FIRST[c] |= IBAN_PAIR;
            SECOND[c] |= IBAN_PAIR;
        }
    }

    private static void pairs(int group, String first, String second) {
        for (char c : first.toCharArray()) {
            FIRST[c] |= (byte) (1 << group);
        }
        for (char c : second.toCharArray()) {
            SECOND[c] |= (byte) (1 << group);
        }
    }

    private final boolean email;
    private final boolean phone;
    private final boolean ssn;
    private final boolean card;
    private final boolean iban;
    private final boolean ip;
    private final boolean secret;
    private final boolean urlCredentials;
    private final boolean keepCardLast4;
    private final String[] allowed;

    TextScanner(Set<PiiType> types, boolean keepCardLast4, String[] allowed) {
        this.email = types.contains(PiiType.EMAIL);
        this.phone = types.contains(PiiType.PHONE);
        this.ssn = types.contains(PiiType.SSN);
        this.card = types.contains(PiiType.CARD);
        this.iban = types.contains(PiiType.IBAN);
        this.ip = types.contains(PiiType.IP_ADDRESS);
        this.secret = types.contains(PiiType.SECRET);
        this.urlCredentials = types.contains(PiiType.URL_CREDENTIALS);
        this.keepCardLast4 = keepCardLast4;
        this.allowed = allowed.clone();
    }

    /**
     * Masks {@code s}, returning {@code s} itself when nothing was found. When the scan met a
     * percent-escape or a digit of another script, the {@linkplain DecodedText decoded} copy of the
     * masked text is scanned as well and what it finds is masked in the original spelling.
     */
    String scan(String s) {
        return scan(s, true, null);
    }

    /**
     * {@link #scan} without the decoded pass: for another look at text {@link #scan} masked, where only
     * a value glued to a mask can be left.
     */
    String rescan(String s) {
        return scan(s, false, null);
    }

    /**
     * The scan; with {@code decode}, followed by the decoded pass when the text needs one; with
     * {@code hits}, every mask written is also recorded there.
     */
    private String scan(String s, boolean decode, @Nullable Hits hits) {
        final int n = s.length();
        StringBuilder out = null;
        int copied = 0;
        boolean encoded = false;
        int i = 0;
        while (i < n) {
            // Right after a masked value the text starts afresh: what precedes it is gone from the output,
            // so it can neither join a number or word nor hide the next value ("+1415...+1415...").
            boolean fresh = out != null && i == copied;
            if (!fresh && (i = nextCandidate(s, i, n)) >= n) {
                break;
            }
            char c = s.charAt(i);
            if (c >= 128) {
                encoded |= DecodedText.isEncodedChar(s, i);
                i++;
                continue;
            }
            byte cls = CLASS[c];
            if (cls == OTHER) {
                i++;
                continue;
            }
            if (cls == PERCENT) {
                encoded |= DecodedText.startsAt(s, i);
                i++;
                continue;
            }
            if (cls == PLAIN) {
                i = Chars.skipToken(s, i + 1);
                continue;
            }
            long hit = NO;
            @Nullable PiiType type = null;
            boolean cookie = false;
            // the key-value recognisers read the key before a : or = only when its last letters can end a key name
            int keys = cls == COLON || cls == EQUALS ? KeyNames.keyKinds(s, i) : 0;
            switch (cls) {
                case DIGIT: {
                    if (!fresh && !Chars.numberStartsAt(s, i)) {
                        break;
                    }
                    // Which recognisers can match follows from the digit run and the char after it, so
                    // most numbers (years, durations, counts) cost no recogniser call at all.
                    int run = Chars.digitRun(s, i, 20);
                    char next = i + run < n ? s.charAt(i + run) : ' ';
                    if (ip && next == '.' && run <= 3 && !IpDetector.afterVersionWord(s, i, copied)) {
                        int e = IpDetector.ipv4End(s, i);
                        if (e >= 0) {
                            hit = span(i, e);
                            type = IpDetector.isLocalIpv4(s, i, e) ? null : PiiType.IP_ADDRESS;
                            break;
                        }
                    }
                    if (ip
                            && run <= 4
                            && IpDetector.hexRunThenColon(s, i)
                            && (fresh || IpDetector.ipv6StartsAt(s, i))) {
                        int e = IpDetector.ipv6End(s, i);
                        if (e >= 0) {
                            hit = span(i, e);
                            type = IpDetector.isLocalIpv6(s, i, e) ? null : PiiType.IP_ADDRESS;
                            break;
                        }
                    }
                    boolean sep = next == ' ' || next == '-' || next == '.';
                    if (ssn && run == 3 && next != '.' && sep) {
                        int e = SsnDetector.ssnEnd(s, i);
                        if (e >= 0) {
                            hit = span(i, e);
                            type = PiiType.SSN;
                            break;
                        }
                    }
                    if (card && c >= '2' && c <= '6' && (run >= 13 || (run >= 4 && run <= 6 && next != '.' && sep))) {
                        int e = CardDetector.cardEnd(s, i);
                        if (e >= 0) {
                            hit = span(i, e);
                            type = PiiType.CARD;
                            break;
                        }
                    }
                    if (phone
                            && (run == 10
                                    || (run == 11 && c == '1')
                                    || (sep && (run == 3 || (run == 1 && c == '1'))))) {
                        int e = PhoneDetector.nanpEnd(s, i);
                        if (e >= 0) {
                            hit = span(i, e);
                            type = PiiType.PHONE;
                        }
                    }
                    break;
                }
                case LETTER:
                    if (!fresh && !Chars.wordStartsAt(s, i)) {
                        break;
                    }
                    if (secret && TokenDetector.mayStartToken(c)) {
                        hit = TokenDetector.tokenAt(s, i);
                        if (hit != NO) {
                            type = PiiType.SECRET;
                            break;
                        }
                    }
                    if (iban
                            && Chars.isUpper(c)
                            && i + 3 < n
                            && Chars.isDigit(s.charAt(i + 2))
                            && Chars.isDigit(s.charAt(i + 3))) {
                        int e = IbanDetector.ibanEnd(s, i);
                        if (e >= 0) {
                            hit = span(i, e);
                            type = PiiType.IBAN;
                            break;
                        }
                    }
                    if (ip
                            && Chars.isHex(c)
                            && IpDetector.hexRunThenColon(s, i)
                            && (fresh || IpDetector.ipv6StartsAt(s, i))) {
                        int e = IpDetector.ipv6End(s, i);
                        if (e >= 0) {
                            hit = span(i, e);
                            type = IpDetector.isLocalIpv6(s, i, e) ? null : PiiType.IP_ADDRESS;
                        }
                    }
                    break;
                case AT:
                    if (email) {
                        hit = EmailDetector.emailAt(s, i, copied);
                        type = PiiType.EMAIL;
                    }
                    break;
                case COLON:
                    if (urlCredentials && i + 2 < n && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/') {
                        hit = UrlCredentialsDetector.urlPasswordAt(s, i);
                        if (hit != NO) {
                            type = PiiType.URL_CREDENTIALS;
                            break;
                        }
                    }
                    if (secret && keys != 0) {
                        hit = (keys & KeyNames.SECRET_KEY) != 0 ? SecretDetector.keyValueAt(s, i, copied) : NO;
                        if (hit == NO && (keys & KeyNames.COOKIE_KEY) != 0) {
                            hit = SecretDetector.cookieAt(s, i, copied);
                            cookie = hit != NO;
                        }
                        if (hit != NO) {
                            type = PiiType.SECRET;
                            break;
                        }
                    }
                    if (ssn && (keys & KeyNames.SSN_KEY) != 0) {
                        hit = SsnDetector.ssnKeyValueAt(s, i, copied);
                        if (hit != NO) {
                            type = PiiType.SSN;
                            break;
                        }
                    }
                    if (ip && i + 1 < n && s.charAt(i + 1) == ':' && IpDetector.ipv6StartsAt(s, i)) {
                        int e = IpDetector.ipv6End(s, i);
                        if (e >= 0) {
                            hit = span(i, e);
                            type = IpDetector.isLocalIpv6(s, i, e) ? null : PiiType.IP_ADDRESS;
                        }
                    }
                    break;
                case EQUALS:
                    if (secret && keys != 0) {
                        hit = (keys & KeyNames.SECRET_KEY) != 0 ? SecretDetector.keyValueAt(s, i, copied) : NO;
                        if (hit == NO && (keys & KeyNames.COOKIE_KEY) != 0) {
                            hit = SecretDetector.cookieAt(s, i, copied);
                            cookie = hit != NO;
                        }
                        if (hit != NO) {
                            type = PiiType.SECRET;
                            break;
                        }
                    }
                    if (ssn && (keys & KeyNames.SSN_KEY) != 0) {
                        hit = SsnDetector.ssnKeyValueAt(s, i, copied);
                        type = PiiType.SSN;
                    }
                    break;
                case PLUS:
                    if (phone && (i == 0 || fresh || !Chars.isWord(s.charAt(i - 1)) && s.charAt(i - 1) != ')')) {
                        int e = PhoneDetector.intlPhoneEnd(s, i);
                        hit = e < 0 ? NO : span(i, e);
                        type = PiiType.PHONE;
                    }
                    break;
                case PAREN:
                    if (phone && (i == 0 || fresh || !Chars.isWord(s.charAt(i - 1)))) {
                        int e = PhoneDetector.nanpCore(s, i, false);
                        hit = e < 0 ? NO : span(i, e);
                        type = PiiType.PHONE;
                    }
                    break;
                default:
                    i++;
                    continue;
            }
            if (hit == NO) {
                i = cls == DIGIT || cls == LETTER ? Chars.skipToken(s, i + 1) : i + 1;
                continue;
            }
            int a = Spans.start(hit);
            int b = Spans.end(hit);
            if (type != null && !Masks.isMasked(s, a, b) && !isAllowed(s, a, b)) {
                if (out == null) {
                    out = new StringBuilder(n + 16);
                }
                out.append(s, copied, a);
                int mark = out.length();
                if (cookie) {
                    SecretDetector.appendCookieMasked(out, s, a, b, type.label());
                } else {
                    appendMask(out, type, s, a, b);
                }
                if (hits != null) {
                    hits.add(a, b, out.substring(mark));
                }
                copied = b;
            }
            i = Math.max(b, i + 1);
        }
        String masked = out == null ? s : out.append(s, copied, n).toString();
        return encoded && decode ? maskDecoded(masked) : masked;
    }

    /**
     * Scans the {@linkplain DecodedText decoded} copy of {@code text} and masks in {@code text} the
     * spans its matches came from; {@code text} itself when decoding changes nothing or finds nothing.
     */
    private String maskDecoded(String text) {
        DecodedText decoded = DecodedText.of(text);
        if (decoded == null) {
            return text;
        }
        Hits hits = new Hits();
        scan(decoded.text, false, hits);
        return hits.applyTo(text, decoded.origin);
    }

    /** The masks a scan of a decoded copy wrote: where, in the copy, and what. */
    static final class Hits {

        private int[] starts = new int[4];
        private int[] ends = new int[4];
        private String[] labels = new String[4];
        private int count;

        void add(int a, int b, String label) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
                labels = Arrays.copyOf(labels, count * 2);
            }
            starts[count] = a;
            ends[count] = b;
            labels[count] = label;
            count++;
        }

        /** {@code text} with each recorded span, mapped back through {@code origin}, replaced by its label. */
        String applyTo(String text, int[] origin) {
            if (count == 0) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length() + 16);
            int copied = 0;
            for (int k = 0; k < count; k++) {
                int a = Math.max(origin[starts[k]], copied);
                int b = origin[ends[k]];
                out.append(text, copied, a).append(labels[k]);
                copied = Math.max(b, a);
            }
            return out.append(text, copied, text.length()).toString();
        }
    }

    /**
     * The first position at or after {@code i} where a recogniser may match, or {@code n}. Every
     * position passed over is one the full classification in {@link #scan} would also pass over
     * without a match, advancing to the same place: a lone char, or a whole token from its start.
     */
    static int nextCandidate(String s, int i, int n) {
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 128) {
                // a digit of another script, a Unicode space or an invisible char: the text is worth decoding
                if (DecodedText.isEncodedChar(s, i)) {
                    return i;
                }
                i++;
                continue;
            }
            byte f = FAST[c];
            if (f == F_QUIET) {
                i++;
            } else if (f == F_PLAIN) {
                i = pastBlank(s, Chars.skipToken(s, i + 1), n);
            } else if (f == F_LETTER) {
                // the rare shape first, the boundary (read back) only when it is there
                char c1 = i + 1 < n ? s.charAt(i + 1) : ' ';
                int pair = c1 < 128 ? FIRST[c] & SECOND[c1] : 0;
                if (pair != 0
                        && (pair != IBAN_PAIR
                                || i + 3 < n && Chars.isDigit(s.charAt(i + 2)) && Chars.isDigit(s.charAt(i + 3)))
                        && Chars.wordStartsAt(s, i)) {
                    return i;
                }
                int e = Chars.skipToken(s, i + 1);
                // one to four hex digits and a colon: an IPv6 group
                if (e - i <= 4 && e < n && s.charAt(e) == ':' && ipv6GroupAt(s, i) && Chars.wordStartsAt(s, i)) {
                    return i;
                }
                i = pastBlank(s, e, n);
            } else if (f == F_DIGIT) {
                int q = i + 1;
                while (q < n && Chars.isDigit(s.charAt(q))) {
                    q++;
                }
                // most numbers (counts, amounts, years) end in a char no shape continues with
                char next = q < n ? s.charAt(q) : ' ';
                if ((q - i >= 10 || next < 128 && (NUMBER_NEXT[next] >>> (q - i) & 1) != 0)
                        && Chars.numberStartsAt(s, i)
                        && numberShape(s, i, q, n)) {
                    return i;
                }
                i = pastBlank(s, Chars.skipToken(s, q), n);
            } else if (f == F_SEPARATOR) {
                char next = i + 1 < n ? s.charAt(i + 1) : ' ';
                if (next == c) {
                    i++; // "::" is the only doubled separator anything starts with
                    if (c == ':' && IpDetector.ipv6StartsAt(s, i - 1)) {
                        return i - 1;
                    }
                    continue;
                }
                // URL user info after a colon; a secret or SSN after a key whose last three letters end a key name
                // (the last letter first, without a loop: most keys stop there)
                if (c == ':'
                                && next == '/'
                                && i > 0
                                && i + 2 < n
                                && s.charAt(i + 2) == '/'
                                && Chars.isAsciiAlnum(s.charAt(i - 1))
                        || KeyNames.lastLetterMayEndKey(s, i) && KeyNames.mayEndKey(s, i)) {
                    return i;
                }
                i++;
            } else if (f == F_PHONE) {
                // an international number (+ and a digit 1-9), or an area code in parentheses: (415)
                char p = i > 0 ? s.charAt(i - 1) : ' ';
                if (c == '+'
                        ? i + 1 < n && s.charAt(i + 1) >= '1' && s.charAt(i + 1) <= '9' && !Chars.isWord(p) && p != ')'
                        : i + 4 < n && s.charAt(i + 4) == ')' && Chars.isDigit(s.charAt(i + 1)) && !Chars.isWord(p)) {
                    return i;
                }
                i++;
            } else if (f == F_AT) {
                // a local-part char before, a domain char after
                if (i > 0
                        && i + 1 < n
                        && EmailDetector.isLocalChar(s.charAt(i - 1))
                        && EmailDetector.isLabelChar(s.charAt(i + 1))) {
                    return i;
                }
                i++;
            } else if (f == F_PERCENT) {
                if (DecodedText.startsAt(s, i)) {
                    return i;
                }
                i++;
            } else {
                return i;
            }
        }
        return n;
    }

    /**
     * Whether the digits {@code [i, q)} and what follows them have the shape of the start of a value a
     * recogniser of the scan could match there, the conditions each one checks first: so that years,
     * amounts, durations, counts, epoch timestamps and dates are passed over in one step.
     */
    private static boolean numberShape(String s, int i, int q, int n) {
        int run = q - i;
        if (run >= 10) {
            return longNumberShape(s, i, run);
        }
        if (q >= n) {
            return false;
        }
        char next = s.charAt(q);
        char c = s.charAt(i);
        if (next == ':' || Chars.isHex(next)) {
            return run <= 4 && ipv6GroupAt(s, i);
        }
        if (next == '.') {
            // an IPv4 address: one to three digits and a dot again; or a NANP number 415.555.2671, 1.415...
            return run <= 3 && ipv4Shape(s, q + 1, n) || phoneShape(s, c, run, q, n);
        }
        if (next != ' ' && next != '-') {
            return false;
        }
        if (run == 3 && Chars.digitRun(s, q + 1, 3) == 2 && q + 3 < n && s.charAt(q + 3) == next) {
            return true; // an SSN: 123-45-6789
        }
        if (run >= 4 && run <= 6 && c >= '2' && c <= '6') {
            // a card number in groups: 13 digits or more take three groups at least
            int group = Chars.digitRun(s, q + 1, 7);
            return group >= 3 && group <= 6 && q + 1 + group < n && s.charAt(q + 1 + group) == next;
        }
        return phoneShape(s, c, run, q, n);
    }

    /** {@link #numberShape} for a run of ten digits or more. */
    private static boolean longNumberShape(String s, int i, int run) {
        char c = s.charAt(i);
        return switch (run) {
            // ten bare digits: a NANP number, area code and exchange 2-9 (epoch seconds start with 1)
            case 10 -> c >= '2' && s.charAt(i + 3) >= '2';
            // eleven: the country code 1 and such a number
            case 11 -> c == '1' && s.charAt(i + 1) >= '2' && s.charAt(i + 4) >= '2';
            case 12 -> false;
            // a card number of 13 to 19 digits from an issuer 2-6 (epoch milliseconds start with 1)
            default -> run <= 19 && c >= '2' && c <= '6';
        };
    }

    /** One to three digits at {@code p}, then a dot: the second octet of an IPv4 address. */
    private static boolean ipv4Shape(String s, int p, int n) {
        int octet = Chars.digitRun(s, p, 4);
        return octet >= 1 && octet <= 3 && p + octet < n && s.charAt(p + octet) == '.';
    }

    /**
     * A NANP number in groups from digit {@code c}, the first of {@code run}, with a phone separator at
     * {@code q}: {@code 415 555-2671} (area code 2-9, three digits, a separator, a digit) or a country code
     * {@code 1} and a digit or parenthesis.
     */
    private static boolean phoneShape(String s, char c, int run, int q, int n) {
        if (run == 1) {
            char after = q + 1 < n ? s.charAt(q + 1) : ' ';
            return c == '1' && (Chars.isDigit(after) || after == '(');
        }
        return run == 3
                && c >= '2'
                && Chars.digitRun(s, q + 1, 4) == 3
                && q + 5 < n
                && PhoneDetector.isPhoneSep(s.charAt(q + 4))
                && Chars.isDigit(s.charAt(q + 5));
    }

    /** One to four hex digits at {@code i} and a colon, where an IPv6 address may start. */
    private static boolean ipv6GroupAt(String s, int i) {
        return IpDetector.hexRunThenColon(s, i) && IpDetector.ipv6StartsAt(s, i);
    }

    /** {@code e + 1} when a space, which is never a candidate, is at {@code e}; else {@code e}. */
    private static int pastBlank(String s, int e, int n) {
        return e < n && s.charAt(e) == ' ' ? e + 1 : e;
    }

    private boolean isAllowed(String s, int a, int b) {
        int len = b - a;
        for (String literal : allowed) {
            if (literal.length() == len && s.regionMatches(a, literal, 0, len)) {
                return true;
            }
        }
        return false;
    }

    private void appendMask(StringBuilder out, PiiType type, String s, int a, int b) {
        if (type != PiiType.CARD || !keepCardLast4) {
            out.append(type.label());
            return;
        }
        int k = b;
        int from = b;
        for (int found = 0; found < 4 && k > a; k--) {
            if (Chars.isDigit(s.charAt(k - 1))) {
                found++;
                from = k - 1;
            }
        }
        out.append("[CARD ****");
        for (int m = from; m < b; m++) {
            char d = s.charAt(m);
            if (Chars.isDigit(d)) {
                out.append(d);
            }
        }
        out.append(']');
    }
}
