package io.escalation.obs.core;

import io.escalation.obs.core.internal.JvmInfrastructure;
import io.escalation.obs.core.internal.TraceExemplars;
import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.core.spi.catalog.CommonTags;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.escalation.obs.core.spi.label.LabelGuard;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.spi.record.SystemErrors;
import io.escalation.obs.core.spi.record.UnhandledErrors;
import io.escalation.obs.core.trace.Spans;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The shared registry of one service: a Micrometer {@link MeterRegistry}, an {@link OpenTelemetry},
 * the {@link PiiMasker}, the label guard, the fault counter and a clock, with common tags for the
 * service, environment and cluster. Build one at start-up and hand it to every facade.
 *
 * <pre>{@code
 * Observability obs = Observability.builder()
 *         .serviceName("client-escalation-calls")
 *         .environment("production")
 *         .cluster("us-east-1")
 *         .version("1.4.2")                      // app_build_info{version="1.4.2"} 1
 *         .openTelemetry(openTelemetrySdk)       // optional: default is no-op tracing
 *         .build();                              // default: an embedded Prometheus registry
 * String scrape = obs.prometheusText();
 * }</pre>
 *
 * <p>Every facade exists once per {@code Observability}: {@code XxxMetrics.create(obs)} returns the
 * instance already bound to {@code obs}, as a {@link MeterRegistry} returns the meter it already has
 * (see {@link #component}).
 *
 * <p>Its settings are fixed once built. {@link #close()} stops the JVM probes, restores the default
 * uncaught-exception handler (see {@link Builder#uncaughtErrors}) and closes a registry it created.
 */
public final class Observability implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    /** A version: semver with pre-release and build metadata, a date, a commit; no spaces or control characters. */
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");
    /** The {@code version} label when neither the builder nor a manifest gives one. */
    static final String UNKNOWN_VERSION = "unknown";

    private final String serviceName;
    private final String environment;
    private final @Nullable String cluster;
    private final String version;
    private final MeterRegistry registry;
    private final boolean ownsRegistry;
    private final @Nullable PrometheusMeterRegistry prometheus;
    /** The OTLP registry of {@link Builder#otlp}, or null. */
    private final @Nullable MeterRegistry otlp;

    private final OpenTelemetry openTelemetry;
    private final PiiMasker masker;
    private final Faults faults;
    private final LabelGuard labels;
    private final Clock clock;
    private final Spans spans;
    private final @Nullable JvmInfrastructure jvm;
    private final @Nullable UncaughtErrorHandler uncaught;
    /** The facades bound to this instance, by class; guarded by itself. */
    private final Map<Class<?>, Component> components = new HashMap<>();

    private Observability(Builder b, String serviceName, String environment, String version) {
        this.serviceName = serviceName;
        this.environment = environment;
        this.cluster = b.cluster;
        this.version = version;
        this.ownsRegistry = b.registry == null;
        this.otlp = b.otlp == null
                ? null
                : OtlpRegistry.start(
                        b.otlp,
                        OtlpRegistry.resource(
                                OtlpRegistry.environmentResource(),
                                serviceName,
                                environment,
                                version,
                                OtlpRegistry.hostName()));
        this.registry = b.registry != null ? b.registry : ownRegistry(b, otlp);
        this.prometheus = findPrometheus(registry);
        // A host registry that already holds meters is left untouched: a MeterFilter (common tags,
        // the JVM binders' deny and rename) configured after registration splits series and makes
        // Micrometer warn, and the host binds its own JVM metrics (docs/host-registry.md).
        boolean hostInUse = !ownsRegistry && !registry.getMeters().isEmpty();
        if (!hostInUse) {
            this.registry.config().commonTags(CommonTags.of(serviceName, environment, cluster));
        }
        // first: the JVM binders add meter filters (a deny, a rename), which must precede every meter
        this.jvm = switch (b.jvmMetrics) {
            case OWN -> hostInUse ? null : JvmInfrastructure.bind(registry);
            case FROM_HOST -> JvmInfrastructure.bindOwnProbes(registry);
            case NONE -> null;
        };
        this.openTelemetry = b.openTelemetry;
        this.masker = b.masker;
        this.clock = b.clock;
        this.faults = new Faults(registry);
        this.labels = new LabelGuard(b.labelPolicy, masker, faults, registry);
        this.spans = new Spans(openTelemetry.getTracer("io.escalation.obs"), masker);
        // what io.escalation.obs.core.spi.ModuleKit hands to module facades
        components.put(Faults.class, new Component(faults, Map.of()));
        components.put(LabelGuard.class, new Component(labels, Map.of()));
        faults.guard(
                CoreCatalogue.BUILD_INFO,
                () -> CoreCatalogue.BUILD_INFO
                        .gauge(version, v -> 1.0)
                        .tag(CoreCatalogue.VERSION.asString(), version)
                        .strongReference(true)
                        .register(registry));
        // system_errors_total, 0 from the start
        SystemErrors systemErrors = new SystemErrors(registry, faults);
        components.put(SystemErrors.class, new Component(systemErrors, Map.of()));
        UnhandledErrors unhandled = new UnhandledErrors(faults, systemErrors);
        components.put(UnhandledErrors.class, new Component(unhandled, Map.of()));
        // last: the handler reports into a complete instance
        this.uncaught = b.uncaughtErrors ? UncaughtErrorHandler.install(unhandled) : null;
    }

    /**
     * Starts a builder; {@link Builder#serviceName} and {@link Builder#environment} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The registry every facade registers its meters with.
     *
     * @return the meter registry
     */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * The OpenTelemetry the service passed, or the no-op one.
     *
     * @return the OpenTelemetry instance
     */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /**
     * Runs code in spans whose string attributes go through the masker.
     *
     * @return the span helper
     */
    public Spans spans() {
        return spans;
    }

    /**
     * The one masker for logs, errors, spans and labels.
     *
     * @return the masker
     */
    public PiiMasker masker() {
        return masker;
    }

    /** The label guard; modules reach it through {@code ModuleKit.of(obs).labels()}. */
    LabelGuard labels() {
        return labels;
    }

    /** The fault counter; modules reach it through {@code ModuleKit.of(obs).faults()}. */
    Faults faults() {
        return faults;
    }

    /**
     * The service's clock, for periods such as budgets and reporting windows.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The {@code service} common tag.
     *
     * @return the service name
     */
    public String serviceName() {
        return serviceName;
    }

    /**
     * The {@code environment} common tag.
     *
     * @return the environment name
     */
    public String environment() {
        return environment;
    }

    /**
     * The application's version, the {@code version} label of {@code app_build_info}.
     *
     * @return the version given to {@link Builder#version}, else the manifest's, else {@code "unknown"}
     */
    public String version() {
        return version;
    }

    /**
     * The {@code cluster} common tag, if one was set.
     *
     * @return the cluster name, or empty
     */
    public Optional<String> cluster() {
        return Optional.ofNullable(cluster);
    }

    /**
     * The Prometheus registry, when the registry is one or a composite holding one.
     *
     * @return the Prometheus registry, or empty
     */
    public Optional<PrometheusMeterRegistry> prometheusRegistry() {
        return Optional.ofNullable(prometheus);
    }

    /**
     * The current scrape in the Prometheus text format.
     *
     * @return the exposition text
     * @throws IllegalStateException when no Prometheus registry was configured
     */
    public String prometheusText() {
        if (prometheus == null) {
            throw new IllegalStateException("prometheusText() needs a PrometheusMeterRegistry: build without"
                    + " .meterRegistry(...) for the embedded one, or pass a composite that holds one");
        }
        return prometheus.scrape();
    }

    /**
     * The one {@code type} bound to this instance, made by {@code factory} on the first call: what makes
     * every facade's {@code create(obs)} idempotent. A second instance would register nothing (Micrometer
     * keeps the meter registered first, so a function counter or gauge of the second instance is never
     * read) or keep state of its own, so later calls return the first instance.
     *
     * <pre>{@code
     * public static PaymentMetrics create(Observability obs) {
     *     return obs.component(PaymentMetrics.class, () -> new PaymentMetrics(obs));
     * }
     * }</pre>
     *
     * <p>For facades without settings; see {@link #component(Class, Map, Supplier)}. Thread-safe; meant
     * for start-up, not for hot paths.
     *
     * @param <T> the component type
     * @param type the component's class, the key it is bound under
     * @param factory makes the component on the first call
     * @return the component
     */
    public <T> T component(Class<T> type, Supplier<? extends T> factory) {
        return component(type, Map.of(), factory);
    }

    /**
     * The one {@code type} bound to this instance, made by {@code factory} with {@code settings} on the
     * first call; later calls with equal settings (by {@code equals}, setting by setting) return it.
     * A facade passes every setting of its builder here, in a form that compares by value.
     *
     * <pre>{@code
     * public DbMetrics build() {
     *     return obs.component(DbMetrics.class, Map.of("slowQueryThreshold", slowQueryThreshold),
     *             () -> new DbMetrics(obs, slowQueryThreshold));
     * }
     * }</pre>
     *
     * @param <T> the component type
     * @param type the component's class, the key it is bound under
     * @param settings the setting names and values; null values allowed
     * @param factory makes the component on the first call
     * @return the component
     * @throws IllegalStateException when {@code type} is bound already with other settings, naming those
     *     settings (not their values, which may be secrets), or when {@code factory} asks for {@code type}
     *     itself
     */
    public <T> T component(Class<T> type, Map<String, ?> settings, Supplier<? extends T> factory) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(factory, "factory");
        Map<String, @Nullable Object> wanted = new LinkedHashMap<>(settings);
        synchronized (components) {
            Component bound = components.get(type);
            if (bound != null) {
                return type.cast(bound.instanceFor(type, wanted));
            }
            components.put(type, new Component(null, wanted)); // marks the construction in progress
            T created = null;
            try {
                created = Objects.requireNonNull(factory.get(), "the factory of " + type.getName() + " returned null");
            } finally {
                if (created == null) {
                    components.remove(type); // a failed construction leaves nothing behind
                }
            }
            components.put(type, new Component(created, wanted));
            return created;
        }
    }

    /**
     * Stops the JVM probes, restores the default uncaught-exception handler it replaced (when built with
     * {@link Builder#uncaughtErrors}) and closes the registry if this instance created it; with
     * {@link Builder#otlp}, pushes the last values over OTLP first.
     */
    @Override
    public void close() {
        if (uncaught != null) {
            uncaught.remove();
        }
        if (jvm != null) {
            jvm.close();
        }
        if (ownsRegistry) {
            registry.close();
        }
        if (otlp != null) {
            otlp.close(); // pushes the last values, then stops its thread
        }
    }

    /**
     * obs's own registry: Prometheus; with OTLP, a composite of both (only then: a composite meter adds a
     * hop to every record), or OTLP alone.
     */
    private static MeterRegistry ownRegistry(Builder b, @Nullable MeterRegistry otlp) {
        if (otlp != null && b.otlp != null && !b.otlp.prometheus()) {
            return otlp;
        }
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(
                b.exemplars ? TraceExemplars.prometheusConfig() : PrometheusConfig.DEFAULT,
                new PrometheusRegistry(),
                io.micrometer.core.instrument.Clock.SYSTEM,
                b.exemplars ? TraceExemplars.INSTANCE : null);
        if (otlp == null) {
            return prometheus;
        }
        CompositeMeterRegistry composite = new CompositeMeterRegistry(io.micrometer.core.instrument.Clock.SYSTEM);
        composite.add(prometheus);
        composite.add(otlp);
        return composite;
    }

    private static @Nullable PrometheusMeterRegistry findPrometheus(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            return prometheus;
        }
        if (registry instanceof CompositeMeterRegistry composite) {
            for (MeterRegistry child : composite.getRegistries()) {
                PrometheusMeterRegistry found = findPrometheus(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** A facade bound to this instance, with the settings it was made with; null while it is being made. */
    private static final class Component {
        private final @Nullable Object instance;
        private final Map<String, @Nullable Object> settings;

        Component(@Nullable Object instance, Map<String, @Nullable Object> settings) {
            this.instance = instance;
            this.settings = settings;
        }

        Object instanceFor(Class<?> type, Map<String, @Nullable Object> wanted) {
            if (instance == null) {
                throw new IllegalStateException("the factory of " + type.getName() + " asks for " + type.getSimpleName()
                        + " itself: build its parts in its constructor instead");
            }
            StringJoiner differing = new StringJoiner(", ");
            TreeSet<String> names = new TreeSet<>(settings.keySet());
            names.addAll(wanted.keySet());
            int count = 0;
            for (String name : names) {
                if (!settings.containsKey(name)
                        || !wanted.containsKey(name)
                        || !Objects.equals(settings.get(name), wanted.get(name))) {
                    differing.add(name);
                    count++;
                }
            }
            if (count > 0) {
                throw new IllegalStateException(type.getSimpleName() + " is already bound to this Observability"
                        + " with other settings (" + differing + (count == 1 ? " differs" : " differ")
                        + "): configure it once, at start-up, and"
                        + " share that instance; a second create(...) or build() returns it only when every"
                        + " setting is equal");
            }
            return instance;
        }
    }

    /** Who binds the JVM and process metrics: obs, the host application (obs adds its own probes), or nobody. */
    private enum JvmMetrics {
        OWN,
        FROM_HOST,
        NONE
    }

    /**
     * Configures an {@link Observability}. {@link #build()} checks every setting and fails with a
     * message naming what to change.
     */
    public static final class Builder {
        private @Nullable String serviceName;
        private @Nullable String environment;
        private @Nullable String cluster;
        private @Nullable String version;
        private @Nullable MeterRegistry registry;
        private OpenTelemetry openTelemetry = OpenTelemetry.noop();
        private PiiMasker masker = PiiMasker.defaults();
        private LabelPolicy labelPolicy = LabelPolicy.defaults();
        private Clock clock = Clock.systemUTC();
        private JvmMetrics jvmMetrics = JvmMetrics.OWN;
        private boolean exemplars = true;
        private boolean uncaughtErrors;
        private @Nullable OtlpSettings otlp;

        private Builder() {}

        /**
         * Required: the {@code service} tag, lower case, e.g. {@code client-escalation-calls}.
         *
         * @param serviceName the service name
         * @return this builder
         */
        public Builder serviceName(String serviceName) {
            this.serviceName = serviceName;
            return this;
        }

        /**
         * Required: the {@code environment} tag, e.g. {@code production}.
         *
         * @param environment the environment name
         * @return this builder
         */
        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        /**
         * Optional: the {@code cluster} tag.
         *
         * @param cluster the cluster name
         * @return this builder
         */
        public Builder cluster(String cluster) {
            this.cluster = cluster;
            return this;
        }

        /**
         * Optional: the application's version, exposed as {@code app_build_info{version="..."} 1}; a change of
         * version is a deploy, which dashboards annotate. Up to the label length of the {@link LabelPolicy}
         * (128 characters by default) of letters, digits, {@code .}, {@code _}, {@code +} and {@code -},
         * e.g. {@code 1.4.2}, {@code 2.0.0-rc.1+build.7}, {@code 2026.12.03-4f2a9c1}. Default: the
         * {@code Implementation-Version} of the manifest of the jar whose class calls {@link #build()}, or
         * {@code unknown}.
         *
         * @param version the application's version
         * @return this builder
         */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /**
         * Any Micrometer registry or composite; default: an embedded {@link PrometheusMeterRegistry}.
         *
         * @param registry the registry every facade registers its meters with
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "meterRegistry must not be null");
            return this;
        }

        /**
         * The service's OpenTelemetry SDK; default {@link OpenTelemetry#noop()}. Give its tracer
         * provider at least one span processor: a provider without any (an SDK configured with
         * exporter {@code none}, say) hands out invalid, non-recording spans, so that logs carry no
         * {@code trace_id} and no context reaches outgoing requests.
         *
         * @param openTelemetry the OpenTelemetry instance
         * @return this builder
         */
        public Builder openTelemetry(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry must not be null");
            return this;
        }

        /**
         * The masker used everywhere; default {@link PiiMasker#defaults()}.
         *
         * @param masker the masker for logs, errors, spans and labels
         * @return this builder
         */
        public Builder masker(PiiMasker masker) {
            this.masker = Objects.requireNonNull(masker, "masker must not be null");
            return this;
        }

        /**
         * Limits for open-vocabulary labels; default {@link LabelPolicy#defaults()}.
         *
         * @param labelPolicy the label limits
         * @return this builder
         */
        public Builder labelPolicy(LabelPolicy labelPolicy) {
            this.labelPolicy = Objects.requireNonNull(labelPolicy, "labelPolicy must not be null");
            return this;
        }

        /**
         * The clock for periods; default UTC system clock.
         *
         * @param clock the clock budgets and other periods are read from
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * Whether to bind JVM, process and scheduling-lag metrics; default true.
         *
         * @param enabled false to bind none of them
         * @return this builder
         */
        public Builder jvmMetrics(boolean enabled) {
            this.jvmMetrics = enabled ? JvmMetrics.OWN : JvmMetrics.NONE;
            return this;
        }

        /**
         * The application binds Micrometer's JVM and process binders itself (Spring Boot's Actuator does): obs binds
         * only the two meters no Micrometer binder provides, {@code process_resident_memory_bytes} and
         * {@code jvm_scheduling_lag_seconds}, and adds no meter filter. Add {@code JvmMeterNames.filter()} to the
         * registry before the binders run for the names obs's own binding gives ({@code system_cpu_cores}).
         *
         * @return this builder
         */
        public Builder jvmMetricsFromHost() {
            this.jvmMetrics = JvmMetrics.FROM_HOST;
            return this;
        }

        /**
         * Whether obs's own Prometheus registry attaches the current trace to its histograms and counters
         * as OpenMetrics exemplars ({@code # {span_id="…",trace_id="…"} 0.042 1733212800.123}); default
         * true. An exemplar is taken only inside a sampled OpenTelemetry span, at most once per sampling
         * interval of a series; outside one a record costs one volatile read more. Exemplars appear only
         * in the OpenMetrics format, which Prometheus negotiates; it stores them with
         * {@code --enable-feature=exemplar-storage}. A registry passed to {@link #meterRegistry} keeps
         * its own exemplar setting.
         *
         * @param enabled false to record no exemplars
         * @return this builder
         */
        public Builder exemplars(boolean enabled) {
            this.exemplars = enabled;
            return this;
        }

        /**
         * Whether exceptions that end a thread reach the unhandled-error hook, as those escaping an HTTP
         * adapter do; default false. When true, {@link #build()} installs a default uncaught-exception
         * handler (once per instance) that counts an {@link OutOfMemoryError} or a full disk in
         * {@code system_errors_total}, hands the exception to obs-errors' reporter when one was created on
         * the instance, and then calls the default handler that was installed before it (or, when there
         * was none, prints the exception as the JVM does). {@link Observability#close()} restores that
         * handler. Threads with a handler of their own, or in a thread group that handles its exceptions,
         * do not reach the default handler: they are not seen. Never throws into the dying thread.
         *
         * <pre>{@code
         * Observability obs = Observability.builder()
         *         .serviceName("client-escalation-calls")
         *         .environment("production")
         *         .uncaughtErrors(true)   // an OOM on a worker thread: system_errors_total{type="out_of_memory"}
         *         .build();
         * }</pre>
         *
         * @param enabled true to install the handler
         * @return this builder
         */
        public Builder uncaughtErrors(boolean enabled) {
            this.uncaughtErrors = enabled;
            return this;
        }

        /**
         * Also push every metric over OTLP/HTTP, e.g. to an OpenTelemetry Collector, beside the embedded
         * Prometheus registry (a composite of both) or, with {@link OtlpSettings#withoutPrometheus()},
         * instead of it. The export carries the scrape's series: timers in seconds, the declared explicit
         * buckets, cumulative counters, {@code service}, {@code environment} and {@code cluster} on every
         * data point; the resource names the service ({@code service.name}, {@code service.instance.id},
         * {@code service.version}, {@code deployment.environment.name}). {@link Observability#close()}
         * pushes the last values. Needs {@code io.micrometer:micrometer-registry-otlp} (obs-bom's version)
         * on the class path and obs's own registry: not with {@link #meterRegistry}. See docs/otlp.md.
         *
         * <pre>{@code
         * Observability obs = Observability.builder()
         *         .serviceName("client-escalation-calls")
         *         .environment("production")
         *         .otlp(OtlpSettings.to("http://otel-collector:4318/v1/metrics"))
         *         .build();
         * }</pre>
         *
         * @param settings where and how often to push
         * @return this builder
         */
        public Builder otlp(OtlpSettings settings) {
            this.otlp = Objects.requireNonNull(settings, "otlp settings must not be null");
            return this;
        }

        /**
         * The configured instance.
         *
         * @return the instance
         * @throws IllegalArgumentException naming the setting to change
         */
        public Observability build() {
            String service = requireName("serviceName", serviceName, "client-escalation-calls");
            String env = requireName("environment", environment, "production");
            if (cluster != null) {
                requireName("cluster", cluster, "us-east-1");
            }
            String appVersion = version != null
                    ? requireVersion(version, labelPolicy.maxValueLength(), masker)
                    : manifestVersion(caller(), labelPolicy.maxValueLength(), masker);
            if (otlp != null && registry != null) {
                throw new IllegalArgumentException("Observability.otlp(...) needs obs's own registry, but"
                        + " .meterRegistry(...) passed one: add an OtlpMeterRegistry to that registry yourself"
                        + " (Spring Boot: management.otlp.metrics.export.*), configured as docs/otlp.md says,"
                        + " or drop .meterRegistry(...)");
            }
            if (otlp != null && !OtlpRegistry.available()) {
                throw new IllegalStateException("Observability.otlp(...) needs io.micrometer:micrometer-registry-otlp"
                        + " on the class path: add it as a dependency (obs-bom manages its version)");
            }
            return new Observability(this, service, env, appVersion);
        }

        private static String requireVersion(String value, int maxLength, PiiMasker masker) {
            String problem = versionProblem(value, maxLength, masker);
            if (problem != null) {
                throw new IllegalArgumentException("Observability.version is not a valid label value (" + problem
                        + "): pass the application's version, e.g. .version(\"1.4.2\")");
            }
            return value;
        }

        /** What is wrong with {@code value} as a version label, or null when nothing is. */
        static @Nullable String versionProblem(String value, int maxLength, PiiMasker masker) {
            if (value.isEmpty()) {
                return "empty";
            }
            if (value.length() > maxLength) {
                return value.length() + " characters, more than " + maxLength;
            }
            if (!VERSION.matcher(value).matches()) {
                return "use letters, digits, '.', '_', '+' or '-', starting with a letter or digit";
            }
            if (!masker.mask(value).equals(value)) {
                return "it looks like personal data";
            }
            return null;
        }

        /**
         * The {@code Implementation-Version} of the manifest of the jar holding {@code caller}, when it is a
         * valid version label; else {@value #UNKNOWN_VERSION}.
         */
        static String manifestVersion(@Nullable Class<?> caller, int maxLength, PiiMasker masker) {
            try {
                Package pkg = caller == null ? null : caller.getPackage();
                String found = pkg == null ? null : pkg.getImplementationVersion();
                return found != null && versionProblem(found, maxLength, masker) == null ? found : UNKNOWN_VERSION;
            } catch (RuntimeException unreadable) { // a security manager, a broken class loader
                return UNKNOWN_VERSION;
            }
        }

        /** The first class on the stack that is not this one: the application's code that calls {@link #build()}. */
        private static @Nullable Class<?> caller() {
            try {
                return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                        .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                                .filter(c -> c != Builder.class)
                                .findFirst()
                                .orElse(null));
            } catch (RuntimeException unreadable) {
                return null;
            }
        }

        private static String requireName(String setting, @Nullable String value, String example) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Observability." + setting + " is required: call ." + setting + "(\""
                        + example + "\") on the builder");
            }
            if (!NAME.matcher(value).matches()) {
                throw new IllegalArgumentException("Observability." + setting + " '" + value + "' is not a valid tag"
                        + " value: use 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or"
                        + " digit, e.g. \"" + example + "\"");
            }
            return value;
        }
    }
}
