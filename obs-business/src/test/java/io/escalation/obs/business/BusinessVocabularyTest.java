package io.escalation.obs.business;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The catalogue's vocabularies name exactly the values the enums emit. */
class BusinessVocabularyTest {

    @Test
    void everyVocabularyListsItsEnum() {
        assertVocabulary(BusinessLabels.CAMPAIGN_STATUS, CampaignStatus.values(), CampaignStatus::label);
        assertVocabulary(BusinessLabels.TASK_STATUS, TaskStatus.values(), TaskStatus::label);
        assertVocabulary(BusinessLabels.OUTCOME, Outcome.values(), Outcome::label);
        assertVocabulary(BusinessLabels.CHANNEL, Channel.values(), Channel::label);
        assertVocabulary(BusinessLabels.AGENT_TYPE, AgentType.values(), AgentType::label);
    }

    @Test
    void onlyAgentIdIsOpenAndNoLabelIdentifiesAPersonOrACustomer() {
        for (BusinessLabels label : BusinessLabels.values()) {
            assertThat(label.isOpen()).as(label.asString()).isEqualTo(label == BusinessLabels.AGENT_ID);
            assertThat(label.asString()).isNotIn("customer_id", "user_id", "campaign_id", "phone", "email");
        }
    }

    @Test
    void theAgentMetersCarryTheGuardedAgentIdAndTheAgentType() {
        for (BusinessMeters meter : new BusinessMeters[] {BusinessMeters.AGENT_TASKS_COMPLETED,
            BusinessMeters.AGENT_HANDLING_TIME, BusinessMeters.AGENT_TASKS_ACTIVE, BusinessMeters.AGENT_CAPACITY}) {
            assertThat(meter.getLabels()).as(meter.getName())
                    .startsWith(BusinessLabels.AGENT_ID, BusinessLabels.AGENT_TYPE);
            assertThat(meter.compatibility()).as(meter.getName()).contains("agent_id");
        }
    }

    private static <E> void assertVocabulary(BusinessLabels label, E[] values, Function<E, String> toLabel) {
        assertThat(label.vocabulary().split(", "))
                .containsExactly(Arrays.stream(values).map(toLabel).toArray(String[]::new));
    }
}
