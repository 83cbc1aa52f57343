package io.escalation.obs.core.pii;

/** Phone numbers: NANP numbers with or without the country code and international {@code +} numbers, with extensions. */
final class PhoneDetector {

    static boolean isPhoneSep(char c) {
        return c == '-' || c == '.' || c == ' ';
    }

    /**
     * End of a NANP number at digit {@code i}: an optional {@code 1} plus separator, then {@code 415
     * 555 2671} with any of {@code - . space} between the parts, or {@code (415) 555-2671}, or ten bare
     * digits, or eleven bare digits starting with the country code {@code 1}. Area code and exchange
     * must start with 2-9. Returns -1 when none.
     */
    static int nanpEnd(String s, int i) {
        int n = s.length();
        if (s.charAt(i) == '1' && i + 2 < n && isPhoneSep(s.charAt(i + 1))) {
            char c = s.charAt(i + 2);
            if (Chars.isDigit(c) || c == '(') {
                return nanpCore(s, i + 2, false);
            }
        }
        if (s.charAt(i) == '1' && Chars.digitRun(s, i, 12) == 11) {
            return nanpCore(s, i + 1, true);
        }
        return nanpCore(s, i, true);
    }

    /** A NANP number without the leading country code, at a digit or {@code (}; or -1. */
    static int nanpCore(String s, int p, boolean bareAllowed) {
        int n = s.length();
        int area;
        int exchange;
        int end;
        if (p < n && s.charAt(p) == '(') {
            if (!Chars.digitsAt(s, p + 1, 3) || p + 4 >= n || s.charAt(p + 4) != ')') {
                return -1;
            }
            area = p + 1;
            int q = p + 5;
            if (q < n && (s.charAt(q) == ' ' || s.charAt(q) == '-')) {
                q++;
            }
            if (!Chars.digitsAt(s, q, 3)) {
                return -1;
            }
            exchange = q;
            q += 3;
            if (q < n && isPhoneSep(s.charAt(q))) {
                q++;
            }
            if (!Chars.digitsAt(s, q, 4)) {
                return -1;
            }
            end = q + 4;
        } else {
            if (!Chars.digitsAt(s, p, 3)) {
                if (!bareAllowed || Chars.digitRun(s, p, 11) != 10) {
                    return -1;
                }
                area = p;
                exchange = p + 3;
                end = p + 10;
            } else {
                if (p + 3 >= n || !isPhoneSep(s.charAt(p + 3)) || !Chars.digitsAt(s, p + 4, 3)) {
                    return -1;
                }
                if (p + 7 >= n || !isPhoneSep(s.charAt(p + 7)) || !Chars.digitsAt(s, p + 8, 4)) {
                    return -1;
                }
                area = p;
                exchange = p + 4;
                end = p + 12;
            }
        }
        if (s.charAt(area) < '2' || s.charAt(exchange) < '2') {
            return -1;
        }
        int ext = extensionEnd(s, end);
        return ext >= 0 ? ext : Chars.numberEndsAt(s, end) ? end : -1;
    }

    /**
     * End of a phone extension right after a number ending at {@code e}: {@code x123}, {@code ext.12},
     * {@code  ext 1234} (an optional space, {@code x} or {@code ext} in any case, an optional dot and
     * space, one to six digits, then the end of the number); or -1.
     */
    static int extensionEnd(String s, int e) {
        int n = s.length();
        int q = e < n && s.charAt(e) == ' ' ? e + 1 : e;
        char mark = q < n ? Chars.lower(s.charAt(q)) : ' ';
        if (mark == 'x') {
            q++;
        } else if (mark == 'e'
                && q + 2 < n
                && Chars.lower(s.charAt(q + 1)) == 'x'
                && Chars.lower(s.charAt(q + 2)) == 't') {
            q += 3;
            if (q < n && s.charAt(q) == '.') {
                q++;
            }
        } else {
            return -1;
        }
        if (q < n && s.charAt(q) == ' ') {
            q++;
        }
        int digits = Chars.digitRun(s, q, 7);
        int end = q + digits;
        if (digits == 0 || digits > 6 || !Chars.numberEndsAt(s, end)) {
            return -1;
        }
        // "x 4111 1111 ...": the digits may start a number of their own; end the phone before the
        // extension when it can end there
        if (end + 1 < n && isPhoneSep(s.charAt(end)) && Chars.isDigit(s.charAt(end + 1)) && Chars.numberEndsAt(s, e)) {
            return -1;
        }
        return end;
    }

    /**
     * End of an international number at {@code +} index {@code i}: 8 to 15 digits (11 after {@code +1}) in groups joined by
     * single spaces, dashes or dots, a group optionally in parentheses. The longest run of groups that
     * stays within 15 digits wins. Returns -1 when none.
     */
    static int intlPhoneEnd(String s, int i) {
        int p = i + 1;
        if (p >= s.length() || s.charAt(p) < '1' || s.charAt(p) > '9') {
            return -1;
        }
        // country codes starting with 1 are all NANP's 1: eleven digits in all, so "+1 415 555 2671(212)..."
        // ends before the parenthesis; a +1 number that cannot end at eleven (+1-415-555-2671-123) is
        // masked whole, as any other country's
        int end = s.charAt(p) == '1' ? intlPhoneEnd(s, i, 11) : -1;
        return end >= 0 ? end : intlPhoneEnd(s, i, 15);
    }

    private static int intlPhoneEnd(String s, int i, int limit) {
        int n = s.length();
        int p = i + 1;
        int digits = 0;
        int best = -1;
        while (p < n) {
            boolean paren = s.charAt(p) == '(';
            int g0 = paren ? p + 1 : p;
            int group = Chars.digitRun(s, g0, 16);
            if (group == 0) {
                break;
            }
            int q = g0 + group;
            if (paren) {
                if (q >= n || s.charAt(q) != ')') {
                    break;
                }
                q++;
            }
            if (digits + group > limit) {
                if (digits == 0) {
                    return -1;
                }
                break;
            }
            digits += group;
            if (digits >= 8) {
                int ext = extensionEnd(s, q);
                if (ext >= 0) {
                    best = ext;
                } else if (Chars.numberEndsAt(s, q)) {
                    best = q;
                }
            }
            if (q + 1 < n && isPhoneSep(s.charAt(q)) && (Chars.isDigit(s.charAt(q + 1)) || s.charAt(q + 1) == '(')) {
                p = q + 1;
            } else if (q < n && s.charAt(q) == '(') {
                p = q;
            } else {
                break;
            }
        }
        return best;
    }

    private PhoneDetector() {}
}
