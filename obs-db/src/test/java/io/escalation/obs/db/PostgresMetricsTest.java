package io.escalation.obs.db;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.escalation.obs.test.PostgresServer;
import io.escalation.obs.test.TestObservability;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * obs-db against a real PostgreSQL (Debian's postgresql, started once for the class by
 * {@link PostgresServer}) through the real JDBC driver and HikariCP: a deadlock PostgreSQL detects
 * between two transactions, a statement that really sleeps past the slow threshold, a pool whose
 * connections are really held and waited for, and table sizes read from PostgreSQL's catalogue.
 */
class PostgresMetricsTest {

    private static PostgresServer postgres;
    private static HikariDataSource admin;

    private final TestObservability test = TestObservability.create();
    private final DbMetrics db = DbMetrics.builder(test.obs())
            .slowQueryThreshold(Duration.ofMillis(200))
            .build();

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
        admin = pool("admin", 2, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopPostgres() {
        if (admin != null) {
            admin.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void aRealDeadlockIsCountedOnceAsADeadlockAndAsOneFailedQuery() throws Exception {
        sql(
                "DROP TABLE IF EXISTS accounts",
                "CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)",
                "INSERT INTO accounts VALUES (1, 100), (2, 100)");
        DbMetrics.Query transfer = db.query("transfer", "UPDATE", "accounts");
        CyclicBarrier bothHoldTheirFirstRow = new CyclicBarrier(2);

        // two transactions lock the same two rows in opposite order: PostgreSQL aborts one of them
        CompletableFuture<String> first =
                CompletableFuture.supplyAsync(() -> transfer(transfer, 1, 2, bothHoldTheirFirstRow));
        CompletableFuture<String> second =
                CompletableFuture.supplyAsync(() -> transfer(transfer, 2, 1, bothHoldTheirFirstRow));
        List<String> outcomes = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));

        assertThat(outcomes)
                .as("one transaction committed, PostgreSQL aborted the other with SQLSTATE 40P01")
                .containsExactlyInAnyOrder("committed", "40P01");
        assertThatScrape(test)
                .hasLine("db_deadlocks_total{environment=\"test\",service=\"test-service\"} 1.0")
                .hasSample("db_queries_total", 1, "query", "transfer", "status", "success")
                .hasSample("db_queries_total", 1, "query", "transfer", "status", "error")
                .hasNoInstrumentationErrors();
        SpanData victim = test.spans().stream()
                .filter(s -> "40P01".equals(s.getAttributes().get(AttributeKey.stringKey("db.response.status_code"))))
                .findFirst()
                .orElseThrow();
        assertThat(victim.getName()).isEqualTo("UPDATE accounts");
    }

    @Test
    void otherRealErrorsAreErrorsButNotDeadlocks() {
        sql(
                "DROP TABLE IF EXISTS customers_unique",
                "CREATE TABLE customers_unique (id int PRIMARY KEY)",
                "INSERT INTO customers_unique VALUES (1)");
        DbMetrics.Query insert = db.query("insert_customer", "INSERT", "customers_unique");

        assertThatThrownBy(() -> insert.call(() -> update(admin, "INSERT INTO customers_unique VALUES (1)")))
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("23505"); // unique_violation
        assertThatThrownBy(() -> insert.call(() -> update(admin, "INSERT INTO no_such_table VALUES (1)")))
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("42P01"); // undefined_table

        assertThatScrape(test)
                .hasSample("db_queries_total", 2, "query", "insert_customer", "status", "error")
                .hasLine("db_deadlocks_total{environment=\"test\",service=\"test-service\"} 0.0");
    }

    @Test
    void aStatementSlowerThanTheThresholdIsCountedOnceAsSlow() throws Exception {
        DbMetrics.Query sleep = db.query("report", "SELECT", null);
        DbMetrics.Query fast = db.query("lookup", "SELECT", null);

        sleep.call(() -> query("SELECT pg_sleep(0.3)"));
        for (int i = 0; i < 5; i++) {
            fast.call(() -> query("SELECT 1"));
        }

        assertThatScrape(test)
                .hasSample("db_slow_queries_total", 1, "query", "report")
                .hasSample("db_slow_queries_total", 0, "query", "lookup")
                .hasSample("db_queries_total", 1, "query", "report", "status", "success")
                .hasSample("db_query_duration_seconds_bucket", 0, "query", "report", "le", "0.1")
                .hasSample("db_query_duration_seconds_bucket", 1, "query", "report", "le", "0.5")
                .hasSample("db_queries_total", 5, "query", "lookup", "status", "success")
                .hasSample("db_query_duration_seconds_bucket", 5, "query", "lookup", "le", "0.1");
    }

    @Test
    void poolGaugesFollowConnectionsReallyHeldAndWaitedFor() throws Exception {
        try (HikariDataSource main = pool("main", 3, Duration.ofSeconds(20))) {
            db.registerPool("main", HikariPoolStats.of(main));
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(main.getConnection());
            }
            List<CompletableFuture<Integer>> waiters = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                waiters.add(CompletableFuture.supplyAsync(() -> {
                    try (Connection c = main.getConnection();
                            Statement s = c.createStatement();
                            ResultSet rs = s.executeQuery("SELECT 1")) {
                        rs.next();
                        return rs.getInt(1);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            awaitSample("db_connections_waiting", 2.0);
            assertThatScrape(test)
                    .hasSample("db_connections_active", 3, "pool", "main")
                    .hasSample("db_connections_idle", 0, "pool", "main")
                    .hasSample("db_connections_waiting", 2, "pool", "main")
                    .hasSample("db_pool_utilization_ratio", 1.0, "pool", "main");

            for (Connection connection : held) {
                connection.close();
            }
            for (CompletableFuture<Integer> waiter : waiters) {
                assertThat(waiter.get(20, TimeUnit.SECONDS)).isEqualTo(1);
            }
            awaitSample("db_connections_active", 0.0);
            assertThatScrape(test)
                    .hasSample("db_connections_waiting", 0, "pool", "main")
                    .hasSample("db_connections_idle", 3, "pool", "main")
                    .hasSample("db_pool_utilization_ratio", 0.0, "pool", "main");
        }
    }

    @Test
    void tableSizesComeFromPostgresCatalogue() {
        sql(
                "DROP TABLE IF EXISTS payments",
                "CREATE TABLE payments (id serial PRIMARY KEY, customer text NOT NULL, cents int NOT NULL)");
        try (TableSizes sizes = db.tableSizes(PostgresMetricsTest::userTableSizes, Duration.ofMinutes(10))) {
            sizes.refresh();
            long empty = userTableSizes().get("payments");
            assertThatScrape(test).hasSample("db_table_size_bytes", empty, "table", "payments");

            sql("INSERT INTO payments (customer, cents) SELECT 'customer-' || g, g FROM generate_series(1, 20000) g");
            sizes.refresh();
            long full = userTableSizes().get("payments");
            assertThat(full).as("20 000 rows take pages").isGreaterThan(empty + 500_000);
            assertThatScrape(test)
                    .hasSample("db_table_size_bytes", full, "table", "payments")
                    .hasNoInstrumentationErrors();

            sql("DROP TABLE payments");
            sizes.refresh();
            assertThatScrape(test)
                    .as("a dropped table reads NaN")
                    .hasSample("db_table_size_bytes", Double.NaN, "table", "payments");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Moves 10 from {@code from} to {@code to} in one transaction, both rows locked in that order. */
    private static String transfer(DbMetrics.Query query, int from, int to, CyclicBarrier barrier) {
        try (Connection c = admin.getConnection()) {
            c.setAutoCommit(false);
            try {
                query.call(() -> {
                    update(c, "UPDATE accounts SET balance = balance - 10 WHERE id = " + from);
                    barrier.await(10, TimeUnit.SECONDS);
                    update(c, "UPDATE accounts SET balance = balance + 10 WHERE id = " + to);
                    c.commit();
                    return null;
                });
                return "committed";
            } catch (SQLException e) {
                c.rollback();
                return e.getSQLState();
            } catch (Exception e) {
                c.rollback();
                throw new IllegalStateException(e);
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int update(HikariDataSource source, String statement) throws SQLException {
        try (Connection c = source.getConnection()) {
            return update(c, statement);
        }
    }

    private static int update(Connection c, String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(statement);
        }
    }

    private static Object query(String statement) throws SQLException {
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(statement)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    private static void sql(String... statements) {
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a service polls: PostgreSQL's own sizes of the user tables, indexes and TOAST included. */
    private static Map<String, Long> userTableSizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Connection c = admin.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT relname, pg_total_relation_size(relid) FROM pg_stat_user_tables")) {
            while (rs.next()) {
                sizes.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sizes;
    }

    private void awaitSample(String name, double value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!test.scrape().contains(name + "{environment=\"test\",pool=\"main\",service=\"test-service\"} " + value)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static HikariDataSource pool(String name, int size, Duration timeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(postgres.jdbcUrl());
        config.setUsername(postgres.user());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(timeout.toMillis());
        return new HikariDataSource(config);
    }
}
