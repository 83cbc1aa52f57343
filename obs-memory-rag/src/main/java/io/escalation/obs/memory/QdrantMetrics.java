package io.escalation.obs.memory;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.catalog.Buckets;
import io.escalation.obs.core.spi.record.Faults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * The seed's Qdrant metrics: vectors stored, searches, search duration and results per search
 * (a histogram), plus collection-level gauges the service feeds from Qdrant's own API, read at
 * scrape time.
 *
 * <pre>{@code
 * QdrantMetrics qdrant = QdrantMetrics.create(obs);
 * long start = System.nanoTime();
 * List<ScoredPoint> hits = client.search(request);
 * qdrant.recordSearch(System.nanoTime() - start, hits.size());
 * qdrant.recordVectorsStored(points.size());
 *
 * qdrant.registerCollection("customer_interactions", collectionInfo, CollectionInfo::vectorsCount)
 *       .registerCollections(client, c -> c.listCollections().size());
 * }</pre>
 *
 * <p>Recording methods never throw and allocate nothing; negative values are dropped and counted.
 * Registration checks the collection name and fails fast.
 */
public final class QdrantMetrics {

    /** Qdrant collection names as the service chooses them; no dots, spaces or slashes. */
    private static final Pattern COLLECTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    /** Qdrant searches run from sub-millisecond to seconds. */
    private static final Duration[] SEARCH_BUCKETS = Buckets.millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000,
            2_500, 5_000);
    private static final double[] RESULT_BUCKETS = {1, 2, 3, 5, 10, 20, 50, 100, 250, 1_000};

    private final Observability obs;
    private final Faults faults;
    private final Counter stored;
    private final Counter searches;
    private final Timer searchDuration;
    private final DistributionSummary results;
    private final Set<String> collections = new HashSet<>();   // guarded by this

    private QdrantMetrics(Observability obs) {
        this.obs = obs;
        this.faults = obs.faults();
        this.stored = MemoryMeters.QDRANT_VECTORS_STORED.counter().register(obs.registry());
        this.searches = MemoryMeters.QDRANT_SEARCHES.counter().register(obs.registry());
        this.searchDuration = MemoryMeters.QDRANT_SEARCH_DURATION.timer(SEARCH_BUCKETS).register(obs.registry());
        this.results = MemoryMeters.QDRANT_SEARCH_RESULTS.summary(RESULT_BUCKETS).register(obs.registry());
    }

    /**
     * Qdrant metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the Qdrant metrics of {@code obs}
     */
    public static QdrantMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(QdrantMetrics.class, () -> new QdrantMetrics(obs));
    }

    /**
     * Counts {@code count} vectors upserted.
     *
     * @param count the number of vectors; negative is counted as a fault
     */
    public void recordVectorsStored(long count) {
        Recording.add(faults, MemoryMeters.QDRANT_VECTORS_STORED, stored, count);
    }

    /**
     * Counts one search that took {@code durationNanos} and returned {@code resultCount} points.
     *
     * @param durationNanos the search's duration in nanoseconds
     * @param resultCount the number of points returned
     */
    public void recordSearch(long durationNanos, long resultCount) {
        Recording.increment(faults, MemoryMeters.QDRANT_SEARCHES, searches);
        Recording.time(faults, MemoryMeters.QDRANT_SEARCH_DURATION, searchDuration, durationNanos);
        Recording.count(faults, MemoryMeters.QDRANT_SEARCH_RESULTS, results, resultCount);
    }

    /**
     * Reports {@code vectors.applyAsDouble(source)} as {@code qdrant_collection_vectors{collection}} at
     * scrape time; {@code source} is held weakly, as Micrometer gauges are.
     *
     * @param <T> the type of the Qdrant client or cache read
     * @param collection the collection name, the {@code collection} label
     * @param source the object read, held weakly
     * @param vectors reads the collection's vector count from {@code source}
     * @return these metrics, for chaining
     * @throws IllegalArgumentException when the name is not a Qdrant-style name or looks like PII
     * @throws IllegalStateException when the collection is already registered
     */
    public synchronized <T> QdrantMetrics registerCollection(String collection, T source, ToDoubleFunction<T> vectors) {
        if (collection == null || !COLLECTION.matcher(collection).matches() || obs.masker().containsPii(collection)) {
            throw new IllegalArgumentException("Qdrant collection name '" + collection + "' must be 1-63 letters,"
                    + " digits, '_' or '-' starting with a letter or digit, without personal data,"
                    + " e.g. \"customer_interactions\"");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(vectors, "vectors");
        if (!collections.add(collection)) {
            throw new IllegalStateException("Qdrant collection '" + collection + "' is already registered:"
                    + " register each collection once");
        }
        MemoryMeters.QDRANT_COLLECTION_VECTORS.gauge(source, vectors)
                .tag(MemoryLabels.COLLECTION.asString(), collection)
                .register(obs.registry());
        return this;
    }

    /**
     * Reports {@code count.applyAsDouble(source)} as {@code qdrant_collections} at scrape time.
     *
     * @param <T> the type of the Qdrant client or cache read
     * @param source the object read
     * @param count reads the number of collections from {@code source}
     * @return these metrics, for chaining
     */
    public <T> QdrantMetrics registerCollections(T source, ToDoubleFunction<T> count) {
        MemoryMeters.QDRANT_COLLECTIONS.gauge(Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(count, "count")).register(obs.registry());
        return this;
    }

    /**
     * Reports {@code bytes.applyAsDouble(source)} as {@code qdrant_memory_usage_bytes} at scrape time.
     *
     * @param <T> the type of the Qdrant client or cache read
     * @param source the object read
     * @param bytes reads the memory Qdrant uses, in bytes, from {@code source}
     * @return these metrics, for chaining
     */
    public <T> QdrantMetrics registerMemoryUsage(T source, ToDoubleFunction<T> bytes) {
        MemoryMeters.QDRANT_MEMORY.gauge(Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(bytes, "bytes")).register(obs.registry());
        return this;
    }
}
