package io.escalation.obs.examples;

import com.zaxxer.hikari.HikariPoolMXBean;
import io.escalation.obs.business.CampaignStatus;
import io.escalation.obs.business.Channel;
import io.escalation.obs.business.TaskStatus;
import io.escalation.obs.db.DbMetrics;
import io.escalation.obs.db.HikariPoolStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's data in a real database ({@link Database}: embedded H2 by default, PostgreSQL with
 * {@code --db}) through HikariCP and SQL, and its sessions in {@link Cache} (Redis with
 * {@code --redis}). Every query is a named {@link DbMetrics.Query} run in its CLIENT span on a pooled
 * connection. Faults are the database's own, triggered by the request threads' seeded draws so that
 * a sequence of requests meets the same faults on every run with the same seed:
 * <ul>
 *   <li>0.6 % of queries are slow: the database sleeps ({@code pg_sleep}) over half a second first;
 *   <li>0.1 %: a deadlock. Two transactions ({@code rebalance_campaigns}) lock the same two campaign
 *       rows in opposite order; the database aborts one (PostgreSQL: SQLSTATE 40P01, which obs-db
 *       counts; H2: 40001, counted through {@link DbMetrics#deadlock()}) and the victim retries;
 *   <li>0.1 %: pool exhaustion. A batch job takes every connection of the pool, the query waits
 *       {@value Database#CONNECTION_TIMEOUT_MS} ms for one and fails with HikariCP's
 *       {@link SQLTransientConnectionException}.
 * </ul>
 * Meanwhile background workers hold one to five connections, changed every second, so the pool
 * gauges move as in a real service. In Redis, one session write in a hundred is followed by an
 * {@code LPUSH} to that session key, which Redis refuses ({@code WRONGTYPE}: it holds a string).
 * With {@code --faults none} ({@link FaultSwitch}) none of these happen.
 */
final class Backend implements AutoCloseable {

    static final int POOL_SIZE = Database.POOL_SIZE;
    /** PostgreSQL's SQLSTATE for {@code deadlock_detected}. */
    static final String DEADLOCK = "40P01";

    private static final Logger log = LoggerFactory.getLogger(Backend.class);

    /** A campaign row, as read. */
    static final class Campaign {
        final String id;
        final int simulatedHours;
        final CampaignStatus status;
        final int succeeded;
        final int failed;

        Campaign(String id, int simulatedHours, CampaignStatus status, int succeeded, int failed) {
            this.id = id;
            this.simulatedHours = simulatedHours;
            this.status = status;
            this.succeeded = succeeded;
            this.failed = failed;
        }
    }

    /** A task row: one contact of one customer on one channel; {@link #status} follows this process's updates. */
    static final class Task {
        final String id;
        final String campaignId;
        final Channel channel;
        final String contact;
        volatile TaskStatus status;

        Task(String id, String campaignId, Channel channel, String contact, TaskStatus status) {
            this.id = id;
            this.campaignId = campaignId;
            this.channel = channel;
            this.contact = contact;
            this.status = status;
        }
    }

    /** One unit of work on a connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Random random;
    private final Database database;
    private final Cache cache;
    private final DbMetrics db;
    /** Whether queries meet the faults above ({@code --faults demo}); none with {@code --faults none}. */
    private final boolean faults;

    private final DbMetrics.Query selectCampaigns;
    private final DbMetrics.Query selectCampaign;
    private final DbMetrics.Query insertCampaign;
    private final DbMetrics.Query updateCampaign;
    private final DbMetrics.Query insertTask;
    private final DbMetrics.Query selectTask;
    private final DbMetrics.Query updateTask;
    private final DbMetrics.Query insertPayment;
    private final DbMetrics.Query rebalanceCampaigns;
    private final DbMetrics.Query countCampaigns;
    private final DbMetrics.Query countTasks;

    /** Pending task ids, oldest first: the agents' work queue, {@code queue_depth{queue="tasks"}}. */
    final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();

    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionWrites = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    /** Taken while the background workers change what they hold, and while a batch job takes the whole pool. */
    private final Object poolLock = new Object();
    /** Connections the background workers (reports, schedulers) hold now; guarded by poolLock. */
    private final List<Connection> heldElsewhere = new ArrayList<>();
    /** The other side of the deadlocks. */
    private final ExecutorService otherWorker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "example-rebalance");
        thread.setDaemon(true);
        return thread;
    });

    Backend(Random random, Database database, Cache cache, DbMetrics db, boolean faults) {
        this.random = random;
        this.faults = faults;
        this.database = database;
        this.cache = cache;
        this.db = db;
        selectCampaigns = db.query("select_campaigns", "SELECT", "campaigns");
        selectCampaign = db.query("select_campaign", "SELECT", "campaigns");
        insertCampaign = db.query("insert_campaign", "INSERT", "campaigns");
        updateCampaign = db.query("update_campaign", "UPDATE", "campaigns");
        insertTask = db.query("insert_task", "INSERT", "tasks");
        selectTask = db.query("select_task", "SELECT", "tasks");
        updateTask = db.query("update_task", "UPDATE", "tasks");
        insertPayment = db.query("insert_payment", "INSERT", "payments");
        rebalanceCampaigns = db.query("rebalance_campaigns", "UPDATE", "campaigns");
        countCampaigns = db.query("count_campaigns", "SELECT", "campaigns");
        countTasks = db.query("count_tasks", "SELECT", "tasks");
        if (!database.isHosted()) {
            db.registerPool("main", HikariPoolStats.of(database.pool()));
        }
        ids.set(highestId());
    }

    // ---- queries ----------------------------------------------------------------------------

    List<Campaign> campaigns() throws SQLException {
        return sql(selectCampaigns, c -> {
            List<Campaign> all = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT id, simulated_hours, status, succeeded, failed FROM campaigns")) {
                while (rs.next()) {
                    all.add(campaign(rs));
                }
            }
            return all;
        });
    }

    @Nullable
    Campaign campaign(String id) throws SQLException {
        return sql(selectCampaign, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, simulated_hours, status, succeeded, failed FROM campaigns WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? campaign(rs) : null;
                }
            }
        });
    }

    Campaign createCampaign() throws SQLException {
        int hours = 2 + draw(70);
        return sql(insertCampaign, c -> {
            String id = "c-" + ids.incrementAndGet();
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO campaigns (id, status, simulated_hours) VALUES (?, ?, ?)")) {
                s.setString(1, id);
                s.setString(2, label(CampaignStatus.ACTIVE));
                s.setInt(3, hours);
                s.executeUpdate();
            }
            return new Campaign(id, hours, CampaignStatus.ACTIVE, 0, 0);
        });
    }

    void finishCampaign(Campaign campaign, CampaignStatus status) throws SQLException {
        sql(updateCampaign, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE campaigns SET status = ? WHERE id = ?")) {
                s.setString(1, label(status));
                s.setString(2, campaign.id);
                return s.executeUpdate();
            }
        });
    }

    Task createTask(Campaign campaign, Channel channel, String contact) throws SQLException {
        Task task = sql(insertTask, c -> {
            String id = "t-" + ids.incrementAndGet();
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO tasks (id, campaign_id, channel, contact, status) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, id);
                s.setString(2, campaign.id);
                s.setString(3, channel.label());
                s.setString(4, contact);
                s.setString(5, label(TaskStatus.PENDING));
                s.executeUpdate();
            }
            return new Task(id, campaign.id, channel, contact, TaskStatus.PENDING);
        });
        pending.add(task.id);
        return task;
    }

    @Nullable
    Task task(String id) throws SQLException {
        return sql(selectTask, c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT id, campaign_id, channel, contact, status FROM tasks WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    return new Task(
                            rs.getString(1),
                            rs.getString(2),
                            Channel.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                            rs.getString(4),
                            TaskStatus.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)));
                }
            }
        });
    }

    void updateTask(Task task, TaskStatus status) throws SQLException {
        sql(updateTask, c -> setStatus(c, task, status));
        moved(task, status);
    }

    /** The task is done: its status and its campaign's tally, in one transaction. */
    void completeTask(Task task, boolean succeeded) throws SQLException {
        TaskStatus status = succeeded ? TaskStatus.COMPLETED : TaskStatus.FAILED;
        sql(updateTask, c -> {
            c.setAutoCommit(false);
            try {
                setStatus(c, task, status);
                try (PreparedStatement s = c.prepareStatement(
                        succeeded
                                ? "UPDATE campaigns SET succeeded = succeeded + 1 WHERE id = ?"
                                : "UPDATE campaigns SET failed = failed + 1 WHERE id = ?")) {
                    s.setString(1, task.campaignId);
                    s.executeUpdate();
                }
                c.commit();
                return null;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
        moved(task, status);
    }

    /** A run that broke off: the task is failed, quietly when even that fails. */
    void abandon(Task task) {
        try {
            updateTask(task, TaskStatus.FAILED);
        } catch (SQLException e) {
            task.status = TaskStatus.FAILED;
            pending.remove(task.id);
        }
    }

    void insertPayment() throws SQLException {
        sql(insertPayment, c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("INSERT INTO payments (paid_at) VALUES (CURRENT_TIMESTAMP)");
            }
        });
    }

    private static int setStatus(Connection c, Task task, TaskStatus status) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE tasks SET status = ? WHERE id = ?")) {
            s.setString(1, label(status));
            s.setString(2, task.id);
            return s.executeUpdate();
        }
    }

    private void moved(Task task, TaskStatus status) {
        task.status = status;
        if (status != TaskStatus.PENDING) {
            pending.remove(task.id);
        }
    }

    /** Runs {@code work} as query {@code query} on a pooled connection, now and then meeting a fault first. */
    private <T> T sql(DbMetrics.Query query, Work<T> work) throws SQLException {
        int roll = draw(1000);
        if (!faults) {
            roll = 999; // --faults none: no slow query, deadlock or pool exhaustion
        }
        int extra = roll < 6 ? draw(300) : draw(3);
        double sleepSeconds = roll < 6 ? (520 + extra) / 1000.0 : 0; // 0.6 %: a slow query (over 500 ms)
        if (roll == 994) { // 0.1 %: two other transactions deadlock
            deadlock();
        }
        if (roll == 995) { // 0.1 %: a batch job holds every connection while this query waits for one
            return whilePoolIsTaken(() -> run(query, work, sleepSeconds));
        }
        return run(query, work, sleepSeconds);
    }

    /** Runs {@code body} while a batch job holds every connection of the pool. */
    <T> T whilePoolIsTaken(Work0<T> body) throws SQLException {
        synchronized (poolLock) {
            List<Connection> batch = takeWholePool();
            try {
                return body.run();
            } finally {
                closeAll(batch);
            }
        }
    }

    /** A body that may fail with an SQLException. */
    @FunctionalInterface
    interface Work0<T> {
        T run() throws SQLException;
    }

    private <T> T run(DbMetrics.Query query, Work<T> work, double sleepSeconds) throws SQLException {
        return query.call(() -> {
            try (Connection c = database.connection()) {
                if (sleepSeconds > 0) {
                    try (PreparedStatement s = c.prepareStatement("SELECT pg_sleep(?)")) {
                        s.setDouble(1, sleepSeconds);
                        s.execute();
                    }
                }
                return work.run(c);
            }
        });
    }

    // ---- the faults -------------------------------------------------------------------------

    /**
     * Two transactions lock the first two campaign rows in opposite order, the second on another
     * thread; the database aborts one, which retries. Done when both have committed.
     */
    void deadlock() {
        CyclicBarrier bothHoldOneRow = new CyclicBarrier(2);
        Future<?> other = otherWorker.submit(() -> rebalance(false, bothHoldOneRow));
        rebalance(true, bothHoldOneRow);
        try {
            other.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            log.warn("the rebalance worker did not finish: {}", e.toString());
        }
    }

    /** One rebalance transaction: the two rows in ascending ({@code forward}) or descending order. */
    private void rebalance(boolean forward, @Nullable CyclicBarrier barrier) {
        try {
            rebalanceCampaigns.call(() -> {
                try (Connection c = database.connection()) {
                    c.setAutoCommit(false);
                    try {
                        List<String> rows = new ArrayList<>();
                        try (Statement s = c.createStatement();
                                ResultSet rs = s.executeQuery("SELECT id FROM campaigns ORDER BY id LIMIT 2")) {
                            while (rs.next()) {
                                rows.add(rs.getString(1));
                            }
                        }
                        if (rows.size() == 2) {
                            touch(c, rows.get(forward ? 0 : 1));
                            if (barrier != null) {
                                barrier.await(10, TimeUnit.SECONDS);
                                if (!forward) {
                                    Thread.sleep(50); // the other transaction asks first for the second row
                                }
                            }
                            touch(c, rows.get(forward ? 1 : 0));
                        }
                        c.commit();
                        return null;
                    } catch (SQLException | InterruptedException | BrokenBarrierException | TimeoutException e) {
                        c.rollback();
                        throw e;
                    } finally {
                        c.setAutoCommit(true);
                    }
                }
            });
        } catch (SQLException e) {
            if (database.isEmbeddedDeadlock(e)) {
                db.deadlock(); // H2 says 40001; obs-db counts PostgreSQL's 40P01 by itself
            }
            if (barrier != null && (DbMetrics.isDeadlock(e) || database.isEmbeddedDeadlock(e))) {
                rebalance(forward, null); // the victim retries, as services do
            } else {
                log.warn("rebalance_campaigns failed: SQLSTATE {}", e.getSQLState());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("rebalance_campaigns failed: {}", e.toString());
        }
    }

    private static void touch(Connection c, String campaign) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE campaigns SET succeeded = succeeded WHERE id = ?")) {
            s.setString(1, campaign);
            s.executeUpdate();
        }
    }

    /** Takes connections until the pool has none left (or gives none within its timeout). Under poolLock. */
    private List<Connection> takeWholePool() {
        List<Connection> batch = new ArrayList<>();
        HikariPoolMXBean pool = database.pool().getHikariPoolMXBean();
        while (pool == null || pool.getActiveConnections() < POOL_SIZE) {
            try {
                batch.add(database.connection());
            } catch (SQLException e) {
                break;
            }
        }
        return batch;
    }

    // ---- Redis ------------------------------------------------------------------------------

    @Nullable
    String redisGet(String key) {
        return cache.get(key);
    }

    void redisSet(String key, String value) {
        cache.set(key, value);
        if (key.startsWith("session:")) {
            sessions.add(key);
            if (sessionWrites.incrementAndGet() % 100 == 5 && faults) {
                // 1 % (the 5th write, the 105th, ...): a turn appended with LPUSH to the session key, which
                // holds a string: Redis answers WRONGTYPE
                // (redis_command_errors_total{command="LPUSH",error="WRONGTYPE"})
                try {
                    cache.lpush(key, value);
                } catch (RuntimeException refused) {
                    log.debug("LPUSH {} refused: {}", key, refused.getMessage());
                }
            }
        }
    }

    boolean redisPing() {
        return cache.ping();
    }

    Cache cache() {
        return cache;
    }

    /** Short-term memory sessions this process opened. */
    int sessions() {
        return sessions.size();
    }

    // ---- what the periodic jobs read --------------------------------------------------------

    Map<CampaignStatus, Long> campaignCounts() throws SQLException {
        Map<CampaignStatus, Long> counts = new EnumMap<>(CampaignStatus.class);
        for (CampaignStatus status : CampaignStatus.values()) {
            counts.put(status, 0L);
        }
        countCampaigns.call(() -> countByStatus("campaigns", counts, CampaignStatus.class));
        return counts;
    }

    Map<TaskStatus, Long> taskCounts() throws SQLException {
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            counts.put(status, 0L);
        }
        countTasks.call(() -> countByStatus("tasks", counts, TaskStatus.class));
        return counts;
    }

    /** Reads {@code status, COUNT(*)} of {@code table} into {@code counts}. */
    private <E extends Enum<E>> @Nullable Void countByStatus(String table, Map<E, Long> counts, Class<E> type)
            throws SQLException {
        try (Connection c = database.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM " + table + " GROUP BY status")) {
            while (rs.next()) {
                counts.put(Enum.valueOf(type, rs.getString(1).toUpperCase(Locale.ROOT)), rs.getLong(2));
            }
        }
        return null;
    }

    /** The tables' sizes on disk, for {@code db_table_size_bytes}. */
    Map<String, Long> tableSizes() {
        try {
            return database.tableSizes();
        } catch (SQLException e) {
            throw new IllegalStateException("table sizes: SQLSTATE " + e.getSQLState(), e);
        }
    }

    /** Background workers take and return connections: one to five held until the next call. */
    void background(Random jobs) {
        int wanted = 1 + jobs.nextInt(5);
        synchronized (poolLock) {
            closeAll(heldElsewhere);
            heldElsewhere.clear();
            for (int i = 0; i < wanted; i++) {
                try {
                    heldElsewhere.add(database.connection());
                } catch (SQLException e) {
                    break;
                }
            }
        }
    }

    boolean poolHealthy() {
        HikariPoolMXBean pool = database.pool().getHikariPoolMXBean();
        return pool != null && pool.getThreadsAwaitingConnection() == 0 && pool.getActiveConnections() < POOL_SIZE;
    }

    @Override
    public void close() {
        otherWorker.shutdownNow();
        synchronized (poolLock) {
            closeAll(heldElsewhere);
            heldElsewhere.clear();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private int highestId() {
        int highest = 0;
        try (Connection c = database.connection();
                Statement s = c.createStatement()) {
            for (String table : new String[] {"campaigns", "tasks"}) {
                try (ResultSet rs = s.executeQuery("SELECT MAX(CAST(SUBSTRING(id FROM 3) AS BIGINT)) FROM " + table)) {
                    if (rs.next()) {
                        highest = Math.max(highest, (int) rs.getLong(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the highest campaign and task id: " + e, e);
        }
        return highest;
    }

    private static Campaign campaign(ResultSet rs) throws SQLException {
        return new Campaign(
                rs.getString(1),
                rs.getInt(2),
                CampaignStatus.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                rs.getInt(4),
                rs.getInt(5));
    }

    private static String label(Enum<?> status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static void closeAll(List<Connection> connections) {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the pool takes it back or replaces it
            }
        }
    }

    private synchronized int draw(int bound) {
        return random.nextInt(bound);
    }
}
