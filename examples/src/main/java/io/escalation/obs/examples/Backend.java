package io.escalation.obs.examples;

import io.escalation.obs.business.CampaignStatus;
import io.escalation.obs.business.Channel;
import io.escalation.obs.business.TaskStatus;
import io.escalation.obs.core.trace.SpanBody;
import io.escalation.obs.db.DbMetrics;
import io.escalation.obs.db.PoolStats;
import io.escalation.obs.db.RedisCommand;
import io.escalation.obs.db.RedisMetrics;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The service's data, in memory, behind a simulated PostgreSQL pool and Redis: every query is a
 * named {@link DbMetrics.Query} run in its CLIENT span, holding a pool connection for a few
 * milliseconds, now and then for over half a second (a slow query) and rarely failing with
 * PostgreSQL's SQLSTATE 40P01 {@code deadlock detected}. Redis commands hold sessions and counters.
 * The draws come from the request threads' seeded {@link Random}, so a sequence of requests meets
 * the same faults on every run with the same seed.
 */
final class Backend {

    static final int POOL_SIZE = 10;
    /** PostgreSQL's SQLSTATE for {@code deadlock_detected}. */
    static final String DEADLOCK = "40P01";

    /** A campaign row. */
    static final class Campaign {
        final String id;
        final int simulatedHours;
        volatile CampaignStatus status = CampaignStatus.ACTIVE;
        final AtomicInteger succeeded = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();

        Campaign(String id, int simulatedHours) {
            this.id = id;
            this.simulatedHours = simulatedHours;
        }
    }

    /** A task row: one contact of one customer on one channel. */
    static final class Task {
        final String id;
        final Campaign campaign;
        final Channel channel;
        final String contact;
        volatile TaskStatus status = TaskStatus.PENDING;

        Task(String id, Campaign campaign, Channel channel, String contact) {
            this.id = id;
            this.campaign = campaign;
            this.channel = channel;
            this.contact = contact;
        }
    }

    private final Random random;
    private final RedisMetrics redis;
    private final DbMetrics.Query selectCampaigns;
    private final DbMetrics.Query selectCampaign;
    private final DbMetrics.Query insertCampaign;
    private final DbMetrics.Query updateCampaign;
    private final DbMetrics.Query insertTask;
    private final DbMetrics.Query selectTask;
    private final DbMetrics.Query updateTask;
    private final DbMetrics.Query insertPayment;

    private final Map<String, Campaign> campaigns = new ConcurrentHashMap<>();
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    /** Pending task ids, oldest first: {@code queue_depth{queue="tasks"}}. */
    final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
    private final Map<String, String> redisData = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger payments = new AtomicInteger();
    /** Connections the request threads hold now. */
    private final AtomicInteger inUse = new AtomicInteger();
    /** Connections other workers (reports, schedulers) hold, moved by {@link #background(Random)}. */
    private volatile int busyElsewhere = 2;

    Backend(Random random, DbMetrics db, RedisMetrics redis) {
        this.random = random;
        this.redis = redis;
        selectCampaigns = db.query("select_campaigns", "SELECT", "campaigns");
        selectCampaign = db.query("select_campaign", "SELECT", "campaigns");
        insertCampaign = db.query("insert_campaign", "INSERT", "campaigns");
        updateCampaign = db.query("update_campaign", "UPDATE", "campaigns");
        insertTask = db.query("insert_task", "INSERT", "tasks");
        selectTask = db.query("select_task", "SELECT", "tasks");
        updateTask = db.query("update_task", "UPDATE", "tasks");
        insertPayment = db.query("insert_payment", "INSERT", "payments");
        db.registerPool("main", new PoolStats() {
            @Override
            public int active() {
                return Math.min(POOL_SIZE, inUse.get() + busyElsewhere);
            }

            @Override
            public int idle() {
                return POOL_SIZE - active();
            }

            @Override
            public int waiting() {
                return Math.max(0, inUse.get() + busyElsewhere - POOL_SIZE);
            }

            @Override
            public int max() {
                return POOL_SIZE;
            }
        });
    }

    // ---- queries ----------------------------------------------------------------------------

    List<Campaign> campaigns() throws SQLException {
        return sql(selectCampaigns, () -> new ArrayList<>(campaigns.values()));
    }

    @Nullable Campaign campaign(String id) throws SQLException {
        return sql(selectCampaign, () -> campaigns.get(id));
    }

    Campaign createCampaign() throws SQLException {
        int hours = 2 + draw(70);
        return sql(insertCampaign, () -> {
            Campaign campaign = new Campaign("c-" + ids.incrementAndGet(), hours);
            campaigns.put(campaign.id, campaign);
            return campaign;
        });
    }

    void finishCampaign(Campaign campaign, CampaignStatus status) throws SQLException {
        sql(updateCampaign, () -> {
            campaign.status = status;
            return null;
        });
    }

    Task createTask(Campaign campaign, Channel channel, String contact) throws SQLException {
        return sql(insertTask, () -> {
            Task task = new Task("t-" + ids.incrementAndGet(), campaign, channel, contact);
            tasks.put(task.id, task);
            pending.add(task.id);
            return task;
        });
    }

    @Nullable Task task(String id) throws SQLException {
        return sql(selectTask, () -> tasks.get(id));
    }

    void updateTask(Task task, TaskStatus status) throws SQLException {
        sql(updateTask, () -> {
            task.status = status;
            if (status != TaskStatus.PENDING) {
                pending.remove(task.id);
            }
            return null;
        });
    }

    void insertPayment() throws SQLException {
        sql(insertPayment, payments::incrementAndGet);
    }

    /** Runs {@code body} as query {@code query}: a pool connection, simulated latency, now and then a fault. */
    private <T> T sql(DbMetrics.Query query, SpanBody<T, SQLException> body) throws SQLException {
        int roll = draw(1000);
        long millis = roll < 6 ? 520 + draw(300) : 1 + draw(3);   // 0.6 %: a slow query (over 500 ms)
        return query.call(() -> {
            if (inUse.get() + busyElsewhere >= POOL_SIZE + 5) {
                throw new SQLTransientConnectionException("connection is not available, request timed out", "08001");
            }
            inUse.incrementAndGet();
            try {
                ExternalApis.sleep(millis);
                if (roll == 994) {   // 0.1 %: a deadlock
                    throw new SQLException("ERROR: deadlock detected", DEADLOCK);
                }
                return body.call();
            } finally {
                inUse.decrementAndGet();
            }
        });
    }

    // ---- Redis ------------------------------------------------------------------------------

    @Nullable String redisGet(String key) {
        return redis.call(RedisCommand.GET, () -> redisData.get(key));
    }

    void redisSet(String key, String value) {
        redis.call(RedisCommand.SET, () -> redisData.put(key, value));
        redis.call(RedisCommand.EXPIRE, () -> Boolean.TRUE);
    }

    long redisIncr(String key) {
        return redis.call(RedisCommand.INCR, () -> Long.parseLong(redisData.merge(key, "1",
                (old, one) -> Long.toString(Long.parseLong(old) + 1))));
    }

    boolean redisPing() {
        return "PONG".equals(redis.call(RedisCommand.PING, () -> "PONG"));
    }

    /** Short-term memory sessions: the keys under {@code session:}. */
    int sessions() {
        return (int) redisData.keySet().stream().filter(k -> k.startsWith("session:")).count();
    }

    // ---- what the periodic jobs read --------------------------------------------------------

    Map<CampaignStatus, Long> campaignCounts() {
        Map<CampaignStatus, Long> counts = new EnumMap<>(CampaignStatus.class);
        for (CampaignStatus status : CampaignStatus.values()) {
            counts.put(status, 0L);
        }
        campaigns.values().forEach(c -> counts.merge(c.status, 1L, Long::sum));
        return counts;
    }

    Map<TaskStatus, Long> taskCounts() {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status, 0L);
        }
        tasks.values().forEach(t -> counts.merge(t.status, 1L, Long::sum));
        return counts;
    }

    /** What {@code pg_total_relation_size} would say: a page per 30 rows and the indexes. */
    Map<String, Long> tableSizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put("campaigns", 16_384L + campaigns.size() * 512L);
        sizes.put("tasks", 16_384L + tasks.size() * 640L);
        sizes.put("payments", 16_384L + payments.get() * 384L);
        return sizes;
    }

    /** Other workers take and return connections: the pool gauges move as in a real service. */
    void background(Random jobs) {
        busyElsewhere = 1 + jobs.nextInt(5);
    }

    boolean poolHealthy() {
        return inUse.get() + busyElsewhere < POOL_SIZE;
    }

    private synchronized int draw(int bound) {
        return random.nextInt(bound);
    }
}
