package io.escalation.obs.core.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Builder options, misconfiguration, and the null and never-throw contract. */
class PiiMaskerBuilderTest {

    static Stream<Arguments> options() {
        return Stream.of(
                arguments(
                        "disable EMAIL",
                        (Supplier<PiiMasker>)
                                () -> PiiMasker.builder().disable(PiiType.EMAIL).build(),
                        "jane@example.com paid 4111111111111111",
                        "jane@example.com paid [CARD ****1111]"),
                arguments(
                        "disable CARD",
                        (Supplier<PiiMasker>)
                                () -> PiiMasker.builder().disable(PiiType.CARD).build(),
                        "jane@example.com paid 4111111111111111",
                        "[EMAIL] paid 4111111111111111"),
                arguments(
                        "disable PHONE",
                        (Supplier<PiiMasker>)
                                () -> PiiMasker.builder().disable(PiiType.PHONE).build(),
                        "call 415-555-2671 or +44 20 7946 0958",
                        "call 415-555-2671 or +44 20 7946 0958"),
                arguments(
                        "disable SSN",
                        (Supplier<PiiMasker>)
                                () -> PiiMasker.builder().disable(PiiType.SSN).build(),
                        "ssn 123-45-6789",
                        "ssn 123-45-6789"),
                arguments(
                        "disable IBAN",
                        (Supplier<PiiMasker>)
                                () -> PiiMasker.builder().disable(PiiType.IBAN).build(),
                        "DE89370400440532013000",
                        "DE89370400440532013000"),
                arguments(
                        "disable IP_ADDRESS",
                        (Supplier<PiiMasker>) () ->
                                PiiMasker.builder().disable(PiiType.IP_ADDRESS).build(),
                        "from 10.0.0.5 and 2001:db8::1",
                        "from 10.0.0.5 and 2001:db8::1"),
                arguments(
                        "disable SECRET keeps URL credentials",
                        (Supplier<PiiMasker>) () ->
                                PiiMasker.builder().disable(PiiType.SECRET).build(),
                        "password=hunter2 postgres://u:pw@db/x",
                        "password=hunter2 postgres://u:[SECRET]@db/x"),
                arguments(
                        "disable URL_CREDENTIALS",
                        (Supplier<PiiMasker>) () -> PiiMasker.builder()
                                .disable(PiiType.URL_CREDENTIALS)
                                .build(),
                        "postgres://u:pw@db/x password=hunter2",
                        "postgres://u:pw@db/x password=[SECRET]"),
                arguments(
                        "only EMAIL",
                        (Supplier<PiiMasker>) () -> PiiMasker.builder()
                                .disable(PiiType.values())
                                .enable(PiiType.EMAIL)
                                .build(),
                        "jane@example.com 4111111111111111 10.0.0.5 password=x",
                        "[EMAIL] 4111111111111111 10.0.0.5 password=x"),
                arguments(
                        "keepCardLast4(false)",
                        (Supplier<PiiMasker>)
                                () -> PiiMasker.builder().keepCardLast4(false).build(),
                        "card 4111 1111 1111 1111",
                        "card [CARD]"),
                arguments(
                        "custom pattern",
                        (Supplier<PiiMasker>) () -> PiiMasker.builder()
                                .addPattern("employee", Pattern.compile("EMP-[0-9]{6}"))
                                .build(),
                        "by EMP-123456 for jane@example.com",
                        "by [EMPLOYEE] for [EMAIL]"),
                arguments(
                        "two custom patterns",
                        (Supplier<PiiMasker>) () -> PiiMasker.builder()
                                .addPattern("employee", Pattern.compile("EMP-[0-9]{6}"))
                                .addPattern("badge_no", Pattern.compile("BADGE#[0-9]++"))
                                .build(),
                        "EMP-000042 BADGE#77",
                        "[EMPLOYEE] [BADGE_NO]"),
                arguments(
                        "custom pattern and allowlist",
                        (Supplier<PiiMasker>) () -> PiiMasker.builder()
                                .addPattern("employee", Pattern.compile("EMP-[0-9]{6}"))
                                .allow("EMP-000000")
                                .build(),
                        "EMP-000000 EMP-123456",
                        "EMP-000000 [EMPLOYEE]"),
                arguments(
                        "allowlisted e-mail",
                        (Supplier<PiiMasker>) () ->
                                PiiMasker.builder().allow("support@example.com").build(),
                        "mail support@example.com or jane@example.com",
                        "mail support@example.com or [EMAIL]"),
                arguments(
                        "allowlisted IP",
                        (Supplier<PiiMasker>)
                                () -> PiiMasker.builder().allow("10.0.0.1").build(),
                        "dns 10.0.0.1 peer 10.0.0.2",
                        "dns 10.0.0.1 peer [IP]"),
                arguments(
                        "allowlisted secret value",
                        (Supplier<PiiMasker>)
                                () -> PiiMasker.builder().allow("changeme").build(),
                        "password=changeme token=abc",
                        "password=changeme token=[SECRET]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void option(String name, Supplier<PiiMasker> masker, String input, String expected) {
        PiiMasker m = masker.get();
        String masked = m.mask(input);
        assertThat(masked).isEqualTo(expected);
        assertThat(m.mask(masked)).isEqualTo(masked);
        if (expected.equals(input)) {
            assertThat(masked).isSameAs(input);
        }
    }

    static Stream<Arguments> misconfigurations() {
        return Stream.of(
                arguments(
                        (Runnable) () -> PiiMasker.builder().addPattern(null, Pattern.compile("x")), "non-blank name"),
                arguments(
                        (Runnable) () -> PiiMasker.builder().addPattern("  ", Pattern.compile("x")), "non-blank name"),
                arguments(
                        (Runnable) () -> PiiMasker.builder().addPattern("bad name!", Pattern.compile("x")),
                        "may contain only"),
                arguments((Runnable) () -> PiiMasker.builder().addPattern("ok", null), "pass a compiled Pattern"),
                arguments((Runnable) () -> PiiMasker.builder().allow(null), "non-empty text"),
                arguments((Runnable) () -> PiiMasker.builder().allow(""), "non-empty text"),
                arguments((Runnable) () -> PiiMasker.builder().enable((PiiType[]) null), "not null"),
                arguments((Runnable) () -> PiiMasker.builder().disable(PiiType.EMAIL, null), "remove the null entry"));
    }

    @ParameterizedTest
    @MethodSource("misconfigurations")
    void misconfigurationIsRejectedWithAHint(Runnable call, String hint) {
        assertThatThrownBy(call::run)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(hint);
    }

    @Test
    void nullInNullOut() {
        assertThat(PiiMasker.defaults().mask(null)).isNull();
        assertThat(PiiMasker.defaults().containsPii(null)).isFalse();
    }

    @Test
    void emptyAndCleanTextComeBackAsTheSameInstance() {
        String empty = "";
        String clean = "GET /api/orders/ORD-2026-000123 200 in 35 ms";
        assertThat(PiiMasker.defaults().mask(empty)).isSameAs(empty);
        assertThat(PiiMasker.defaults().mask(clean)).isSameAs(clean);
    }

    @Test
    void defaultsIsShared() {
        assertThat(PiiMasker.defaults()).isSameAs(PiiMasker.defaults());
    }

    @Test
    void failingCustomPatternRedactsEverythingInsteadOfThrowing() {
        // java.util.regex recurses per repetition of a group with alternation: long input overflows the stack
        PiiMasker masker =
                PiiMasker.builder().addPattern("ab", Pattern.compile("(a|b)*c")).build();
        String input = "jane@example.com " + "ab".repeat(200_000);
        assertThat(masker.mask(input)).isEqualTo("[REDACTED]");
        assertThat(masker.containsPii(input)).isTrue();
    }

    @Test
    void typeLabels() {
        assertThat(Stream.of(PiiType.values()).map(PiiType::label))
                .containsExactly("[EMAIL]", "[PHONE]", "[SSN]", "[CARD]", "[IBAN]", "[IP]", "[SECRET]", "[SECRET]");
    }
}
