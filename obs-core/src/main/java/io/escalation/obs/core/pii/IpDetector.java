package io.escalation.obs.core.pii;

/** IPv4 and IPv6 addresses, and the version numbers that look like them. */
final class IpDetector {

    private static final String[] VERSION_WORDS = {"version", "ver", "firmware"};

    /** True when an IPv6 address may start at {@code i}. */
    static boolean ipv6StartsAt(String s, int i) {
        if (i == 0) {
            return true;
        }
        char p = s.charAt(i - 1);
        return !Chars.isWord(p) && p != ':' && p != '.' && p != '-';
    }

    /**
     * End of a dotted quad at {@code i} whose octets are all at most 255, or -1. A quad followed by a
     * further {@code .digit} is a version number ({@code 1.2.3.4.5}), not an address.
     */
    static int ipv4End(String s, int i) {
        int n = s.length();
        int p = i;
        for (int octet = 0; octet < 4; octet++) {
            int len = Chars.digitRun(s, p, 4);
            if (len == 0 || len > 3 || Chars.number(s, p, len) > 255) {
                return -1;
            }
            p += len;
            if (octet < 3) {
                if (p >= n || s.charAt(p) != '.') {
                    return -1;
                }
                p++;
            }
        }
        if (p < n) {
            char c = s.charAt(p);
            if (Chars.isWord(c) || c == '@' || (c == '.' && p + 1 < n && Chars.isDigit(s.charAt(p + 1)))) {
                return -1;
            }
        }
        return p;
    }

    /** True for 127.x.x.x (loopback) and 0.0.0.0 (unspecified). */
    static boolean isLocalIpv4(String s, int a, int b) {
        if (s.startsWith("127.", a)) {
            return true;
        }
        for (int k = a; k < b; k++) {
            char c = s.charAt(k);
            if (c != '0' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /**
     * End of an IPv6 address at {@code i} (full eight groups, or {@code ::}-compressed with at least one
     * digit so words like {@code cafe::face} stay), optionally ending in an embedded IPv4; or -1.
     */
    static int ipv6End(String s, int i) {
        int n = s.length();
        int p = i;
        int groups = 0;
        int end = -1;
        boolean compressed = false;
        boolean digit = false;
        if (p + 1 < n && s.charAt(p) == ':' && s.charAt(p + 1) == ':') {
            compressed = true;
            p += 2;
            end = p;
        }
        while (p < n) {
            int q = p;
            while (q < n && q - p < 5 && Chars.isHex(s.charAt(q))) {
                digit |= Chars.isDigit(s.charAt(q));
                q++;
            }
            int len = q - p;
            if (len == 0) {
                break;
            }
            if (len > 4) {
                return -1;
            }
            if (q < n && s.charAt(q) == '.' && q + 1 < n && Chars.isDigit(s.charAt(q + 1))) {
                int v4 = ipv4End(s, p);
                if (v4 < 0 || groups > 6) {
                    return -1;
                }
                groups += 2;
                end = v4;
                break;
            }
            groups++;
            if (groups > 8) {
                return -1;
            }
            end = q;
            p = q;
            if (p + 1 < n && s.charAt(p) == ':') {
                char next = s.charAt(p + 1);
                if (next == ':') {
                    if (compressed) {
                        return -1;
                    }
                    compressed = true;
                    p += 2;
                    end = p;
                    continue;
                }
                if (Chars.isHex(next)) {
                    p++;
                    continue;
                }
            }
            break;
        }
        if (end < 0 || (compressed ? groups > 7 || !digit : groups != 8)) {
            return -1;
        }
        if (end < n && (Chars.isWord(s.charAt(end)) || s.charAt(end) == '@')) {
            return -1;
        }
        return end;
    }

    /** True when one to four hex digits at {@code i} are followed by {@code :}: an IPv6 address may start. */
    static boolean hexRunThenColon(String s, int i) {
        int n = s.length();
        for (int q = i; q < n && q - i <= 4; q++) {
            char c = s.charAt(q);
            if (c == ':') {
                return q > i;
            }
            if (!Chars.isHex(c)) {
                return false;
            }
        }
        return false;
    }

    /** True for {@code ::1}, {@code ::} and their longer spellings. */
    static boolean isLocalIpv6(String s, int a, int b) {
        for (int k = a; k < b; k++) {
            char c = s.charAt(k);
            if (c != '0' && c != ':' && !(c == '1' && k == b - 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the number at {@code i} follows a version word ({@code version 1.2.3.4},
     * {@code Ver: 2.0.1.5}, {@code firmware=4.2.0.17}), not reaching back before {@code floor}: a dotted
     * quad there is a version, not an IPv4 address. Words like "build" or "release" are left out: they
     * also precede addresses ("DHCP release 203.0.113.9"). {@code v1.2.3.4} never reaches this: a
     * number does not start inside a word.
     */
    static boolean afterVersionWord(String s, int i, int floor) {
        int k = i;
        for (int skipped = 0;
                k > floor
                        && skipped < 2
                        && (s.charAt(k - 1) == ' ' || s.charAt(k - 1) == ':' || s.charAt(k - 1) == '=');
                skipped++) {
            k--;
        }
        if (k == i) {
            return false;
        }
        int w = k;
        while (w > floor && k - w < 8 && Chars.isAsciiLetter(s.charAt(w - 1))) {
            w--;
        }
        // a word cut by the floor (text masked before it) or inside a longer word is no version word
        if (w > 0 && (w == floor || Chars.isWord(s.charAt(w - 1)))) {
            return false;
        }
        int len = k - w;
        for (String word : VERSION_WORDS) {
            if (word.length() == len && s.regionMatches(true, w, word, 0, len)) {
                return true;
            }
        }
        return false;
    }

    private IpDetector() {}
}
