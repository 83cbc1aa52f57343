package io.escalation.obs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObservabilityComponentTest {

    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .jvmMetrics(false)
            .build();

    @AfterEach
    void close() {
        obs.close();
    }

    /** A facade-shaped class for the tests. */
    static final class Widget {
        final Duration threshold;

        Widget(Duration threshold) {
            this.threshold = threshold;
        }
    }

    @Test
    void theFactoryRunsOnceAndLaterCallsGetTheFirstInstance() {
        AtomicInteger made = new AtomicInteger();
        Widget first = obs.component(Widget.class, () -> {
            made.incrementAndGet();
            return new Widget(Duration.ofSeconds(1));
        });
        Widget second = obs.component(Widget.class, () -> {
            made.incrementAndGet();
            return new Widget(Duration.ofSeconds(2));
        });

        assertThat(second).isSameAs(first);
        assertThat(made).hasValue(1);
    }

    @Test
    void equalSettingsGetTheSameInstance() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("threshold", Duration.ofMillis(500));
        settings.put("peers", Set.of("twilio", "openai"));
        Widget first = obs.component(Widget.class, settings, () -> new Widget(Duration.ofMillis(500)));

        Map<String, Object> equal = new LinkedHashMap<>();
        equal.put("peers", Set.of("openai", "twilio"));
        equal.put("threshold", Duration.ofNanos(500_000_000));
        assertThat(obs.component(Widget.class, equal, () -> new Widget(Duration.ZERO)))
                .isSameAs(first);
    }

    @Test
    void otherSettingsFailNamingTheSettingButNotItsValue() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("threshold", Duration.ofMillis(500));
        settings.put("dsn", "https://secret-key@sentry.example/1");
        settings.put("release", "1.0");
        obs.component(Widget.class, settings, () -> new Widget(Duration.ofMillis(500)));

        Map<String, Object> other = new LinkedHashMap<>(settings);
        other.put("dsn", "https://other-key@sentry.example/1");
        other.put("threshold", Duration.ofSeconds(2));

        assertThatThrownBy(() -> obs.component(Widget.class, other, () -> new Widget(Duration.ofSeconds(2))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Widget is already bound to this Observability with other settings"
                        + " (dsn, threshold differ): configure it once, at start-up, and share that instance")
                .hasMessageNotContaining("secret-key")
                .hasMessageNotContaining("other-key")
                .hasMessageNotContaining("release");
        assertThatThrownBy(() -> obs.component(Widget.class, () -> new Widget(Duration.ZERO)))
                .as("no settings is not the same as these settings")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("(dsn, release, threshold differ)");
    }

    @Test
    void nullSettingValuesCompare() {
        Map<String, Object> none = new HashMap<>();
        none.put("budget", null);
        Widget first = obs.component(Widget.class, none, () -> new Widget(Duration.ZERO));

        assertThat(obs.component(Widget.class, new HashMap<>(none), () -> new Widget(Duration.ZERO)))
                .isSameAs(first);
        assertThatThrownBy(() ->
                        obs.component(Widget.class, Map.of("budget", List.of(5000)), () -> new Widget(Duration.ZERO)))
                .hasMessageContaining("(budget differs)");
    }

    @Test
    void aFailedConstructionLeavesNothingBehind() {
        assertThatThrownBy(() -> obs.component(Widget.class, () -> {
                    throw new IllegalArgumentException("threshold must be positive");
                }))
                .isInstanceOf(IllegalArgumentException.class);

        Widget made = obs.component(Widget.class, () -> new Widget(Duration.ofSeconds(1)));
        assertThat(made.threshold).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aFactoryMayAskForOtherComponentsButNotForItself() {
        AppErrors[] seen = new AppErrors[1];
        Widget made = obs.component(Widget.class, () -> {
            seen[0] = AppErrors.create(obs);
            return new Widget(Duration.ZERO);
        });
        assertThat(made).isNotNull();
        assertThat(AppErrors.create(obs)).isSameAs(seen[0]);

        assertThatThrownBy(() -> obs.component(Thread.class, () -> obs.component(Thread.class, Thread::new)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the factory of java.lang.Thread asks for Thread itself");
    }

    @Test
    void concurrentFirstCallsMakeOneInstance() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        Set<Object> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger made = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    seen.add(obs.component(Widget.class, () -> {
                        made.incrementAndGet();
                        return new Widget(Duration.ZERO);
                    }));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(10_000);
        }

        assertThat(seen).hasSize(1);
        assertThat(made).hasValue(1);
    }
}
