package io.escalation.obs.db;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.record.CounterTable;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.spi.record.MeterTable;
import io.escalation.obs.core.spi.record.TimerTable;
import io.escalation.obs.core.trace.SpanBody;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import java.time.Duration;
import java.util.Objects;
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
    private static final RedisError[] ERRORS = RedisError.values();

    private final ModuleKit kit;
    private final Faults faults;
    private final CounterTable<RedisCommand> counts;
    private final TimerTable<RedisCommand> durations;
    /** {@code redis_command_errors_total} by command and error ({@link #errorSlot}), each made on its first use. */
    private final MeterTable<Counter> errors;

    private RedisMetrics(Observability obs) {
        this.kit = ModuleKit.of(obs);
        this.faults = kit.faults();
        MeterRegistry registry = kit.registry();
        String key = DbCatalogue.COMMAND.asString();
        this.counts = CounterTable.of(
                faults,
                DbCatalogue.REDIS_COMMANDS,
                RedisCommand.class,
                command -> DbCatalogue.REDIS_COMMANDS
                        .counter()
                        .tag(key, command.label())
                        .register(registry));
        this.durations = TimerTable.of(
                faults,
                DbCatalogue.REDIS_COMMAND_DURATION,
                RedisCommand.class,
                Duration.ofNanos(DbMetrics.MAX_NANOS),
                command -> DbCatalogue.REDIS_COMMAND_DURATION
                        .timer()
                        .tag(key, command.label())
                        .register(registry));
        this.errors = MeterTable.of(
                COMMANDS.length * ERRORS.length,
                slot -> DbCatalogue.REDIS_COMMAND_ERRORS
                        .counter()
                        .tag(key, COMMANDS[slot / ERRORS.length].label())
                        .tag(DbCatalogue.ERROR.asString(), ERRORS[slot % ERRORS.length].label())
                        .register(registry));
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
        RedisCommand known = faults.rejectsNull(DbCatalogue.REDIS_COMMANDS, command) ? RedisCommand.OTHER : command;
        counts.increment(known);
        durations.record(known, nanos); // negative dropped, above an hour clamped, each counted
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
        RedisCommand known = command == null ? RedisCommand.OTHER : command;
        Counter counter = errors.get(errorSlot(known, error), faults, DbCatalogue.REDIS_COMMAND_ERRORS);
        if (counter != null) {
            faults.increment(DbCatalogue.REDIS_COMMAND_ERRORS, counter);
        }
    }

    private static int errorSlot(RedisCommand command, RedisError error) {
        return command.ordinal() * ERRORS.length + error.ordinal();
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
            result = kit.spans()
                    .span(known == RedisCommand.OTHER ? SYSTEM : known.name())
                    .kind(SpanKind.CLIENT)
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
        faults.guard(
                DbCatalogue.REDIS_COMMAND_ERRORS,
                () -> { // never replaces the caller's exception
                    RedisError kind = RedisError.of(error);
                    if (RedisError.prefix(kind.name()) != null) {
                        kit.spans().setAttribute(DbAttributes.RESPONSE_STATUS_CODE, kind.name());
                    }
                    kit.spans().setAttribute(DbAttributes.ERROR_TYPE, kind.label());
                });
    }

    private RedisCommand resolve(@Nullable String name) {
        if (faults.rejectsNull(DbCatalogue.REDIS_COMMANDS, name)) {
            return RedisCommand.OTHER;
        }
        RedisCommand command = RedisCommand.of(name);
        if (command == RedisCommand.OTHER && !NameShape.isName(name)) {
            faults.record(DbCatalogue.REDIS_COMMANDS, FaultReason.LABEL_PII);
        }
        return command;
    }
}
