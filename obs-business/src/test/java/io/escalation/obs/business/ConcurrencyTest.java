package io.escalation.obs.business;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.test.TestObservability;
import java.math.BigDecimal;
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

    @Test
    void knownTotalsSurviveConcurrentRecording() throws Exception {
        try (TestObservability test = TestObservability.create()) {
            PaymentMetrics payments = PaymentMetrics.create(test.obs());
            ContactMetrics contacts = ContactMetrics.create(test.obs());
            AgentMetrics agents = AgentMetrics.create(test.obs());
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
                        long started = agents.taskStarted(AgentType.PHONE);
                        agents.taskFinished(AgentType.PHONE, Outcome.SUCCESS, started);
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
                    .hasSample("agent_tasks_active", 0, "agent_type", "phone")
                    .hasSample("agent_tasks_completed_total", total, "agent_type", "phone", "outcome", "success")
                    .hasNoInstrumentationErrors();
        }
    }
}
