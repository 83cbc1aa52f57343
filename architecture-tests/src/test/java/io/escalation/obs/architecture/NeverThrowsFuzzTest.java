package io.escalation.obs.architecture;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.QueueMetrics;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthResult;
import io.escalation.obs.core.pii.PiiMasker;
import io.escalation.obs.db.DbMetrics;
import io.escalation.obs.db.PoolStats;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.llm.BudgetListener;
import io.escalation.obs.llm.BudgetState;
import io.escalation.obs.llm.LlmBudget;
import io.escalation.obs.llm.LlmMetrics;
import io.escalation.obs.memory.MemoryMetrics;
import io.escalation.obs.memory.QdrantMetrics;
import io.escalation.obs.security.SecurityAudit;
import io.escalation.obs.security.SecurityMetrics;
import io.escalation.obs.tcpa.ComplianceAudit;
import io.escalation.obs.tcpa.TcpaMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * "Never breaks the caller", checked by brute force: every public method of every facade, and of
 * the exchange and call objects the facades return, is called by reflection with hostile arguments,
 * and nothing may escape.
 *
 * <p><b>Facades</b> are discovered: every public class of {@code io.escalation.obs} (main code of
 * obs-core and the domain modules; obs-logging's public classes are logback components configured in
 * {@code logback.xml}, not facades) with a public static {@code create(...)} or {@code builder(...)}
 * factory. A class whose factory takes only an {@code Observability} is built with it; the others
 * are built below in {@link #FACTORIES} (a user's audit sink, budget listener and health checks
 * that throw included), or listed in {@link #NOT_FUZZED} with the reason. A new facade that is in
 * neither fails {@link #everyFacadeIsFuzzedOrExcludedWithAReason()}.
 *
 * <p><b>Methods</b>: every public instance method a facade declares, getters included (they must not
 * throw either). Objects of {@code io.escalation.obs} types a method returns (exchanges, calls,
 * per-label handles, builders of exchanges, audit events) are fuzzed the same way, three levels deep.
 * Excluded: {@link #EXCLUDED_METHODS} (start-up configuration, which fails fast by design, and
 * methods that hand back a resource the caller must close).
 *
 * <p><b>Arguments</b>, drawn with a fixed seed: null; NaN, ±Infinity, negatives, zero,
 * {@code Long.MAX_VALUE}, {@code Long.MIN_VALUE}; extreme {@code Duration}s ({@code
 * Duration.between(Instant.MAX, now)}), {@code Instant}s and {@code BigDecimal}s ({@code 1E-100000000},
 * {@code 1E+100000000}); a 10 MB string, CRLF and PII in strings; cause chains 4,000 deep, cyclic
 * causes, exceptions whose {@code getMessage} throws a RuntimeException or an Error; functional
 * interfaces that throw a RuntimeException, an {@code AssertionError} or a custom {@code Error};
 * every enum constant and null.
 *
 * <p><b>Asserted</b>: no call throws (a method that runs the caller's code, e.g. {@code
 * Spans.call(name, body)}, may rethrow exactly the exception that code threw, or a
 * NullPointerException for a null body); no call takes longer than five seconds (the unbounded ones
 * ran for minutes); a call given only bad input counts a fault in {@code
 * obs_instrumentation_errors_total} (exceptions, each with its reason, in {@link
 * #BAD_INPUT_NOT_COUNTED} and {@link #READ_ONLY_TYPES}); and {@code promtool check metrics} accepts
 * the scrape afterwards. The whole run takes about 25 s and must finish within 60 s.
 */
class NeverThrowsFuzzTest {

    private static final long SEED = 20_261_202L;
    /** Random calls per method, besides the one with every argument bad. */
    private static final int CALLS_PER_METHOD = 24;

    private static final int MAX_DEPTH = 3;
    /** A liveness bound, generous for two shared cores: the unbounded cases ran for minutes. */
    private static final long SLOW_CALL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final long WHOLE_RUN_SECONDS = 60;

    /** Facades whose public factories need more than an {@code Observability}: how the test builds them. */
    private static final BudgetListener THROWING_LISTENER = NeverThrowsFuzzTest::throwingListener;

    private static final Map<String, Function<Observability, Object>> FACTORIES = new LinkedHashMap<>();
    /** Facade classes not fuzzed here, with the reason. */
    private static final Map<String, String> NOT_FUZZED = new LinkedHashMap<>();
    /** {@code Class#method} not called, with the reason. */
    private static final Map<String, String> EXCLUDED_METHODS = new LinkedHashMap<>();
    /** {@code Class#method} whose all-bad call need not count a fault, with the reason. */
    private static final Map<String, String> BAD_INPUT_NOT_COUNTED = new LinkedHashMap<>();

    /** Returned value objects whose methods only read: bad input to them need not count a fault. */
    private static final Map<String, String> READ_ONLY_TYPES = new LinkedHashMap<>();

    static {
        READ_ONLY_TYPES.put("PriceTable", "prices, read by LlmMetrics: contains and costUsd answer questions");
        READ_ONLY_TYPES.put("HealthReport", "the result of runAll(): check(name) looks a check up");
        READ_ONLY_TYPES.put("HealthResult", "the answer of a health check (an audit facade's healthCheck()): a value");
        READ_ONLY_TYPES.put("SecurityAuditEvent", "an audit event already written: get(key) reads a field");
        READ_ONLY_TYPES.put("ComplianceAuditEvent", "an audit event already written: get(key) reads a field");
        FACTORIES.put(
                "io.escalation.obs.llm.LlmMetrics",
                obs -> LlmMetrics.builder(obs)
                        .budget(LlmBudget.builder(new BigDecimal("100")).onStateChange(THROWING_LISTENER))
                        .captureContent(true)
                        .build());
        // one LlmMetrics per Observability: the budget is the one of the instance built above (same settings)
        FACTORIES.put(
                "io.escalation.obs.llm.LlmBudget",
                obs -> ((LlmMetrics) FACTORIES
                                .get("io.escalation.obs.llm.LlmMetrics")
                                .apply(obs))
                        .budget()
                        .orElseThrow());
        FACTORIES.put(
                "io.escalation.obs.security.SecurityAudit",
                obs -> SecurityAudit.builder(SecurityMetrics.create(obs))
                        .hashKey(key())
                        .sink(e -> {
                            throw new CustomError("sink down");
                        })
                        .build());
        FACTORIES.put(
                "io.escalation.obs.tcpa.ComplianceAudit",
                obs -> ComplianceAudit.builder(TcpaMetrics.create(obs))
                        .consumerIdKey(key())
                        .sink(e -> {
                            throw new AssertionError("sink down");
                        })
                        .build());
        FACTORIES.put(
                "io.escalation.obs.core.health.HealthChecks",
                obs -> HealthChecks.create(obs)
                        .register("throws_runtime", Duration.ofMillis(200), () -> {
                            throw new IllegalStateException("x");
                        })
                        .register("throws_error", Duration.ofMillis(200), () -> {
                            throw new CustomError("x");
                        })
                        .register("up", Duration.ofMillis(200), HealthResult::up));
        FACTORIES.put(
                "io.escalation.obs.http.HttpMetrics",
                obs -> HttpMetrics.builder(obs).peers("twilio").build());
        FACTORIES.put("io.escalation.obs.core.pii.PiiMasker", obs -> PiiMasker.defaults());
        // not a facade class with a factory of its own, but the shared span helper every module uses
        FACTORIES.put("io.escalation.obs.core.trace.Spans", Observability::spans);

        NOT_FUZZED.put(
                "io.escalation.obs.core.Observability",
                "the root itself: its builder is start-up"
                        + " configuration; its recording helpers (spans(), faults()) are fuzzed as Spans and through every facade");
        NOT_FUZZED.put("io.escalation.obs.core.label.LabelPolicy", "configuration value, no recording method");
        NOT_FUZZED.put("io.escalation.obs.errors.SentrySettings", "configuration value, no recording method");
        NOT_FUZZED.put(
                "io.escalation.obs.core.endpoint.ObsHttpEndpoint",
                "an HTTP server, not a recording call;" + " its handler is tested over real sockets in obs-core");
        NOT_FUZZED.put(
                "io.escalation.obs.core.spi.audit.AuditWriter",
                "fuzzed through SecurityAudit and ComplianceAudit," + " whose sinks throw");
        NOT_FUZZED.put(
                "io.escalation.obs.http.HttpServerFilter",
                "adapter for the JDK HttpServer: rethrows the"
                        + " handler's exception by contract; tested over real sockets in obs-http");
        NOT_FUZZED.put(
                "io.escalation.obs.http.servlet.ObsServletFilter",
                "servlet adapter: rethrows the chain's" + " exception by contract; tested in obs-http");
        NOT_FUZZED.put(
                "io.escalation.obs.errors.ErrorReporter",
                "obs-errors hands the exception to the Sentry SDK;" + " its hostile-input tests live in obs-errors");

        EXCLUDED_METHODS.put(
                "close",
                "ends the facade (health checks, table sizes); exchange and call objects"
                        + " are closed by their own outcome methods");
        EXCLUDED_METHODS.put("makeCurrent", "returns a Scope the caller must close; not a recording call");
        EXCLUDED_METHODS.put("runEvery", "start-up configuration: starts a scheduler, fails fast on a bad period");
        EXCLUDED_METHODS.put("tableSizes", "start-up configuration: starts a scheduler, fails fast on a bad period");
        EXCLUDED_METHODS.put(
                "register",
                "start-up configuration, fails fast on a bad name; the callbacks it takes"
                        + " are registered throwing in FACTORIES and read by the scrape this test checks");
        EXCLUDED_METHODS.put("registerPool", "start-up configuration, fails fast on a bad name");
        EXCLUDED_METHODS.put("registerCollection", "start-up configuration, fails fast on a bad name");
        EXCLUDED_METHODS.put("registerCollections", "start-up configuration");
        EXCLUDED_METHODS.put("registerMemoryUsage", "start-up configuration");
        EXCLUDED_METHODS.put("registerActiveSessions", "start-up configuration");
        EXCLUDED_METHODS.put("router", "start-up configuration: route templates fail fast");
        EXCLUDED_METHODS.put("peer", "start-up configuration: an undeclared peer fails fast");
        EXCLUDED_METHODS.put("overriddenBy", "PriceTable: start-up configuration");
        EXCLUDED_METHODS.put(
                "DbMetrics#query/3",
                "start-up configuration: an operation or collection that is not a"
                        + " short name (statement text) fails fast; query(name) is the never-throwing lookup");

        BAD_INPUT_NOT_COUNTED.put("Spans#recordError", "a null error is documented: it marks the span failed");
        BAD_INPUT_NOT_COUNTED.put("Spans#setAttribute", "a null value is documented: the attribute is skipped");
        BAD_INPUT_NOT_COUNTED.put("Spans#span", "a builder, records nothing yet");
        BAD_INPUT_NOT_COUNTED.put("PiiMasker#mask", "masks text; null is returned as is");
        BAD_INPUT_NOT_COUNTED.put("Builder#attribute", "span builder: a null value is documented as skipped");
        BAD_INPUT_NOT_COUNTED.put("Builder#kind", "span builder: configuration");
        BAD_INPUT_NOT_COUNTED.put(
                "Builder#scheme", "exchange builder: anything but http/https is documented as ignored");
        BAD_INPUT_NOT_COUNTED.put("Builder#requestId", "exchange builder: null generates a request id");
        BAD_INPUT_NOT_COUNTED.put("Builder#parent", "exchange builder: null parent means the current context");
        BAD_INPUT_NOT_COUNTED.put("LlmCall#prompt", "content capture: null text is ignored");
        BAD_INPUT_NOT_COUNTED.put("LlmCall#responseModel", "a null response model is documented as ignored");
        BAD_INPUT_NOT_COUNTED.put("ServerExchange#route", "a null route is documented as ignored");
        BAD_INPUT_NOT_COUNTED.put("ServerExchange#end", "only the first outcome counts; later ones are ignored");
        BAD_INPUT_NOT_COUNTED.put("ServerExchange#fail", "only the first outcome counts; later ones are ignored");
        BAD_INPUT_NOT_COUNTED.put("ClientExchange#end", "only the first outcome counts; later ones are ignored");
        BAD_INPUT_NOT_COUNTED.put("ClientExchange#fail", "only the first outcome counts; later ones are ignored");
        BAD_INPUT_NOT_COUNTED.put("LlmCall#success", "only the first outcome counts; later ones are ignored");
        BAD_INPUT_NOT_COUNTED.put("LlmCall#failure", "only the first outcome counts; later ones are ignored");
        BAD_INPUT_NOT_COUNTED.put(
                "ClientExchange#injectHeaders", "a throwing header setter is the caller's;" + " nothing is recorded");
        BAD_INPUT_NOT_COUNTED.put(
                "AgentMetrics#agent",
                "a handle lookup: the handle of a null type counts a fault" + " on every recording");
        BAD_INPUT_NOT_COUNTED.put("HttpMetrics#route", "null is documented as the unmatched route");
        BAD_INPUT_NOT_COUNTED.put(
                "HttpMetrics#start",
                "a method name and a route template: null is documented"
                        + " as an unknown method (_OTHER) and a route set later");
        BAD_INPUT_NOT_COUNTED.put("PiiMasker#containsPii", "a question, not a recording call");
        BAD_INPUT_NOT_COUNTED.put("DbMetrics#isDeadlock", "a question, not a recording call");
        BAD_INPUT_NOT_COUNTED.put("HealthChecks#runAll", "takes no input");
    }

    private final Random random = new Random(SEED);
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> called = new TreeSet<>();
    /** Exceptions the test's own callbacks threw: a method that runs the caller's code may rethrow these. */
    private final Set<Throwable> thrownByCallers =
            Collections.newSetFromMap(Collections.synchronizedMap(new IdentityHashMap<>()));

    private volatile String current = "";
    private final Set<Object> fuzzed = Collections.newSetFromMap(new IdentityHashMap<>());
    private Observability obs;

    @Test
    void everyFacadeIsFuzzedOrExcludedWithAReason() {
        List<String> unknown = new ArrayList<>();
        for (String name : discoverFacades()) {
            if (!FACTORIES.containsKey(name)
                    && !NOT_FUZZED.containsKey(name)
                    && observabilityFactory(load(name)) == null) {
                unknown.add(name);
            }
        }
        assertThat(unknown)
                .as("facades neither built from an Observability, nor in FACTORIES, nor in NOT_FUZZED")
                .isEmpty();
    }

    @Test
    void nothingEscapesAnyRecordingCallAndTheScrapeStaysValid() throws Exception {
        // a real SDK that records every span and keeps none: spans with 10 MB attributes must not pile up
        try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                        .setTracerProvider(SdkTracerProvider.builder().build())
                        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                        .build();
                Observability built = Observability.builder()
                        .serviceName("fuzz")
                        .environment("test")
                        .jvmMetrics(false)
                        .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                        .openTelemetry(sdk)
                        .build()) {
            obs = built;
            Thread worker = new Thread(this::fuzzAll, "fuzz");
            worker.setDaemon(true);
            worker.setUncaughtExceptionHandler((t, e) -> failures.add("escaped the fuzzer itself: " + e));
            worker.start();
            worker.join(TimeUnit.SECONDS.toMillis(WHOLE_RUN_SECONDS));
            assertThat(worker.isAlive())
                    .as(
                            "the fuzz run did not finish within %d s; stuck in %s at %s; failures so far %s",
                            WHOLE_RUN_SECONDS, current, Arrays.toString(worker.getStackTrace()), failures)
                    .isFalse();
            System.out.printf("fuzzed %d methods%n", called.size());
            failures.forEach(f -> System.out.println("FUZZ FAILURE " + f));
            assertThat(failures).as("calls that threw, hung or lost a fault").isEmpty();
            assertThat(called).as("methods called").hasSizeGreaterThan(150);
            assertThat(errorsTotal(obs))
                    .as("obs_instrumentation_errors_total after the run")
                    .isGreaterThan(0);
            assertThatScrape(obs.prometheusText())
                    .as("promtool check metrics on the scrape after the fuzz run")
                    .passesPromtool();
        }
    }

    // ---- the run -------------------------------------------------------------------------------------

    private void fuzzAll() {
        for (String facade : discoverFacades()) {
            if (NOT_FUZZED.containsKey(facade)) {
                continue;
            }
            Object instance;
            try {
                Function<Observability, Object> factory = FACTORIES.get(facade);
                instance = factory != null
                        ? factory.apply(obs)
                        : observabilityFactory(load(facade)).invoke(null, obs);
            } catch (ReflectiveOperationException | RuntimeException e) {
                failures.add("could not build " + facade + ": " + e);
                continue;
            }
            long started = System.nanoTime();
            fuzz(instance, 0);
            for (Object derived : derivedFrom(instance)) {
                fuzz(derived, 1);
            }
            System.out.printf(
                    "fuzzed %s in %d ms%n", facade, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    private void fuzz(Object target, int depth) {
        if (!fuzzed.add(target)) {
            return; // a builder returning itself, a handle resolved twice
        }
        for (Method method : methodsOf(target.getClass())) {
            String name = target.getClass().getSimpleName() + "#" + method.getName();
            called.add(name + Arrays.toString(method.getParameterTypes()));
            List<Object> returned = new ArrayList<>();
            if (method.getParameterCount() > 0) {
                double before = errorsTotal(obs);
                Object result = invoke(target, method, badArguments(method));
                if (errorsTotal(obs) == before
                        && !BAD_INPUT_NOT_COUNTED.containsKey(name)
                        && !runsCallersCode(method)
                        && !READ_ONLY_TYPES.containsKey(target.getClass().getSimpleName())) {
                    failures.add(name + Arrays.toString(method.getParameterTypes())
                            + ": bad input was not counted in obs_instrumentation_errors_total");
                }
                keep(returned, result);
            }
            for (int i = 0; i < CALLS_PER_METHOD; i++) {
                keep(returned, invoke(target, method, arguments(method)));
            }
            if (depth < MAX_DEPTH) {
                for (Object r : returned.subList(0, Math.min(returned.size(), 3))) {
                    fuzz(r, depth + 1);
                }
            }
        }
    }

    private @org.jspecify.annotations.Nullable Object invoke(Object target, Method method, Object[] args) {
        current = target.getClass().getName() + "#" + method.getName() + describe(args);
        long start = System.nanoTime();
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable escaped = e.getCause();
            boolean nullBody = escaped instanceof NullPointerException
                    && Arrays.stream(args).anyMatch(a -> a == null);
            if (!(runsCallersCode(method) && (thrownByCallers.contains(escaped) || nullBody))) {
                failures.add(current + " threw " + escaped + " at " + firstFrame(escaped));
            }
            return null;
        } catch (IllegalAccessException e) {
            failures.add(current + ": " + e);
            return null;
        } finally {
            long took = System.nanoTime() - start;
            if (took > SLOW_CALL_NANOS) {
                failures.add(current + " took " + TimeUnit.NANOSECONDS.toMillis(took) + " ms");
            }
        }
    }

    /**
     * Objects reached only through start-up configuration, which the fuzz does not call with random
     * arguments: a declared peer, table sizes and a pool whose user code throws; and gauges whose
     * functions throw, read by the scrape at the end.
     */
    private List<Object> derivedFrom(Object facade) {
        List<Object> derived = new ArrayList<>();
        Object source = new Object();
        @SuppressWarnings("unchecked")
        ToDoubleFunction<Object> gauge = (ToDoubleFunction<Object>) throwing(ToDoubleFunction.class, true);
        if (facade instanceof QueueMetrics) { // read by the scrape at the end
            ((QueueMetrics) facade).register("fuzz", source, gauge);
        } else if (facade instanceof MemoryMetrics) {
            ((MemoryMetrics) facade).registerActiveSessions(source, gauge);
        } else if (facade instanceof QdrantMetrics) {
            ((QdrantMetrics) facade)
                    .registerCollection("fuzz", source, gauge)
                    .registerCollections(source, gauge)
                    .registerMemoryUsage(source, gauge);
        } else if (facade instanceof HttpMetrics) {
            derived.add(((HttpMetrics) facade).peer("twilio"));
        } else if (facade instanceof DbMetrics) {
            DbMetrics db = (DbMetrics) facade;
            db.registerPool("fuzz", (PoolStats) throwing(PoolStats.class, true));
            derived.add(db.tableSizes(
                    () -> {
                        throw new CustomError("size query down");
                    },
                    Duration.ofHours(1)));
        }
        return derived;
    }

    private static void keep(List<Object> returned, @org.jspecify.annotations.Nullable Object result) {
        if (result != null && isObsType(result.getClass()) && !result.getClass().isEnum() && returned.size() < 8) {
            returned.add(result);
        }
    }

    // ---- discovery ---------------------------------------------------------------------------------

    /** The names of the facade classes, without loading them (some need optional dependencies). */
    private static List<String> discoverFacades() {
        List<String> facades = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.escalation.obs")) {
            String pkg = c.getPackageName();
            if (pkg.startsWith("io.escalation.obs.examples")
                    || pkg.startsWith("io.escalation.obs.benchmarks")
                    || pkg.startsWith("io.escalation.obs.test")
                    || pkg.startsWith("io.escalation.obs.logging")
                    || !c.getModifiers().contains(JavaModifier.PUBLIC)
                    || c.isNestedClass()
                    || c.isInterface()
                    || c.isEnum()) {
                continue;
            }
            boolean hasFactory = c.getMethods().stream()
                    .anyMatch(m -> m.getOwner().equals(c)
                            && m.getModifiers().contains(JavaModifier.STATIC)
                            && m.getModifiers().contains(JavaModifier.PUBLIC)
                            && (m.getName().equals("create") || m.getName().equals("builder")));
            if (hasFactory || FACTORIES.containsKey(c.getName())) {
                facades.add(c.getName());
            }
        }
        Collections.sort(facades);
        return facades;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @org.jspecify.annotations.Nullable Method observabilityFactory(Class<?> type) {
        try {
            Method create = type.getMethod("create", Observability.class);
            return Modifier.isStatic(create.getModifiers()) ? create : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static List<Method> methodsOf(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Method found : type.getMethods()) {
            Method m = callable(type, found);
            if (Modifier.isStatic(m.getModifiers())
                    || !isObsType(m.getDeclaringClass())
                    || EXCLUDED_METHODS.containsKey(m.getName())
                    || EXCLUDED_METHODS.containsKey(
                            type.getSimpleName() + "#" + m.getName() + "/" + m.getParameterCount())) {
                continue;
            }
            methods.add(m);
        }
        methods.sort((a, b) -> (a.getName() + Arrays.toString(a.getParameterTypes()))
                .compareTo(b.getName() + Arrays.toString(b.getParameterTypes())));
        return methods;
    }

    /**
     * {@code method} as declared by a public type {@code type} implements, when {@code type} itself is
     * not public (a lambda such as the {@code HealthCheck} that {@code healthCheck()} returns): reflection
     * may call it only through that declaration.
     */
    private static Method callable(Class<?> type, Method method) {
        if (Modifier.isPublic(type.getModifiers())) {
            return method;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                try {
                    return callable(i, i.getMethod(method.getName(), method.getParameterTypes()));
                } catch (NoSuchMethodException e) {
                    // not declared by this interface: try the next one
                }
            }
        }
        return method;
    }

    private static boolean isObsType(Class<?> type) {
        return type.getName().startsWith("io.escalation.obs.");
    }

    /**
     * Methods such as {@code Spans.call(name, body)} run the caller's code in a span: they rethrow
     * what the body threw, as they document, and a null body is the caller's NullPointerException.
     */
    private static boolean runsCallersCode(Method method) {
        return method.getExceptionTypes().length > 0
                && Arrays.stream(method.getParameterTypes()).anyMatch(NeverThrowsFuzzTest::isFunctional);
    }

    private static boolean isFunctional(Class<?> type) {
        return type.isInterface()
                && Arrays.stream(type.getMethods())
                                .filter(m -> Modifier.isAbstract(m.getModifiers()))
                                .count()
                        == 1;
    }

    // ---- arguments ---------------------------------------------------------------------------------

    private static final String TEN_MB = "x".repeat(10 * 1024 * 1024);
    private static final String[] STRINGS = {
        null,
        "",
        "ok",
        "gpt-4o",
        "/api/v1/campaigns/{id}",
        "GET",
        "a\r\nSet-Cookie: x=1 jane.doe@example.com +1 (555) 123-4567 4111 1111 1111 1111",
        "\u0000\u001b[31m\u2028\u2029\uD800",
        TEN_MB,
        "x".repeat(70_000),
    };
    private static final long[] LONGS = {
        -1, 0, 1, 42, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE, -Long.MAX_VALUE, TimeUnit.DAYS.toNanos(365)
    };
    private static final double[] DOUBLES = {
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        -1,
        -0.0,
        0,
        0.5,
        1,
        1.5,
        Double.MAX_VALUE,
        Double.MIN_VALUE,
        -Double.MAX_VALUE
    };
    private static final Duration[] DURATIONS = {
        null,
        Duration.ZERO,
        Duration.ofMillis(-1),
        Duration.ofMillis(250),
        Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
        Duration.ofSeconds(Long.MIN_VALUE),
        Duration.between(Instant.MAX, Instant.EPOCH),
        Duration.between(Instant.MIN, Instant.MAX),
        Duration.ofDays(365 * 1000L)
    };
    private static final Instant[] INSTANTS = {
        null, Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.ofEpochSecond(1_700_000_000L), Instant.ofEpochSecond(-1)
    };
    private static final BigDecimal[] DECIMALS = {
        null,
        new BigDecimal("1E-100000000"),
        new BigDecimal("1E+100000000"),
        new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE),
        new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE + 1),
        new BigDecimal("-1"),
        BigDecimal.ZERO,
        new BigDecimal("125.40"),
        new BigDecimal("0.0000005"),
        new BigDecimal("9".repeat(5_000)),
        new BigDecimal("10000000.000001"),
        new BigDecimal("-0E+5")
    };

    private Object[] badArguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (t == long.class) {
                args[i] = -1L;
            } else if (t == int.class) {
                args[i] = -1;
            } else if (t == double.class) {
                args[i] = Double.NaN;
            } else if (t == float.class) {
                args[i] = Float.NaN;
            } else if (t == boolean.class) {
                args[i] = false;
            } else if (t.isPrimitive()) {
                args[i] = (byte) -1;
            } else if (t == Duration.class) {
                args[i] = Duration.ofSeconds(-1);
            } else if (t == BigDecimal.class) {
                args[i] = new BigDecimal("-1");
            } else if (isFunctional(t)) {
                args[i] = throwing(t, true);
            } else {
                args[i] = null;
            }
        }
        return args;
    }

    private Object[] arguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = argument(types[i]);
        }
        return args;
    }

    private @org.jspecify.annotations.Nullable Object argument(Class<?> t) {
        if (t == long.class) {
            return LONGS[random.nextInt(LONGS.length)];
        } else if (t == int.class) {
            long v = LONGS[random.nextInt(LONGS.length)];
            return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE
                    ? (random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE)
                    : (int) v;
        } else if (t == double.class) {
            return DOUBLES[random.nextInt(DOUBLES.length)];
        } else if (t == float.class) {
            return (float) DOUBLES[random.nextInt(DOUBLES.length)];
        } else if (t == boolean.class) {
            return random.nextBoolean();
        } else if (t == String.class) {
            return STRINGS[random.nextInt(STRINGS.length)];
        } else if (t == Duration.class) {
            return DURATIONS[random.nextInt(DURATIONS.length)];
        } else if (t == Instant.class) {
            return INSTANTS[random.nextInt(INSTANTS.length)];
        } else if (t == BigDecimal.class) {
            return DECIMALS[random.nextInt(DECIMALS.length)];
        } else if (t == Throwable.class || t == Exception.class) {
            return throwable();
        } else if (t.isEnum()) {
            Object[] constants = t.getEnumConstants();
            int i = random.nextInt(constants.length + 1);
            return i == constants.length ? null : constants[i];
        } else if (t == Collection.class || t == List.class) {
            return collection();
        } else if (t == byte[].class) {
            return random.nextBoolean() ? null : key();
        } else if (t == String[].class) {
            return random.nextBoolean() ? null : new String[] {null, (String) argument(String.class)};
        } else if (t == Object.class) {
            return random.nextBoolean() ? null : new Object();
        } else if (t.isInterface()) { // a callback, a getter, a PoolStats ...: the caller's code, throwing
            return random.nextInt(4) == 0 ? null : throwing(t, random.nextBoolean());
        }
        return null; // Route, Context, Map ...: null is the hostile value the type system allows
    }

    private @org.jspecify.annotations.Nullable Object collection() {
        switch (random.nextInt(4)) {
            case 0:
                return null;
            case 1:
                return Arrays.asList(null, Instant.MAX, Instant.MIN);
            case 2:
                return List.of(Instant.EPOCH, Instant.ofEpochSecond(1_700_000_000L));
            default:
                return Collections.nCopies(100_000, Instant.MAX);
        }
    }

    private @org.jspecify.annotations.Nullable Throwable throwable() {
        switch (random.nextInt(8)) {
            case 0:
                return null;
            case 1:
                return chain(4_000);
            case 2: {
                RuntimeException a = new RuntimeException("a");
                IllegalStateException b = new IllegalStateException("b", a);
                a.initCause(b); // a cycle: a -> b -> a
                return a;
            }
            case 3:
                return new HostileException(new IllegalStateException("message broken"));
            case 4:
                return new HostileException(new CustomError("message broken"));
            case 5:
                return new RuntimeException(TEN_MB + " jane.doe@example.com");
            case 6:
                return new SQLException("deadlock detected", "40P01", new SocketTimeoutException("read"));
            default:
                return new IOException("reset\r\nby peer 555-123-4567");
        }
    }

    private static Throwable chain(int depth) {
        Throwable t = new IllegalStateException("root jane.doe@example.com");
        for (int i = 1; i < depth; i++) {
            t = new RuntimeException("wrapped " + i, t);
        }
        return t;
    }

    private Object throwing(Class<?> type, boolean error) {
        InvocationHandler handler = (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                switch (m.getName()) {
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "equals":
                        return proxy == args[0];
                    default:
                        return "throwing " + type.getSimpleName();
                }
            }
            Throwable t = error
                    ? (random.nextBoolean() ? new AssertionError("callback") : new CustomError("callback"))
                    : new IllegalStateException("callback");
            thrownByCallers.add(t);
            throw t;
        };
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static void throwingListener(BudgetState from, BudgetState to, LlmBudget budget) {
        throw new CustomError("listener down");
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new Random(SEED).nextBytes(key);
        return key;
    }

    private static String describe(Object[] args) {
        StringBuilder b = new StringBuilder("(");
        for (Object a : args) {
            String s;
            if (a instanceof Throwable) {
                s = a.getClass().getSimpleName();
            } else {
                s = String.valueOf(a);
            }
            String shown = s.length() > 40 ? s.substring(0, 40) + "...[" + s.length() + " chars]" : s;
            b.append(shown.replaceAll("[^\\x20-\\x7e]", "?")).append(", ");
        }
        return b.append(")").toString();
    }

    private static String firstFrame(Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        for (StackTraceElement f : frames) {
            if (f.getClassName().startsWith("io.escalation.obs.")
                    && !f.getClassName().contains("NeverThrowsFuzzTest")) {
                return f.toString();
            }
        }
        return frames.length == 0 ? "?" : frames[0].toString();
    }

    private static double errorsTotal(Observability obs) {
        double total = 0;
        for (Counter c : obs.registry().find("obs.instrumentation.errors").counters()) {
            total += c.count();
        }
        return total;
    }

    /** An exception whose message cannot be read. */
    private static final class HostileException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Throwable thrownOnRead;

        HostileException(Throwable thrownOnRead) {
            super("unused");
            this.thrownOnRead = thrownOnRead;
        }

        @Override
        public String getMessage() {
            if (thrownOnRead instanceof RuntimeException) {
                throw (RuntimeException) thrownOnRead;
            }
            throw (Error) thrownOnRead;
        }
    }

    /** A user's own Error type. */
    private static final class CustomError extends Error {
        private static final long serialVersionUID = 1L;

        CustomError(String message) {
            super(message);
        }
    }
}
