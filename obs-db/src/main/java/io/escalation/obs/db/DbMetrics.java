package io.escalation.obs.db;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.label.GuardedLabel;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.trace.SpanBody;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.SpanKind;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL metrics: connection pools ({@code db_connections_active|idle|waiting},
 * {@code db_pool_utilization_ratio}), queries by name ({@code db_query_duration_seconds},
 * {@code db_queries_total}, {@code db_slow_queries_total}), deadlocks and table sizes, plus a
 * CLIENT span per query with {@code db.system.name}, {@code db.operation.name} and
 * {@code db.collection.name} (never the statement text).
 *
 * <pre>{@code
 * DbMetrics db = DbMetrics.builder(obs).slowQueryThreshold(Duration.ofMillis(500)).build();
 * db.registerPool("main", HikariPoolStats.of(dataSource));
 *
 * DbMetrics.Query selectCustomer = db.query("select_customer", "SELECT", "customers");   // once
 * Customer c = selectCustomer.call(() -> dao.findCustomer(id));   // span, timer, status, deadlocks
 * selectCustomer.record(QueryStatus.SUCCESS, elapsedNanos);       // timed by the caller: no allocation
 *
 * TableSizes sizes = db.tableSizes(dao::tableSizes, Duration.ofMinutes(5));   // close() stops it
 * }</pre>
 *
 * <p>A query name is a bounded name chosen by the code ({@code select_customer},
 * {@code insert_payment}), never SQL: anything that is not 1-64 letters, digits, '_', '.', '-' or
 * ':' (statement text, text with values) is recorded as {@code redacted} and counted in
 * {@code obs_instrumentation_errors_total{reason="label_pii"}}; names then pass the label guard
 * (PII check, cardinality cap). Recording calls never throw.
 */
public final class DbMetrics {

    /** {@code db.system.name} of the spans. */
    static final String SYSTEM = "postgresql";
    /** Durations above this are clamped. */
    static final long MAX_NANOS = TimeUnit.HOURS.toNanos(1);

    private final ModuleKit kit;
    private final Faults faults;
    private final long slowNanos;
    private final Counter deadlocks;
    private final GuardedLabel<QueryMeters> byQuery;
    private final GuardedLabel<TableSizes.Size> byTable;
    private final Set<String> pools = ConcurrentHashMap.newKeySet();

    private DbMetrics(Observability obs, Duration slowQueryThreshold) {
        this.kit = ModuleKit.of(obs);
        this.faults = kit.faults();
        this.slowNanos = slowQueryThreshold.toNanos();
        this.deadlocks = DbCatalogue.DEADLOCKS.counter().register(kit.registry());
        this.byQuery = kit.labels()
                .guard(
                        DbCatalogue.QUERIES,
                        DbCatalogue.QUERY,
                        query -> new QueryMeters(kit, query, deadlocks, slowNanos));
        this.byTable = kit.labels()
                .guard(DbCatalogue.TABLE_SIZE, DbCatalogue.TABLE, table -> TableSizes.Size.register(kit, table));
    }

    /**
     * The database metrics of {@code obs} with the default slow-query threshold of 1 s:
     * {@code builder(obs).build()}.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the database metrics of {@code obs}
     * @throws IllegalStateException when {@code obs} has database metrics with another threshold already
     */
    public static DbMetrics create(Observability obs) {
        return builder(obs).build();
    }

    /**
     * A builder for a non-default slow-query threshold.
     *
     * @param obs the Observability whose registry holds the meters
     * @return a builder with the defaults
     */
    public static Builder builder(Observability obs) {
        return new Builder(Objects.requireNonNull(obs, "obs"));
    }

    /**
     * Publishes the pool's gauges under {@code pool=name}, read at every scrape. The registry keeps
     * {@code stats} for as long as it lives.
     *
     * @param name the {@code pool} label value, e.g. {@code main}
     * @param stats reads the pool's counts
     * @return these metrics, for chaining
     * @throws IllegalArgumentException when the name is not a short name or is already registered
     */
    public DbMetrics registerPool(String name, PoolStats stats) {
        NameShape.requireName("pool name", name, "main");
        Objects.requireNonNull(stats, "stats");
        if (!pools.add(name)) {
            throw new IllegalArgumentException("a pool named '" + name + "' is already registered: give each pool"
                    + " its own name, e.g. \"main\" and \"replica\"");
        }
        PoolGauges.register(kit, name, stats);
        return this;
    }

    /**
     * The metrics of query {@code name}, resolved once; its spans carry only {@code db.system.name}. Never
     * throws.
     *
     * @param name the query name, e.g. {@code find_customer}; guarded like any label value
     * @return the query's metrics; keep it
     */
    public Query query(@Nullable String name) {
        return new Query(kit, meters(name), null, null);
    }

    /**
     * The metrics and span description of query {@code name}: spans are named
     * {@code "<operation> <collection>"} (e.g. {@code SELECT customers}) and carry
     * {@code db.operation.name} and {@code db.collection.name}. Create these once, at start-up.
     *
     * @param name the query name, e.g. {@code find_customer}; guarded like any label value
     * @param operation the SQL keyword or procedure name, e.g. {@code SELECT}
     * @param collection the table, e.g. {@code customers}, or null
     * @return the query's metrics; keep it
     * @throws IllegalArgumentException when operation or collection is not a short name (e.g. statement text)
     */
    public Query query(@Nullable String name, String operation, @Nullable String collection) {
        NameShape.requireName("db.operation.name", operation, "SELECT");
        if (collection != null) {
            NameShape.requireName("db.collection.name", collection, "customers");
        }
        return new Query(kit, meters(name), operation, collection);
    }

    /**
     * Records one query by name; {@code nanos} is its duration. Never throws.
     *
     * @param query the query name
     * @param status the query's outcome; null is counted as a fault
     * @param nanos the duration in nanoseconds
     */
    public void record(@Nullable String query, @Nullable QueryStatus status, long nanos) {
        QueryMeters meters = recorded(query);
        if (meters != null) {
            meters.record(status, nanos);
        }
    }

    /**
     * Records one failed query by name, counting a deadlock when {@code error} is one. Never throws.
     *
     * @param query the query name
     * @param nanos the duration in nanoseconds
     * @param error why the query failed, or null
     */
    public void recordFailure(@Nullable String query, long nanos, @Nullable Throwable error) {
        QueryMeters meters = recorded(query);
        if (meters != null) {
            meters.recordFailure(nanos, error);
        }
    }

    /** Counts one deadlock the caller detected itself. Never throws. */
    public void deadlock() {
        faults.increment(DbCatalogue.DEADLOCKS, deadlocks);
    }

    /**
     * True when {@code error}, its causes or (for {@link java.sql.SQLException}s) their next
     * exceptions carry PostgreSQL's SQLSTATE 40P01 {@code deadlock_detected}.
     *
     * @param error the exception to inspect, or null
     * @return true for a PostgreSQL deadlock
     */
    public static boolean isDeadlock(@Nullable Throwable error) {
        return SqlErrors.hasSqlState(error, SqlErrors.DEADLOCK_DETECTED);
    }

    /**
     * Polls {@code query} every {@code period} on a daemon thread (the first poll right away) and
     * publishes {@code db_table_size_bytes{table}} from the map it returns (table name to bytes).
     * A typical query: {@code SELECT relname, pg_total_relation_size(relid) FROM pg_stat_user_tables}.
     *
     * @param query returns table names to sizes in bytes; a throw or null keeps the previous values
     * @param period the time between two polls, at least 1 s
     * @return the poller; close it to stop polling
     * @throws IllegalArgumentException when the period is shorter than one second
     */
    public TableSizes tableSizes(Supplier<? extends @Nullable Map<String, Long>> query, Duration period) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(period, "period");
        if (period.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("tableSizes period must be at least 1 s (table sizes change slowly;"
                    + " 1 to 15 minutes is typical), was " + period);
        }
        return TableSizes.start(faults, byTable, query, period);
    }

    private QueryMeters meters(@Nullable String query) {
        if (query != null && !NameShape.isName(query)) {
            // statement text or a value where a name belongs: may carry customer data
            faults.record(DbCatalogue.QUERIES, FaultReason.LABEL_PII);
            return byQuery.resolve(LabelPolicy.REDACTED);
        }
        return byQuery.resolve(query);
    }

    /** The meters of {@code query}, or null (counted) when the label guard or the registry failed. */
    private @Nullable QueryMeters recorded(@Nullable String query) {
        // a method reference capturing nothing: names past the cap are resolved on every call, allocation-free
        return faults.guard(DbCatalogue.QUERIES, DbMetrics::meters, this, query, null);
    }

    /**
     * One named query: its meters and span description, resolved once. Recording allocates
     * nothing; {@link #call} creates a span.
     */
    public static final class Query {
        private final ModuleKit kit;
        private final QueryMeters meters;
        private final @Nullable String operation;
        private final @Nullable String collection;
        private final String spanName;

        private Query(ModuleKit kit, QueryMeters meters, @Nullable String operation, @Nullable String collection) {
            this.kit = kit;
            this.meters = meters;
            this.operation = operation;
            this.collection = collection;
            this.spanName = operation == null ? SYSTEM : collection == null ? operation : operation + ' ' + collection;
        }

        /**
         * Records one execution that took {@code nanos}. Never throws.
         *
         * @param status the execution's outcome; null is counted as a fault
         * @param nanos the duration in nanoseconds
         */
        public void record(@Nullable QueryStatus status, long nanos) {
            meters.record(status, nanos);
        }

        /**
         * Records one failed execution, counting a deadlock when {@code error} is one. Never throws.
         *
         * @param nanos the duration in nanoseconds
         * @param error why the execution failed, or null
         */
        public void recordFailure(long nanos, @Nullable Throwable error) {
            meters.recordFailure(nanos, error);
        }

        /**
         * Runs {@code body} in a CLIENT span, timing it and recording its outcome; an exception fails
         * the span (with {@code db.response.status_code} set to its SQLSTATE, if any), is counted as an
         * error (and as a deadlock for SQLSTATE 40P01) and is rethrown as is.
         *
         * @param <T> the result type
         * @param <E> the exception {@code body} may throw
         * @param body the query's execution
         * @return what {@code body} returned
         * @throws E when {@code body} throws it
         */
        public <T, E extends Throwable> T call(SpanBody<T, E> body) throws E {
            long start = System.nanoTime();
            try {
                T result = kit.spans()
                        .span(spanName)
                        .kind(SpanKind.CLIENT)
                        .attribute(DbAttributes.SYSTEM_NAME, SYSTEM)
                        .attribute(DbAttributes.OPERATION_NAME, operation)
                        .attribute(DbAttributes.COLLECTION_NAME, collection)
                        .call(() -> {
                            try {
                                return body.call();
                            } catch (Throwable error) {
                                DbAttributes.describeFailure(kit.spans(), error);
                                throw error;
                            }
                        });
                meters.record(QueryStatus.SUCCESS, System.nanoTime() - start);
                return result;
            } catch (Throwable error) {
                recordFailure(System.nanoTime() - start, error);
                throw error;
            }
        }

        /** The span name, e.g. {@code SELECT customers}. */
        String spanName() {
            return spanName;
        }
    }

    /** Configures {@link DbMetrics}; {@link #build()} fails with what to change. */
    public static final class Builder {
        private final Observability obs;
        private Duration slowQueryThreshold = Duration.ofSeconds(1);

        private Builder(Observability obs) {
            this.obs = obs;
        }

        /**
         * Queries longer than this count in {@code db_slow_queries_total}; 1 ms to 1 h, default 1 s.
         *
         * @param threshold the slow-query threshold
         * @return this builder
         */
        public Builder slowQueryThreshold(Duration threshold) {
            this.slowQueryThreshold = Objects.requireNonNull(threshold, "slowQueryThreshold");
            return this;
        }

        /**
         * The metrics of {@code obs}: made on the first call, then the same instance for an equal threshold.
         *
         * @return the database metrics of {@code obs}
         * @throws IllegalArgumentException naming the setting to change
         * @throws IllegalStateException when {@code obs} has database metrics with another threshold already
         */
        public DbMetrics build() {
            if (slowQueryThreshold.compareTo(Duration.ofMillis(1)) < 0
                    || slowQueryThreshold.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("DbMetrics.slowQueryThreshold must be between 1 ms and 1 h"
                        + " (e.g. Duration.ofMillis(500)), was " + slowQueryThreshold);
            }
            Duration threshold = slowQueryThreshold;
            return obs.component(
                    DbMetrics.class, Map.of("slowQueryThreshold", threshold), () -> new DbMetrics(obs, threshold));
        }
    }
}
