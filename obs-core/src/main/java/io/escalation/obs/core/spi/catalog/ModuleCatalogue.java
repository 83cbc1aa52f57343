package io.escalation.obs.core.spi.catalog;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A module's catalogue: the class whose {@code public static final} {@link Metric} constants are
 * the module's metrics, listed in declaration order. A subclass is the whole catalogue, plus its
 * {@code META-INF/services/io.escalation.obs.core.spi.catalog.MeterCatalogue} entry.
 *
 * <pre>{@code
 * public final class LlmCatalogue extends ModuleCatalogue {
 *     public static final Label PROVIDER = Label.of("provider", LlmProvider.class);
 *
 *     /** {@code llm_requests_total}: LLM requests by provider and outcome. *&#47;
 *     public static final Metric REQUESTS = Metric.counter("llm.requests").help("...").labels(PROVIDER).build();
 *
 *     public LlmCatalogue() {
 *         super("obs-llm");
 *     }
 * }
 * }</pre>
 */
public abstract class ModuleCatalogue implements MeterCatalogue {

    private final String module;
    private final List<ObsMeter> meters;

    /**
     * Reads the subclass's metric constants.
     *
     * @param module the declaring module's artifact id, e.g. {@code obs-llm}
     */
    protected ModuleCatalogue(String module) {
        this.module = Objects.requireNonNull(module, "module");
        this.meters = declared(getClass());
    }

    @Override
    public final String module() {
        return module;
    }

    @Override
    public final List<ObsMeter> meters() {
        return meters;
    }

    /**
     * The {@code public static final} {@link Metric} constants of {@code holder}, in declaration order.
     *
     * @param holder the class declaring them
     * @return the metrics
     */
    static List<ObsMeter> declared(Class<?> holder) {
        List<ObsMeter> found = new ArrayList<>();
        for (Field field : holder.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers)
                    && Modifier.isStatic(modifiers)
                    && Modifier.isFinal(modifiers)
                    && Metric.class.isAssignableFrom(field.getType())) {
                try {
                    found.add((Metric) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(holder.getName() + "." + field.getName() + " is not readable", e);
                }
            }
        }
        return List.copyOf(found);
    }
}
