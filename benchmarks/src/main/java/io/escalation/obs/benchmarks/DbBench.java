package io.escalation.obs.benchmarks;

import io.escalation.obs.core.Observability;
import io.escalation.obs.db.DbCatalogue;
import io.escalation.obs.db.DbMetrics;
import io.escalation.obs.db.QueryStatus;
import io.escalation.obs.db.RedisCommand;
import io.escalation.obs.db.RedisMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * obs-db's recording paths over eight queries and eight Redis commands, and their floors: the
 * same counter increment plus timer record done with raw Micrometer on pre-registered meters with
 * the same names, tags and buckets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DbBench {

    private static final int MASK = BenchInputs.SERIES - 1;
    static final String[] QUERIES = {
        "select_customer", "insert_payment", "update_task", "select_campaign",
        "insert_contact", "select_agent", "update_campaign", "delete_session",
    };
    static final String[] REDIS_NAMES = {"GET", "SET", "HGET", "INCR", "EXPIRE", "DEL", "ZADD", "LPUSH"};
    private static final Duration[] QUERY_BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(10),
    };
    private static final Duration[] REDIS_BUCKETS = {
        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
        Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1),
    };

    private final Observability obs = FacadeBench.newObservability();
    private final DbMetrics db = DbMetrics.create(obs);
    private final RedisMetrics redis = RedisMetrics.create(obs);
    private final DbMetrics.Query[] queries = new DbMetrics.Query[BenchInputs.SERIES];
    private final RedisCommand[] commands = new RedisCommand[BenchInputs.SERIES];

    private final PrometheusMeterRegistry raw = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter[] rawQueryCounters = new Counter[BenchInputs.SERIES];
    private final Timer[] rawQueryTimers = new Timer[BenchInputs.SERIES];
    private final Counter[] rawRedisCounters = new Counter[BenchInputs.SERIES];
    private final Timer[] rawRedisTimers = new Timer[BenchInputs.SERIES];
    private int next;

    @Setup
    public void setUp() {
        raw.config().commonTags("service", FacadeBench.SERVICE, "environment", FacadeBench.ENVIRONMENT);
        for (int i = 0; i < BenchInputs.SERIES; i++) {
            queries[i] = db.query(QUERIES[i], "SELECT", "customers");
            db.record(QUERIES[i], QueryStatus.SUCCESS, 0L); // admitted before measuring
            commands[i] = RedisCommand.of(REDIS_NAMES[i]);
            redis.record(commands[i], 0L); // registered before measuring
            rawQueryCounters[i] = Counter.builder(DbCatalogue.QUERIES.getName())
                    .tag("query", QUERIES[i])
                    .tag("status", "success")
                    .register(raw);
            rawQueryTimers[i] = Timer.builder(DbCatalogue.QUERY_DURATION.getName())
                    .tag("query", QUERIES[i])
                    .publishPercentileHistogram(false)
                    .serviceLevelObjectives(QUERY_BUCKETS)
                    .register(raw);
            rawRedisCounters[i] = Counter.builder(DbCatalogue.REDIS_COMMANDS.getName())
                    .tag("command", REDIS_NAMES[i])
                    .register(raw);
            rawRedisTimers[i] = Timer.builder(DbCatalogue.REDIS_COMMAND_DURATION.getName())
                    .tag("command", REDIS_NAMES[i])
                    .publishPercentileHistogram(false)
                    .serviceLevelObjectives(REDIS_BUCKETS)
                    .register(raw);
        }
    }

    @TearDown
    public void tearDown() {
        obs.close();
        raw.close();
    }

    /** A pre-resolved query handle: status counter, duration timer, slow-query check. */
    @Benchmark
    public void queryRecord() {
        int i = next++;
        queries[i & MASK].record(QueryStatus.SUCCESS, BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK]);
    }

    /** The same by query name: name-shape check and label-guard lookup per call. */
    @Benchmark
    public void queryRecordByName() {
        int i = next++;
        db.record(QUERIES[i & MASK], QueryStatus.SUCCESS, BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK]);
    }

    /** Floor of {@link #queryRecord}: a raw counter increment and timer record. */
    @Benchmark
    public void rawQueryRecord() {
        int i = next++;
        rawQueryCounters[i & MASK].increment();
        rawQueryTimers[i & MASK].record(BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK], TimeUnit.NANOSECONDS);
    }

    /** A Redis command by enum: counter and timer of its lazily registered series. */
    @Benchmark
    public void redisRecord() {
        int i = next++;
        redis.record(commands[i & MASK], BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK] >>> 6);
    }

    /** The same by command name, as clients report it: allow-list lookup per call. */
    @Benchmark
    public void redisRecordByName() {
        int i = next++;
        redis.record(REDIS_NAMES[i & MASK], BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK] >>> 6);
    }

    /** Floor of {@link #redisRecord}: a raw counter increment and timer record. */
    @Benchmark
    public void rawRedisRecord() {
        int i = next++;
        rawRedisCounters[i & MASK].increment();
        rawRedisTimers[i & MASK].record(BenchInputs.DURATIONS_NANOS[(i >>> 3) & MASK] >>> 6, TimeUnit.NANOSECONDS);
    }
}
