package io.escalation.obs.test;

import io.escalation.obs.core.pii.PiiMasker;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeded random PII (e-mail addresses, phones, cards, SSNs, IP addresses, PII-shaped numbers of every
 * Java numeric type) for property tests of what leaves a process: put a value in a log event, a Sentry
 * event or a label and assert that none of its raw forms comes out. The text values are spellings the
 * text masker masks on its own ({@link #maskedInText} asks {@code PiiMasker.defaults()} itself), so
 * a property built on them tests where a value is written, not the masker.
 *
 * <pre>{@code
 * PiiSamples samples = new PiiSamples(42);
 * String email = samples.email();
 * log.info("contact", kv("to", email));
 * assertThat(writtenLine).doesNotContain(email);
 * }</pre>
 */
public final class PiiSamples {

    private static final PiiMasker MASKER = PiiMasker.defaults();
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";
    private static final String[] DOMAINS = {"example.com", "example.org", "mail.example.net", "corp.example.io"};

    private final Random random;

    /**
     * Samples drawn from a generator seeded with {@code seed}: the same seed, the same values.
     *
     * @param seed the generator's seed; log it so a failing run can be replayed
     */
    public PiiSamples(long seed) {
        this.random = new Random(seed);
    }

    /**
     * The generator the samples are drawn from, for choices of the test's own.
     *
     * @return the generator shared by every sample of this instance
     */
    public Random random() {
        return random;
    }

    /**
     * A text PII value: e-mail, phone, card, SSN or IP address.
     *
     * @return one PII value of a randomly chosen kind
     */
    public String text() {
        return switch (random.nextInt(5)) {
            case 0 -> email();
            case 1 -> phone();
            case 2 -> card();
            case 3 -> ssn();
            default -> ip();
        };
    }

    /**
     * An e-mail address.
     *
     * @return a random e-mail address
     */
    public String email() {
        StringBuilder local = new StringBuilder();
        for (int i = 3 + random.nextInt(8); i > 0; i--) {
            local.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        if (random.nextBoolean()) {
            local.append(random.nextBoolean() ? '.' : '_')
                    .append(LETTERS.charAt(random.nextInt(26)))
                    .append("doe");
        }
        return local + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
    }

    /**
     * A phone number in one of the spellings the masker recognises.
     *
     * @return a random phone number
     */
    public String phone() {
        String area = (2 + random.nextInt(8)) + digits(2);
        String exchange = (2 + random.nextInt(8)) + digits(2);
        String line = digits(4);
        return switch (random.nextInt(7)) {
            case 0 -> "+1 " + area + " " + exchange + " " + line;
            case 1 -> "(" + area + ") " + exchange + "-" + line;
            case 2 -> area + "-" + exchange + "-" + line;
            case 3 -> area + "." + exchange + "." + line;
            case 4 -> area + exchange + line;
            case 5 -> "+1" + area + exchange + line;
            default -> "1-" + area + "-" + exchange + "-" + line;
        };
    }

    /**
     * A card number, grouped or not.
     *
     * @return a random card number that passes the Luhn check
     */
    public String card() {
        String digits = cardDigits();
        return switch (random.nextInt(3)) {
            case 0 -> digits;
            case 1 -> digits.replaceAll("(\\d{4})(?=\\d)", "$1 ");
            default -> digits.replaceAll("(\\d{4})(?=\\d)", "$1-");
        };
    }

    /**
     * Sixteen digits passing the Luhn check, starting with 4 (Visa) or 5 (Mastercard).
     *
     * @return the sixteen digits, without separators
     */
    public String cardDigits() {
        StringBuilder b = new StringBuilder().append(random.nextBoolean() ? '4' : '5');
        b.append(digits(14));
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int d = b.charAt(14 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return b.append((10 - sum % 10) % 10).toString();
    }

    /**
     * A US social security number, {@code 123-45-6789} style.
     *
     * @return a random SSN with dashes
     */
    public String ssn() {
        int area = 1 + random.nextInt(665);
        return String.format("%03d-%02d-%04d", area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
    }

    /**
     * An IPv4 address.
     *
     * @return a random dotted IPv4 address
     */
    public String ip() {
        if (random.nextInt(4) == 0) {
            return String.format(
                    "2001:db8:%x:%x::%x", random.nextInt(0xffff), random.nextInt(0xffff), 1 + random.nextInt(0xfff));
        }
        return (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                + (1 + random.nextInt(254));
    }

    /**
     * A number whose digits are a phone or card number, of a random Java numeric type.
     *
     * @return the number, boxed in the chosen type
     */
    public Number number() {
        boolean card = random.nextBoolean();
        long value = card
                ? Long.parseLong(cardDigits())
                : Long.parseLong((2 + random.nextInt(8)) + digits(2) + (2 + random.nextInt(8)) + digits(6));
        switch (random.nextInt(8)) {
            case 0:
                return value;
            case 1:
                return BigInteger.valueOf(value);
            case 2:
                return new BigDecimal(value);
            case 3:
                return (double) value;
            case 4:
                return new AtomicLong(value);
            case 5:
                return (float) value;
            case 6: // an int phone: area codes 201 to 213 fit below 2^31
                int phone = Integer.parseInt(
                        "2" + String.format("%02d", 1 + random.nextInt(13)) + (2 + random.nextInt(8)) + digits(6));
                return random.nextBoolean() ? (Number) phone : new AtomicInteger(phone);
            default:
                return new BigDecimal(value + "." + digits(2));
        }
    }

    /**
     * The plain digits a number would show: what must not appear in the output.
     *
     * @param n the number
     * @return its plain digits
     */
    public static String digitsOf(Number n) {
        if (n instanceof Float || n instanceof Double) {
            String plain = new BigDecimal(n.toString()).toPlainString();
            return plain.endsWith(".0") ? plain.substring(0, plain.length() - 2) : plain;
        }
        if (n instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return n.toString();
    }

    /**
     * The texts of {@code n} that must not appear: its integer digits and, for floating point, its mantissa.
     *
     * @param n the number
     * @return the forms to look for in the output
     */
    public static java.util.List<String> rawForms(Number n) {
        String plain = digitsOf(n);
        int dot = plain.indexOf('.');
        java.util.List<String> forms = new java.util.ArrayList<>();
        forms.add(dot < 0 ? plain : plain.substring(0, dot));
        if (n instanceof Float || n instanceof Double) {
            forms.add(n.toString().split("E")[0]);
        }
        return forms;
    }

    /**
     * Whether the masker masks {@code value} inside {@code embedding} when it scans it as plain text.
     *
     * @param value the PII value
     * @param embedding a text containing {@code value}
     * @return true when the masked embedding no longer contains {@code value}
     */
    public static boolean maskedInText(String value, String embedding) {
        String masked = MASKER.mask(embedding);
        return masked != null && !masked.contains(value);
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }
}
