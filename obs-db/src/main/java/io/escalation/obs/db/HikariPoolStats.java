package io.escalation.obs.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.util.Objects;

/**
 * {@link PoolStats} of a HikariCP pool, read from its pool MXBean. HikariCP is an optional
 * dependency of obs-db: this class is the only one that needs it on the class path.
 *
 * <pre>{@code
 * HikariDataSource dataSource = new HikariDataSource(config);
 * DbMetrics.create(obs).registerPool("main", HikariPoolStats.of(dataSource));
 * }</pre>
 *
 * <p>Before the pool has started (a data source built with the no-argument constructor starts on its
 * first {@code getConnection()}), every count is 0.
 */
public final class HikariPoolStats implements PoolStats {

    private final HikariDataSource dataSource;

    private HikariPoolStats(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The stats of {@code dataSource}'s pool.
     *
     * @param dataSource the Hikari data source
     * @return stats that read its pool's MXBean at each scrape
     */
    public static HikariPoolStats of(HikariDataSource dataSource) {
        return new HikariPoolStats(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public int active() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        return pool == null ? 0 : pool.getActiveConnections();
    }

    @Override
    public int idle() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        return pool == null ? 0 : pool.getIdleConnections();
    }

    @Override
    public int waiting() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        return pool == null ? 0 : pool.getThreadsAwaitingConnection();
    }

    @Override
    public int max() {
        return dataSource.getMaximumPoolSize();
    }
}
