package io.escalation.obs.core;

import io.escalation.obs.core.internal.Names;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.ToDoubleFunction;

/**
 * {@code queue_depth{queue}}: items waiting in the service's queues and executors, read at scrape
 * time (the reference architecture's saturation signal). Queues are held weakly, as Micrometer gauges are.
 *
 * <pre>{@code
 * QueueMetrics queues = QueueMetrics.create(obs);
 * queues.register("tasks", taskQueue);
 * queues.register("emails", emailExecutor);
 * }</pre>
 */
public final class QueueMetrics {

    private final Observability obs;

    private QueueMetrics(Observability obs) {
        this.obs = obs;
    }

    /**
     * Queue metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the queue metrics of {@code obs}
     */
    public static QueueMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(QueueMetrics.class, () -> new QueueMetrics(obs));
    }

    /**
     * Reports {@code queue.size()} as the depth of {@code name}.
     *
     * @param name the {@code queue} label value
     * @param queue the queue, held weakly
     * @return these metrics, for chaining
     */
    public QueueMetrics register(String name, Collection<?> queue) {
        return register(name, queue, Collection::size);
    }

    /**
     * Reports the executor's work queue length as the depth of {@code name}.
     *
     * @param name the {@code queue} label value
     * @param executor the executor, held weakly
     * @return these metrics, for chaining
     */
    public QueueMetrics register(String name, ThreadPoolExecutor executor) {
        return register(name, executor, e -> e.getQueue().size());
    }

    /**
     * Reports {@code depth.applyAsDouble(source)} as the depth of {@code name}.
     *
     * @param <T> the type of the object read
     * @param name the {@code queue} label value
     * @param source the object read, held weakly
     * @param depth reads the depth from {@code source}
     * @return these metrics, for chaining
     * @throws IllegalArgumentException when the name is not a short lower-case identifier, or a queue
     *     of that name is registered already (a second one would be ignored and never reported)
     */
    public <T> QueueMetrics register(String name, T source, ToDoubleFunction<T> depth) {
        Names.requireIdentifier("queue name", name, "tasks");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(depth, "depth");
        if (obs.registry()
                        .find(CoreCatalogue.QUEUE_DEPTH.getName())
                        .tag(CoreCatalogue.QUEUE.asString(), name)
                        .gauge()
                != null) {
            throw new IllegalArgumentException("queue '" + name + "' is already registered: give each queue its own"
                    + " name (e.g. '" + name + "_2'), or register it once");
        }
        CoreCatalogue.QUEUE_DEPTH
                .gauge(source, depth)
                .tag(CoreCatalogue.QUEUE.asString(), name)
                .register(obs.registry());
        return this;
    }
}
