package io.escalation.obs.core.pii;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Replaces personal data and secrets in free text with labels naming what was there.
 *
 * <pre>{@code
 * PiiMasker masker = PiiMasker.defaults();
 * masker.mask("mail jane@example.com, card 4111 1111 1111 1111, password=hunter2");
 * // "mail [EMAIL], card [CARD ****1111], password=[SECRET]"
 *
 * PiiMasker custom = PiiMasker.builder()
 *     .disable(PiiType.IP_ADDRESS)
 *     .addPattern("employee", Pattern.compile("EMP-[0-9]{6}"))   // masked as [EMPLOYEE]
 *     .allow("support@example.com")
 *     .build();
 * }</pre>
 *
 * <p>The default types are found by one hand-written left-to-right pass over the text, without
 * regular expressions and in time linear in its length. Text without PII is returned as the same
 * instance and costs no allocation. Instances are immutable and safe to share between threads.
 *
 * <p>Rules worth knowing:
 *
 * <ul>
 *   <li>A dotted quad whose octets are all at most 255 is an IPv4 address, except when it is
 *       glued to a preceding letter or dot ({@code v1.2.3.4}, {@code x.1.2.3.4}) or followed by a
 *       further {@code .digit} ({@code 1.2.3.4.5}): those are version numbers. Loopback
 *       ({@code 127.x.x.x}, {@code ::1}) and unspecified ({@code 0.0.0.0}, {@code ::}) addresses
 *       are left alone.
 *   <li>Card numbers must pass the Luhn check and start with 2 to 6, the first digits card issuers
 *       use; this keeps epoch milliseconds and other long ids unmasked.
 *   <li>Ten bare digits are a phone number only when they form a valid NANP number (area code and
 *       exchange starting with 2-9); this keeps epoch seconds unmasked. Eleven bare digits are one when
 *       they are the country code {@code 1} and such a number ({@code From=14155552671}).
 *   <li>Nine bare digits are too common to mask anywhere: they are an SSN only as the value of a key
 *       naming one ({@code ssn}, {@code social_security_number}, {@code socialSecurity},
 *       {@code tax_id}, {@code taxpayer_id}, {@code tin}, {@code itin}, alone or as the last word of a
 *       longer key, in any case), as {@code ssn=123456789}, {@code SSN: 123456789} or
 *       {@code "taxId":"123456789"}. Under such a key any nine digits are masked, also as
 *       {@code 123-45-6789} or {@code 12-3456789}: impossible SSNs and ITINs too.
 *   <li>Numbers glued to a letter, {@code _}, decimal point or {@code +}, or continuing a hyphenated
 *       id ({@code ORD-2026-000123}, {@code claude-3-5-sonnet-20241022}), are never masked.
 *   <li>Secret values are found by key: {@code password}, {@code passwd}, {@code pwd},
 *       {@code passphrase}, {@code secret}, {@code token}, {@code api_key}/{@code apikey},
 *       {@code secret_key}, {@code private_key}, {@code secret_access_key} and
 *       {@code authorization}, in any case, alone or as the last word of a longer key
 *       ({@code client_secret}, {@code accessToken}, {@code x-api-key}), followed by {@code =} or
 *       {@code :}, quoted or not. The key is kept: {@code password=[SECRET]}. All-digit values of
 *       {@code *_token} keys ({@code max_token=4096}) and {@code true}/{@code false}/{@code null}
 *       are left alone.
 *   <li>Cookie values are secrets: of a {@code Cookie} header (key {@code cookie}, in any case, alone or
 *       as the last word of a longer key) every value is masked and the names are kept
 *       ({@code Cookie: sid=[SECRET]; theme=[SECRET]}); of a {@code Set-Cookie} header the cookie's own
 *       value, not its attributes ({@code Set-Cookie: sid=[SECRET]; Path=/; HttpOnly}). Only
 *       {@code name=value} pairs are read, so "cookie: missing" stays.
 *   <li>E-mail local parts longer than the 64 chars RFC 5321 allows are masked all the same.
 *   <li>Values are found in other spellings too: digits of any script ({@link Character#isDigit}: full-width
 *       {@code ４１５}, Arabic-Indic {@code ٤١٥}, Devanagari, ...), full-width forms of ASCII
 *       ({@code ＠}), and percent-encoding ({@code jane%40example.com}, {@code %2B14155552671}), also
 *       applied two or three times ({@code jane%2540example.com}). The text is decoded only when it holds such a
 *       char or escape; what is found in the decoded copy is masked over its original spelling.
 *   <li>{@code Bearer} credentials are masked anywhere when they look random (8 chars or more with
 *       a digit, punctuation or mixed case); {@code Basic} ones only as an {@code Authorization}
 *       value, since "basic" is a common word.
 *   <li>Values that already look masked ({@code [SECRET]}, {@code ****}) are left as they are, so
 *       masking is idempotent.
 * </ul>
 */
public final class PiiMasker {

    /** What {@link #mask} returns if masking failed: nothing of the input leaks. */
    static final String REDACTED = "[REDACTED]";

    private static final PiiMasker DEFAULTS = builder().build();

    private final TextScanner scanner;
    private final CustomPattern[] patterns;
    private final String[] allowed;

    private PiiMasker(Builder builder) {
        this.allowed = builder.allowed.toArray(new String[0]);
        this.scanner = new TextScanner(builder.types, builder.keepCardLast4, allowed);
        this.patterns = builder.patterns.toArray(new CustomPattern[0]);
    }

    /**
     * The shared masker with every {@link PiiType} on and card numbers keeping their last four digits.
     *
     * @return the default masker
     */
    public static PiiMasker defaults() {
        return DEFAULTS;
    }

    /**
     * A builder that starts from the defaults: every type on, last four card digits kept.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Masks the PII in {@code s}.
     *
     * <p>Never throws: should masking fail, the whole text is replaced by {@code [REDACTED]} rather
     * than returned unmasked.
     *
     * @param s the text to mask, may be {@code null}
     * @return the masked text; {@code s} itself when nothing was found; {@code null} for {@code null}
     */
    public @Nullable String mask(@Nullable String s) {
        if (s == null) {
            return null;
        }
        try {
            String out = scanner.scan(s);
            // A value can overlap one masked before it ("2001:db8::1jane@example.com": the e-mail took the
            // address's last group); what is left shows in the masked text, glued to the mask. At most two
            // more passes over the masked text, run only when a mask touches a char a value could continue with.
            for (int pass = 0; pass < 2 && out != s && maskTouchesText(out); pass++) {
                String again = scanner.rescan(out);
                if (again == out) {
                    break;
                }
                out = again;
            }
            for (CustomPattern pattern : patterns) {
                out = pattern.apply(out, allowed);
            }
            return out != s && out.equals(s) ? s : out;
        } catch (RuntimeException | StackOverflowError e) {
            return REDACTED;
        }
    }

    /**
     * True when a mask in {@code masked} is glued to the text before or after it by a char a value
     * could continue with (a letter, digit, {@code . : - + ( @ _ / %}): only there can a value that
     * overlapped the masked one be left over.
     */
    static boolean maskTouchesText(String masked) {
        int n = masked.length();
        for (int k = masked.indexOf('['); k >= 0; k = masked.indexOf('[', k + 1)) {
            int end = Masks.maskTokenEnd(masked, k);
            if (end < 0) {
                continue;
            }
            if (k > 0 && glues(masked.charAt(k - 1)) || end < n && glues(masked.charAt(end))) {
                return true;
            }
            k = end - 1;
        }
        return false;
    }

    private static boolean glues(char c) {
        return Chars.isWord(c) || ".:-+(@_/%".indexOf(c) >= 0;
    }

    /**
     * True when {@link #mask} would change {@code s}.
     *
     * @param s the text to check
     * @return whether {@code s} contains something this masker masks
     */
    public boolean containsPii(@Nullable String s) {
        return s != null && mask(s) != s;
    }

    /** A caller's regular expression and the label its matches are replaced with. */
    private record CustomPattern(String label, Pattern pattern) {

        String apply(String s, String[] allowed) {
            Matcher m = pattern.matcher(s);
            StringBuilder out = null;
            int copied = 0;
            while (m.find()) {
                int a = m.start();
                int b = m.end();
                if (a == b || Masks.isMasked(s, a, b) || isAllowed(s, a, b, allowed)) {
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(s.length() + 16);
                }
                out.append(s, copied, a).append(label);
                copied = b;
            }
            return out == null ? s : out.append(s, copied, s.length()).toString();
        }

        private static boolean isAllowed(String s, int a, int b, String[] allowed) {
            for (String literal : allowed) {
                if (literal.length() == b - a && s.regionMatches(a, literal, 0, b - a)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Configures a {@link PiiMasker}. Starts with every {@link PiiType} enabled; use {@link
     * #disable} to turn types off and {@link #enable} to turn them back on.
     *
     * <pre>{@code
     * PiiMasker masker = PiiMasker.builder().disable(PiiType.PHONE).keepCardLast4(false).build();
     * }</pre>
     */
    public static final class Builder {

        private final Set<PiiType> types = EnumSet.allOf(PiiType.class);
        private final List<CustomPattern> patterns = new ArrayList<>();
        private final Set<String> allowed = new LinkedHashSet<>();
        private boolean keepCardLast4 = true;

        private Builder() {}

        /**
         * Turns detection of {@code types} on.
         *
         * @param types the types to detect
         * @return this builder
         */
        public Builder enable(PiiType... types) {
            Collections.addAll(this.types, checked(types, "enable"));
            return this;
        }

        /**
         * Turns detection of {@code types} off.
         *
         * @param types the types to leave unmasked
         * @return this builder
         */
        public Builder disable(PiiType... types) {
            for (PiiType type : checked(types, "disable")) {
                this.types.remove(type);
            }
            return this;
        }

        /**
         * Also masks every match of {@code pattern}, as {@code [NAME]} (the name upper-cased). Custom
         * patterns run after the built-in types, on their output, with {@link Matcher#find()}; keeping
         * them free of catastrophic backtracking, and not matching the labels of masks, is the caller's
         * responsibility.
         *
         * @param name the label, letters, digits, {@code _} or {@code -}
         * @param pattern the pattern to mask
         * @return this builder
         */
        public Builder addPattern(String name, Pattern pattern) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(
                        "addPattern: give the pattern a non-blank name, such as \"employee_id\"; it becomes the mask label");
            }
            if (!name.chars().allMatch(c -> c < 128 && (Chars.isAsciiAlnum((char) c) || c == '_' || c == '-'))) {
                throw new IllegalArgumentException(
                        "addPattern: name \"" + name + "\" may contain only ASCII letters, digits, '_' and '-'");
            }
            if (pattern == null) {
                throw new IllegalArgumentException(
                        "addPattern: pattern for \"" + name + "\" is null; pass a compiled Pattern");
            }
            patterns.add(new CustomPattern("[" + name.toUpperCase(Locale.ROOT) + "]", pattern));
            return this;
        }

        /**
         * Never masks {@code literal}: a detected value exactly equal to it is left as it is.
         *
         * @param literal the exact text to keep, such as {@code "support@example.com"}
         * @return this builder
         */
        public Builder allow(String literal) {
            if (literal == null || literal.isEmpty()) {
                throw new IllegalArgumentException("allow: pass the exact non-empty text to keep unmasked");
            }
            allowed.add(literal);
            return this;
        }

        /**
         * Whether card masks keep the last four digits ({@code [CARD ****1111]}, the default) or not
         * ({@code [CARD]}).
         *
         * @param keep true to keep the last four digits
         * @return this builder
         */
        public Builder keepCardLast4(boolean keep) {
            this.keepCardLast4 = keep;
            return this;
        }

        /**
         * Builds the immutable masker.
         *
         * @return the masker
         */
        public PiiMasker build() {
            return new PiiMasker(this);
        }

        private static PiiType[] checked(PiiType @Nullable [] types, String method) {
            if (types == null) {
                throw new IllegalArgumentException(method + ": pass one or more PiiType values, not null");
            }
            for (PiiType type : types) {
                if (type == null) {
                    throw new IllegalArgumentException(method + ": remove the null entry from the PiiType arguments");
                }
            }
            return types;
        }
    }
}
