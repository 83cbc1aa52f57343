package io.escalation.obs.db;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.test.TestObservability;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating a facade twice on one Observability gives the same facade, or fails when the settings differ. */
class CreateTwiceTest {

    private final TestObservability test = TestObservability.create();

    @AfterEach
    void close() {
        test.close();
    }

    /** A pool whose numbers never change. */
    private record Pool(int active, int idle, int waiting, int max) implements PoolStats {}

    @Test
    void aPoolNameRegisteredThroughBothFailsFastInsteadOfShowingTheFirstPoolsNumbers() {
        DbMetrics first = DbMetrics.create(test.obs());
        DbMetrics second = DbMetrics.create(test.obs());
        first.registerPool("main", new Pool(1, 9, 0, 10));

        assertThatThrownBy(() -> second.registerPool("main", new Pool(8, 2, 0, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a pool named 'main' is already registered");
        second.registerPool("replica", new Pool(3, 7, 0, 10));
        assertThatScrape(test)
                .hasSample("db_connections_active", 1, "pool", "main")
                .hasSample("db_connections_active", 3, "pool", "replica");
        assertThat(second).isSameAs(first);
    }

    @Test
    void queriesThroughBothAddUpAndAnEqualThresholdGivesTheSameInstance() {
        DbMetrics first = DbMetrics.builder(test.obs())
                .slowQueryThreshold(Duration.ofMillis(500))
                .build();
        DbMetrics second = DbMetrics.builder(test.obs())
                .slowQueryThreshold(Duration.ofNanos(500_000_000))
                .build();
        first.record("select_customer", QueryStatus.SUCCESS, 1_000_000);
        second.record("select_customer", QueryStatus.SUCCESS, 1_000_000);

        assertThatScrape(test).hasSample("db_queries_total", 2, "query", "select_customer", "status", "success");
        assertThat(second).isSameAs(first);
    }

    @Test
    void anotherThresholdFailsFastNamingIt() {
        DbMetrics.create(test.obs());

        assertThatThrownBy(() -> DbMetrics.builder(test.obs())
                        .slowQueryThreshold(Duration.ofMillis(500))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("DbMetrics is already bound to this Observability with other settings"
                        + " (slowQueryThreshold differs)");
    }

    @Test
    void redisCommandsThroughBothAddUp() {
        RedisMetrics first = RedisMetrics.create(test.obs());
        RedisMetrics second = RedisMetrics.create(test.obs());
        first.record(RedisCommand.GET, 1_000);
        second.record(RedisCommand.GET, 1_000);

        assertThatScrape(test).hasSample("redis_commands_total", 2, "command", "GET");
        assertThat(second).isSameAs(first);
    }
}
