package io.escalation.obs.logging;

import static net.logstash.logback.argument.StructuredArguments.array;
import static net.logstash.logback.argument.StructuredArguments.kv;
import static net.logstash.logback.argument.StructuredArguments.raw;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.test.TestObservability;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ObsJsonEncoderTest {

    @Test
    void writesTheSeedsFieldsOnOneLine() throws Exception {
        try (JsonLines logs = new JsonLines().start();
                TestObservability test = TestObservability.create()) {
            ObsLogging.install(test.obs(), logs.context);
            Logger log = logs.logger("io.escalation.campaigns.CampaignService");
            try (MDC.MDCCloseable r = MDC.putCloseable(LogFields.REQUEST_ID, "req_789");
                    MDC.MDCCloseable u = MDC.putCloseable(LogFields.USER_ID, "user_123");
                    MDC.MDCCloseable c = MDC.putCloseable(LogFields.CAMPAIGN_ID, "campaign_456")) {
                log.info(
                        "Campaign created successfully",
                        kv(LogFields.ACTION, "create_campaign"),
                        kv(LogFields.DURATION_MS, 145));
            }

            JsonNode line = logs.single();
            assertThat(line.get("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}.*");
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("message").asText()).isEqualTo("Campaign created successfully");
            assertThat(line.get("logger").asText()).isEqualTo("io.escalation.campaigns.CampaignService");
            assertThat(line.get("thread").asText())
                    .isEqualTo(Thread.currentThread().getName());
            assertThat(line.get("service").asText()).isEqualTo("test-service");
            assertThat(line.get("environment").asText()).isEqualTo("test");
            assertThat(line.get("request_id").asText()).isEqualTo("req_789");
            assertThat(line.get("userId").asText()).isEqualTo("user_123");
            assertThat(line.get("campaignId").asText()).isEqualTo("campaign_456");
            assertThat(line.get("action").asText()).isEqualTo("create_campaign");
            assertThat(line.get("duration_ms").asInt()).isEqualTo(145);
            assertThat(line.has("level_value")).isFalse();
            assertThat(line.has("@version")).isFalse();
            assertThat(line.has("trace_id")).as("no span is current").isFalse();
            assertThat(line.has("category")).isFalse();
        }
    }

    @Test
    void configuredServiceAndEnvironmentApplyUntilInstall() {
        try (JsonLines logs = new JsonLines().start()) {
            logs.logger("app").info("starting");
            JsonNode line = logs.single();
            assertThat(line.get("service").asText()).isEqualTo("configured-service");
            assertThat(line.get("environment").asText()).isEqualTo("configured-env");
        }
    }

    @Test
    void aFieldsLastCleanValueIsRememberedByIdentityOnly() {
        try (JsonLines logs = new JsonLines().start()) {
            Logger log = logs.logger("app");
            String clean = "operator_1187";
            for (String userId : new String[] {clean, "jane@example.com", clean, new String("jane@example.com")}) {
                try (MDC.MDCCloseable m = MDC.putCloseable("userId", userId)) {
                    log.info("step");
                }
            }
            assertThat(logs.lines())
                    .extracting(line -> line.get("userId").asText())
                    .containsExactly("operator_1187", "[EMAIL]", "operator_1187", "[EMAIL]");
        }
    }

    @Test
    void masksMessageMdcArgumentsAndExceptionMessages() {
        try (JsonLines logs = new JsonLines().start()) {
            Logger log = logs.logger("app");
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put("contact", "jane@example.com");
            nested.put("note", "call back on +1 415 555 2671");
            try (MDC.MDCCloseable m = MDC.putCloseable("customerEmail", "jane@example.com")) {
                log.warn(
                        "call +1 415 555 2671 mail jane@example.com",
                        kv("phone", "+1 415 555 2671"),
                        kv("customer", nested),
                        kv("cardOnFile", 4111111111111111L),
                        kv("attempts", 3),
                        array("ips", "customer 192.168.1.1", "ok"),
                        new IllegalStateException("lookup failed for jane@example.com"));
            }

            JsonNode line = logs.single();
            assertThat(line.get("message").asText()).isEqualTo("call [PHONE] mail [EMAIL]");
            assertThat(line.get("customerEmail").asText()).isEqualTo("[EMAIL]");
            assertThat(line.get("phone").asText()).isEqualTo("[PHONE]");
            assertThat(line.get("customer").get("contact").asText()).isEqualTo("[EMAIL]");
            assertThat(line.get("customer").get("note").asText()).isEqualTo("call back on [PHONE]");
            assertThat(line.get("cardOnFile").asText()).isEqualTo("[CARD ****1111]");
            assertThat(line.get("attempts").asInt()).isEqualTo(3);
            assertThat(line.get("ips").get(0).asText()).isEqualTo("customer [IP]");
            assertThat(line.get("ips").get(1).asText()).isEqualTo("ok");
            assertThat(line.get("stack_trace").asText())
                    .startsWith("java.lang.IllegalStateException: lookup failed for [EMAIL]")
                    .doesNotContain("jane@example.com");
            assertThat(logs.text()).doesNotContain("jane@example.com", "555 2671", "4111111111111111", "192.168.1.1");
        }
    }

    @Test
    void secretFieldsAreMaskedByNameAtAnyDepth() {
        try (JsonLines logs = new JsonLines()) {
            logs.encoder.addSecretField("employeeBadge");
            logs.start();
            Map<String, Object> credentials = new LinkedHashMap<>();
            credentials.put("user", "ops");
            credentials.put("password", "correct horse battery staple");
            credentials.put("cardNumber", "4111 1111 1111 1111");
            try (MDC.MDCCloseable m = MDC.putCloseable("token", "abc")) {
                logs.logger("app")
                        .info(
                                "login",
                                kv("password", "hunter2"),
                                kv("login", credentials),
                                kv("employeeBadge", 1234),
                                kv("api_key", List.of("k1", "k2")));
            }

            JsonNode line = logs.single();
            assertThat(line.get("password").asText()).isEqualTo("[SECRET]");
            assertThat(line.get("token").asText()).isEqualTo("[SECRET]");
            assertThat(line.get("login").get("user").asText()).isEqualTo("ops");
            assertThat(line.get("login").get("password").asText()).isEqualTo("[SECRET]");
            assertThat(line.get("login").get("cardNumber").asText()).isEqualTo("[SECRET]");
            assertThat(line.get("employeeBadge").asText()).isEqualTo("[SECRET]");
            assertThat(line.get("api_key").asText()).isEqualTo("[SECRET]");
            assertThat(logs.text()).doesNotContain("hunter2", "horse", "1234", "k1");
        }
    }

    @Test
    void rawJsonIsReparsedAndMasked() {
        try (JsonLines logs = new JsonLines().start()) {
            logs.logger("app")
                    .info(
                            "webhook",
                            raw(
                                    "payload",
                                    "{\"email\":\"jane@example.com\",\"password\":\"x1\",\"n\":[7,\"+1 415 555 2671\"]}"),
                            raw("broken", "{\"email\": jane@example.com"),
                            raw("twoValues", "1 2"));
            logs.logger("app")
                    .info(Markers.appendRaw("viaMarker", "[\"call 4155552671\", {\"token\": \"t\"}]"), "marker");

            List<JsonNode> lines = logs.lines();
            JsonNode payload = lines.get(0).get("payload");
            assertThat(payload.get("email").asText()).isEqualTo("[EMAIL]");
            assertThat(payload.get("password").asText()).isEqualTo("[SECRET]");
            assertThat(payload.get("n").get(0).asInt()).isEqualTo(7);
            assertThat(payload.get("n").get(1).asText()).isEqualTo("[PHONE]");
            assertThat(lines.get(0).get("broken").asText())
                    .as("invalid raw JSON becomes a masked string")
                    .isEqualTo("{\"email\": [EMAIL]");
            assertThat(lines.get(0).get("twoValues").asText()).isEqualTo("1 2");
            JsonNode viaMarker = lines.get(1).get("viaMarker");
            assertThat(viaMarker.get(0).asText()).isEqualTo("call [PHONE]");
            assertThat(viaMarker.get(1).get("token").asText()).isEqualTo("[SECRET]");
            assertThat(logs.text()).doesNotContain("jane@example.com", "4155552671", "555 2671");
        }
    }

    @Test
    void lineBreaksInValuesCannotForgeASecondRecord() {
        String forged = "ok\r\n{\"level\":\"ERROR\",\"message\":\"forged\"}\n";
        String hostile = forged + "a\u2028b\u2029c\u0085d\u000be";
        try (JsonLines logs = new JsonLines().start()) {
            try (MDC.MDCCloseable m = MDC.putCloseable("request_id", "r1\nr2\u2028")) {
                logs.logger("app").info(hostile, kv("note", "x\u2029\r\ny"));
            }

            byte[] written = logs.bytes.toByteArray();
            List<Integer> newlines = new ArrayList<>();
            for (int i = 0; i < written.length; i++) {
                if (written[i] == '\n') {
                    newlines.add(i);
                }
                assertThat(written[i])
                        .as("no raw CR, VT, NEL or line/paragraph separator byte at %d", i)
                        .isNotEqualTo((byte) '\r')
                        .isNotEqualTo((byte) 0x0b)
                        .isNotEqualTo((byte) 0x85)
                        .isNotEqualTo((byte) 0xe2);
            }
            assertThat(newlines)
                    .as("one record, one line feed, at the very end")
                    .containsExactly(written.length - 1);
            String text = new String(written, StandardCharsets.UTF_8);
            assertThat(text).contains("\\r\\n{\\\"level\\\"", "a\\u2028b\\u2029c\\u0085d\\u000Be");

            JsonNode line = logs.single();
            assertThat(line.get("message").asText()).isEqualTo(hostile);
            assertThat(line.get("level").asText()).isEqualTo("INFO");
            assertThat(line.get("request_id").asText()).isEqualTo("r1\nr2\u2028");
            assertThat(line.get("note").asText()).isEqualTo("x\u2029\r\ny");
        }
    }

    @Test
    void traceAndSpanIdsOfTheCurrentSpan() {
        try (JsonLines logs = new JsonLines().start();
                TestObservability test = TestObservability.create()) {
            Span span = test.obs()
                    .openTelemetry()
                    .getTracer("test")
                    .spanBuilder("process_payment")
                    .startSpan();
            try (Scope scope = span.makeCurrent()) {
                logs.logger("app").info("inside");
            } finally {
                span.end();
            }
            logs.logger("app").info("outside");

            List<JsonNode> lines = logs.lines();
            assertThat(lines.get(0).get("trace_id").asText())
                    .isEqualTo(span.getSpanContext().getTraceId())
                    .hasSize(32);
            assertThat(lines.get(0).get("span_id").asText())
                    .isEqualTo(span.getSpanContext().getSpanId())
                    .hasSize(16);
            assertThat(lines.get(1).has("trace_id")).isFalse();
            assertThat(lines.get(1).has("span_id")).isFalse();
        }
    }

    @Test
    void springBootsTraceIdsInTheMdcBecomeTraceAndSpanIdsWhenTheyAreIds() {
        try (JsonLines logs = new JsonLines().start()) {
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            String spanId = "00f067aa0ba902b7";
            try (MDC.MDCCloseable t = MDC.putCloseable("traceId", traceId);
                    MDC.MDCCloseable s = MDC.putCloseable("spanId", spanId)) {
                logs.logger("app").info("inside a Boot request");
            }
            try (MDC.MDCCloseable t = MDC.putCloseable("traceId", "call +1 415 555 0134");
                    MDC.MDCCloseable s = MDC.putCloseable("spanId", spanId)) {
                logs.logger("app").info("not an id");
            }

            List<JsonNode> lines = logs.lines();
            assertThat(lines.get(0).get("trace_id").asText()).isEqualTo(traceId);
            assertThat(lines.get(0).get("span_id").asText()).isEqualTo(spanId);
            assertThat(lines.get(1).has("trace_id")).isFalse();
            assertThat(lines.get(1).has("span_id")).isFalse();
            assertThat(lines.get(1).toString()).doesNotContain("555 0134");
        }
    }

    @Test
    void categoryLoggersCarryTheirCategory() {
        try (JsonLines logs = new JsonLines().start()) {
            logs.logger(LogCategory.TCPA.loggerName()).info("Call blocked outside permitted hours");
            logs.logger("obs.http.outbound").info("GET /v1/charges 200");
            logs.logger("obs.httpx").info("not a category");

            List<JsonNode> lines = logs.lines();
            assertThat(lines.get(0).get("category").asText()).isEqualTo("tcpa");
            assertThat(lines.get(0).get("logger").asText()).isEqualTo("obs.audit.tcpa");
            assertThat(lines.get(1).get("category").asText()).isEqualTo("http");
            assertThat(lines.get(2).has("category")).isFalse();
        }
        assertThat(LogCategory.of("obs.audit.security.login")).isEqualTo(LogCategory.SECURITY);
        assertThat(LogCategory.of("obs.business")).isEqualTo(LogCategory.BUSINESS);
        assertThat(LogCategory.of("io.escalation.obs.db")).isNull();
        assertThat(LogCategory.of(null)).isNull();
        assertThat(LogCategory.HTTP.logger("outbound").getName()).isEqualTo("obs.http.outbound");
    }

    @Test
    void theObservabilitysMaskerIsTheOneUsed() {
        PiiMasker employees = PiiMasker.builder()
                .addPattern("employee", Pattern.compile("EMP-[0-9]{6}"))
                .build();
        try (JsonLines logs = new JsonLines().start();
                TestObservability test = TestObservability.create(b -> b.masker(employees))) {
            logs.logger("app").info("escalated by EMP-123456");
            ObsLogging.install(test.obs(), logs.context);
            logs.logger("app").info("escalated by EMP-123456");

            List<JsonNode> lines = logs.lines();
            assertThat(lines.get(0).get("message").asText()).isEqualTo("escalated by EMP-123456");
            assertThat(lines.get(1).get("message").asText()).isEqualTo("escalated by [EMPLOYEE]");
        }
    }

    @Test
    void tenMegabyteMessageIsMaskedAndStaysOneLine() {
        StringBuilder big = new StringBuilder(10 * 1024 * 1024 + 64);
        while (big.length() < 10 * 1024 * 1024) {
            big.append("padding text ");
        }
        big.append("jane@example.com\n");
        try (JsonLines logs = new JsonLines().start()) {
            logs.logger("app").info(big.toString());
            JsonNode line = logs.single();
            assertThat(line.get("message").asText())
                    .endsWith("padding text [EMAIL]\n")
                    .doesNotContain("jane@");
        }
    }
}
