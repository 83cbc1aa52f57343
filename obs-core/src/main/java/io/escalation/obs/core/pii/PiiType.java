package io.escalation.obs.core.pii;

/**
 * The kinds of personal or secret data {@link PiiMasker} recognises, each with the label it writes in
 * place of the value.
 *
 * <pre>{@code
 * PiiMasker masker = PiiMasker.builder().disable(PiiType.IP_ADDRESS).build();
 * PiiType.EMAIL.label(); // "[EMAIL]"
 * }</pre>
 */
public enum PiiType {
    /** E-mail addresses: {@code jane.doe@example.com}. */
    EMAIL("[EMAIL]"),
    /**
     * NANP numbers in their usual spellings, bare with or without the country code 1, and international
     * {@code +} numbers (8 to 15 digits).
     */
    PHONE("[PHONE]"),
    /**
     * US social security numbers such as {@code 123-45-6789}; impossible numbers are left alone. Nine bare
     * digits only as the value of an SSN or tax-id key: {@code ssn=123456789}.
     */
    SSN("[SSN]"),
    /**
     * Luhn-valid payment card numbers of 13 to 19 digits. With the last four kept the mask reads
     * {@code [CARD ****1111]}.
     */
    CARD("[CARD]"),
    /** IBANs whose mod-97 check digits are valid. */
    IBAN("[IBAN]"),
    /** IPv4 and IPv6 addresses, except loopback and unspecified ones. */
    IP_ADDRESS("[IP]"),
    /** API keys, tokens, JWTs, {@code Authorization} values, cookie values and {@code password=...} style values. */
    SECRET("[SECRET]"),
    /** The password in a URL's user info: {@code postgres://user:[SECRET]@db:5432/x}. */
    URL_CREDENTIALS("[SECRET]");

    private final String label;

    PiiType(String label) {
        this.label = label;
    }

    /**
     * The placeholder written in place of a value of this type, such as {@code [EMAIL]}.
     *
     * @return the bracketed label
     */
    public String label() {
        return label;
    }
}
