package io.escalation.obs.llm;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.test.CatalogueContract;
import java.math.BigDecimal;

/**
 * obs-llm's catalogue against a real scrape: {@link #exercise} makes every meter of its catalogue
 * appear. Listed in META-INF/services so that architecture-tests exercises it with every other module.
 */
public class LlmCatalogueContractTest extends CatalogueContract {

    /** Public for {@link java.util.ServiceLoader}. */
    public LlmCatalogueContractTest() {}

    @Override
    public String module() {
        return "obs-llm";
    }

    /** A label cap of 2, so that the third model of {@link #exercise} is recorded as {@code other}. */
    @Override
    protected void configure(Observability.Builder builder) {
        builder.labelPolicy(LabelPolicy.builder().maxValuesPerLabel(2).build());
    }

    @Override
    public void exercise(Observability obs) {
        LlmMetrics llm = LlmMetrics.builder(obs)
                .budget(LlmBudget.builder(new BigDecimal("500")))
                .build();
        try (LlmCall call = llm.start(LlmProvider.OPENAI, "gpt-4o")) {
            call.firstToken()
                    .retry(LlmErrorReason.RATE_LIMIT)
                    .response("Payment plan confirmed.")
                    .quality(0.8)
                    .hallucinationDetected();
            call.success(1_200, 300, 100, 20);
        }
        llm.start(LlmProvider.OPENAI, "gpt-4o")
                .fallback(LlmProvider.ANTHROPIC, "claude-sonnet-4-20250514", LlmErrorReason.SERVER_ERROR)
                .success(800, 200);
        llm.recordUsage(LlmProvider.OPENAI, "house-model", 10, 10); // unpriced; beyond the cap of 2: other
    }
}
