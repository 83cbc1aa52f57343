package io.escalation.obs.business;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.test.TestObservability;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {

    private static final String PHONE = "agent_type=\"phone\",environment=\"test\",service=\"test-service\"";
    private static final String PHONE_OUTCOME = "agent_type=\"phone\",environment=\"test\",outcome=\"%s\",service=\"test-service\"";

    private final TestObservability test = TestObservability.create();
    private final AgentMetrics agents = AgentMetrics.create(test.obs());

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void tasksAreCountedByTypeAndOutcomeWithHandlingTimeHistogram() {
        agents.taskCompleted(AgentType.PHONE, Outcome.SUCCESS, Duration.ofSeconds(90));
        agents.taskCompleted(AgentType.PHONE, Outcome.FAILURE, Duration.ofMinutes(12));
        agents.taskCompleted(AgentType.EMAIL, Outcome.SUCCESS, Duration.ofSeconds(4));

        assertThatScrape(test)
                .hasLine("# TYPE agent_tasks_completed_total counter")
                .hasLine("agent_tasks_completed_total{" + String.format(PHONE_OUTCOME, "success") + "} 1.0")
                .hasLine("agent_tasks_completed_total{" + String.format(PHONE_OUTCOME, "failure") + "} 1.0")
                .hasSample("agent_tasks_completed_total", 1, "agent_type", "email", "outcome", "success")
                .hasLine("# TYPE agent_handling_time_seconds histogram")
                .hasLine("agent_handling_time_seconds_bucket{" + PHONE + ",le=\"60.0\"} 0")
                .hasLine("agent_handling_time_seconds_bucket{" + PHONE + ",le=\"120.0\"} 1")
                .hasLine("agent_handling_time_seconds_bucket{" + PHONE + ",le=\"900.0\"} 2")
                .hasLine("agent_handling_time_seconds_count{" + PHONE + "} 2")
                .hasLine("agent_handling_time_seconds_sum{" + PHONE + "} 810.0")
                .hasNoInstrumentationErrors();
        assertThat(test.scrape()).doesNotContain("agent_id");
    }

    @Test
    void startedTasksAreActiveUntilFinishedAndCapacityIsReported() throws InterruptedException {
        agents.setCapacity(AgentType.PHONE, 20);
        long first = agents.taskStarted(AgentType.PHONE);
        long second = agents.taskStarted(AgentType.PHONE);
        agents.taskStarted(AgentType.SMS);

        assertThatScrape(test)
                .hasLine("agent_tasks_active{" + PHONE + "} 2.0")
                .hasSample("agent_tasks_active", 1, "agent_type", "sms")
                .hasSample("agent_tasks_active", 0, "agent_type", "email")
                .hasLine("agent_capacity{" + PHONE + "} 20.0")
                .hasSample("agent_capacity", Double.NaN, "agent_type", "email");

        Thread.sleep(5);
        agents.taskFinished(AgentType.PHONE, Outcome.SUCCESS, first);
        agents.taskFinished(AgentType.PHONE, Outcome.CANCELLED, second);

        assertThatScrape(test)
                .hasSample("agent_tasks_active", 0, "agent_type", "phone")
                .hasSample("agent_tasks_completed_total", 1, "agent_type", "phone", "outcome", "cancelled")
                .hasSample("agent_handling_time_seconds_count", 2, "agent_type", "phone");
        assertThat(assertThatScrape(test).samples().stream()
                .filter(s -> s.name().equals("agent_handling_time_seconds_sum") && "phone".equals(s.labels().get("agent_type")))
                .findFirst().orElseThrow().value()).isGreaterThanOrEqualTo(0.010);
    }

    @Test
    void badInputIsDroppedOrClampedAndCounted() {
        agents.taskFinished(AgentType.EMAIL, Outcome.SUCCESS, System.nanoTime());   // never started
        agents.taskFinished(AgentType.SMS, Outcome.SUCCESS, System.nanoTime() + 1_000_000_000L);   // from the future
        agents.taskCompleted(null, Outcome.SUCCESS, Duration.ofSeconds(1));
        agents.taskCompleted(AgentType.SMS, null, Duration.ofSeconds(1));
        agents.taskCompleted(AgentType.SMS, Outcome.FAILURE, null);
        agents.taskCompleted(AgentType.SMS, Outcome.FAILURE, Duration.ofDays(400_000_000));
        agents.setCapacity(AgentType.SMS, -4);
        agents.setCapacity(null, 4);
        agents.taskStarted(null);

        assertThatScrape(test)
                .hasSample("agent_tasks_active", 0, "agent_type", "email")
                .hasSample("agent_tasks_completed_total", 1, "agent_type", "email", "outcome", "success")
                .hasSample("agent_tasks_completed_total", 1, "agent_type", "sms", "outcome", "success")
                .hasSample("agent_tasks_completed_total", 2, "agent_type", "sms", "outcome", "failure")
                .hasSample("agent_handling_time_seconds_count", 1, "agent_type", "sms")
                .hasSample("agent_handling_time_seconds_sum", 86_400, "agent_type", "sms")
                .hasInstrumentationErrors("agent_tasks_active", "negative_value", 2)
                .hasInstrumentationErrors("agent_tasks_active", "null_value", 1)
                .hasInstrumentationErrors("agent_handling_time_seconds", "negative_value", 1)
                .hasInstrumentationErrors("agent_handling_time_seconds", "null_value", 1)
                .hasInstrumentationErrors("agent_handling_time_seconds", "value_too_large", 1)
                .hasInstrumentationErrors("agent_tasks_completed_total", "null_value", 2)
                .hasInstrumentationErrors("agent_capacity", "negative_value", 1)
                .hasInstrumentationErrors("agent_capacity", "null_value", 1);
    }
}
