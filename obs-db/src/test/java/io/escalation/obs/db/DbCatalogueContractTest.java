package io.escalation.obs.db;

import io.escalation.obs.core.Observability;
import io.escalation.obs.test.CatalogueContract;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * obs-db's catalogue against a real scrape: {@link #exercise} makes every meter of its catalogue
 * appear. Listed in META-INF/services so that architecture-tests exercises it with every other module.
 */
public class DbCatalogueContractTest extends CatalogueContract {

    /** Public for {@link java.util.ServiceLoader}. */
    public DbCatalogueContractTest() {}

    @Override
    public String module() {
        return "obs-db";
    }

    @Override
    public void exercise(Observability obs) {
        DbMetrics db = DbMetrics.create(obs);
        db.registerPool("main", new PoolStats() {
            @Override
            public int active() {
                return 3;
            }

            @Override
            public int idle() {
                return 5;
            }

            @Override
            public int waiting() {
                return 0;
            }

            @Override
            public int max() {
                return 10;
            }
        });
        db.record("select_customer", QueryStatus.SUCCESS, 4_000_000L);
        db.record("insert_payment", QueryStatus.SUCCESS, 1_500_000_000L); // slow
        db.recordFailure("update_task", 30_000_000L, new SQLException("deadlock detected", "40P01"));
        try (TableSizes sizes = db.tableSizes(() -> Map.of("customers", 1_048_576L), Duration.ofHours(1))) {
            sizes.refresh();
        }
        RedisMetrics redis = RedisMetrics.create(obs);
        redis.record(RedisCommand.GET, 200_000L);
        redis.record("set", 300_000L);
        redis.recordFailure(
                RedisCommand.LPUSH,
                250_000L,
                new IllegalStateException("WRONGTYPE Operation against a key holding the wrong kind of value"));
    }
}
