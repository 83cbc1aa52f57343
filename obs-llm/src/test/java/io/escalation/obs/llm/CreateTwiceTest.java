package io.escalation.obs.llm;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.test.TestObservability;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating LlmMetrics twice on one Observability gives the same facade, or fails when the settings differ. */
class CreateTwiceTest {

    private static final String PRICES = "openai,acme-model,10.00,10.00,10.00\n"; // $10 per million tokens

    private final TestObservability test = TestObservability.create();

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void oneDollarThroughTheFirstAndFiftyThroughTheSecondShowFiftyOne() {
        LlmMetrics first =
                LlmMetrics.builder(test.obs()).prices(PriceTable.parse(PRICES)).build();
        LlmMetrics second =
                LlmMetrics.builder(test.obs()).prices(PriceTable.parse(PRICES)).build();
        first.recordUsage(LlmProvider.OPENAI, "acme-model", 100_000, 0); // $1
        second.recordUsage(LlmProvider.OPENAI, "acme-model", 5_000_000, 0); // $50

        assertThatScrape(test).hasSample("llm_cost_usd_total", 51, "model", "acme-model", "provider", "openai");
        assertThat(second).isSameAs(first);
    }

    @Test
    void createTwiceAndBuildWithTheDefaultsGiveOneInstance() {
        LlmMetrics created = LlmMetrics.create(test.obs());

        assertThat(LlmMetrics.create(test.obs())).isSameAs(created);
        assertThat(LlmMetrics.builder(test.obs()).prices(PriceTable.defaults()).build())
                .isSameAs(created);
    }

    @Test
    void anEqualBudgetGivesTheSameInstanceAndItsSpending() {
        LlmMetrics first = LlmMetrics.builder(test.obs())
                .prices(PriceTable.parse(PRICES))
                .budget(LlmBudget.builder(new BigDecimal("100")))
                .build();
        LlmMetrics second = LlmMetrics.builder(test.obs())
                .prices(PriceTable.parse(PRICES))
                .budget(LlmBudget.builder(new BigDecimal("100.00")))
                .build();
        first.recordUsage(LlmProvider.OPENAI, "acme-model", 100_000, 0);
        second.recordUsage(LlmProvider.OPENAI, "acme-model", 5_000_000, 0);

        assertThat(second.budget().orElseThrow().spentUsd()).isEqualByComparingTo("51");
        assertThatScrape(test).hasSample("llm_budget_remaining_usd", 49);
        assertThat(second).isSameAs(first);
    }

    @Test
    void otherSettingsFailFastNamingThem() {
        LlmMetrics.create(test.obs());

        assertThatThrownBy(() -> LlmMetrics.builder(test.obs())
                        .budget(LlmBudget.builder(new BigDecimal("5000")))
                        .captureContent(true)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("LlmMetrics is already bound to this Observability with other settings"
                        + " (budget, captureContent differ)");
        assertThatThrownBy(() -> LlmMetrics.builder(test.obs())
                        .prices(PriceTable.parse(PRICES))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(prices differs)");
    }

    @Test
    void aBudgetListenerIsComparedByIdentity() {
        BudgetListener listener = (from, to, budget) -> {};
        LlmMetrics first = LlmMetrics.builder(test.obs())
                .budget(LlmBudget.builder(new BigDecimal("100")).onStateChange(listener))
                .build();

        assertThat(LlmMetrics.builder(test.obs())
                        .budget(LlmBudget.builder(new BigDecimal("100")).onStateChange(listener))
                        .build())
                .isSameAs(first);
        assertThatThrownBy(() -> LlmMetrics.builder(test.obs())
                        .budget(LlmBudget.builder(new BigDecimal("100")).onStateChange((from, to, budget) -> {}))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(budget differs)");
    }
}
