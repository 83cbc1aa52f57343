package io.escalation.obs.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated log-like lines, some with embedded PII: masking never throws, is idempotent, leaves
 * clean lines as the same instance, and never lets an embedded value through.
 */
class PiiMaskerPropertyTest {

    private static final PiiMasker MASKER = PiiMasker.defaults();

    private static final String[] WORDS = {
        "order",
        "user",
        "request",
        "failed",
        "retry",
        "cache",
        "miss",
        "hit",
        "the",
        "a",
        "of",
        "queue",
        "worker",
        "started",
        "done",
        "INFO",
        "WARN",
        "ERROR",
        "GET",
        "POST",
        "latency",
        "ms",
        "api",
        "v2",
        "id",
        "x",
        "naïve",
        "Übersicht",
        "данные",
        "data",
        "bad",
        "face",
        "cafe",
        "deadbeef",
        "Basic",
        "sk",
        "eyJ",
        "ghp",
        "AKIA",
        "GB",
        "DE",
        "iban",
        "card",
        "phone",
        "email",
        "secret-less",
        "c.e.o.OrderService",
        "campaign_42",
        "cmp-8f3a",
        "ORD-2026-000123",
        "gpt-4o-2024-08-06",
        "$1,234.56",
        "1.17.2",
        "v1.2.3.4",
        "****1111",
        "last4=1111",
        "http://localhost:8080/x",
    };

    private static final String[] KEYS = {"status", "path", "user", "count", "region", "attempt", "time"};

    private static final String[] PUNCT = {",", ".", ";", "!", "?", ")", ":"};

    private static final String[] TLDS = {"com", "org", "io", "net", "de"};

    /** One generated line and the PII values embedded in it. */
    private record Line(String text, List<String> secrets) {}

    @Test
    void generatedLines() {
        Random random = new Random(20260109L);
        int clean = 0;
        int dirty = 0;
        for (int n = 0; n < 4000; n++) {
            boolean withPii = random.nextBoolean();
            Line line = line(random, withPii);
            String masked = MASKER.mask(line.text());
            assertThat(masked).as("mask(%s)", line.text()).isNotNull();
            assertThat(MASKER.mask(masked)).as("idempotent on %s", line.text()).isEqualTo(masked);
            if (withPii) {
                dirty++;
                for (String secret : line.secrets()) {
                    assertThat(masked)
                            .as("%s leaks from %s", secret, line.text())
                            .doesNotContain(secret);
                }
            } else {
                clean++;
                assertThat(masked).as("clean line %s", line.text()).isSameAs(line.text());
            }
        }
        assertThat(clean).isGreaterThan(1000);
        assertThat(dirty).isGreaterThan(1000);
    }

    /**
     * Values glued together without a separator, each after the first starting with {@code +} or
     * {@code (} (a phone number): every one is masked in one call, and masking again changes nothing.
     */
    @Test
    void gluedValues() {
        Random random = new Random(20261127L);
        for (int n = 0; n < 4000; n++) {
            List<String> secrets = new ArrayList<>();
            StringBuilder text = new StringBuilder(cleanToken(random)).append(' ');
            text.append(firstGlued(random, secrets));
            int more = 1 + random.nextInt(4);
            for (int k = 0; k < more; k++) {
                text.append(gluedPhone(random, secrets));
            }
            text.append(' ').append(cleanToken(random));
            String masked = MASKER.mask(text.toString());
            for (String secret : secrets) {
                assertThat(masked).as("%s leaks from %s", secret, text).doesNotContain(secret);
            }
            assertThat(MASKER.mask(masked)).as("idempotent on %s", text).isEqualTo(masked);
        }
    }

    private static String firstGlued(Random random, List<String> secrets) {
        String value;
        switch (random.nextInt(4)) {
            case 0:
                value = alnum(random, 5) + "@" + letters(random, 5) + "." + TLDS[random.nextInt(TLDS.length)];
                break;
            case 1:
                value = (11 + random.nextInt(100)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                        + (1 + random.nextInt(254));
                break;
            case 2:
                value = "2001:db8:" + hex(random, 4) + "::" + (1 + random.nextInt(9));
                break;
            default:
                return gluedPhone(random, secrets);
        }
        secrets.add(value);
        return value;
    }

    private static String gluedPhone(Random random, List<String> secrets) {
        String local = (2 + random.nextInt(8)) + String.format("%02d", random.nextInt(100)) + "-"
                + String.format("%04d", random.nextInt(10000));
        String area = (2 + random.nextInt(8)) + String.format("%02d", random.nextInt(100));
        String phone = random.nextBoolean() ? "(" + area + ") " + local : "+1 " + area + " " + local.replace('-', ' ');
        secrets.add(local);
        secrets.add(local.replace('-', ' '));
        return phone;
    }

    private static Line line(Random random, boolean withPii) {
        List<String> tokens = new ArrayList<>();
        int words = 3 + random.nextInt(30);
        for (int k = 0; k < words; k++) {
            tokens.add(cleanToken(random));
        }
        List<String> secrets = new ArrayList<>();
        if (withPii) {
            int count = 1 + random.nextInt(3);
            for (int k = 0; k < count; k++) {
                tokens.add(random.nextInt(tokens.size() + 1), piiToken(random, secrets));
            }
        }
        return new Line(String.join(" ", tokens), secrets);
    }

    private static String cleanToken(Random random) {
        switch (random.nextInt(9)) {
            case 0:
                return Integer.toString(random.nextInt(100));
            case 1:
                return word(random) + PUNCT[random.nextInt(PUNCT.length)];
            case 2:
                return KEYS[random.nextInt(KEYS.length)] + "="
                        + (random.nextBoolean() ? word(random) : random.nextInt(100));
            case 3:
                return KEYS[random.nextInt(KEYS.length)] + ": " + word(random);
            case 4:
                return "(" + word(random) + ")";
            case 5:
                return hex(random, 32);
            case 6:
                return String.format(
                        "2026-%02d-%02dT%02d:%02d:%02d.%03dZ",
                        1 + random.nextInt(12),
                        1 + random.nextInt(28),
                        random.nextInt(24),
                        random.nextInt(60),
                        random.nextInt(60),
                        random.nextInt(1000));
            case 7:
                return hex(random, 8) + "-" + hex(random, 4) + "-" + hex(random, 4) + "-" + hex(random, 4) + "-"
                        + hex(random, 12);
            default:
                return word(random);
        }
    }

    private static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private static String piiToken(Random random, List<String> secrets) {
        switch (random.nextInt(5)) {
            case 0: {
                String email = alnum(random, 3 + random.nextInt(8))
                        + (random.nextBoolean() ? "." + alnum(random, 4) : "") + "@"
                        + letters(random, 3 + random.nextInt(6)) + "." + TLDS[random.nextInt(TLDS.length)];
                secrets.add(email);
                return email;
            }
            case 1: {
                String digits = luhnValid(random);
                secrets.add(digits);
                String shown;
                switch (random.nextInt(3)) {
                    case 0:
                        shown = digits;
                        break;
                    case 1:
                        shown = digits.replaceAll("(\\d{4})(?=\\d)", "$1 ");
                        break;
                    default:
                        shown = digits.replaceAll("(\\d{4})(?=\\d)", "$1-");
                }
                secrets.add(shown);
                return shown;
            }
            case 2: {
                int area = 1 + random.nextInt(899);
                if (area == 666) {
                    area = 667;
                }
                String ssn = String.format("%03d-%02d-%04d", area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
                secrets.add(ssn);
                return ssn;
            }
            case 3: {
                String phone = String.format(
                        "%d%02d-%d%02d-%04d",
                        2 + random.nextInt(8),
                        random.nextInt(100),
                        2 + random.nextInt(8),
                        random.nextInt(100),
                        random.nextInt(10000));
                secrets.add(phone);
                return phone;
            }
            default: {
                String value = alnum(random, 8 + random.nextInt(8));
                secrets.add(value);
                return "password=" + value;
            }
        }
    }

    /** A 16-digit Visa-style number with a valid Luhn check digit. */
    private static String luhnValid(Random random) {
        int[] d = new int[16];
        d[0] = 4;
        for (int k = 1; k < 15; k++) {
            d[k] = random.nextInt(10);
        }
        int sum = 0;
        for (int k = 0; k < 15; k++) {
            int v = d[k];
            if (k % 2 == 0) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder out = new StringBuilder();
        for (int v : d) {
            out.append(v);
        }
        return out.toString();
    }

    private static String hex(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int k = 0; k < length; k++) {
            out.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return out.toString();
    }

    private static String alnum(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        out.append((char) ('a' + random.nextInt(26)));
        for (int k = 1; k < length; k++) {
            out.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
        }
        return out.toString();
    }

    private static String letters(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int k = 0; k < length; k++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }
}
