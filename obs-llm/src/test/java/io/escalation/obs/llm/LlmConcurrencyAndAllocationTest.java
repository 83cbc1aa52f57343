package io.escalation.obs.llm;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.test.TestObservability;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Known totals under contention, and hot paths that allocate nothing. */
class LlmConcurrencyAndAllocationTest {

    private static final int CALLS = 200_000;
    private static final String[] MODELS = {
        "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3", "o3-mini", "o4-mini"
    };

    private final TestObservability test = TestObservability.create();

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void eightThreadsGiveExactTotals() throws Exception {
        LlmMetrics llm = LlmMetrics.builder(test.obs())
                .budget(LlmBudget.builder(new BigDecimal("100000")))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 50_000; i++) {
                    llm.recordUsage(LlmProvider.OPENAI, "gpt-4o", 1_000, 100); // 0.0025 + 0.001
                    llm.recordRetry(LlmProvider.OPENAI, LlmErrorReason.TIMEOUT);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThatScrape(test)
                .hasSample("llm_tokens_used_total", 400_000_000, "model", "gpt-4o", "type", "input")
                .hasSample("llm_tokens_used_total", 40_000_000, "model", "gpt-4o", "type", "output")
                .hasSample("llm_cost_usd_total", 1_400, "model", "gpt-4o")
                .hasSample("llm_retry_total", 400_000, "reason", "timeout");
        assertThat(llm.budget().orElseThrow().spentUsd()).isEqualByComparingTo("1400");
    }

    @Test
    void preResolvedHotPathsAllocateNothing() {
        LlmMetrics llm = LlmMetrics.builder(test.obs())
                .budget(LlmBudget.builder(new BigDecimal("1000000")))
                .build();
        LlmModel[] models = new LlmModel[MODELS.length];
        for (int i = 0; i < MODELS.length; i++) {
            models[i] = llm.model(LlmProvider.OPENAI, MODELS[i]);
            models[i].recordTimeToFirstToken(1);
        }
        assertThat(bytesPerCall(new Rotating() {
                    @Override
                    void call(int i) {
                        models[i & 7].recordTokens(TokenType.OUTPUT, 10);
                    }
                }))
                .isLessThan(1.0);
        assertThat(bytesPerCall(new Rotating() {
                    @Override
                    void call(int i) {
                        models[i & 7].recordUsage(100, 10, 5, 1);
                    }
                }))
                .isLessThan(1.0);
        assertThat(bytesPerCall(new Rotating() {
                    @Override
                    void call(int i) {
                        models[i & 7].recordRequest(LlmStatus.SUCCESS, 1_000_000L * i);
                        models[i & 7].recordTimeToFirstToken(1_000L * i);
                    }
                }))
                .isLessThan(1.0);
    }

    @Test
    void byNameAndProviderHotPathsAllocateNothing() {
        LlmMetrics llm = LlmMetrics.create(test.obs());
        assertThat(bytesPerCall(new Rotating() {
                    @Override
                    void call(int i) {
                        llm.recordUsage(LlmProvider.OPENAI, MODELS[i & 7], 100, 10);
                        llm.recordRequest(LlmProvider.OPENAI, MODELS[i & 7], LlmStatus.ERROR, 5_000L);
                        llm.recordRetry(LlmProvider.ANTHROPIC, LlmErrorReason.RATE_LIMIT);
                        llm.recordFallback(LlmProvider.OPENAI, LlmProvider.ANTHROPIC);
                        llm.recordQuality(LlmProvider.OPENAI, 0.75);
                        llm.recordResponseLength(LlmProvider.OPENAI, 300);
                        llm.recordHallucination(LlmProvider.OPENAI);
                    }
                }))
                .isLessThan(1.0);
    }

    private abstract static class Rotating implements Runnable {
        private int next;

        abstract void call(int i);

        @Override
        public void run() {
            call(next++);
        }
    }

    private static double bytesPerCall(Runnable call) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        return (double) (threads.getThreadAllocatedBytes(id) - before) / CALLS;
    }
}
