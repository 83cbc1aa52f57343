package io.escalation.obs.business;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.test.TestObservability;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {

    private final TestObservability test = TestObservability.create();
    private final AgentMetrics agents = AgentMetrics.create(test.obs());

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void tasksAreCountedByAgentTypeAndOutcomeWithHandlingTimeHistogram() {
        AgentMetrics.Agent voice = agents.agent("voice-3", AgentType.PHONE);
        voice.taskCompleted(CampaignOutcome.SUCCESS, Duration.ofSeconds(90));
        voice.taskCompleted(CampaignOutcome.FAILURE, Duration.ofMinutes(12));
        agents.taskCompleted("mailer-1", AgentType.EMAIL, CampaignOutcome.SUCCESS, Duration.ofSeconds(4));

        assertThatScrape(test)
                .hasType("agent_tasks_completed_total", "counter")
                .hasSample(
                        "agent_tasks_completed_total",
                        1,
                        "agent_id",
                        "voice-3",
                        "agent_type",
                        "phone",
                        "outcome",
                        "success")
                .hasSample(
                        "agent_tasks_completed_total",
                        1,
                        "agent_id",
                        "voice-3",
                        "agent_type",
                        "phone",
                        "outcome",
                        "failure")
                .hasSample(
                        "agent_tasks_completed_total",
                        0,
                        "agent_id",
                        "voice-3",
                        "agent_type",
                        "phone",
                        "outcome",
                        "cancelled")
                .hasSample(
                        "agent_tasks_completed_total",
                        1,
                        "agent_id",
                        "mailer-1",
                        "agent_type",
                        "email",
                        "outcome",
                        "success")
                .hasNoSample("agent_tasks_completed_total", "agent_id", "voice-3", "agent_type", "email")
                .hasType("agent_handling_time_seconds", "histogram")
                .hasSample(
                        "agent_handling_time_seconds_bucket",
                        0,
                        "agent_id",
                        "voice-3",
                        "agent_type",
                        "phone",
                        "le",
                        "60.0")
                .hasSample(
                        "agent_handling_time_seconds_bucket",
                        1,
                        "agent_id",
                        "voice-3",
                        "agent_type",
                        "phone",
                        "le",
                        "120.0")
                .hasSample(
                        "agent_handling_time_seconds_bucket",
                        2,
                        "agent_id",
                        "voice-3",
                        "agent_type",
                        "phone",
                        "le",
                        "900.0")
                .hasSample("agent_handling_time_seconds_count", 2, "agent_id", "voice-3", "agent_type", "phone")
                .hasSample("agent_handling_time_seconds_sum", 810, "agent_id", "voice-3", "agent_type", "phone")
                .hasSample("agent_handling_time_seconds_sum", 4, "agent_id", "mailer-1", "agent_type", "email")
                .hasNoInstrumentationErrors();
    }

    @Test
    void aKnownIdAndTypeResolveToTheSameHandle() {
        AgentMetrics.Agent voice = agents.agent("voice-3", AgentType.PHONE);
        assertThat(agents.agent("voice-3", AgentType.PHONE)).isSameAs(voice);
        assertThat(agents.agent("voice-3", AgentType.SMS)).isNotSameAs(voice);
    }

    @Test
    void startedTasksAreActiveUntilFinishedAndCapacityAppearsWhenSet() throws InterruptedException {
        AgentMetrics.Agent voice = agents.agent("voice-3", AgentType.PHONE);
        AgentMetrics.Agent texter = agents.agent("texter-1", AgentType.SMS);
        voice.setCapacity(20);
        long first = voice.taskStarted();
        long second = agents.taskStarted("voice-3", AgentType.PHONE);
        texter.taskStarted();

        assertThatScrape(test)
                .hasType("agent_tasks_active", "gauge")
                .hasSample("agent_tasks_active", 2, "agent_id", "voice-3", "agent_type", "phone")
                .hasSample("agent_tasks_active", 1, "agent_id", "texter-1", "agent_type", "sms")
                .hasType("agent_capacity", "gauge")
                .hasSample("agent_capacity", 20, "agent_id", "voice-3", "agent_type", "phone")
                .hasNoSample("agent_capacity", "agent_id", "texter-1");

        Thread.sleep(5);
        voice.taskFinished(CampaignOutcome.SUCCESS, first);
        agents.taskFinished("voice-3", AgentType.PHONE, CampaignOutcome.CANCELLED, second);
        agents.setCapacity("texter-1", AgentType.SMS, 50);
        voice.setCapacity(25);

        assertThatScrape(test)
                .hasSample("agent_tasks_active", 0, "agent_id", "voice-3", "agent_type", "phone")
                .hasSample("agent_capacity", 25, "agent_id", "voice-3", "agent_type", "phone")
                .hasSample("agent_capacity", 50, "agent_id", "texter-1", "agent_type", "sms")
                .hasSample(
                        "agent_tasks_completed_total",
                        1,
                        "agent_id",
                        "voice-3",
                        "agent_type",
                        "phone",
                        "outcome",
                        "cancelled")
                .hasSample("agent_handling_time_seconds_count", 2, "agent_id", "voice-3", "agent_type", "phone")
                .hasNoInstrumentationErrors();
        assertThat(assertThatScrape(test).samples().stream()
                        .filter(s -> s.name().equals("agent_handling_time_seconds_sum")
                                && "voice-3".equals(s.labels().get("agent_id")))
                        .findFirst()
                        .orElseThrow()
                        .value())
                .isGreaterThanOrEqualTo(0.010);
    }

    @Test
    void aDurationBeyondWhatNanosecondsHoldIsDroppedOrClampedNotThrown() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        agents.taskCompleted("voice-3", AgentType.PHONE, CampaignOutcome.SUCCESS, Duration.between(Instant.MAX, now));
        agents.taskCompleted("voice-3", AgentType.PHONE, CampaignOutcome.SUCCESS, Duration.between(Instant.MIN, now));

        assertThatScrape(test)
                .hasSample(
                        "agent_tasks_completed_total",
                        2,
                        "agent_id",
                        "voice-3",
                        "agent_type",
                        "phone",
                        "outcome",
                        "success")
                .hasSample("agent_handling_time_seconds_count", 1, "agent_id", "voice-3", "agent_type", "phone")
                .hasSample("agent_handling_time_seconds_sum", 86400, "agent_id", "voice-3", "agent_type", "phone")
                .hasInstrumentationErrors("agent_handling_time_seconds", "negative_value", 1)
                .hasInstrumentationErrors("agent_handling_time_seconds", "value_too_large", 1);
    }

    @Test
    void badInputIsDroppedOrClampedAndCounted() {
        AgentMetrics.Agent mailer = agents.agent("mailer-1", AgentType.EMAIL);
        AgentMetrics.Agent texter = agents.agent("texter-1", AgentType.SMS);
        mailer.taskFinished(CampaignOutcome.SUCCESS, System.nanoTime()); // never started
        texter.taskFinished(CampaignOutcome.SUCCESS, System.nanoTime() + 1_000_000_000L); // from the future
        agents.taskCompleted("texter-1", null, CampaignOutcome.SUCCESS, Duration.ofSeconds(1));
        texter.taskCompleted(null, Duration.ofSeconds(1));
        texter.taskCompleted(CampaignOutcome.FAILURE, null);
        texter.taskCompleted(CampaignOutcome.FAILURE, Duration.ofDays(400_000_000));
        texter.setCapacity(-4);
        agents.setCapacity("texter-1", null, 4);
        agents.agent("texter-1", null).taskStarted();

        assertThatScrape(test)
                .hasSample("agent_tasks_active", 0, "agent_id", "mailer-1", "agent_type", "email")
                .hasSample(
                        "agent_tasks_completed_total",
                        1,
                        "agent_id",
                        "mailer-1",
                        "agent_type",
                        "email",
                        "outcome",
                        "success")
                .hasSample(
                        "agent_tasks_completed_total",
                        1,
                        "agent_id",
                        "texter-1",
                        "agent_type",
                        "sms",
                        "outcome",
                        "success")
                .hasSample(
                        "agent_tasks_completed_total",
                        2,
                        "agent_id",
                        "texter-1",
                        "agent_type",
                        "sms",
                        "outcome",
                        "failure")
                .hasSample("agent_handling_time_seconds_count", 1, "agent_id", "texter-1")
                .hasSample("agent_handling_time_seconds_sum", 86_400, "agent_id", "texter-1")
                .hasNoSample("agent_capacity", "agent_id", "texter-1")
                .hasInstrumentationErrors("agent_tasks_active", "negative_value", 2)
                .hasInstrumentationErrors("agent_tasks_active", "null_value", 1)
                .hasInstrumentationErrors("agent_handling_time_seconds", "negative_value", 1)
                .hasInstrumentationErrors("agent_handling_time_seconds", "null_value", 1)
                .hasInstrumentationErrors("agent_handling_time_seconds", "value_too_large", 1)
                .hasInstrumentationErrors("agent_tasks_completed_total", "null_value", 2)
                .hasInstrumentationErrors("agent_capacity", "negative_value", 1)
                .hasInstrumentationErrors("agent_capacity", "null_value", 1);
    }

    @Test
    void hostileAgentIdsAreRedactedCleanedOrMarkedUnknown() {
        agents.taskCompleted("jane.doe@example.com", AgentType.EMAIL, CampaignOutcome.SUCCESS, Duration.ofSeconds(3));
        agents.taskCompleted("+1 415 555 0134", AgentType.PHONE, CampaignOutcome.SUCCESS, Duration.ofSeconds(3));
        agents.taskCompleted(
                "voice-3\r\nagent_tasks_completed_total 1e9",
                AgentType.PHONE,
                CampaignOutcome.FAILURE,
                Duration.ofSeconds(3));
        agents.taskCompleted("x".repeat(10_000_000), AgentType.SMS, CampaignOutcome.SUCCESS, Duration.ofSeconds(3));
        agents.taskCompleted(null, AgentType.SMS, CampaignOutcome.FAILURE, Duration.ofSeconds(3));
        agents.taskCompleted("  ", AgentType.SMS, CampaignOutcome.FAILURE, Duration.ofSeconds(3));

        assertThatScrape(test)
                .hasSample(
                        "agent_tasks_completed_total",
                        1,
                        "agent_id",
                        "redacted",
                        "agent_type",
                        "email",
                        "outcome",
                        "success")
                .hasSample(
                        "agent_tasks_completed_total",
                        1,
                        "agent_id",
                        "redacted",
                        "agent_type",
                        "phone",
                        "outcome",
                        "success")
                .hasSample(
                        "agent_tasks_completed_total",
                        1,
                        "agent_id",
                        "voice-3__agent_tasks_completed_total 1e9",
                        "agent_type",
                        "phone",
                        "outcome",
                        "failure")
                .hasSample(
                        "agent_tasks_completed_total",
                        1,
                        "agent_id",
                        "x".repeat(128),
                        "agent_type",
                        "sms",
                        "outcome",
                        "success")
                .hasSample(
                        "agent_tasks_completed_total",
                        2,
                        "agent_id",
                        "unknown",
                        "agent_type",
                        "sms",
                        "outcome",
                        "failure")
                .hasNoPiiInLabels()
                .hasInstrumentationErrors("agent_tasks_completed_total", "label_pii", 2)
                .hasInstrumentationErrors("agent_tasks_completed_total", "label_control_chars", 1)
                .hasInstrumentationErrors("agent_tasks_completed_total", "label_too_long", 1)
                .hasInstrumentationErrors("agent_tasks_completed_total", "null_value", 2);
        assertThat(test.scrape()).doesNotContain("example.com", "555", "\r");
    }

    @Test
    void tenThousandDistinctIdsFoldIntoOtherBeyondTheCap() {
        for (int i = 0; i < 10_000; i++) {
            AgentMetrics.Agent agent = agents.agent("agent-" + i, AgentType.EMAIL);
            agent.taskCompleted(CampaignOutcome.SUCCESS, Duration.ofSeconds(2));
            agent.setCapacity(1);
            agent.taskStarted();
        }

        assertThatScrape(test)
                .hasSample("agent_tasks_completed_total", 1, "agent_id", "agent-99", "outcome", "success")
                .hasNoSample("agent_tasks_completed_total", "agent_id", "agent-100")
                .hasSample(
                        "agent_tasks_completed_total",
                        10_000 - 100,
                        "agent_id",
                        "other",
                        "agent_type",
                        "email",
                        "outcome",
                        "success")
                .hasSample("agent_handling_time_seconds_count", 10_000 - 100, "agent_id", "other")
                .hasSample("agent_tasks_active", 10_000 - 100, "agent_id", "other")
                .hasSample("agent_capacity", 1, "agent_id", "other")
                .hasSample(
                        "obs_label_overflow_total",
                        10_000 - 100,
                        "metric",
                        "agent_tasks_completed_total",
                        "label",
                        "agent_id")
                .hasNoInstrumentationErrors();
        for (String meter : new String[] {
            "agent_tasks_completed_total{",
            "agent_handling_time_seconds_count{",
            "agent_tasks_active{",
            "agent_capacity{"
        }) {
            assertThat(test.scrape()
                            .lines()
                            .filter(l -> l.startsWith(meter)
                                    && !l.contains("outcome=\"failure\"")
                                    && !l.contains("outcome=\"cancelled\"")))
                    .as(meter)
                    .hasSize(101);
        }
    }
}
