package io.escalation.obs.db;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.fault.FaultReason;
import io.escalation.obs.core.trace.SpanBody;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.SpanKind;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Redis command metrics, {@code redis_commands_total{command}} and
 * {@code redis_command_duration_seconds{command}}, and a CLIENT span per command with
 * {@code db.system.name="redis"} and {@code db.operation.name} (never keys or values).
 *
 * <pre>{@code
 * RedisMetrics redis = RedisMetrics.create(obs);
 * String session = redis.call(RedisCommand.GET, () -> jedis.get(key));   // span + metrics
 * redis.record(RedisCommand.SET, elapsedNanos);                           // timed by the caller
 * redis.record(lettuceCommand.getType().name(), elapsedNanos);            // by name: "GET" -> GET
 * redis.recordFailure(RedisCommand.HGET, elapsedNanos, e);                // WRONGTYPE, timeout, ...
 * }</pre>
 *
 * <p>A failed command also counts in {@code redis_command_errors_total{command,error}}, {@code error}
 * being the server's error prefix ({@code WRONGTYPE}, {@code ERR}, ...) or {@code timeout},
 * {@code connection}, {@code other} ({@link RedisError}); its span gets {@code error.type} and, for a
 * server error, {@code db.response.status_code} set to the prefix.
 *
 * <p>{@code command} is limited to the real Redis command names of {@link RedisCommand}; other
 * names become {@code other}, and a name that is not even command-shaped (a key, a whole command
 * line with values) is also counted in {@code obs_instrumentation_errors_total{reason="label_pii"}}.
 * A command's series appear on its first use. Recording calls never throw.
 */
public final class RedisMetrics {

    static final String SYSTEM = "redis";
    private static final RedisCommand[] COMMANDS = RedisCommand.values();
    /** Redis answers in microseconds; network and queueing add milliseconds. */
    static final Duration[] COMMAND_BUCKETS = {
        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
        Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1),
    };

    private final Observability obs;
    private final AtomicReferenceArray<CommandMeters> meters = new AtomicReferenceArray<>(COMMANDS.length);

    private RedisMetrics(Observability obs) {
        this.obs = obs;
    }

    /**
     * Redis metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the Redis metrics of {@code obs}
     */
    public static RedisMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(RedisMetrics.class, () -> new RedisMetrics(obs));
    }

    /**
     * Records one command that took {@code nanos}. Never throws; allocates only on a command's first use.
     *
     * @param command the command; null is counted as a fault and as {@code other}
     * @param nanos the duration in nanoseconds
     */
    public void record(@Nullable RedisCommand command, long nanos) {
        try {
            if (command == null) {
                obs.faults().record(DbMeters.REDIS_COMMANDS, FaultReason.NULL_VALUE);
                command = RedisCommand.OTHER;
            }
            meters(command).record(nanos);
        } catch (RuntimeException e) {
            obs.faults().record(DbMeters.REDIS_COMMANDS, FaultReason.RECORDING_FAILED);
        }
    }

    /**
     * Records one command by name (any case); unknown names count as {@code other}. Never throws.
     *
     * @param command the command name
     * @param nanos the duration in nanoseconds
     */
    public void record(@Nullable String command, long nanos) {
        record(resolve(command), nanos);
    }

    /**
     * Records one command that failed after {@code nanos}: counted and timed like any command, and in
     * {@code redis_command_errors_total} under its {@link RedisError}. Never throws.
     *
     * @param command the command; null is counted as a fault and as {@code other}
     * @param nanos the duration in nanoseconds
     * @param error what the client threw, or null ({@code other})
     */
    public void recordFailure(@Nullable RedisCommand command, long nanos, @Nullable Throwable error) {
        recordFailure(command, nanos, RedisError.of(error));
    }

    /**
     * Records one command, by name (any case), that failed after {@code nanos}. Never throws.
     *
     * @param command the command name; unknown names count as {@code other}
     * @param nanos the duration in nanoseconds
     * @param error what the client threw, or null ({@code other})
     */
    public void recordFailure(@Nullable String command, long nanos, @Nullable Throwable error) {
        recordFailure(resolve(command), nanos, RedisError.of(error));
    }

    private void recordFailure(@Nullable RedisCommand command, long nanos, RedisError error) {
        record(command, nanos);
        try {
            meters(command == null ? RedisCommand.OTHER : command).failed(error);
        } catch (RuntimeException e) {
            obs.faults().record(DbMeters.REDIS_COMMAND_ERRORS, FaultReason.RECORDING_FAILED);
        }
    }

    /**
     * Runs {@code body} in a CLIENT span named after the command, timing it; exceptions are rethrown as
     * is, after being counted in {@code redis_command_errors_total} (see {@link #recordFailure}).
     *
     * @param <T> the result type
     * @param <E> the exception {@code body} may throw
     * @param command the command sent
     * @param body the call to Redis
     * @return what {@code body} returned
     * @throws E when {@code body} throws it
     */
    public <T, E extends Throwable> T call(RedisCommand command, SpanBody<T, E> body) throws E {
        RedisCommand known = command == null ? RedisCommand.OTHER : command;
        long start = System.nanoTime();
        T result;
        try {
            result = obs.spans().span(known == RedisCommand.OTHER ? SYSTEM : known.name()).kind(SpanKind.CLIENT)
                    .attribute(DbAttributes.SYSTEM_NAME, SYSTEM)
                    .attribute(DbAttributes.OPERATION_NAME, known == RedisCommand.OTHER ? null : known.name())
                    .call(() -> {
                        try {
                            return body.call();
                        } catch (Throwable error) {
                            describeFailure(error);
                            throw error;
                        }
                    });
        } catch (Throwable error) {
            recordFailure(known, System.nanoTime() - start, error);
            throw error;
        }
        record(known, System.nanoTime() - start);
        return result;
    }

    /** Sets {@code error.type} and, for a server error, {@code db.response.status_code} on the current span. */
    private void describeFailure(Throwable error) {
        try {
            RedisError kind = RedisError.of(error);
            if (RedisError.prefix(kind.name()) != null) {
                obs.spans().setAttribute(DbAttributes.RESPONSE_STATUS_CODE, kind.name());
            }
            obs.spans().setAttribute(DbAttributes.ERROR_TYPE, kind.label());
        } catch (RuntimeException e) {
            // describing the failure must never replace the caller's exception
        }
    }

    private RedisCommand resolve(@Nullable String name) {
        if (name == null) {
            obs.faults().record(DbMeters.REDIS_COMMANDS, FaultReason.NULL_VALUE);
            return RedisCommand.OTHER;
        }
        RedisCommand command = RedisCommand.of(name);
        if (command == RedisCommand.OTHER && !Names.isName(name)) {
            obs.faults().record(DbMeters.REDIS_COMMANDS, FaultReason.LABEL_PII);
        }
        return command;
    }

    private CommandMeters meters(RedisCommand command) {
        CommandMeters known = meters.get(command.ordinal());
        return known != null ? known : register(command);
    }

    private synchronized CommandMeters register(RedisCommand command) {
        CommandMeters known = meters.get(command.ordinal());
        if (known == null) {
            known = new CommandMeters(obs, command);
            meters.set(command.ordinal(), known);
        }
        return known;
    }

    /** The counter and timer of one command, and its error counters, each made on its first use. */
    private static final class CommandMeters {
        private static final RedisError[] ERRORS = RedisError.values();

        private final Observability obs;
        private final RedisCommand command;
        private final Counter count;
        private final Timer duration;
        private final AtomicReferenceArray<Counter> errors = new AtomicReferenceArray<>(ERRORS.length);

        CommandMeters(Observability obs, RedisCommand command) {
            this.obs = obs;
            this.command = command;
            String key = DbLabels.COMMAND.asString();
            this.count = DbMeters.REDIS_COMMANDS.counter().tag(key, command.label()).register(obs.registry());
            this.duration = DbMeters.REDIS_COMMAND_DURATION.timer(COMMAND_BUCKETS).tag(key, command.label())
                    .register(obs.registry());
        }

        void record(long nanos) {
            count.increment();
            if (obs.faults().rejectsCount(DbMeters.REDIS_COMMAND_DURATION, nanos)) {
                return;
            }
            duration.record(obs.faults().clamp(DbMeters.REDIS_COMMAND_DURATION, nanos, DbMetrics.MAX_NANOS),
                    TimeUnit.NANOSECONDS);
        }

        void failed(RedisError error) {
            Counter counter = errors.get(error.ordinal());
            if (counter == null) {
                counter = DbMeters.REDIS_COMMAND_ERRORS.counter().tag(DbLabels.COMMAND.asString(), command.label())
                        .tag(DbLabels.ERROR.asString(), error.label()).register(obs.registry());
                errors.set(error.ordinal(), counter);   // a race registers the same meter twice: the registry dedupes
            }
            counter.increment();
        }
    }
}
