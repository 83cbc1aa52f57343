package io.escalation.obs.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-written input/expected pairs for the default masker: what it masks and what it must leave. */
class PiiMaskerCasesTest {

    private static final PiiMasker MASKER = PiiMasker.defaults();

    static Stream<Arguments> masked() {
        return Stream.of(
                // e-mail
                arguments("contact jane.doe@example.com today", "contact [EMAIL] today"),
                arguments("<john+tag@mail.example.co.uk>", "<[EMAIL]>"),
                arguments("user=alice_smith@corp-mail.io;", "user=[EMAIL];"),
                arguments("mail me at bob@example.org.", "mail me at [EMAIL]."),
                arguments("mailto:ops-team@example.com", "mailto:[EMAIL]"),
                arguments("Benutzer jörg@bücher.de", "Benutzer [EMAIL]"),
                arguments("4155552671@txt.example.net", "[EMAIL]"),
                // phone
                arguments("call (415) 555-2671 now", "call [PHONE] now"),
                arguments("call 415-555-2671", "call [PHONE]"),
                arguments("call 415.555.2671.", "call [PHONE]."),
                arguments("call 415 555 2671", "call [PHONE]"),
                arguments("call +1 415 555 2671", "call [PHONE]"),
                arguments("call +1 (415) 555-2671", "call [PHONE]"),
                arguments("call 1-415-555-2671", "call [PHONE]"),
                arguments("phone=4155552671", "phone=[PHONE]"),
                arguments("london +44 20 7946 0958", "london [PHONE]"),
                arguments("berlin +4915112345678,", "berlin [PHONE],"),
                // SSN
                arguments("ssn 123-45-6789", "ssn [SSN]"),
                arguments("ssn: 123 45 6789", "ssn: [SSN]"),
                arguments("ssn=078-05-1120", "ssn=[SSN]"),
                // cards
                arguments("card 4111 1111 1111 1111 ok", "card [CARD ****1111] ok"),
                arguments("card 4111-1111-1111-1111", "card [CARD ****1111]"),
                arguments("pan=5555555555554444", "pan=[CARD ****4444]"),
                arguments("amex 3782 822463 10005", "amex [CARD ****0005]"),
                arguments("visa13 4222222222222", "visa13 [CARD ****2222]"),
                arguments("discover 6011111111111117.", "discover [CARD ****1117]."),
                arguments("mc2 2223003122003222", "mc2 [CARD ****3222]"),
                arguments("unionpay19 6224000000000000000", "unionpay19 [CARD ****0000]"),
                arguments("card 4111 1111 1111 1111 12 items", "card [CARD ****1111] 12 items"),
                // IBAN
                arguments("iban GB82 WEST 1234 5698 7654 32.", "iban [IBAN]."),
                arguments("DE89370400440532013000", "[IBAN]"),
                arguments("to NL91ABNA0417164300 now", "to [IBAN] now"),
                arguments("FR14 2004 1010 0505 0001 3M02 606", "[IBAN]"),
                arguments("DE89 3704 0044 0532 0130 00 EUR", "[IBAN] EUR"),
                arguments("iban=NO9386011117947", "iban=[IBAN]"),
                // IP addresses
                arguments("client 203.0.113.42 connected", "client [IP] connected"),
                arguments("upstream=10.0.0.5:8080", "upstream=[IP]:8080"),
                arguments("1.2.3.4", "[IP]"),
                arguments("ip 2001:0db8:85a3:0000:0000:8a2e:0370:7334", "ip [IP]"),
                arguments("ip 2001:db8::ff00:42:8329", "ip [IP]"),
                arguments("from fe80::1ff:fe23:4567:890a%eth0", "from [IP]%eth0"),
                arguments("mapped ::ffff:192.0.2.128", "mapped [IP]"),
                arguments("http://[2001:db8::1]:8080/x", "http://[[IP]]:8080/x"),
                // prefixed secrets
                arguments("key sk-proj-abcDEF1234567890ghijKLMN", "key [SECRET]"),
                arguments("sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx", "[SECRET]"),
                arguments("id AKIAIOSFODNN7EXAMPLE", "id [SECRET]"),
                arguments("session ASIAY34FZKBOKMUTVV7A.", "session [SECRET]."),
                arguments("via ghp_16C7e42F292c6912E7710c838347Ae178B4a", "via [SECRET]"),
                arguments("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv", "[SECRET]"),
                arguments("slack xoxb-1234567890-abcdefghijKL", "slack [SECRET]"),
                arguments("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", "stripe [SECRET]"),
                arguments("stripe rk_live_51H8abcdEFGH12", "stripe [SECRET]"),
                arguments("twilio SK2a3b4c5d6e7f8091a2b3c4d5e6f70819 ok", "twilio [SECRET] ok"),
                arguments(
                        "jwt eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end",
                        "jwt [SECRET] end"),
                arguments("sent Bearer abc123.def456-ghi", "sent Bearer [SECRET]"),
                // key=value secrets
                arguments("Authorization: Bearer abc123.def456-ghi", "Authorization: Bearer [SECRET]"),
                arguments("Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization: Basic [SECRET]"),
                arguments("curl -H 'Authorization: Bearer abc123def456'", "curl -H 'Authorization: Bearer [SECRET]'"),
                arguments("password=hunter2 user=bob", "password=[SECRET] user=bob"),
                arguments("PASSWD: letmein", "PASSWD: [SECRET]"),
                arguments("pwd=abc123&next=1", "pwd=[SECRET]&next=1"),
                arguments(
                        "{\"password\": \"p@ss w0rd\", \"user\": \"bob\"}",
                        "{\"password\": \"[SECRET]\", \"user\": \"bob\"}"),
                arguments("{\"accessToken\":\"abc\"}", "{\"accessToken\":\"[SECRET]\"}"),
                arguments(
                        "client_secret=s3cr3t, api_key=abc, apikey=def, access_token=ghi",
                        "client_secret=[SECRET], api_key=[SECRET], apikey=[SECRET], access_token=[SECRET]"),
                arguments("Secret: topsecret", "Secret: [SECRET]"),
                arguments("token=abcdef123", "token=[SECRET]"),
                arguments("User[name=bob, password=hunter2]", "User[name=bob, password=[SECRET]]"),
                arguments("DB_PASSWORD = s3cret!", "DB_PASSWORD = [SECRET]"),
                arguments("password= hunter2", "password= [SECRET]"),
                arguments("x-api-key: 0123abcd", "x-api-key: [SECRET]"),
                arguments(
                        "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                        "aws_secret_access_key=[SECRET]"),
                arguments("twilio auth_token=9f3c0a1b2c3d4e5f", "twilio auth_token=[SECRET]"),
                arguments("X-Amz-Security-Token: abc", "X-Amz-Security-Token: [SECRET]"),
                arguments(
                        "headers={'Authorization': 'Basic dXNlcjpwYXNz'}",
                        "headers={'Authorization': 'Basic [SECRET]'}"),
                arguments("password=\"unterminated value here", "password=\"[SECRET] value here"),
                // URL credentials
                arguments("postgres://user:s3cret@db:5432/x", "postgres://user:[SECRET]@db:5432/x"),
                arguments("jdbc:postgresql://u:p@host/db", "jdbc:postgresql://u:[SECRET]@host/db"),
                arguments(
                        "jdbc:postgresql://host/db?user=u&password=p",
                        "jdbc:postgresql://host/db?user=u&password=[SECRET]"),
                arguments("redis://:authpass@cache:6379", "redis://:[SECRET]@cache:6379"),
                arguments(
                        "amqp://guest:p@ss@rabbit.example.com/vhost", "amqp://guest:[SECRET]@rabbit.example.com/vhost"),
                arguments("postgres://u:pw@10.1.2.3:5432/db", "postgres://u:[SECRET]@[IP]:5432/db"),
                // values glued to one another: each is masked, in one call
                arguments("+14155552671+14155552672", "[PHONE][PHONE]"),
                arguments("10.0.0.1(415) 555-2671", "[IP][PHONE]"),
                arguments("a@b.com+44 20 7946 0958", "[EMAIL][PHONE]"),
                arguments("2001:db8::1jane@example.com", "[IP][EMAIL]"),
                // phone numbers with an extension
                arguments("call 415-555-2671x123 now", "call [PHONE] now"),
                arguments("(415) 555-2671 ext. 12", "[PHONE]"),
                arguments("+1 415 555 2671x12", "[PHONE]"),
                arguments("+44 20 7946 0958x123", "[PHONE]"),
                arguments("4155552671 EXT 7", "[PHONE]"),
                // an extension never takes the first group of a number that follows
                arguments("tel 415-555-2671 x 4111 1111 1111 1111", "tel [PHONE] x [CARD ****1111]"),
                arguments("tel 415-555-2671 ext 123 45 6789", "tel [PHONE] ext [SSN]"),
                // +1 numbers: eleven digits, or the whole run when it cannot end there
                arguments("+1-415-555-2671-123", "[PHONE]"),
                arguments("call +14155552671-99 now", "call [PHONE] now"),
                arguments("+141555526710", "[PHONE]"),
                // an address after a version-like word that is not one, or that a mask cut
                arguments("DHCP release 203.0.113.9", "DHCP release [IP]"),
                arguments("Build 8.8.8.8", "Build [IP]"),
                arguments("password=hunter2.version 203.0.113.9", "password=[SECRET] [IP]"),
                arguments("jane@example.com.version 203.0.113.9", "[EMAIL] [IP]"),
                // bare eleven-digit NANP numbers: country code 1 and ten digits
                arguments("From=14155552671&To=12125550100", "From=[PHONE]&To=[PHONE]"),
                arguments("call 14155552671 now", "call [PHONE] now"),
                arguments("{\"from\":\"14155552671\"}", "{\"from\":\"[PHONE]\"}"),
                // nine bare digits as the value of an SSN key
                arguments("ssn=123456789", "ssn=[SSN]"),
                arguments("SSN: 123456789", "SSN: [SSN]"),
                arguments("{\"social_security_number\":\"123456789\"}", "{\"social_security_number\":\"[SSN]\"}"),
                arguments("taxId=123456789&x=1", "taxId=[SSN]&x=1"),
                arguments("customerSsn = 912701234", "customerSsn = [SSN]"),
                arguments("{\"tax_id\": 123456789}", "{\"tax_id\": [SSN]}"),
                arguments("ssn=912-70-1234", "ssn=[SSN]"),
                // cookies: every value of a Cookie header, the cookie's own value of a Set-Cookie header
                arguments("Cookie: session=abc123def; other=xyz", "Cookie: session=[SECRET]; other=[SECRET]"),
                arguments(
                        "Set-Cookie: sid=31d4d96e407aad42; Path=/; Secure; HttpOnly",
                        "Set-Cookie: sid=[SECRET]; Path=/; Secure; HttpOnly"),
                arguments(
                        "{\"cookie\":\"sid=abc==; theme=dark\",\"a\":1}",
                        "{\"cookie\":\"sid=[SECRET]; theme=[SECRET]\",\"a\":1}"),
                arguments("cookie: sid=\"q1w2e3\"; lang=en", "cookie: sid=[SECRET]; lang=[SECRET]"),
                // e-mail local parts over the RFC's 64 chars
                arguments("mail " + "a".repeat(70) + "@example.com now", "mail [EMAIL] now"),
                arguments("to=" + "jane.doe.".repeat(30) + "x@example.org", "to=[EMAIL]"),
                // digits of other scripts: full-width, Arabic-Indic, extended Arabic-Indic, Devanagari
                arguments("call \uFF14\uFF11\uFF15\uFF15\uFF15\uFF15\uFF12\uFF16\uFF17\uFF11 now", "call [PHONE] now"),
                arguments("call \u0664\u0661\u0665-\u0665\u0665\u0665-\u0662\u0666\u0667\u0661", "call [PHONE]"),
                arguments("ssn \u06F1\u06F2\u06F3-\u06F4\u06F5-\u06F6\u06F7\u06F8\u06F9", "ssn [SSN]"),
                arguments(
                        "card \uFF14\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11",
                        "card [CARD ****1111]"),
                arguments("tel +\u0967 \u096A\u0967\u096B \u096B\u096B\u096B \u0968\u096C\u096D\u0967", "tel [PHONE]"),
                arguments("mail jane\uFF20example.com", "mail [EMAIL]"),
                // mathematical bold digits, outside the BMP (surrogate pairs)
                arguments(
                        "call \uD835\uDFD2\uD835\uDFCF\uD835\uDFD3-\uD835\uDFD3\uD835\uDFD3\uD835\uDFD3-\uD835\uDFD0\uD835\uDFD4\uD835\uDFD5\uD835\uDFCF now",
                        "call [PHONE] now"),
                // percent-encoded, once or twice
                arguments("mail jane%40example.com", "mail [EMAIL]"),
                arguments("GET /u?email=jane%40example.com&page=2", "GET /u?email=[EMAIL]&page=2"),
                arguments("to=%2B14155552671", "to=[PHONE]"),
                arguments("mail jane%2540example.com", "mail [EMAIL]"),
                arguments("q=call%20415%20555%202671", "q=call%20[PHONE]"),
                arguments(
                        "tel %EF%BC%94%EF%BC%91%EF%BC%95%EF%BC%95%EF%BC%95%EF%BC%95%EF%BC%92%EF%BC%96%EF%BC%97%EF%BC%91",
                        "tel [PHONE]"),
                // several in one line
                arguments(
                        "user jane@example.com paid with 4111111111111111 from 203.0.113.9",
                        "user [EMAIL] paid with [CARD ****1111] from [IP]"));
    }

    static Stream<String> untouched() {
        return Stream.of(
                // e-mail look-alikes
                "user@localhost",
                "@Override public void run()",
                "price 5@3.50",
                // phone look-alikes
                "call 155-555-2671",
                "id 1234567890",
                "code +12345",
                "local 555-2671",
                "(555) 123-4567",
                // impossible SSNs
                "000-12-3456",
                "666-12-3456",
                "900-12-3456",
                "123-00-4567",
                "123-45-0000",
                // cards failing Luhn or not cards
                "4111 1111 1111 1112",
                "4111111111111112",
                "luhn-valid 7000000000000005",
                // IBAN with a wrong check digit
                "GB82 WEST 1234 5698 7654 33",
                // loopback, unspecified, versions
                "127.0.0.1",
                "::1",
                "0.0.0.0",
                "v1.2.3.4",
                "1.2.3.4.5",
                "999.1.1.1",
                "192.168.0.256",
                "x.1.2.3.4",
                "12:34:56",
                "00:1a:2b:3c:4d:5e",
                "std::vector cafe::face",
                // ids, hashes, times, amounts, versions
                "123e4567-e89b-12d3-a456-426614174000",
                "trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7",
                "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
                "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "at 2026-01-09T12:34:56.789Z",
                "on 2026-01-09",
                "epoch 1767961496",
                "epoch_ms=1767961496789",
                "luhn-valid epoch ms 1767961496786",
                "total $1,234.56",
                "total 1234.56 USD",
                "version 1.17.2 and 2.0.20",
                "ORD-2026-000123",
                "campaign_42 cmp-8f3a",
                "model gpt-4o-2024-08-06",
                "model claude-3-5-sonnet-20241022",
                "GET http://localhost:8080/x",
                "scrape http://127.0.0.1:9090/metrics",
                "https://user@example",
                "card ****1111",
                "last4=1111",
                "twilio account AC2a3b4c5d6e7f8091a2b3c4d5e6f70819",
                // secret-ish words that are not secrets
                "Bearer token expired",
                "Basic authentication failed",
                "max_tokens=4096 prompt_tokens: 12",
                "password_hash_algorithm=bcrypt",
                "has_password=true",
                "secret=null, token=",
                "password:",
                "Authorization: Bearer",
                "gb82 west 1234 5698 7654 32",
                "if (password == null) return",
                "task-runner sk-short",
                // masks already produced
                "[EMAIL] [PHONE] [SSN] [CARD ****1111] [CARD] [IBAN] [IP]",
                "password=[SECRET] Authorization: Bearer [SECRET] token=****",
                "postgres://user:[SECRET]@db:5432/x",
                // version numbers with four parts, after a version word
                "version 1.2.3.4",
                "build: 10.0.19045.1",
                "Ver 2.0.1.5 shipped",
                "firmware=4.2.0.17",
                // extension look-alikes
                "415-555-2671xyz is no number",
                // nine bare digits without an SSN key, and keys that only look like one
                "id 123456789",
                "order=123456789 amount=123456789",
                "ssn_last4=6789",
                "taxonomy=123456789",
                "ssn=12345678",
                // eleven digits that are no NANP number
                "count 10000000000",
                "bytes=11234567890",
                // percent signs that encode nothing
                "progress 100% done, 50%off, %d items, 100%",
                "cpu=95%, mem=40%",
                "mail jane%40localhost",
                // cookie prose and empty cookie headers
                "Cookie: missing",
                "cookie policy accepted",
                "Set-Cookie:",
                // digits of other scripts that form no value
                "\u0661\u0662\u0663 \uFF11\uFF12",
                // a whole clean log line
                "2026-01-09T12:34:56.789Z INFO [main] OrderService - order ORD-2026-000123 took 35 ms (status=200)");
    }

    @ParameterizedTest
    @MethodSource("masked")
    void masks(String input, String expected) {
        assertThat(MASKER.mask(input)).isEqualTo(expected);
        assertThat(MASKER.containsPii(input)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("masked")
    void maskingTwiceChangesNothingMore(String input, String expected) {
        String once = MASKER.mask(input);
        assertThat(MASKER.mask(once)).isEqualTo(once);
    }

    @ParameterizedTest
    @MethodSource("untouched")
    void leavesAlone(String input) {
        assertThat(MASKER.mask(input)).isSameAs(input);
        assertThat(MASKER.containsPii(input)).isFalse();
    }
}
