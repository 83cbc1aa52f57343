package io.escalation.obs.core.spi.catalog;

import java.time.Duration;

/** Explicit histogram bucket sets shared by obs modules, so dashboards can rely on the same boundaries. */
public final class Buckets {

    private Buckets() {}

    /**
     * Request latency: OpenTelemetry's HTTP server duration buckets, 5 ms to 10 s (14 boundaries).
     * A new array on every call, so callers may keep or change it.
     *
     * @return the bucket boundaries, ascending
     */
    public static Duration[] latency() {
        return millis(5, 10, 25, 50, 75, 100, 250, 500, 750, 1_000, 2_500, 5_000, 7_500, 10_000);
    }

    /**
     * Durations from milliseconds, for custom bucket sets.
     *
     * @param boundaries the boundaries in milliseconds, ascending
     * @return the boundaries as durations
     */
    public static Duration[] millis(long... boundaries) {
        Duration[] durations = new Duration[boundaries.length];
        for (int i = 0; i < boundaries.length; i++) {
            durations[i] = Duration.ofMillis(boundaries[i]);
        }
        return durations;
    }
}
