package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.endpoint.ObsHttpEndpoint;
import io.escalation.obs.core.spi.audit.AuditWriter;
import io.escalation.obs.errors.ErrorReporter;
import io.escalation.obs.errors.SentrySettings;
import io.escalation.obs.test.TestObservability;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The one rule for every facade: {@code create(obs, ...)} and {@code builder(obs)...build()} return the
 * instance already bound to {@code obs} (README, docs/module-guide.md). Every public static
 * {@code create} or {@code builder} whose first parameter is an {@link Observability} is found by
 * reflection, so that a new facade cannot forget the rule.
 */
class OneFacadePerObservabilityTest {

    /** Factories that make no per-Observability facade, and why. */
    private static final Map<Class<?>, String> NOT_FACADES = Map.of(
            AuditWriter.class,
                    "a building block each audit facade holds its own of: one per domain logger and"
                            + " meter, sharing its counters through the registry",
            ObsHttpEndpoint.class,
                    "a server: two endpoints on two ports serve the same registry, and a second"
                            + " bind of one port fails");

    /** The arguments after {@code obs} of factories that take more than the Observability. */
    private static final Map<Class<?>, Supplier<Object[]>> MORE_ARGUMENTS =
            Map.of(ErrorReporter.class, () -> new Object[] {SentrySettings.disabled()});

    @Test
    void everyFacadeFactoryReturnsTheInstanceBoundToItsObservability() throws Exception {
        List<Method> factories = factories();
        List<String> checked = new ArrayList<>();
        try (TestObservability test = TestObservability.create();
                TestObservability other = TestObservability.create()) {
            for (Method factory : factories) {
                Object first = make(factory, test.obs());
                Object second = make(factory, test.obs());
                assertThat(second)
                        .as("%s called twice on one Observability", describe(factory))
                        .isSameAs(first);
                assertThat(make(factory, other.obs()))
                        .as("%s on another Observability", describe(factory))
                        .isNotSameAs(first);
                checked.add(describe(factory));
            }
            for (Method factory : factories) {
                if (factory.getName().equals("builder")) {
                    Method create = findCreate(factory.getDeclaringClass());
                    if (create != null) {
                        assertThat(make(factory, test.obs()))
                                .as("%s with the defaults and %s", describe(factory), describe(create))
                                .isSameAs(make(create, test.obs()));
                    }
                }
            }
            closeAll(factories, test.obs(), other.obs());
        }
        assertThat(checked)
                .as("the facades found")
                .hasSizeGreaterThanOrEqualTo(20)
                .contains(
                        "AppErrors.create",
                        "HealthChecks.create",
                        "PaymentMetrics.create",
                        "LlmMetrics.builder",
                        "HttpMetrics.builder",
                        "DbMetrics.builder",
                        "ErrorReporter.create",
                        "TcpaMetrics.create");
    }

    /** Every public static create(Observability, ...) or builder(Observability, ...) of a public class. */
    private static List<Method> factories() {
        List<Method> found = new ArrayList<>();
        for (JavaClass javaClass : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.escalation.obs")) {
            if (!javaClass.getModifiers().contains(JavaModifier.PUBLIC)) {
                continue;
            }
            for (JavaMethod method : javaClass.getMethods()) { // read from the class file: optional
                if (isFactory(method) && !NOT_FACADES.containsKey(javaClass.reflect())) { // dependencies may be absent
                    found.add(method.reflect());
                }
            }
        }
        found.sort((a, b) -> describe(a).compareTo(describe(b)));
        return found;
    }

    private static boolean isFactory(JavaMethod method) {
        return (method.getName().equals("create") || method.getName().equals("builder"))
                && method.getModifiers().contains(JavaModifier.PUBLIC)
                && method.getModifiers().contains(JavaModifier.STATIC)
                && !method.getRawParameterTypes().isEmpty()
                && method.getRawParameterTypes().get(0).isEquivalentTo(Observability.class);
    }

    private static boolean isFactory(Method method) {
        return (method.getName().equals("create") || method.getName().equals("builder"))
                && Modifier.isPublic(method.getModifiers())
                && Modifier.isStatic(method.getModifiers())
                && method.getParameterCount() > 0
                && method.getParameterTypes()[0] == Observability.class;
    }

    private static @org.jspecify.annotations.Nullable Method findCreate(Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            if (isFactory(method) && method.getName().equals("create")) {
                return method;
            }
        }
        return null;
    }

    /** The facade {@code factory} gives for {@code obs}: create's result, or builder(obs).build(). */
    private static Object make(Method factory, Observability obs) throws Exception {
        Object[] arguments = arguments(factory, obs);
        try {
            Object made = factory.invoke(null, arguments);
            if (factory.getName().equals("builder")) {
                Method build = made.getClass().getMethod("build");
                made = build.invoke(made);
            }
            return made;
        } catch (InvocationTargetException e) {
            throw new AssertionError(describe(factory) + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static Object[] arguments(Method factory, Observability obs) {
        if (factory.getParameterCount() == 1) {
            return new Object[] {obs};
        }
        Supplier<Object[]> more = MORE_ARGUMENTS.get(factory.getDeclaringClass());
        assertThat(more)
                .as(
                        "%s takes more than an Observability: add sample arguments to MORE_ARGUMENTS of %s,"
                                + " and make it return the instance bound to obs for equal settings (Observability.component)",
                        describe(factory), OneFacadePerObservabilityTest.class.getSimpleName())
                .isNotNull();
        Object[] rest = more.get();
        Object[] all = new Object[rest.length + 1];
        all[0] = obs;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static void closeAll(List<Method> factories, Observability... all) throws Exception {
        Set<Object> closed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Observability obs : all) {
            for (Method factory : factories) {
                Object made = make(factory, obs);
                if (made instanceof AutoCloseable && closed.add(made)) {
                    ((AutoCloseable) made).close();
                }
            }
        }
    }

    private static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
