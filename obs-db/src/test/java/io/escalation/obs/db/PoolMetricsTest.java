package io.escalation.obs.db;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.escalation.obs.test.TestObservability;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoolMetricsTest {

    private final TestObservability test = TestObservability.create();
    private final DbMetrics db = DbMetrics.create(test.obs());

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void poolGaugesAreReadAtScrapeTime() {
        FixedPool pool = new FixedPool(6, 2, 1, 8);
        db.registerPool("main", pool);

        assertThatScrape(test)
                .hasType("db_connections_active", "gauge")
                .hasSample("db_connections_active", 6, "pool", "main")
                .hasSample("db_connections_idle", 2, "pool", "main")
                .hasSample("db_connections_waiting", 1, "pool", "main")
                .hasType("db_pool_utilization_ratio", "gauge")
                .hasSample("db_pool_utilization_ratio", 0.75, "pool", "main");

        pool.active = 8;
        assertThatScrape(test).hasSample("db_pool_utilization_ratio", 1.0, "pool", "main");
    }

    @Test
    void failingOrLyingPoolStatsBecomeNaNAndFaults() {
        db.registerPool("broken", new PoolStats() {
            @Override
            public int active() {
                throw new IllegalStateException("pool closed");
            }

            @Override
            public int idle() {
                return -1;
            }

            @Override
            public int waiting() {
                return 0;
            }

            @Override
            public int max() {
                return 0;
            }
        });

        assertThatScrape(test)
                .hasSample("db_connections_active", Double.NaN, "pool", "broken")
                .hasSample("db_connections_idle", Double.NaN, "pool", "broken")
                .hasSample("db_connections_waiting", 0, "pool", "broken")
                .hasSample("db_pool_utilization_ratio", Double.NaN, "pool", "broken");
        // the faults are counted while the gauges are read, i.e. during a scrape: look at the next one
        assertThat(faults("db_connections_active", "recording_failed")).isGreaterThanOrEqualTo(1);
        assertThat(faults("db_connections_idle", "negative_value")).isGreaterThanOrEqualTo(1);
        assertThat(faults("db_pool_utilization_ratio", "recording_failed")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void badPoolNamesAndDuplicatesFailFast() {
        db.registerPool("main", new FixedPool(0, 0, 0, 1));

        assertThatThrownBy(() -> db.registerPool("main", new FixedPool(0, 0, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already registered");
        assertThatThrownBy(() -> db.registerPool("jdbc:postgresql://db/prod?user=x", new FixedPool(0, 0, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool name");
    }

    @Test
    void hikariPoolOverAnEmbeddedDatabase() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:pooltest;DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(2);
        config.setConnectionTimeout(10_000);
        config.setPoolName("obs-test-pool");
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            db.registerPool("main", HikariPoolStats.of(dataSource));
            waitFor(() -> dataSource.getHikariPoolMXBean().getIdleConnections() == 2);
            assertThatScrape(test)
                    .hasSample("db_connections_active", 0, "pool", "main")
                    .hasSample("db_connections_idle", 2, "pool", "main")
                    .hasSample("db_pool_utilization_ratio", 0, "pool", "main");

            try (Connection first = dataSource.getConnection();
                    Connection second = dataSource.getConnection()) {
                assertThat(first.isValid(1) && second.isValid(1)).isTrue();
                CompletableFuture<Void> third = CompletableFuture.runAsync(() -> {
                    try (Connection c = dataSource.getConnection()) {
                        c.isValid(1);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                waitFor(() -> dataSource.getHikariPoolMXBean().getThreadsAwaitingConnection() == 1);
                assertThatScrape(test)
                        .hasSample("db_connections_active", 2, "pool", "main")
                        .hasSample("db_connections_idle", 0, "pool", "main")
                        .hasSample("db_connections_waiting", 1, "pool", "main")
                        .hasSample("db_pool_utilization_ratio", 1.0, "pool", "main");
                first.close();
                third.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void hikariDataSourceNotYetStartedReadsZero() {
        HikariDataSource lazy = new HikariDataSource();
        lazy.setMaximumPoolSize(4);
        HikariPoolStats stats = HikariPoolStats.of(lazy);

        assertThat(new int[] {stats.active(), stats.idle(), stats.waiting(), stats.max()})
                .containsExactly(0, 0, 0, 4);
        lazy.close();
    }

    private double faults(String metric, String reason) {
        return assertThatScrape(test).samples().stream()
                .filter(x -> x.name().equals("obs_instrumentation_errors_total")
                        && metric.equals(x.labels().get("metric"))
                        && reason.equals(x.labels().get("reason")))
                .mapToDouble(x -> x.value())
                .sum();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }

    private static final class FixedPool implements PoolStats {
        volatile int active;
        final int idle;
        final int waiting;
        final int max;

        FixedPool(int active, int idle, int waiting, int max) {
            this.active = active;
            this.idle = idle;
            this.waiting = waiting;
            this.max = max;
        }

        @Override
        public int active() {
            return active;
        }

        @Override
        public int idle() {
            return idle;
        }

        @Override
        public int waiting() {
            return waiting;
        }

        @Override
        public int max() {
            return max;
        }
    }
}
