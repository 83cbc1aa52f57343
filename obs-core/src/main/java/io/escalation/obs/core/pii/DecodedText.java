package io.escalation.obs.core.pii;

import org.jspecify.annotations.Nullable;

/**
 * A copy of a text with its percent-escapes decoded and its digits of other scripts written as ASCII
 * digits, and for every char of the copy the index in the original text it came from.
 *
 * <p>Values hide behind such spellings: {@code jane%40example.com} in a logged URL,
 * {@code %2B14155552671} in a form body, {@code jane%2540example.com} encoded twice, a phone number
 * typed in full-width ({@code ４１５５５５２６７１}) or Arabic-Indic ({@code ٤١٥}) digits. The scanner
 * runs its recognisers over the copy and masks, in the original, the span each match came from.
 *
 * <p>Percent-escapes are decoded as UTF-8 (an escape that is no part of a valid sequence is kept as
 * it is), in one pass that also reads text encoded two or three times ({@code %2540}: an escaped
 * {@code %} followed by two hex digits is an escape of its own). Every Unicode decimal digit ({@link Character#isDigit},
 * general category Nd) becomes its ASCII digit; the full-width forms of ASCII ({@code U+FF01} to
 * {@code U+FF5E}) become their ASCII chars; every space separator ({@code U+00A0}, {@code U+202F},
 * {@code U+3000}, ...) a space, every dash and the minus sign a {@code -}; invisible format chars
 * ({@code U+200B}, {@code U+00AD}, {@code U+FEFF}, ...) are left out.
 */
final class DecodedText {

    /** How many times over an escape is decoded: enough for text encoded twice, and once more. */
    static final int ROUNDS = 3;

    /** The decoded copy. */
    final String text;

    /**
     * {@code origin[p]}: where in the original text the char at {@code p} of the copy starts;
     * {@code origin[text.length()]} is the original's length. A span {@code [a, b)} of the copy came
     * from {@code [origin[a], origin[b])}.
     */
    final int[] origin;

    private DecodedText(String text, int[] origin) {
        this.text = text;
        this.origin = origin;
    }

    /**
     * True when a spelling this class decodes starts at {@code i}: a {@code %} and two hex digits, a
     * decimal digit that is not ASCII, or a full-width {@code @}. The scanner decodes a text only when
     * it has seen one, so text without them costs nothing more.
     */
    static boolean startsAt(String s, int i) {
        char c = s.charAt(i);
        if (c == '%') {
            return i + 2 < s.length() && Chars.isHex(s.charAt(i + 1)) && Chars.isHex(s.charAt(i + 2));
        }
        return c >= 128 && isEncodedChar(s, i);
    }

    /**
     * For a char of 128 or more at {@code i}: a non-ASCII decimal digit, a full-width {@code @}, an
     * invisible format char ({@code U+200B}, {@code U+00AD}, {@code U+FEFF}), or a space or dash other
     * than ASCII's ({@code U+00A0}, {@code U+202F}, {@code U+2013}, {@code U+2212}) next to a digit: a
     * no-break space in prose ({@code Total : 3}) does not make the text worth decoding.
     */
    static boolean isEncodedChar(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x660) {
            // no decimal digit of any script lies between ASCII and the Arabic-Indic ones
            return c == '\u00AD' || c == '\u00A0' && besideDigit(s, i);
        }
        if (Character.isHighSurrogate(c)) {
            int cp = s.codePointAt(i);
            return Character.isDigit(cp) || Character.getType(cp) == Character.FORMAT;
        }
        if (c == '\uFF20' || Character.isDigit(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT
                || (type == Character.SPACE_SEPARATOR || type == Character.DASH_PUNCTUATION || c == '\u2212')
                        && besideDigit(s, i);
    }

    /** Whether a digit of any script (a BMP one) is right before or right after {@code i}. */
    private static boolean besideDigit(String s, int i) {
        return i > 0 && Character.isDigit(s.charAt(i - 1)) || i + 1 < s.length() && Character.isDigit(s.charAt(i + 1));
    }

    /** The decoded copy of {@code s}, or null when decoding changes nothing. */
    static @Nullable DecodedText of(String s) {
        int n = s.length();
        // decoding never lengthens a text: an escape (three chars or more) or a surrogate pair gives one
        // or two chars
        Buffer out = new Buffer(n);
        if (!decode(s, out)) {
            return null;
        }
        out.from[out.length] = n;
        return new DecodedText(new String(out.chars, 0, out.length), out.from);
    }

    /** The chars of the copy and, for each, where in the original it came from. */
    private static final class Buffer {
        final char[] chars;
        final int[] from;
        int length;

        Buffer(int n) {
            chars = new char[n];
            from = new int[n + 1];
        }

        void append(char c, int source) {
            chars[length] = c;
            from[length++] = source;
        }
    }

    /** Appends the decoded {@code s} to {@code out}; returns whether anything was decoded. */
    private static boolean decode(String s, Buffer out) {
        int n = s.length();
        boolean changed = false;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            int next = c == '%' ? percentSequence(s, i, out) : c >= 128 ? normalised(s, i, out) : i;
            if (next > i) {
                changed = true;
                i = next;
            } else {
                out.append(c, i++);
            }
        }
        return changed;
    }

    /**
     * Decodes the escapes of one UTF-8 sequence at {@code i} ({@code %40}, {@code %EF%BC%94}), appending
     * the char (normalised); returns the index after it, or {@code i} when they form no valid sequence.
     */
    private static int percentSequence(String s, int i, Buffer out) {
        long first = escape(s, i);
        if (first < 0) {
            return i;
        }
        int b0 = (int) (first >>> 32);
        int p = (int) first;
        if (b0 < 0x80) {
            out.append((char) b0, i);
            return p;
        }
        int length;
        int cp;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
            cp = b0 & 0x1F;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
            cp = b0 & 0x0F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
            cp = b0 & 0x07;
        } else {
            return i;
        }
        for (int k = 1; k < length; k++) {
            long next = escape(s, p);
            int b = next < 0 ? -1 : (int) (next >>> 32);
            if (b < 0x80 || b > 0xBF) {
                return i;
            }
            cp = cp << 6 | b & 0x3F;
            p = (int) next;
        }
        int min = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        if (cp < min || cp > Character.MAX_CODE_POINT || cp >= 0xD800 && cp <= 0xDFFF) {
            return i;
        }
        int ascii = ascii(cp);
        if (Character.getType(cp) == Character.FORMAT) {
            return p; // an escaped invisible char: left out of the copy
        } else if (ascii >= 0) {
            out.append((char) ascii, i);
        } else if (Character.isBmpCodePoint(cp)) {
            out.append((char) cp, i);
        } else {
            out.append(Character.highSurrogate(cp), i);
            out.append(Character.lowSurrogate(cp), i);
        }
        return p;
    }

    /**
     * The byte the escape at {@code i} stands for, packed with the index after it ({@code byte << 32 |
     * end}); or -1. An escape whose byte is {@code %} and that is followed by two hex digits was
     * encoded again, and is read on, for at most {@link #ROUNDS} encodings in all: {@code %40},
     * {@code %2540} and {@code %252540} all stand for {@code @}.
     */
    private static long escape(String s, int i) {
        int n = s.length();
        if (i + 2 >= n || s.charAt(i) != '%' || !Chars.isHex(s.charAt(i + 1)) || !Chars.isHex(s.charAt(i + 2))) {
            return -1;
        }
        int b = hexByte(s, i + 1);
        int p = i + 3;
        for (int round = 1;
                round < ROUNDS && b == '%' && p + 1 < n && Chars.isHex(s.charAt(p)) && Chars.isHex(s.charAt(p + 1));
                round++) {
            b = hexByte(s, p);
            p += 2;
        }
        return (long) b << 32 | p;
    }

    /** The byte of the two hex digits at {@code p}. */
    private static int hexByte(String s, int p) {
        return Character.digit(s.charAt(p), 16) * 16 + Character.digit(s.charAt(p + 1), 16);
    }

    /**
     * Appends the ASCII spelling of the char (or surrogate pair) at {@code i} when it has one; returns
     * the index after it, or {@code i} when it stays as it is.
     */
    private static int normalised(String s, int i, Buffer out) {
        int cp = s.codePointAt(i);
        if (Character.getType(cp) == Character.FORMAT) {
            return i + Character.charCount(cp); // invisible: left out of the copy
        }
        int ascii = ascii(cp);
        if (ascii < 0) {
            return i;
        }
        out.append((char) ascii, i);
        return i + Character.charCount(cp);
    }

    /**
     * The ASCII char {@code cp} stands for: a decimal digit's value, a full-width form's ASCII, a space
     * for a space separator, a dash for a dash or the minus sign; else -1.
     */
    private static int ascii(int cp) {
        if (cp < 128) {
            return cp;
        }
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            return cp - 0xFF01 + '!';
        }
        int type = Character.getType(cp);
        if (type == Character.SPACE_SEPARATOR) {
            return ' '; // no-break, figure, narrow, thin and ideographic spaces
        }
        if (type == Character.DASH_PUNCTUATION || cp == 0x2212) {
            return '-'; // hyphens, en and em dashes, the minus sign
        }
        if (Character.isDigit(cp)) {
            int d = Character.digit(cp, 10);
            return d >= 0 ? '0' + d : -1;
        }
        return -1;
    }
}
