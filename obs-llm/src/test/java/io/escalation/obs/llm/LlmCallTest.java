package io.escalation.obs.llm;

import static io.escalation.obs.test.ObsAssertions.assertThat;
import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.test.TestObservability;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmCallTest {

    private final TestObservability test = TestObservability.create();
    private final LlmMetrics llm = LlmMetrics.create(test.obs());

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void successRecordsEverythingAndAGenAiClientSpan() {
        try (LlmCall call = llm.start(LlmProvider.OPENAI, "gpt-4o")) {
            call.firstToken().firstToken();
            call.retry(LlmErrorReason.RATE_LIMIT);
            call.responseModel("gpt-4o-2024-08-06")
                    .response("Your balance is due on Friday.")
                    .quality(0.9);
            call.success(1_000, 200, 300, 50);
        }

        assertThat(test.spans()).hasSize(1);
        SpanData span = test.spans().get(0);
        assertThat(span)
                .hasName("chat gpt-4o")
                .hasKind(SpanKind.CLIENT)
                .hasAttribute(stringKey("gen_ai.operation.name"), "chat")
                .hasAttribute(stringKey("gen_ai.provider.name"), "openai")
                .hasAttribute(stringKey("gen_ai.request.model"), "gpt-4o")
                .hasAttribute(stringKey("gen_ai.response.model"), "gpt-4o-2024-08-06")
                .hasAttribute(longKey("gen_ai.usage.input_tokens"), 1_300L)
                .hasAttribute(longKey("gen_ai.usage.output_tokens"), 250L);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(span.getAttributes().get(stringKey("gen_ai.input.messages"))).isNull();
        assertThat(span.getAttributes().get(stringKey("gen_ai.output.messages")))
                .isNull();

        assertThatScrape(test)
                .hasSample("llm_requests_total", 1, "model", "gpt-4o", "status", "success")
                .hasSample("llm_requests_total", 0, "model", "gpt-4o", "status", "error")
                .hasSample("llm_request_duration_seconds_count", 1, "model", "gpt-4o")
                .hasSample("llm_time_to_first_token_seconds_count", 1, "model", "gpt-4o")
                .hasSample("llm_tokens_used_total", 300, "model", "gpt-4o", "type", "cached")
                .hasSample("llm_retry_total", 1, "provider", "openai", "reason", "rate_limit")
                .hasSample("llm_response_length_chars_sum", 30, "provider", "openai")
                .hasSample("llm_response_quality_score_percent_count", 1, "provider", "openai")
                // 1000 * 2.5 + (200 + 50) * 10 + 300 * 1.25 = 5375 micro-dollars
                .hasSample("llm_cost_usd_total", 0.005375, "model", "gpt-4o")
                .hasNoInstrumentationErrors();
    }

    @Test
    void failureFailsTheSpanWithTheReason() {
        LlmCall call = llm.start(LlmProvider.ANTHROPIC, "claude-sonnet-4-20250514", LlmOperation.GENERATE_CONTENT);
        call.failure(LlmErrorReason.TIMEOUT);
        call.success(10, 10); // ignored after an outcome
        call.close(); // ignored too

        SpanData span = test.spans().get(0);
        assertThat(span)
                .hasName("generate_content claude-sonnet-4-20250514")
                .hasAttribute(stringKey("error.type"), "timeout")
                .hasAttribute(stringKey("gen_ai.operation.name"), "generate_content")
                .hasAttribute(stringKey("gen_ai.provider.name"), "anthropic");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(test.spans()).hasSize(1);
        assertThatScrape(test)
                .hasSample("llm_requests_total", 1, "provider", "anthropic", "status", "error")
                .hasSample("llm_requests_total", 0, "provider", "anthropic", "status", "success")
                .hasSample("llm_tokens_used_total", 0, "provider", "anthropic", "type", "input");
    }

    @Test
    void closingWithoutAnOutcomeCountsACancelledFailure() {
        try (LlmCall call = llm.start(LlmProvider.OPENAI, "gpt-4o-mini")) {
            call.prompt("ignored: capture is off");
        }
        assertThat(test.spans().get(0)).hasAttribute(stringKey("error.type"), "cancelled");
        assertThatScrape(test).hasSample("llm_requests_total", 1, "model", "gpt-4o-mini", "status", "error");
    }

    @Test
    void fallbackEndsThisCallAndStartsTheNextOne() {
        LlmCall first = llm.start(LlmProvider.OPENAI, "gpt-4o");
        LlmCall second = first.fallback(LlmProvider.ANTHROPIC, "claude-sonnet-4-20250514", LlmErrorReason.SERVER_ERROR);
        second.success(100, 100);

        assertThat(test.spans())
                .extracting(SpanData::getName)
                .containsExactly("chat gpt-4o", "chat claude-sonnet-4-20250514");
        assertThat(test.spans().get(0)).hasAttribute(stringKey("error.type"), "server_error");
        assertThat(second.provider()).isEqualTo(LlmProvider.ANTHROPIC);
        assertThatScrape(test)
                .hasSample("llm_fallback_total", 1, "from", "openai", "to", "anthropic")
                .hasSample("llm_requests_total", 1, "provider", "openai", "status", "error")
                .hasSample("llm_requests_total", 1, "provider", "anthropic", "status", "success");
    }

    @Test
    void theSpanCanBeMadeCurrentForNestedClientSpans() {
        LlmCall call = llm.start(LlmProvider.OPENAI, "gpt-4o");
        String traceId;
        try (Scope scope = call.makeCurrent()) {
            traceId = Span.current().getSpanContext().getTraceId();
        }
        call.success(1, 1);
        assertThat(test.spans().get(0).getTraceId()).isEqualTo(traceId);
    }

    @Test
    void hostileModelNamesStayOutOfSpanNamesAndAreMaskedInAttributes() {
        llm.start(LlmProvider.OPENAI, "gpt-4o jane.doe@example.com").success(1, 1);
        llm.start(LlmProvider.OPENAI, "x".repeat(1_000_000)).success(1, 1);

        SpanData pii = test.spans().get(0);
        assertThat(pii).hasName("chat redacted");
        assertThat(pii.getAttributes().get(stringKey("gen_ai.request.model")))
                .doesNotContain("jane.doe")
                .contains("gpt-4o");
        SpanData huge = test.spans().get(1);
        assertThat(huge.getName()).hasSize("chat ".length() + 128);
        assertThat(huge.getAttributes().get(stringKey("gen_ai.request.model"))).hasSize(256);
    }

    @Test
    void contentIsCapturedOnlyWhenOptedInAndThenMaskedAndTruncated() {
        try (TestObservability capturing = TestObservability.create()) {
            LlmMetrics metrics = LlmMetrics.builder(capturing.obs())
                    .captureContent(true)
                    .maxContentChars(64)
                    .build();
            LlmCall call = metrics.start(LlmProvider.OPENAI, "gpt-4o");
            call.prompt("Remind jane.doe@example.com, phone +1 415 555 2671, \"politely\"\n");
            call.response("y".repeat(10_000_000));
            call.success(1, 1);

            SpanData span = capturing.spans().get(0);
            String input = span.getAttributes().get(stringKey("gen_ai.input.messages"));
            assertThat(input)
                    .startsWith("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Remind ")
                    .doesNotContain("jane.doe")
                    .doesNotContain("555 2671")
                    .contains("\\\"politely\\\"\\n")
                    .endsWith("\"}]}]");
            String output = span.getAttributes().get(stringKey("gen_ai.output.messages"));
            assertThat(output)
                    .isEqualTo("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"" + "y".repeat(64)
                            + "[truncated]\"}]}]");
            assertThatScrape(capturing).hasSample("llm_response_length_chars_sum", 10_000_000, "provider", "openai");
        }
    }

    @Test
    void nullArgumentsNeverThrow() {
        LlmCall call = llm.start(null, null, null);
        call.retry(null).responseModel(null).prompt(null).response(null).quality(Double.NaN);
        call.failure(null);

        assertThat(test.spans().get(0))
                .hasName("chat unknown")
                .hasAttribute(stringKey("error.type"), "other")
                .hasAttribute(stringKey("gen_ai.provider.name"), "_OTHER");
        assertThatScrape(test)
                .hasSample("llm_requests_total", 1, "provider", "other", "model", "unknown", "status", "error")
                .hasInstrumentationErrors("llm_requests_total", "null_value", 4) // provider, model, operation, reason
                .hasInstrumentationErrors("llm_retry_total", "null_value", 1)
                .hasInstrumentationErrors("llm_response_length_chars", "null_value", 1)
                .hasInstrumentationErrors("llm_response_quality_score_percent", "not_a_number", 1);
    }
}
