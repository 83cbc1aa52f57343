package io.escalation.obs.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The pre-filter of {@link TextScanner} only skips what the recognisers would reject: on generated
 * text dense in PII fragments, near misses and their boundaries, it masks exactly as the scan loop
 * without a pre-filter ({@link ReferenceScanner}) does, for every type set tried.
 */
class TextScannerEquivalenceTest {

    /** Fragments that start, nearly start or end a recogniser's match, and plain filler. */
    private static final String[] FRAGMENTS = {
        "4111",
        "1111",
        "4111111111111111",
        "378282246310005",
        "5555-5555-5555-4444",
        "4111 1111 1111 1111",
        "123-45-6789",
        "123 45 6789",
        "078-05-1120",
        "666-12-3456",
        "(415) 555-0142",
        "415.555.2671",
        "1-415-555-2671",
        "1 (415) 555-2671",
        "4155552671",
        "1700000000",
        "1700000000000",
        "+44 20 7946 0958",
        "+1 415 555 2671",
        "+49(30)123456",
        "192.168.1.10",
        "8.8.8.8",
        "127.0.0.1",
        "0.0.0.0",
        "1.2.3.4.5",
        "v1.2.3.4",
        "2001:db8::1",
        "fe80::1ff:fe23:4567:890a",
        "::1",
        "::",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "::ffff:10.0.0.1",
        "12:34:56",
        "2026-01-09T12:34:56.789Z",
        "cafe::face",
        "DE89 3704 0044 0532 0130 00",
        "GB82WEST12345698765432",
        "DE89370400440532013000",
        "SHA256",
        "ISO8601",
        "sk-proj-abcdefghijklmnopqrstuvwx",
        "sk_live_abcdefghij12",
        "rk_test_abcdefghijkl",
        "pk_live_0123456789ab",
        "AKIAIOSFODNN7EXAMPLE",
        "ASIAIOSFODNN7EXAMPLE",
        "SK0123456789abcdef0123456789abcdef",
        "ghp_abcdefghijklmnopqrstuvwxyz0123",
        "github_pat_abcdefghijklmnopqrstu",
        "xoxb-123456789012",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
        "Bearer abc123DEF456ghi",
        "bearer token expired",
        "Authorization: Basic dXNlcjpwYXNz",
        "password=hunter2",
        "password = 'x y'",
        "\"token\":\"abc\"",
        "api_key: k-1",
        "max_token=4096",
        "accessToken=abc",
        "secret==x",
        "pwd:",
        "key=",
        "=",
        ":",
        "::",
        "://",
        "https://user:pw@host.com/x",
        "http://localhost:8080/x",
        "jane.doe@example.com",
        "a@b",
        "@",
        "x@y.co",
        "user@",
        "[SECRET]",
        "****",
        "[CARD ****1111]",
        "+",
        "(",
        ")",
        "-",
        "--",
        "_",
        ".",
        ",",
        ";",
        " ",
        "  ",
        "\t",
        "\"",
        "'",
        "/",
        "\n",
        "é",
        "naïve",
        "данные",
        "数字",
        "ORD-2026-000123",
        "gpt-4o-2024-08-06",
        "us-east-1",
        "8f3a2c",
        "42",
        "128",
        "1",
        "12",
        "123",
        "1234",
        "12345",
        "123456",
        "the",
        "order",
        "key",
        "token",
        "Campaign",
        "be",
        "ab",
        "sk",
        "AK",
        "gh",
        "xo",
        "ey",
        "Be",
        "INFO",
        "DE",
        "GB",
        "a1",
        "A1b2",
        "dead:beef",
        "14155552671",
        "From=14155552671",
        "12345678901",
        "ssn=123456789",
        "SSN: 123456789",
        "taxId=",
        "\"social_security_number\":\"123456789\"",
        "123456789",
        "number=",
        "order:",
        "Cookie: a=b; c=d",
        "Set-Cookie: sid=x1; Path=/",
        "cookie=",
        "cookie: sid=\"v\"",
        "; x=",
        "%40",
        "%2B1415",
        "%2540",
        "jane%40example.com",
        "%20",
        "%",
        "%4",
        "%E2%82",
        "\uFF14\uFF11\uFF15",
        "\u0664\u0661\u0665",
        "\u06F1\u06F2",
        "\uFF20",
        "\uD835\uDFCE",
        "x".repeat(70) + "@example.com",
    };

    private static final String ALPHABET = "0123456789 -.:=+()@/_'\"\tabcdefxyzABCDEFKSey[]*éк%;r\uFF14\u0661";

    @Test
    void masksAsTheScanWithoutPreFilter() {
        List<Set<PiiType>> typeSets = List.of(
                EnumSet.allOf(PiiType.class),
                EnumSet.complementOf(EnumSet.of(PiiType.SECRET)),
                EnumSet.complementOf(EnumSet.of(PiiType.IP_ADDRESS, PiiType.PHONE)),
                EnumSet.of(PiiType.CARD, PiiType.IBAN));
        Random random = new Random(20260110L);
        int masked = 0;
        for (Set<PiiType> types : typeSets) {
            for (boolean last4 : new boolean[] {true, false}) {
                TextScanner scanner = new TextScanner(types, last4, new String[] {"support@example.com"});
                ReferenceScanner reference = new ReferenceScanner(types, last4, new String[] {"support@example.com"});
                for (int n = 0; n < 6000; n++) {
                    String text = text(random);
                    String expected = reference.scan(text);
                    assertThat(scanner.scan(text))
                            .as("scan(%s) with %s", text, types)
                            .isEqualTo(expected);
                    if (!expected.equals(text)) {
                        masked++;
                    }
                }
            }
        }
        assertThat(masked).as("texts with something masked").isGreaterThan(10_000);
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int parts = 1 + random.nextInt(12);
        for (int k = 0; k < parts; k++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            } else if (kind < 9) {
                int len = 1 + random.nextInt(6);
                for (int c = 0; c < len; c++) {
                    text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            } else {
                String fragment = FRAGMENTS[random.nextInt(FRAGMENTS.length)];
                text.append(fragment, 0, random.nextInt(fragment.length() + 1));
            }
            if (random.nextInt(3) > 0) {
                text.append(random.nextBoolean() ? ' ' : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return text.toString();
    }
}
