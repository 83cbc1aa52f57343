package io.escalation.obs.business;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.catalog.ObsLabel;
import io.escalation.obs.core.spi.catalog.ObsMeter;
import org.junit.jupiter.api.Test;

/** The catalogue's exposed names, and which of its labels are open. */
class BusinessVocabularyTest {

    @Test
    void prometheusNames() {
        assertThat(new BusinessCatalogue().meters().stream().map(ObsMeter::prometheusName))
                .containsExactly(
                        "campaigns",
                        "campaigns_finished_total",
                        "campaigns_duration_seconds",
                        "tasks",
                        "tasks_finished_total",
                        "payments_collected_total",
                        "payments_collected_amount_usd_total",
                        "payments_promised_total",
                        "payments_failed_total",
                        "customers_contacted_total",
                        "customers_responded_total",
                        "agent_tasks_completed_total",
                        "agent_handling_time_seconds",
                        "agent_tasks_active",
                        "agent_capacity");
    }

    @Test
    void onlyAgentIdIsOpenAndNoLabelIdentifiesAPersonOrACustomer() {
        for (ObsMeter meter : new BusinessCatalogue().meters()) {
            for (ObsLabel label : meter.getLabels()) {
                assertThat(label.isOpen()).as(label.asString()).isEqualTo(label == BusinessCatalogue.AGENT_ID);
                assertThat(label.asString()).isNotIn("customer_id", "user_id", "campaign_id", "phone", "email");
            }
        }
    }

    @Test
    void theAgentMetersCarryTheGuardedAgentIdAndTheAgentType() {
        for (Metric meter : new Metric[] {
            BusinessCatalogue.AGENT_TASKS_COMPLETED,
            BusinessCatalogue.AGENT_HANDLING_TIME,
            BusinessCatalogue.AGENT_TASKS_ACTIVE,
            BusinessCatalogue.AGENT_CAPACITY
        }) {
            assertThat(meter.getLabels())
                    .as(meter.getName())
                    .startsWith(BusinessCatalogue.AGENT_ID, BusinessCatalogue.AGENT_TYPE);
            assertThat(meter.compatibility()).as(meter.getName()).contains("agent_id");
        }
    }
}
