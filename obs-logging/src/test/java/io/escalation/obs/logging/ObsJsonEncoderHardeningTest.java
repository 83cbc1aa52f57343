package io.escalation.obs.logging;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static net.logstash.logback.argument.StructuredArguments.kv;
import static net.logstash.logback.argument.StructuredArguments.raw;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.core.pii.PiiNumbers;
import io.escalation.obs.test.TestObservability;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Issue 12 (Hardening II): names, reserved names, secrets, numbers, serialisation failures, C1 controls. */
class ObsJsonEncoderHardeningTest {

    @Test
    void fieldNamesHoldingPiiAreMaskedAndStayUnique() {
        try (JsonLines logs = new JsonLines().start()) {
            try (MDC.MDCCloseable a = MDC.putCloseable("jane.doe@example.com", "x");
                    MDC.MDCCloseable b = MDC.putCloseable("john.roe@example.com", "y")) {
                logs.logger("app")
                        .info(
                                "keys",
                                kv("ann@example.org", "z"),
                                kv("+1 415 555 2671", 3),
                                kv("nested", Map.of("bob@example.net", "w")));
            }
            String text = logs.text();
            assertThat(text)
                    .doesNotContain(
                            "jane.doe@example.com",
                            "john.roe@example.com",
                            "ann@example.org",
                            "555 2671",
                            "bob@example.net");
            JsonNode line = logs.single();
            List<String> masked = new ArrayList<>();
            for (Iterator<String> names = line.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.startsWith("[")) {
                    masked.add(name);
                }
            }
            assertThat(masked)
                    .as("four masked top-level keys, all distinct")
                    .hasSize(4)
                    .doesNotHaveDuplicates();
            assertThat(masked).allMatch(name -> name.startsWith("[EMAIL]") || name.startsWith("[PHONE]"));
            assertThat(line.get("nested").fieldNames().next()).startsWith("[EMAIL]");
        }
    }

    @Test
    void reservedFieldNamesAreMaskedAnywhereButInTheEncodersOwnFields() {
        try (JsonLines logs = new JsonLines().start()) {
            Logger log = logs.logger("app");
            try (MDC.MDCCloseable m = MDC.putCloseable("level", "jane@example.com");
                    MDC.MDCCloseable t = MDC.putCloseable("span_id", "call 415-555-2671")) {
                log.info(
                        "reserved",
                        kv("trace_id", "ann@example.org"),
                        kv("@timestamp", "4111 1111 1111 1111"),
                        kv("c", Map.of("level", "bob@example.net")),
                        raw("p", "{\"trace_id\":\"4111111111111111\",\"span_id\":4111111111111111}"));
            }
            log.atInfo().addKeyValue("trace_id", "kim@example.com").log("fluent");

            String text = logs.text();
            assertThat(text)
                    .doesNotContain(
                            "jane@example.com",
                            "555-2671",
                            "ann@example.org",
                            "4111 1111",
                            "bob@example.net",
                            "4111111111111111",
                            "kim@example.com");
            assertThat(text)
                    .contains(
                            "\"level\":\"INFO\"",
                            "\"c\":{\"level\":\"[EMAIL]\"}",
                            "\"p\":{\"trace_id\":\"[CARD ****1111]\",\"span_id\":\"[CARD ****1111]\"}");
            assertThat(logs.lines().get(1).has("trace_id"))
                    .as("a caller's pair is no trusted id")
                    .isFalse();
        }
    }

    @Test
    void secretNamesAreMatchedByWordsInAnyCaseAndSpelling() {
        try (JsonLines logs = new JsonLines().start()) {
            try (MDC.MDCCloseable m = MDC.putCloseable("x-api-key", "k-mdc-1")) {
                logs.logger("app")
                        .info(
                                "login",
                                kv("PASSWORD", "s3cr-a"),
                                kv("dbPassword", "s3cr-b"),
                                kv("sessionToken", "s3cr-c"),
                                kv("Set-Cookie", "sid=s3cr-d"),
                                kv("otp", "s3cr-e"),
                                kv("client", Map.of("Authorization", "Bearer s3cr-f", "X-API-Key", "s3cr-g")),
                                kv("tokens_used", 1200),
                                kv("input_tokens", 300));
            }
            JsonNode line = logs.single();
            assertThat(logs.text()).doesNotContain("k-mdc-1", "s3cr-");
            for (String name :
                    new String[] {"x-api-key", "PASSWORD", "dbPassword", "sessionToken", "Set-Cookie", "otp"}) {
                assertThat(line.get(name).asText()).as(name).isEqualTo("[SECRET]");
            }
            assertThat(line.get("client").get("Authorization").asText()).isEqualTo("[SECRET]");
            assertThat(line.get("tokens_used").asInt())
                    .as("an LLM token count is no secret")
                    .isEqualTo(1200);
            assertThat(line.get("input_tokens").asInt()).isEqualTo(300);
        }
    }

    @Test
    void numbersOfEveryTypeAreMaskedWhenTheirDigitsArePii() {
        try (JsonLines logs = new JsonLines().start()) {
            logs.logger("app")
                    .info(
                            "numbers",
                            kv("acct", new BigDecimal("4111111111111111")),
                            kv("cardInt", new BigInteger("4111111111111111")),
                            kv("phone", 4155552671L),
                            kv("phoneDouble", 4155552671d),
                            kv("phoneAtomic", new AtomicLong(4155552671L)),
                            kv("inList", List.of(1, 4155552671L)),
                            kv("count", 145),
                            kv("amount", new BigDecimal("120.50")),
                            kv("ratio", 0.25),
                            kv("big", 1_000_000_000_000L));
            JsonNode line = logs.single();
            assertThat(logs.text()).doesNotContain("4111111111111111", "4155552671", "4.155552671E9");
            assertThat(line.get("acct").asText()).isEqualTo("[CARD ****1111]");
            assertThat(line.get("cardInt").asText()).isEqualTo("[CARD ****1111]");
            assertThat(line.get("phone").asText()).isEqualTo("[PHONE]");
            assertThat(line.get("phoneDouble").asText()).isEqualTo("[PHONE]");
            assertThat(line.get("phoneAtomic").asText()).isEqualTo("[PHONE]");
            assertThat(line.get("inList").get(1).asText()).isEqualTo("[PHONE]");
            assertThat(line.get("count").isInt()).isTrue();
            assertThat(line.get("amount").decimalValue()).isEqualByComparingTo("120.50");
            assertThat(line.get("ratio").asDouble()).isEqualTo(0.25);
            assertThat(line.get("big").isNumber())
                    .as("a round trillion is no PII")
                    .isTrue();
        }
    }

    @Test
    void aDecimalWithAHugeExponentIsNotSpelledOutForTheMasker() {
        // 1E+100000000 spelled out is 100 million digits, seconds of work and 100 MB per log call; digits
        // followed by that many zeros are one run, in which the masker finds no phone, card or SSN
        assertThat(PiiNumbers.mayBePii(new BigDecimal("1E+100000000"))).isFalse();
        assertThat(PiiNumbers.mayBePii(new BigDecimal("4.111111111111111E+80"))).isFalse();
        assertThat(PiiNumbers.mayBePii(new BigDecimal("4.111111111111111E+15"))).isTrue();
        try (JsonLines logs = new JsonLines().start()) {
            logs.logger("app").info("huge", kv("n", new BigDecimal("1E+100000000")));
            assertThat(logs.text()).contains("\"n\":1E+100000000");
        }
    }

    @Test
    void javaTimeValuesAreWrittenAsIsoStrings() {
        try (JsonLines logs = new JsonLines().start()) {
            logs.logger("app")
                    .error(
                            "payment failed",
                            kv("at", Instant.parse("2026-01-09T12:34:56.789Z")),
                            kv("due", LocalDate.of(2026, 2, 1)),
                            kv("took", Duration.ofMillis(1500)),
                            new IllegalStateException("declined"));
            JsonNode line = logs.single();
            assertThat(line.get("message").asText()).isEqualTo("payment failed");
            assertThat(line.get("at").asText()).isEqualTo("2026-01-09T12:34:56.789Z");
            assertThat(line.get("due").asText()).isEqualTo("2026-02-01");
            assertThat(line.get("took").asText()).isEqualTo("PT1.5S");
            assertThat(line.get("stack_trace").asText()).startsWith("java.lang.IllegalStateException: declined");
        }
    }

    /** A bean whose getter throws: Jackson cannot serialise it. */
    public static final class Unserialisable {
        public String getEmail() {
            throw new IllegalStateException("jane@example.com is not loaded");
        }
    }

    @Test
    void anEventThatCannotBeSerialisedIsWrittenDegradedAndMasked() {
        try (JsonLines logs = new JsonLines().start();
                TestObservability test = TestObservability.create()) {
            ObsLogging.install(test.obs(), logs.context);
            logs.logger("app")
                    .error(
                            "payment failed for jane@example.com",
                            kv("customer", new Unserialisable()),
                            new IllegalStateException("declined"));
            logs.logger("app").info("next");

            List<JsonNode> lines = logs.lines();
            assertThat(lines).hasSize(2);
            JsonNode degraded = lines.get(0);
            assertThat(degraded.get("message").asText()).isEqualTo("payment failed for [EMAIL]");
            assertThat(degraded.get("level").asText()).isEqualTo("ERROR");
            assertThat(degraded.get("logger").asText()).isEqualTo("app");
            assertThat(degraded.get("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(degraded.get("serialization_error").asText()).contains("JsonMappingException");
            assertThat(lines.get(1).get("message").asText()).isEqualTo("next");
            assertThat(logs.text()).doesNotContain("jane@example.com");
            List<Status> statuses = logs.context.getStatusManager().getCopyOfStatusList();
            assertThat(statuses).extracting(Status::getMessage).anyMatch(m -> m.contains("serialization_error"));
            assertThat(statuses.toString()).doesNotContain("jane@example.com");
            assertThatScrape(test)
                    .hasSample(
                            "obs_instrumentation_errors_total",
                            1,
                            "metric",
                            "logging_events_dropped_total",
                            "reason",
                            "recording_failed");
            for (Status status : statuses) {
                if (status.getThrowable() != null) {
                    assertThat(String.valueOf(status.getThrowable().getMessage()))
                            .doesNotContain("jane@example.com");
                }
            }
        }
    }

    @Test
    void delAndC1ControlsAreEscaped() {
        try (JsonLines logs = new JsonLines().start()) {
            logs.logger("app").info("\u009b31mred\u007f and \u0080\u009f", kv("k\u009b", "v\u007f"));
            String text = logs.text();
            assertThat(text).doesNotContain("\u009b", "\u007f", "\u0080", "\u009f");
            assertThat(text).contains("\\u009b31mred\\u007f and \\u0080\\u009f", "\"k\\u009b\":\"v\\u007f\"");
            assertThat(logs.single().get("message").asText()).isEqualTo("\u009b31mred\u007f and \u0080\u009f");
        }
    }
}
