package io.escalation.obs.business;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.test.TestObservability;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating a facade twice on one Observability gives the same facade: nothing recorded is lost. */
class CreateTwiceTest {

    private final TestObservability test = TestObservability.create();

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void oneDollarThroughTheFirstAndFiftyThroughTheSecondShowFiftyOne() {
        PaymentMetrics first = PaymentMetrics.create(test.obs());
        PaymentMetrics second = PaymentMetrics.create(test.obs());
        first.collected(new BigDecimal("1"));
        second.collected(new BigDecimal("50"));

        assertThatScrape(test)
                .hasSample("payments_collected_amount_usd_total", 51)
                .hasSample("payments_collected_total", 2);
        assertThat(second).isSameAs(first);
    }

    @Test
    void tasksStartedThroughBothAgentMetricsAreAllActive() {
        AgentMetrics first = AgentMetrics.create(test.obs());
        AgentMetrics second = AgentMetrics.create(test.obs());
        first.taskStarted("voice-3", AgentType.PHONE);
        second.taskStarted("voice-3", AgentType.PHONE);

        assertThatScrape(test).hasSample("agent_tasks_active", 2, "agent_id", "voice-3", "agent_type", "phone");
        assertThat(second).isSameAs(first);
    }

    @Test
    void campaignsSetThroughTheSecondCampaignMetricsShow() {
        CampaignMetrics first = CampaignMetrics.create(test.obs());
        CampaignMetrics second = CampaignMetrics.create(test.obs());
        first.setCampaigns(CampaignStatus.ACTIVE, 1);
        second.setCampaigns(CampaignStatus.ACTIVE, 3);

        assertThatScrape(test).hasSample("campaigns", 3, "status", "active");
        assertThat(second).isSameAs(first);
    }

    @Test
    void contactsThroughBothContactMetricsAddUp() {
        ContactMetrics first = ContactMetrics.create(test.obs());
        ContactMetrics second = ContactMetrics.create(test.obs());
        first.contacted(Channel.SMS);
        second.contacted(Channel.SMS);

        assertThatScrape(test).hasSample("customers_contacted_total", 2, "channel", "sms");
        assertThat(second).isSameAs(first);
    }
}
