package io.escalation.obs.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The service's database behind a HikariCP pool of {@value #POOL_SIZE} connections: by default an
 * embedded H2 (PostgreSQL mode) in a temporary directory, deleted on {@link #close()}, so that the
 * example needs nothing installed; with a {@code jdbc:postgresql://} URL a real PostgreSQL. The
 * tables {@code campaigns}, {@code tasks} and {@code payments} are created when missing.
 */
final class Database implements AutoCloseable {

    static final int POOL_SIZE = 10;
    /** How long a request waits for a connection before the pool gives up: HikariCP's minimum. */
    static final long CONNECTION_TIMEOUT_MS = 250;
    /** H2's SQLSTATE for a deadlock; PostgreSQL's is 40P01 (which obs-db recognises by itself). */
    static final String H2_DEADLOCK = "40001";

    private static final String[] TABLES = {"campaigns", "tasks", "payments"};

    private final HikariDataSource pool;
    private final boolean postgres;
    private final @Nullable Path embeddedDir;
    /** The pool is the host's (Spring Boot's DataSource): the host registers, and closes it. */
    private final boolean hosted;

    private Database(HikariDataSource pool, boolean postgres, @Nullable Path embeddedDir, boolean hosted) {
        this.pool = pool;
        this.postgres = postgres;
        this.embeddedDir = embeddedDir;
        this.hosted = hosted;
    }

    /**
     * The database behind a pool the host opened and closes, such as Spring Boot's {@code DataSource}, and
     * whose {@code db_connections_*} the host records (obs-spring-boot's HikariCP bridge); creates the tables.
     *
     * @param pool an H2 (PostgreSQL mode) or PostgreSQL pool
     * @throws IllegalStateException when the tables cannot be created
     */
    static Database hosted(HikariDataSource pool) {
        String url = pool.getJdbcUrl();
        Database database = new Database(pool, url != null && url.startsWith("jdbc:postgresql:"), null, true);
        try {
            database.createSchema();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the tables campaigns, tasks and payments: " + e, e);
        }
        return database;
    }

    /**
     * Opens the pool on {@code url} (null: a new embedded H2) and creates the tables.
     *
     * @param url a {@code jdbc:postgresql://host:port/db?user=...&password=...} URL, or null
     * @throws IllegalStateException when the database cannot be reached or the tables not created
     */
    static Database open(@Nullable String url) {
        Path dir = null;
        String jdbcUrl = url;
        if (url == null) {
            try {
                dir = Files.createTempDirectory("obs-example-db-");
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the embedded database's directory: " + e, e);
            }
            // a file database (not mem:), so that DISK_SPACE_USED reports real table sizes
            jdbcUrl = "jdbc:h2:" + dir.resolve("escalation") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                    + ";DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=2000;DB_CLOSE_ON_EXIT=FALSE";
        } else if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db takes a PostgreSQL JDBC URL such as"
                    + " jdbc:postgresql://127.0.0.1:5432/escalation?user=app&password=secret, was " + url);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("main");
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(POOL_SIZE);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setInitializationFailTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw new IllegalStateException(
                    "cannot open the database " + (url == null ? "(embedded H2)" : url) + ": " + e.getMessage(), e);
        }
        Database database = new Database(pool, url != null, dir, false);
        try {
            database.createSchema();
        } catch (SQLException e) {
            database.close();
            throw new IllegalStateException("cannot create the tables campaigns, tasks and payments: " + e, e);
        }
        return database;
    }

    private void createSchema() throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE IF NOT EXISTS campaigns (id VARCHAR(32) PRIMARY KEY, status VARCHAR(16) NOT NULL,"
                            + " simulated_hours INT NOT NULL, succeeded INT NOT NULL DEFAULT 0, failed INT NOT NULL DEFAULT 0)");
            s.execute("CREATE TABLE IF NOT EXISTS tasks (id VARCHAR(32) PRIMARY KEY,"
                    + " campaign_id VARCHAR(32) NOT NULL REFERENCES campaigns (id), channel VARCHAR(8) NOT NULL,"
                    + " contact VARCHAR(320) NOT NULL, status VARCHAR(16) NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS payments (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                    + " paid_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
            if (!postgres) {
                // PostgreSQL's pg_sleep(seconds), which the slow queries call
                s.execute("CREATE ALIAS IF NOT EXISTS pg_sleep FOR '" + SqlFunctions.class.getName() + ".pgSleep'");
            }
        }
    }

    /** A connection from the pool; close it to give it back. */
    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    HikariDataSource pool() {
        return pool;
    }

    /** Whether the pool is the host's: registered and closed by the host, not by this example. */
    boolean isHosted() {
        return hosted;
    }

    boolean isPostgres() {
        return postgres;
    }

    /** What {@code tasks} and the others take on disk now: PostgreSQL's catalogue, or H2's DISK_SPACE_USED. */
    Map<String, Long> tableSizes() throws SQLException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            if (postgres) {
                try (ResultSet rs =
                        s.executeQuery("SELECT relname, pg_total_relation_size(relid) FROM pg_stat_user_tables"
                                + " WHERE relname IN ('campaigns', 'tasks', 'payments')")) {
                    while (rs.next()) {
                        sizes.put(rs.getString(1), rs.getLong(2));
                    }
                }
            } else {
                for (String table : TABLES) {
                    try (ResultSet rs = s.executeQuery("SELECT DISK_SPACE_USED('" + table + "')")) {
                        rs.next();
                        sizes.put(table, rs.getLong(1));
                    }
                }
            }
        }
        return sizes;
    }

    /** The database's own word for a deadlock: 40P01 from PostgreSQL (obs-db counts it), 40001 from H2. */
    boolean isEmbeddedDeadlock(SQLException e) {
        return !postgres && H2_DEADLOCK.equals(e.getSQLState());
    }

    /** What the example says about its database at start-up, without credentials. */
    String describe() {
        if (hosted && !postgres) {
            return "H2 through the host's pool " + pool.getPoolName();
        }
        if (!postgres) {
            return "embedded H2 (PostgreSQL mode) in " + embeddedDir;
        }
        String url = pool.getJdbcUrl();
        int query = url.indexOf('?');
        return "PostgreSQL at " + (query < 0 ? url : url.substring(0, query));
    }

    @Override
    public void close() {
        if (hosted) {
            return;
        }
        if (!postgres && !pool.isClosed()) {
            try (Connection c = pool.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // already shut down
            }
        }
        pool.close();
        deleteTree(embeddedDir);
    }

    private static void deleteTree(@Nullable Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // left in the temporary directory
                }
            });
        } catch (IOException e) {
            // already gone
        }
    }
}
