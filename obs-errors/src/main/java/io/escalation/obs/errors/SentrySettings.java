package io.escalation.obs.errors;

import io.escalation.obs.core.audit.KeyedHash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@link ErrorReporter} sets Sentry up. An empty DSN turns reporting off.
 *
 * <pre>{@code
 * SentrySettings settings = SentrySettings.fromEnvironment(System.getenv());
 * // SENTRY_DSN, SENTRY_RELEASE, SENTRY_SAMPLE_RATE, OBS_CUSTOMER_ID_HASH_KEY
 *
 * SentrySettings explicit = SentrySettings.builder()
 *         .dsn("https://publickey@o0.ingest.sentry.io/1")
 *         .release("client-escalation-calls@1.4.2")
 *         .sampleRate(1.0)
 *         .customerIdKey(secretBytesFromVault)            // at least 16 bytes
 *         .build();
 * }</pre>
 */
public final class SentrySettings {

    /** Shortest accepted customer-id hashing key, in bytes. */
    public static final int MIN_KEY_BYTES = 16;

    private final String dsn;
    private final @Nullable String environment;
    private final @Nullable String release;
    private final double sampleRate;
    private final int maxQueueSize;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration shutdownTimeout;
    private final @Nullable KeyedHash customerIdHash;

    private SentrySettings(Builder b, @Nullable KeyedHash customerIdHash) {
        this.dsn = b.dsn;
        this.environment = b.environment;
        this.release = b.release;
        this.sampleRate = b.sampleRate;
        this.maxQueueSize = b.maxQueueSize;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.shutdownTimeout = b.shutdownTimeout;
        this.customerIdHash = customerIdHash;
    }

    /**
     * Starts from the defaults: no DSN (off), sample rate 1, queue 30, timeouts 1 s / 2 s.
     *
     * @return a new builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reporting switched off.
     *
     * @return settings without a DSN
     */
    public static SentrySettings disabled() {
        return builder().build();
    }

    /**
     * Reads {@code SENTRY_DSN}, {@code SENTRY_ENVIRONMENT}, {@code SENTRY_RELEASE},
     * {@code SENTRY_SAMPLE_RATE} and {@code OBS_CUSTOMER_ID_HASH_KEY} from {@code env}
     * (pass {@code System.getenv()}).
     *
     * @param env the environment variables
     * @return the settings read from {@code env}; off when {@code SENTRY_DSN} is unset or blank
     * @throws IllegalArgumentException naming the variable to fix
     */
    public static SentrySettings fromEnvironment(Map<String, String> env) {
        Builder b = builder();
        b.dsn(env.getOrDefault("SENTRY_DSN", ""));
        String environment = env.get("SENTRY_ENVIRONMENT");
        if (environment != null && !environment.isBlank()) {
            b.environment(environment);
        }
        String release = env.get("SENTRY_RELEASE");
        if (release != null && !release.isBlank()) {
            b.release(release);
        }
        String rate = env.get("SENTRY_SAMPLE_RATE");
        if (rate != null && !rate.isBlank()) {
            try {
                b.sampleRate(Double.parseDouble(rate.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "SENTRY_SAMPLE_RATE '" + rate + "' is not a number: set it to a"
                                + " value between 0 and 1, e.g. 0.25",
                        e);
            }
        }
        String key = env.get("OBS_CUSTOMER_ID_HASH_KEY");
        if (key != null && !key.isEmpty()) {
            b.customerIdKey(key.getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    /**
     * True when a DSN is set.
     *
     * @return true when events are sent
     */
    public boolean enabled() {
        return !dsn.isEmpty();
    }

    String dsn() {
        return dsn;
    }

    @Nullable
    String environment() {
        return environment;
    }

    @Nullable
    String release() {
        return release;
    }

    double sampleRate() {
        return sampleRate;
    }

    int maxQueueSize() {
        return maxQueueSize;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration readTimeout() {
        return readTimeout;
    }

    Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** HMAC-SHA256 under the customer-id key, or null when no key is set. */
    @Nullable
    KeyedHash customerIdHash() {
        return customerIdHash;
    }

    /** Configures {@link SentrySettings}; {@link #build()} checks every value. */
    public static final class Builder {
        private String dsn = "";
        private @Nullable String environment;
        private @Nullable String release;
        private double sampleRate = 1.0;
        private int maxQueueSize = 30;
        private Duration connectTimeout = Duration.ofSeconds(1);
        private Duration readTimeout = Duration.ofSeconds(2);
        private Duration shutdownTimeout = Duration.ofSeconds(2);
        private byte @Nullable [] customerIdKey;

        private Builder() {}

        /**
         * The project DSN; empty or blank turns reporting off.
         *
         * @param dsn the DSN, or null for none
         * @return this builder
         */
        public Builder dsn(@Nullable String dsn) {
            this.dsn = dsn == null ? "" : dsn.trim();
            return this;
        }

        /**
         * Overrides the environment; default: the {@code Observability}'s.
         *
         * @param environment the environment name, e.g. {@code production}
         * @return this builder
         */
        public Builder environment(String environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * The release, e.g. {@code client-escalation-calls@1.4.2}.
         *
         * @param release the release name, shown on every event
         * @return this builder
         */
        public Builder release(String release) {
            this.release = Objects.requireNonNull(release, "release");
            return this;
        }

        /**
         * Share of error events sent, 0 to 1; default 1.
         *
         * @param sampleRate the share, from 0 (none) to 1 (all)
         * @return this builder
         */
        public Builder sampleRate(double sampleRate) {
            this.sampleRate = sampleRate;
            return this;
        }

        /**
         * Events queued for sending before new ones are dropped; default 30 (Sentry's).
         *
         * @param maxQueueSize the queue capacity in events, at least 1
         * @return this builder
         */
        public Builder maxQueueSize(int maxQueueSize) {
            this.maxQueueSize = maxQueueSize;
            return this;
        }

        /**
         * Connect timeout of the sending thread; default 1 s.
         *
         * @param connectTimeout the connect timeout, positive
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Read timeout of the sending thread; default 2 s.
         *
         * @param readTimeout the read timeout, positive
         * @return this builder
         */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
            return this;
        }

        /**
         * The bound of {@link ErrorReporter#close()}: it flushes queued events for at most this long in
         * all, whatever Sentry does, and drops what is left; default 2 s.
         *
         * @param shutdownTimeout the bound of the flush on close, positive
         * @return this builder
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
            return this;
        }

        /**
         * The HMAC key for customer ids, at least {@value #MIN_KEY_BYTES} random bytes (at least half of
         * them distinct, no repeated pattern); without it customer ids are not sent.
         *
         * @param key the key bytes, copied
         * @return this builder
         */
        public Builder customerIdKey(byte[] key) {
            this.customerIdKey = Objects.requireNonNull(key, "customerIdKey").clone();
            return this;
        }

        /**
         * The checked settings.
         *
         * @return settings that pass every check
         * @throws IllegalArgumentException naming the setting to change
         */
        public SentrySettings build() {
            if (!(sampleRate >= 0 && sampleRate <= 1)) {
                throw new IllegalArgumentException("SentrySettings.sampleRate " + sampleRate + " is out of range:"
                        + " use a value between 0 and 1, e.g. .sampleRate(0.25)");
            }
            if (maxQueueSize < 1) {
                throw new IllegalArgumentException("SentrySettings.maxQueueSize " + maxQueueSize + " is invalid:"
                        + " use 1 or more, e.g. .maxQueueSize(30)");
            }
            requirePositive("connectTimeout", connectTimeout);
            requirePositive("readTimeout", readTimeout);
            requirePositive("shutdownTimeout", shutdownTimeout);
            if (customerIdKey != null && customerIdKey.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("SentrySettings.customerIdKey has " + customerIdKey.length
                        + " bytes: use a random key of at least " + MIN_KEY_BYTES + " bytes (32 recommended),"
                        + " kept with the service's secrets");
            }
            KeyedHash hash = customerIdKey == null
                    ? null
                    : KeyedHash.of(customerIdKey, MIN_KEY_BYTES, "SentrySettings.customerIdKey");
            if (!dsn.isEmpty() && !dsn.startsWith("http://") && !dsn.startsWith("https://")) {
                throw new IllegalArgumentException("SentrySettings.dsn must be the project's DSN,"
                        + " https://<public key>@<host>/<project id>, or empty to turn reporting off");
            }
            return new SentrySettings(this, hash);
        }

        private static void requirePositive(String name, Duration d) {
            // compared as Durations: toMillis() of Duration.ofSeconds(Long.MAX_VALUE) overflows
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
                throw new IllegalArgumentException("SentrySettings." + name + " " + d + " is invalid: use a positive"
                        + " duration such as Duration.ofSeconds(1)");
            }
        }
    }
}
