package io.escalation.obs.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated values in the spellings that hide them from a plain ASCII scan: digits of other scripts,
 * percent-encoding once or twice, bare eleven-digit numbers, nine bare digits under an SSN key,
 * cookie values and e-mail local parts over 64 chars. Whatever the spelling, the value as written
 * never survives {@code mask}, and {@code containsPii} says so.
 */
class PiiMaskerSpellingsTest {

    private static final PiiMasker MASKER = PiiMasker.defaults();

    /** The zero of each script tried: ASCII, full-width, Arabic-Indic, extended Arabic-Indic, Devanagari, Thai, Bengali. */
    private static final char[] ZEROS = {'0', '\uFF10', '\u0660', '\u06F0', '\u0966', '\u0E50', '\u09E6'};

    private static final String[] WORDS = {"callback", "for", "customer", "queued", "INFO", "retry", "ok", "status=200"
    };

    private static final String[] SSN_KEYS = {
        "ssn=", "SSN: ", "\"social_security_number\":\"", "taxId=", "customer_ssn = "
    };

    /** One generated value: the text to embed and the part of it that must not survive. */
    private record Value(String text, String raw) {}

    @Test
    void noSpellingOfAValueSurvives() {
        Random random = new Random(20261202L);
        int encoded = 0;
        for (int n = 0; n < 6000; n++) {
            Value value = value(random);
            String raw = value.raw();
            String text = value.text();
            int encoding = random.nextInt(4);
            if (encoding > 0) {
                String once = percentEncode(text, random.nextBoolean());
                text = encoding == 3 ? once.replace("%", "%25") : once;
                raw = text;
                encoded++;
            }
            String line = word(random) + " " + text + (random.nextBoolean() ? "" : " " + word(random));
            String masked = MASKER.mask(line);
            assertThat(masked).as("%s leaks from %s", raw, line).doesNotContain(raw);
            assertThat(MASKER.containsPii(line)).as("containsPii(%s)", line).isTrue();
            assertThat(MASKER.mask(masked)).as("idempotent on %s", line).isEqualTo(masked);
        }
        assertThat(encoded).isGreaterThan(3000);
    }

    /** Separators that read as a space or a dash: no-break, figure, narrow and ideographic spaces, dashes, minus. */
    private static final String[] UNICODE_SEPARATORS = {
        "\u00A0", "\u2007", "\u202F", "\u3000", "\u2009", "\u2013", "\u2011", "\u2212",
    };
    /** Invisible chars a value may carry between its digits: zero-width space and joiner, soft hyphen, word joiner, BOM. */
    private static final String[] INVISIBLE = {"\u200B", "\u200D", "\u00AD", "\u2060", "\uFEFF"};

    @Test
    void valuesSpacedWithUnicodeSpacesDashesOrInvisibleCharsAreMasked() {
        Random random = new Random(20261203L);
        for (int n = 0; n < 3000; n++) {
            String sep = UNICODE_SEPARATORS[random.nextInt(UNICODE_SEPARATORS.length)];
            String digits;
            String[] groups;
            switch (random.nextInt(3)) {
                case 0:
                    digits = nanp(random);
                    groups = new String[] {digits.substring(0, 3), digits.substring(3, 6), digits.substring(6)};
                    break;
                case 1:
                    digits = luhnValid(random);
                    groups = new String[] {
                        digits.substring(0, 4), digits.substring(4, 8), digits.substring(8, 12), digits.substring(12)
                    };
                    break;
                default:
                    digits = (100 + random.nextInt(566))
                            + String.format("%02d%04d", 1 + random.nextInt(99), 1 + random.nextInt(9999));
                    groups = new String[] {digits.substring(0, 3), digits.substring(3, 5), digits.substring(5)};
            }
            boolean glued = digits.length() != 9 && random.nextInt(5) == 0; // groups joined by invisible chars only
            StringBuilder value = new StringBuilder(digits.length() == 10 && random.nextInt(3) == 0 ? "+1" + sep : "");
            for (int g = 0; g < groups.length; g++) {
                for (char c : groups[g].toCharArray()) {
                    value.append(c);
                    if (random.nextInt(8) == 0) {
                        value.append(INVISIBLE[random.nextInt(INVISIBLE.length)]);
                    }
                }
                if (g < groups.length - 1) {
                    value.append(glued ? INVISIBLE[random.nextInt(INVISIBLE.length)] : sep);
                }
            }
            String line = "callback for " + value + " queued";
            String masked = MASKER.mask(line).replaceAll("\\[CARD \\*{4}\\d{4}]", "[CARD]");
            assertThat(masked.chars().anyMatch(Character::isDigit))
                    .as("digits left in %s from %s", masked, line)
                    .isFalse();
            assertThat(MASKER.containsPii(line)).as("containsPii(%s)", line).isTrue();
        }
    }

    private static Value value(Random random) {
        char zero = ZEROS[random.nextInt(ZEROS.length)];
        switch (random.nextInt(7)) {
            case 0: {
                String digits = "1" + nanp(random);
                String shown = digits(digits, zero);
                return new Value((random.nextBoolean() ? "From=" : "") + shown, shown);
            }
            case 1: {
                String digits = nanp(random);
                String shown =
                        digits(digits.substring(0, 3) + "-" + digits.substring(3, 6) + "-" + digits.substring(6), zero);
                return new Value(shown, shown);
            }
            case 2: {
                String shown = digits(luhnValid(random), zero);
                return new Value(shown, shown);
            }
            case 3: {
                String shown = digits(String.format("%09d", random.nextInt(1_000_000_000)), zero);
                String key = SSN_KEYS[random.nextInt(SSN_KEYS.length)];
                return new Value(key + shown + (key.endsWith("\"") ? "\"" : ""), shown);
            }
            case 4: {
                String shown = "+" + digits("1" + nanp(random), zero);
                return new Value(shown, shown);
            }
            case 5: {
                String sid = alnum(random, 16 + random.nextInt(16));
                String header = random.nextBoolean()
                        ? "Cookie: theme=dark; sid=" + sid + "; lang=en"
                        : "Set-Cookie: sid=" + sid + "; Path=/; HttpOnly";
                return new Value(header, sid);
            }
            default: {
                int length = random.nextBoolean() ? 65 + random.nextInt(200) : 1 + random.nextInt(64);
                String email = localPart(random, length) + (random.nextInt(4) == 0 ? "\uFF20" : "@") + "mail-"
                        + alnum(random, 6) + ".com";
                return new Value(email, email);
            }
        }
    }

    /** Ten digits of a valid NANP number: area code and exchange start with 2 to 9. */
    private static String nanp(Random random) {
        return (2 + random.nextInt(8))
                + String.format("%02d", random.nextInt(100))
                + (2 + random.nextInt(8))
                + String.format("%02d", random.nextInt(100))
                + String.format("%04d", random.nextInt(10_000));
    }

    /** {@code ascii} with its digits written in the script whose zero is {@code zero}. */
    private static String digits(String ascii, char zero) {
        StringBuilder out = new StringBuilder(ascii.length());
        for (char c : ascii.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) (zero + (c - '0')) : c);
        }
        return out.toString();
    }

    /** Percent-encodes the UTF-8 bytes of every char ({@code all}) or of every char but ASCII letters and digits. */
    private static String percentEncode(String text, boolean all) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (!all && c < 128 && Character.isLetterOrDigit(c)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private static String localPart(Random random, int length) {
        StringBuilder out = new StringBuilder(alnum(random, 1));
        while (out.length() < length) {
            out.append(
                    random.nextInt(10) == 0 && out.charAt(out.length() - 1) != '.'
                            ? '.'
                            : alnum(random, 1).charAt(0));
        }
        if (out.charAt(out.length() - 1) == '.') {
            out.setCharAt(out.length() - 1, 'z');
        }
        return out.toString();
    }

    private static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    /** A 16-digit Visa-style number with a valid Luhn check digit. */
    private static String luhnValid(Random random) {
        int[] d = new int[16];
        d[0] = 4;
        int sum = 0;
        for (int k = 1; k < 15; k++) {
            d[k] = random.nextInt(10);
        }
        for (int k = 0; k < 15; k++) {
            int v = k % 2 == 0 ? d[k] * 2 : d[k];
            sum += v > 9 ? v - 9 : v;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder out = new StringBuilder();
        for (int v : d) {
            out.append(v);
        }
        return out.toString();
    }

    private static String alnum(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int k = 0; k < length; k++) {
            out.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
        }
        return out.toString();
    }
}
