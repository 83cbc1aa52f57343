package io.escalation.obs.memory;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.record.Faults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * The reference architecture's Qdrant metrics: vectors stored, searches, search duration and results per search
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

    private final ModuleKit kit;
    private final Faults faults;
    private final Counter stored;
    private final Counter searches;
    private final Timer searchDuration;
    private final DistributionSummary results;
    private final Set<String> collections = new HashSet<>(); // guarded by this

    private QdrantMetrics(ModuleKit kit) {
        this.kit = kit;
        this.faults = kit.faults();
        this.stored = MemoryCatalogue.QDRANT_VECTORS_STORED.counter().register(kit.registry());
        this.searches = MemoryCatalogue.QDRANT_SEARCHES.counter().register(kit.registry());
        this.searchDuration = MemoryCatalogue.QDRANT_SEARCH_DURATION.timer().register(kit.registry());
        this.results = MemoryCatalogue.QDRANT_SEARCH_RESULTS.summary().register(kit.registry());
    }

    /**
     * Qdrant metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the Qdrant metrics of {@code obs}
     */
    public static QdrantMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(QdrantMetrics.class, () -> new QdrantMetrics(ModuleKit.of(obs)));
    }

    /**
     * Counts {@code count} vectors upserted.
     *
     * @param count the number of vectors; negative is counted as a fault
     */
    public void recordVectorsStored(long count) {
        faults.increment(MemoryCatalogue.QDRANT_VECTORS_STORED, stored, count);
    }

    /**
     * Counts one search that took {@code durationNanos} and returned {@code resultCount} points.
     *
     * @param durationNanos the search's duration in nanoseconds
     * @param resultCount the number of points returned
     */
    public void recordSearch(long durationNanos, long resultCount) {
        faults.increment(MemoryCatalogue.QDRANT_SEARCHES, searches);
        faults.record(MemoryCatalogue.QDRANT_SEARCH_DURATION, searchDuration, durationNanos, MemoryCatalogue.MAX_NANOS);
        faults.record(MemoryCatalogue.QDRANT_SEARCH_RESULTS, results, resultCount, Double.MAX_VALUE);
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
        if (collection == null
                || !COLLECTION.matcher(collection).matches()
                || kit.masker().containsPii(collection)) {
            throw new IllegalArgumentException("Qdrant collection name '" + collection + "' must be 1-63 letters,"
                    + " digits, '_' or '-' starting with a letter or digit, without personal data,"
                    + " e.g. \"customer_interactions\"");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(vectors, "vectors");
        if (!collections.add(collection)) {
            throw new IllegalStateException(
                    "Qdrant collection '" + collection + "' is already registered:" + " register each collection once");
        }
        MemoryCatalogue.QDRANT_COLLECTION_VECTORS
                .gauge(source, vectors)
                .tag(MemoryCatalogue.COLLECTION.asString(), collection)
                .register(kit.registry());
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
        MemoryCatalogue.QDRANT_COLLECTIONS
                .gauge(Objects.requireNonNull(source, "source"), Objects.requireNonNull(count, "count"))
                .register(kit.registry());
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
        MemoryCatalogue.QDRANT_MEMORY
                .gauge(Objects.requireNonNull(source, "source"), Objects.requireNonNull(bytes, "bytes"))
                .register(kit.registry());
        return this;
    }
}
