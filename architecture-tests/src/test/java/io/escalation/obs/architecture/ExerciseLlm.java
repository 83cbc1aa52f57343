package io.escalation.obs.architecture;

import io.escalation.obs.core.Observability;
import io.escalation.obs.llm.LlmBudget;
import io.escalation.obs.llm.LlmCall;
import io.escalation.obs.llm.LlmErrorReason;
import io.escalation.obs.llm.LlmMetrics;
import io.escalation.obs.llm.LlmProvider;
import java.math.BigDecimal;

/** Makes every obs-llm meter appear in the scrape. */
final class ExerciseLlm {

    private ExerciseLlm() {
    }

    static void exercise(Observability obs) {
        LlmMetrics llm = LlmMetrics.builder(obs).budget(LlmBudget.builder(new BigDecimal("500"))).build();
        try (LlmCall call = llm.start(LlmProvider.OPENAI, "gpt-4o")) {
            call.firstToken().retry(LlmErrorReason.RATE_LIMIT).response("Payment plan confirmed.").quality(0.8)
                    .hallucinationDetected();
            call.success(1_200, 300, 100, 20);
        }
        llm.start(LlmProvider.OPENAI, "gpt-4o")
                .fallback(LlmProvider.ANTHROPIC, "claude-sonnet-4-20250514", LlmErrorReason.SERVER_ERROR)
                .success(800, 200);
        llm.recordUsage(LlmProvider.OPENAI, "house-model", 10, 10);   // unpriced; beyond the cap of 2: other
    }
}
