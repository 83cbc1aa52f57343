package io.escalation.obs.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.Observability;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The recording hot paths allocate nothing: the JVM's per-thread allocation counter over many calls. */
class ZeroAllocationTest {

    private static final int CALLS = 200_000;
    private static final String[] QUERIES = {
        "select_customer", "insert_payment", "update_task", "select_campaign",
        "insert_contact", "select_agent", "update_campaign", "delete_session",
    };
    private static com.sun.management.ThreadMXBean threads;

    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .jvmMetrics(false)
            .build();
    private final DbMetrics db = DbMetrics.create(obs);
    private final RedisMetrics redis = RedisMetrics.create(obs);

    @BeforeAll
    static void allocationCounterIsAvailable() {
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    @AfterEach
    void close() {
        obs.close();
    }

    @Test
    void preResolvedQueryRecordAllocatesNothing() {
        DbMetrics.Query query = db.query("select_customer", "SELECT", "customers");
        Runnable call = new Runnable() {
            long i;

            @Override
            public void run() {
                query.record((i & 7) == 0 ? QueryStatus.ERROR : QueryStatus.SUCCESS, 1_000_000L + (i++ << 16));
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void queryRecordByNameAllocatesNothing() {
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                db.record(QUERIES[i++ & 7], QueryStatus.SUCCESS, 2_500_000L);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void redisRecordAllocatesNothing() {
        RedisCommand[] commands = {
            RedisCommand.GET,
            RedisCommand.SET,
            RedisCommand.HGET,
            RedisCommand.INCR,
            RedisCommand.EXPIRE,
            RedisCommand.DEL,
            RedisCommand.ZADD,
            RedisCommand.LPUSH
        };
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                redis.record(commands[i++ & 7], 250_000L);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void redisRecordByNameAllocatesNothing() {
        String[] names = {"GET", "set", "HGET", "incr", "EXPIRE", "del", "ZADD", "lpush"};
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                redis.record(names[i++ & 7], 250_000L);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    private static double bytesPerCall(Runnable call) {
        for (int i = 0; i < CALLS; i++) { // warm-up: class loading, lazy registration, JIT
            call.run();
        }
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        long after = threads.getThreadAllocatedBytes(threadId);
        return (double) (after - before) / CALLS;
    }
}
