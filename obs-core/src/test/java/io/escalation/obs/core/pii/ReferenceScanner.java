package io.escalation.obs.core.pii;

import static io.escalation.obs.core.pii.Spans.NO;
import static io.escalation.obs.core.pii.Spans.span;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The scan loop as it was before the pre-filter of {@link TextScanner}: every visited position goes
 * through the recognisers. Kept as the oracle of the differential test.
 *
 * <p>The pass classifies each char with one table lookup. Only a few chars start a candidate: a
 * digit or letter at the start of a token, {@code @}, {@code :}, {@code =}, {@code +} and
 * {@code (}. A token that matches nothing is skipped whole. A {@link StringBuilder} is created at the
 * first match only, so text without PII comes back as the same instance without allocating.
 */
final class ReferenceScanner {

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

    ReferenceScanner(Set<PiiType> types, boolean keepCardLast4, String[] allowed) {
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

    /** Masks {@code s}, returning {@code s} itself when nothing was found. */
    String scan(String s) {
        return scan(s, null);
    }

    private String scan(String s, TextScanner.@Nullable Hits hits) {
        final int n = s.length();
        StringBuilder out = null;
        int copied = 0;
        boolean encoded = false;
        int i = 0;
        while (i < n) {
            boolean fresh = out != null && i == copied;
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
                    if (secret) {
                        hit = SecretDetector.keyValueAt(s, i, copied);
                        if (hit == NO) {
                            hit = SecretDetector.cookieAt(s, i, copied);
                            cookie = hit != NO;
                        }
                        if (hit != NO) {
                            type = PiiType.SECRET;
                            break;
                        }
                    }
                    if (ssn) {
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
                    if (secret) {
                        hit = SecretDetector.keyValueAt(s, i, copied);
                        if (hit == NO) {
                            hit = SecretDetector.cookieAt(s, i, copied);
                            cookie = hit != NO;
                        }
                        if (hit != NO) {
                            type = PiiType.SECRET;
                            break;
                        }
                    }
                    if (ssn) {
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
        if (!encoded || hits != null) {
            return masked;
        }
        DecodedText decoded = DecodedText.of(masked);
        if (decoded == null) {
            return masked;
        }
        TextScanner.Hits found = new TextScanner.Hits();
        scan(decoded.text, found);
        return found.applyTo(masked, decoded.origin);
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
