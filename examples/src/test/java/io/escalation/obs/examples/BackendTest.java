package io.escalation.obs.examples;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.business.Channel;
import io.escalation.obs.business.TaskStatus;
import io.escalation.obs.db.DbMetrics;
import io.escalation.obs.db.RedisMetrics;
import io.escalation.obs.test.PostgresServer;
import io.escalation.obs.test.TestObservability;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The example's faults come from the database itself, on the embedded H2 and on a real PostgreSQL
 * (Debian's postgresql, started by {@link PostgresServer}): a deadlock between two transactions, a
 * pool whose every connection is held, a statement that sleeps, and table sizes from the database.
 */
class BackendTest {

    @Test
    void embeddedH2() throws Exception {
        exercise(null);
    }

    @Test
    void postgres() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            exercise(postgres.jdbcUrl() + "?user=" + postgres.user());
        }
    }

    private static void exercise(String url) throws Exception {
        try (TestObservability test = TestObservability.create();
                Database database = Database.open(url);
                Backend backend = new Backend(
                        new Random(3),
                        database,
                        Cache.inProcess(RedisMetrics.create(test.obs())),
                        DbMetrics.create(test.obs()),
                        true)) {
            Backend.Campaign first = backend.createCampaign();
            backend.createCampaign();
            Backend.Task task = backend.createTask(first, Channel.SMS, "+15551234567");
            backend.completeTask(task, true);
            assertThat(backend.task(task.id).status).isEqualTo(TaskStatus.COMPLETED);
            assertThat(backend.campaign(first.id).succeeded).isEqualTo(1);

            // two transactions lock the same two rows in opposite order: one is aborted and retries
            backend.deadlock();
            assertThatScrape(test)
                    .hasLine("db_deadlocks_total{environment=\"test\",service=\"test-service\"} 1.0")
                    .hasSample("db_queries_total", 1, "query", "rebalance_campaigns", "status", "error")
                    .hasSample("db_queries_total", 2, "query", "rebalance_campaigns", "status", "success");

            // a batch job holds the whole pool: the query waits, then HikariCP gives up
            assertThatThrownBy(() -> backend.whilePoolIsTaken(() -> {
                        assertThatScrape(test)
                                .hasSample("db_connections_active", Database.POOL_SIZE, "pool", "main")
                                .hasSample("db_pool_utilization_ratio", 1.0, "pool", "main");
                        return backend.campaigns();
                    }))
                    .isInstanceOf(SQLTransientConnectionException.class);
            assertThatScrape(test)
                    .hasSample("db_queries_total", 1, "query", "select_campaigns", "status", "error")
                    .hasSample("db_connections_active", 0, "pool", "main");
            assertThat(backend.campaigns()).hasSize(2);

            // pg_sleep: PostgreSQL's own, an alias of SqlFunctions.pgSleep on H2
            long start = System.nanoTime();
            try (Connection c = database.connection();
                    PreparedStatement s = c.prepareStatement("SELECT pg_sleep(?)")) {
                s.setDouble(1, 0.2);
                s.execute();
            }
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(200_000_000L);

            // one session write in a hundred meets Redis's WRONGTYPE (here the in-process stand-in's)
            for (int i = 0; i < 104; i++) {
                backend.redisSet("session:t-" + i, "1");
            }
            assertThatScrape(test)
                    .hasSample("redis_command_errors_total", 1, "command", "LPUSH", "error", "WRONGTYPE")
                    .hasSample("redis_commands_total", 104, "command", "SET");

            Map<String, Long> sizes = backend.tableSizes();
            assertThat(sizes).containsOnlyKeys("campaigns", "tasks", "payments");
            assertThat(sizes.get("campaigns")).as("the database's own figure").isPositive();
        }
    }
}
