package io.escalation.obs.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.QueueMetrics;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JvmInfrastructureTest {

    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .jvmMetrics(false)
            .build();

    @AfterEach
    void close() {
        obs.close();
    }

    @Test
    void queueDepthIsReadAtScrapeTime() throws Exception {
        ArrayBlockingQueue<String> tasks = new ArrayBlockingQueue<>(10);
        ThreadPoolExecutor emails = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try {
            QueueMetrics.create(obs).register("tasks", tasks).register("emails", emails);
            tasks.add("a");
            tasks.add("b");
            java.util.concurrent.CountDownLatch block = new java.util.concurrent.CountDownLatch(1);
            emails.execute(() -> {
                try {
                    block.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            emails.execute(() -> {});
            emails.execute(() -> {});

            assertThat(obs.prometheusText())
                    .contains("queue_depth{environment=\"test\",queue=\"tasks\",service=\"svc\"} 2.0\n")
                    .contains("queue_depth{environment=\"test\",queue=\"emails\",service=\"svc\"} 2.0\n");
            block.countDown();
        } finally {
            emails.shutdownNow();
        }
    }

    @Test
    void queueNamesAreValidatedAtRegistration() {
        assertThatThrownBy(() -> QueueMetrics.create(obs).register("Tasks Queue", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue name 'Tasks Queue'")
                .hasMessageContaining("e.g. \"tasks\"");
    }

    @Test
    void aSecondQueueUnderTheSameNameFailsInsteadOfVanishing() {
        List<String> first = List.of("a");
        QueueMetrics.create(obs).register("tasks", first);

        assertThatThrownBy(() -> QueueMetrics.create(obs).register("tasks", List.of("b", "c")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queue 'tasks' is already registered");
        assertThat(obs.prometheusText())
                .contains("queue_depth{environment=\"test\",queue=\"tasks\",service=\"svc\"} 1.0\n");
    }

    @Test
    void vmRssIsParsedFromProcStatus() {
        assertThat(JvmInfrastructure.parseVmRss(List.of("Name:\tjava", "VmRSS:\t  123456 kB", "Threads: 3")))
                .isEqualTo(123456.0 * 1024);
        assertThat(JvmInfrastructure.parseVmRss(List.of("Name:\tjava"))).isNaN();
    }

    @Test
    void schedulingLagReportsTheWorstOfTheWindow() {
        try (Observability withJvm =
                Observability.builder().serviceName("svc").environment("test").build()) {
            assertThat(withJvm.prometheusText()).contains("# TYPE jvm_scheduling_lag_seconds gauge");
        }
        SchedulingLagProbe probe = SchedulingLagProbe.start(obs.registry());
        try {
            probe.record(TimeUnit.MILLISECONDS.toNanos(3));
            probe.record(TimeUnit.MILLISECONDS.toNanos(250));
            probe.record(TimeUnit.MILLISECONDS.toNanos(7));
            assertThat(probe.worstLagSeconds()).isGreaterThanOrEqualTo(0.25);
        } finally {
            probe.close();
        }
    }
}
