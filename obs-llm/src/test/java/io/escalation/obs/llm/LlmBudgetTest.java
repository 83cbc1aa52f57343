package io.escalation.obs.llm;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.test.MutableClock;
import io.escalation.obs.test.TestObservability;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-10T12:00:00Z"));
    private final TestObservability test = TestObservability.create(b -> b.clock(clock));
    private final List<String> changes = new ArrayList<>();

    @AfterEach
    void close() {
        test.close();
    }

    private LlmMetrics withBudget(LlmBudget.Builder budget) {
        return LlmMetrics.builder(test.obs()).budget(budget).build();
    }

    @Test
    void spendingCountsAgainstTheMonthAndIsExposed() {
        LlmMetrics llm = withBudget(LlmBudget.builder(new BigDecimal("100")));
        LlmModel gpt = llm.model(LlmProvider.OPENAI, "gpt-4o");
        for (int i = 0; i < 10; i++) {
            gpt.recordUsage(1_000_000, 500_000); // 2.50 + 5.00
        }
        LlmBudget budget = llm.budget().orElseThrow();

        assertThat(budget.spentUsd()).isEqualByComparingTo("75.00");
        assertThat(budget.remainingUsd()).isEqualByComparingTo("25.00");
        assertThat(budget.utilization()).isEqualTo(0.75);
        assertThat(budget.state()).isEqualTo(BudgetState.OK);
        assertThat(budget.periodStart()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(budget.periodEnd()).isEqualTo(Instant.parse("2025-04-01T00:00:00Z"));
        assertThatScrape(test)
                .hasSample("llm_budget_remaining_usd", 25)
                .hasSample("llm_budget_utilization_ratio", 0.75);
    }

    @Test
    void unpricedModelsDoNotSpend() {
        LlmMetrics llm = withBudget(LlmBudget.builder(new BigDecimal("1")));
        llm.recordUsage(LlmProvider.OPENAI, "not-in-the-table", 5_000_000, 5_000_000);
        assertThat(llm.budget().orElseThrow().spentUsd()).isEqualByComparingTo("0");
    }

    @Test
    void crossingWarningAndLimitTellsTheListenerOnceEachAndThePeriodRollsOver() {
        LlmMetrics llm = withBudget(LlmBudget.builder(new BigDecimal("10"))
                .warnAt(0.5)
                .onStateChange((from, to, b) ->
                        changes.add(from + "->" + to + " at " + b.spentUsd().toPlainString())));
        LlmModel gpt = llm.model(LlmProvider.OPENAI, "gpt-4o");
        LlmBudget budget = llm.budget().orElseThrow();

        gpt.recordUsage(1_000_000, 0); // 2.50
        gpt.recordUsage(1_000_000, 0); // 5.00: warning
        gpt.recordUsage(1_000_000, 0); // 7.50
        gpt.recordUsage(1_000_000, 0); // 10.00: exhausted
        gpt.recordUsage(1_000_000, 0); // 12.50: still exhausted, overspent
        assertThat(budget.isExhausted()).isTrue();
        assertThat(budget.remainingUsd()).isEqualByComparingTo("-2.50");
        assertThatScrape(test)
                .hasSample("llm_budget_remaining_usd", -2.5)
                .hasSample("llm_budget_utilization_ratio", 1.25);

        clock.set(Instant.parse("2025-03-31T23:59:59.999Z"));
        assertThat(budget.isExhausted()).isTrue();
        clock.set(Instant.parse("2025-04-01T00:00:00Z")); // the boundary: a new period
        assertThatScrape(test).hasSample("llm_budget_remaining_usd", 10).hasSample("llm_budget_utilization_ratio", 0);
        assertThat(budget.state()).isEqualTo(BudgetState.OK);
        assertThat(budget.periodEnd()).isEqualTo(Instant.parse("2025-05-01T00:00:00Z"));
        gpt.recordUsage(1_000_000, 0);

        assertThat(changes).containsExactly("OK->WARNING at 5", "WARNING->EXHAUSTED at 10", "EXHAUSTED->OK at 0");
        assertThat(budget.spentUsd()).isEqualByComparingTo("2.50");
        // the cost counter is cumulative: it does not restart with the budget
        assertThat(gpt.costUsd()).isEqualByComparingTo("15.00");
    }

    @Test
    void aClockSteppingBackDoesNotReopenAPeriod() {
        LlmMetrics llm = withBudget(LlmBudget.builder(new BigDecimal("10")).period(BudgetPeriod.DAY));
        LlmModel gpt = llm.model(LlmProvider.OPENAI, "gpt-4o");
        clock.set(Instant.parse("2025-03-11T00:00:01Z"));
        gpt.recordUsage(1_000_000, 0);
        clock.set(Instant.parse("2025-03-10T23:59:59Z"));
        gpt.recordUsage(1_000_000, 0);
        assertThat(llm.budget().orElseThrow().spentUsd()).isEqualByComparingTo("5.00");
    }

    @Test
    void weeklyAndDailyPeriodsFollowTheZonesCalendar() {
        ZoneId newYork = ZoneId.of("America/New_York");
        LlmBudget weekly = withBudget(LlmBudget.builder(BigDecimal.ONE)
                        .period(BudgetPeriod.WEEK)
                        .zone(newYork))
                .budget()
                .orElseThrow();
        // 2025-03-10T12:00Z is Monday 08:00 in New York (EDT since 9 March)
        assertThat(weekly.periodStart()).isEqualTo(Instant.parse("2025-03-10T04:00:00Z"));
        assertThat(weekly.periodEnd()).isEqualTo(Instant.parse("2025-03-17T04:00:00Z"));

        clock.set(Instant.parse("2025-03-09T06:30:00Z")); // 01:30 EST, the night the clocks go forward
        LlmBudget daily = BudgetPeriodProbe.budget(BudgetPeriod.DAY, newYork, clock, test);
        assertThat(daily.periodStart()).isEqualTo(Instant.parse("2025-03-09T05:00:00Z"));
        assertThat(daily.periodEnd()).isEqualTo(Instant.parse("2025-03-10T04:00:00Z")); // a 23-hour day
    }

    @Test
    void budgetArithmeticIsExactOverAMillionCalls() {
        LlmMetrics llm = withBudget(LlmBudget.builder(new BigDecimal("1000")));
        LlmModel nano = llm.model(LlmProvider.OPENAI, "gpt-4.1-nano"); // 0.10 in, 0.40 out, 0.025 cached
        for (int i = 0; i < 1_000_000; i++) {
            nano.recordUsage(333, 77, 101, 0); // 33.3 + 30.8 + 2.525 = 66.625 micro-dollars
        }
        assertThat(llm.budget().orElseThrow().spentUsd()).isEqualByComparingTo("66.625");
        assertThat(llm.budget().orElseThrow().remainingUsd()).isEqualByComparingTo("933.375");
    }

    @Test
    void aThrowingListenerIsCountedNotThrown() {
        LlmMetrics llm = withBudget(LlmBudget.builder(new BigDecimal("1")).onStateChange((from, to, b) -> {
            throw new IllegalStateException("listener bug");
        }));
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o", 1_000_000, 0);
        assertThat(llm.budget().orElseThrow().isExhausted()).isTrue();
        assertThatScrape(test).hasInstrumentationErrors("llm_budget_remaining_usd", "recording_failed", 1);
    }

    @Test
    void anErrorThrownByTheListenerIsCountedNotThrown() {
        LlmMetrics llm = withBudget(LlmBudget.builder(new BigDecimal("1")).onStateChange((from, to, b) -> {
            throw new AssertionError("listener bug");
        }));
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o", 1_000_000, 0);
        assertThat(llm.budget().orElseThrow().isExhausted()).isTrue();
        assertThatScrape(test).hasInstrumentationErrors("llm_budget_remaining_usd", "recording_failed", 1);
    }

    @Test
    void clampedUsageChargedOverAndOverSaturatesInsteadOfWrapping() {
        LlmMetrics llm = withBudget(LlmBudget.builder(new BigDecimal("100")));
        LlmModel model = llm.model(LlmProvider.OPENAI, "gpt-4o");
        for (int i = 0; i < 50_000; i++) { // clamped to 10 M tokens each and charged $237.50: wraps after 38,836
            model.recordUsage(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
        }
        LlmBudget budget = llm.budget().orElseThrow();
        assertThat(budget.spentUsd())
                .isEqualByComparingTo(BigDecimal.valueOf(Long.MAX_VALUE).movePointLeft(12));
        assertThat(budget.utilization()).isGreaterThanOrEqualTo(1.0);
        assertThat(budget.state()).isEqualTo(BudgetState.EXHAUSTED);
        assertThat(assertThatScrape(test).samples())
                .filteredOn(s -> s.name().equals("llm_budget_utilization_ratio"))
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isGreaterThanOrEqualTo(1.0));
        assertThat(assertThatScrape(test).samples())
                .filteredOn(s -> s.name().equals("llm_cost_usd_total"))
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isPositive());
    }

    @Test
    void invalidBudgetsFailAtBuildTimeSayingWhatToChange() {
        assertThatThrownBy(() -> withBudget(LlmBudget.builder(BigDecimal.ZERO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("above 0");
        assertThatThrownBy(() -> withBudget(LlmBudget.builder(new BigDecimal("2000000"))))
                .hasMessageContaining("at most 1000000 USD");
        assertThatThrownBy(() -> withBudget(LlmBudget.builder(new BigDecimal("1.0000001"))))
                .hasMessageContaining("more than 6 decimals");
        assertThatThrownBy(() -> withBudget(LlmBudget.builder(BigDecimal.TEN).warnAt(80)))
                .hasMessageContaining("warnAt must be a ratio between 0 and 1");
        assertThatThrownBy(() -> withBudget(LlmBudget.builder(BigDecimal.TEN).warnAt(Double.NaN)))
                .hasMessageContaining("warnAt");
        // the message shows extreme limits as written, not as 100 million digits
        assertThatThrownBy(() -> withBudget(LlmBudget.builder(new BigDecimal("1E-100000000"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LlmBudget limit 1E-100000000 has more than 6 decimals: round it to a micro-dollar");
        assertThatThrownBy(() -> withBudget(LlmBudget.builder(new BigDecimal("1E+100000000"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("at most 1000000 USD per period, was 1E+100000000");
    }

    @Test
    void withoutABudgetThereAreNoBudgetGauges() {
        LlmMetrics llm = LlmMetrics.create(test.obs());
        llm.recordUsage(LlmProvider.OPENAI, "gpt-4o", 1, 1);
        assertThat(llm.budget()).isEmpty();
        assertThat(test.scrape()).doesNotContain("llm_budget_");
    }

    /** Builds a budget on a second registry-free path, so that two budgets can coexist in one test. */
    static final class BudgetPeriodProbe {
        static LlmBudget budget(BudgetPeriod period, ZoneId zone, MutableClock clock, TestObservability test) {
            return LlmBudget.create(
                    LlmBudget.builder(BigDecimal.ONE).period(period).zone(zone),
                    clock,
                    ModuleKit.of(test.obs()).faults());
        }
    }
}
