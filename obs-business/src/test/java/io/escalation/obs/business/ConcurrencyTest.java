package io.escalation.obs.business;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.test.TestObservability;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Several threads record at once: the totals, money included, come out exact. */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CALLS = 30_000;
    /** Five agents, the same ids resolved from every thread at once. */
    private static final String[] AGENT_IDS = {"voice-1", "voice-2", "voice-3", "voice-4", "voice-5"};

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void knownTotalsSurviveConcurrentRecording() throws Exception {
        try (TestObservability test = TestObservability.create()) {
            PaymentMetrics payments = PaymentMetrics.create(test.obs());
            ContactMetrics contacts = ContactMetrics.create(test.obs());
            AgentMetrics agents = AgentMetrics.create(test.obs());
            AgentMetrics.Agent mailer = agents.agent("mailer-1", AgentType.EMAIL);
            BigDecimal dime = new BigDecimal("0.10");
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < CALLS; i++) {
                        if ((i & 1) == 0) {
                            payments.collected(dime);
                        } else {
                            payments.collectedCents(1);
                        }
                        contacts.contacted(Channel.values()[i % 3]);
                        AgentMetrics.Agent agent = agents.agent(AGENT_IDS[i % AGENT_IDS.length], AgentType.PHONE);
                        long started = agent.taskStarted();
                        agent.taskFinished(CampaignOutcome.SUCCESS, started);
                        if ((i & 1) == 0) {
                            agents.taskCompleted("mailer-1", AgentType.EMAIL, CampaignOutcome.FAILURE, MINUTE);
                        } else {
                            mailer.taskCompleted(CampaignOutcome.FAILURE, MINUTE);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            int total = THREADS * CALLS;
            // half the payments are $0.10, half $0.01: 120000 * 0.11 = 13200.00
            assertThat(payments.collectedUsd()).isEqualByComparingTo("13200");
            assertThatScrape(test)
                    .hasSample("payments_collected_total", total)
                    .hasSample("payments_collected_amount_usd_total", 13_200.0)
                    .hasSample("customers_contacted_total", total / 3, "channel", "email")
                    .hasSample("customers_contacted_total", total / 3, "channel", "sms")
                    .hasSample(
                            "agent_tasks_completed_total",
                            total,
                            "agent_id",
                            "mailer-1",
                            "agent_type",
                            "email",
                            "outcome",
                            "failure")
                    .hasSample("agent_handling_time_seconds_count", total, "agent_id", "mailer-1")
                    .hasSample("agent_handling_time_seconds_sum", total * 60.0, "agent_id", "mailer-1")
                    .hasNoInstrumentationErrors();
            for (String id : AGENT_IDS) { // 240000 tasks over five agents
                assertThatScrape(test)
                        .hasSample("agent_tasks_active", 0, "agent_id", id, "agent_type", "phone")
                        .hasSample(
                                "agent_tasks_completed_total",
                                total / 5,
                                "agent_id",
                                id,
                                "agent_type",
                                "phone",
                                "outcome",
                                "success")
                        .hasSample("agent_handling_time_seconds_count", total / 5, "agent_id", id);
            }
        }
    }
}
