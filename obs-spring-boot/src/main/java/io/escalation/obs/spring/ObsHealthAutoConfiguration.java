package io.escalation.obs.spring;

import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthResult;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * One place to declare a health check, both ways. obs's {@link HealthChecks} appear in {@code /actuator/health} as
 * the {@code obs} component ({@link ObsHealthIndicator}); each of the context's Actuator {@link HealthIndicator}
 * beans ({@code diskSpace}, {@code db}, the application's own) is registered as a non-critical obs check named after
 * its bean in snake case ({@code disk_space}), so that {@code health_check_status{check}} covers it too. The bridged
 * checks run on a schedule of their own ({@link BridgedHealthRuns}, every {@code obs.health.actuator.period}), never
 * inside an {@code /actuator/health} call, which runs each indicator once, as Actuator's component. Off with {@code
 * obs.health.actuator.enabled=false}.
 */
@AutoConfiguration(after = ObsFacadesAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(HealthChecks.class)
@ConditionalOnProperty(name = "obs.health.actuator.enabled", matchIfMissing = true)
class ObsHealthAutoConfiguration {

    /** How long a bridged Actuator indicator may take in an obs run; Actuator itself sets none. */
    static final Duration BRIDGED_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ObsHealthAutoConfiguration.class);
    private static final Pattern CHECK_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** The names of the obs checks that are Actuator indicators, which the {@code obs} component leaves out. */
    private final Set<String> bridged = ConcurrentHashMap.newKeySet();

    @Bean
    HealthIndicator obsHealthIndicator(HealthChecks checks) {
        return new ObsHealthIndicator(checks, bridged);
    }

    /** The bridged checks' own runs, every {@code obs.health.actuator.period} (default 15 s). */
    @Bean
    BridgedHealthRuns obsBridgedHealthRuns(HealthChecks checks, Environment env) {
        return new BridgedHealthRuns(
                checks,
                bridged,
                Binder.get(env)
                        .bind(BridgedHealthRuns.PERIOD_PROPERTY, Duration.class)
                        .orElse(null));
    }

    /**
     * Once every singleton exists: each Actuator indicator of the context as an obs check, and each indicator inside a
     * composite contributor (Boot's {@code db} with several data sources) as one named after both, {@code db_primary}.
     */
    @Bean
    SmartInitializingSingleton obsActuatorHealthChecks(
            ListableBeanFactory beans, HealthChecks checks, BridgedHealthRuns runs) {
        return () -> {
            for (Map.Entry<String, HealthIndicator> bean :
                    beans.getBeansOfType(HealthIndicator.class, false, false).entrySet()) {
                if (!(bean.getValue() instanceof ObsHealthIndicator)) {
                    bridge(checks, bean.getKey(), checkName(bean.getKey()), bean.getValue());
                }
            }
            for (Map.Entry<String, CompositeHealthContributor> bean : beans.getBeansOfType(
                            CompositeHealthContributor.class, false, false)
                    .entrySet()) {
                bridgeComposite(checks, bean.getKey(), checkName(bean.getKey()), bean.getValue(), 0);
            }
            runs.start();
        };
    }

    private void bridgeComposite(
            HealthChecks checks,
            String beanName,
            @Nullable String prefix,
            CompositeHealthContributor composite,
            int depth) {
        if (prefix == null || depth > 4) {
            return;
        }
        composite.stream().forEach(entry -> {
            String child = checkName(entry.name());
            String name = child == null ? null : checkName(prefix + "_" + child);
            if (entry.contributor() instanceof HealthIndicator indicator) {
                bridge(checks, beanName + "/" + entry.name(), name, indicator);
            } else if (entry.contributor() instanceof CompositeHealthContributor nested) {
                bridgeComposite(checks, beanName + "/" + entry.name(), name, nested, depth + 1);
            }
        });
    }

    private void bridge(HealthChecks checks, String source, @Nullable String name, HealthIndicator indicator) {
        if (name == null) {
            log.warn("Actuator health indicator '{}' is not an obs check: its name is no valid check name", source);
            return;
        }
        try {
            checks.register(name, BRIDGED_TIMEOUT, false, () -> result(indicator.health(false)));
            bridged.add(name);
        } catch (IllegalArgumentException taken) { // an obs check of the same name: obs's wins
            log.warn("Actuator health indicator '{}' is not an obs check: {}", source, taken.getMessage());
        }
    }

    /** Actuator's status as an obs result: UP is up, any other status is down with its code, never the details. */
    static HealthResult result(Health health) {
        Status status = health.getStatus();
        return Status.UP.equals(status) ? HealthResult.up() : HealthResult.down(status.getCode());
    }

    /**
     * The obs check name of an indicator bean, as Actuator names its component (the bean name without {@code
     * HealthIndicator} or {@code HealthContributor}), in snake case: {@code diskSpaceHealthIndicator} is {@code
     * disk_space}; null when that is no valid check name.
     */
    static @Nullable String checkName(String beanName) {
        String base = beanName;
        for (String suffix : new String[] {"HealthIndicator", "HealthContributor"}) {
            if (base.endsWith(suffix) && base.length() > suffix.length()) {
                base = base.substring(0, base.length() - suffix.length());
            }
        }
        String snake = base.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replace('-', '_')
                .replace('.', '_')
                .toLowerCase(Locale.ROOT);
        return CHECK_NAME.matcher(snake).matches() ? snake : null;
    }
}
