package io.escalation.obs.examples;

import io.escalation.obs.db.RedisCommand;
import io.escalation.obs.db.RedisMetrics;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.jspecify.annotations.Nullable;

/**
 * The service's Redis: short-term memory sessions. {@link #redis} talks to a real Redis through
 * Lettuce; {@link #inProcess} is a map standing in when no Redis is configured. Both record every
 * command in {@code redis_commands_total} and {@code redis_command_duration_seconds} through
 * {@link RedisMetrics#call} (failures also in {@code redis_command_errors_total}); {@link #describe()}
 * says which one runs, and the start-up log and the {@code redis} health check repeat it.
 */
abstract class Cache implements AutoCloseable {

    /** Session keys expire after this, as short-term memory does. */
    static final Duration SESSION_TTL = Duration.ofMinutes(30);

    final RedisMetrics metrics;

    private Cache(RedisMetrics metrics) {
        this.metrics = metrics;
    }

    /** A real Redis at {@code uri} ({@code redis://host:port}), reached through Lettuce. */
    static Cache redis(RedisMetrics metrics, String uri) {
        if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
            throw new IllegalArgumentException("--redis takes a Redis URI such as redis://127.0.0.1:6379, was " + uri);
        }
        RedisClient client = RedisClient.create(RedisURI.create(uri));
        try {
            StatefulRedisConnection<String, String> connection = client.connect();
            connection.setTimeout(Duration.ofSeconds(2));
            return new Lettuce(metrics, client, connection, uri);
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            throw new IllegalStateException("cannot reach Redis at " + uri + ": " + e.getMessage(), e);
        }
    }

    /** No Redis: a map in this process, timed as if it were one. */
    static Cache inProcess(RedisMetrics metrics) {
        return new InProcess(metrics);
    }

    abstract @Nullable String get(String key);

    /** SET with an expiry: SET, then EXPIRE. */
    abstract void set(String key, String value);

    /** LPUSH: the list's new length; Redis's WRONGTYPE reply when the key holds a string. */
    abstract long lpush(String key, String value);

    /** PING: true for PONG, false when the server does not answer. */
    abstract boolean ping();

    /** Whether this is a real Redis server. */
    abstract boolean isServer();

    /** One line for the log and the health check. */
    abstract String describe();

    @Override
    public void close() {}

    /** Lettuce's synchronous commands on one connection. */
    private static final class Lettuce extends Cache {
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;
        private final RedisCommands<String, String> commands;
        private final RedisURI uri;

        Lettuce(
                RedisMetrics metrics,
                RedisClient client,
                StatefulRedisConnection<String, String> connection,
                String uri) {
            super(metrics);
            this.client = client;
            this.connection = connection;
            this.commands = connection.sync();
            this.uri = RedisURI.create(uri);
        }

        @Override
        @Nullable
        String get(String key) {
            return metrics.call(RedisCommand.GET, () -> commands.get(key));
        }

        @Override
        void set(String key, String value) {
            metrics.call(RedisCommand.SET, () -> commands.set(key, value));
            metrics.call(RedisCommand.EXPIRE, () -> commands.expire(key, SESSION_TTL.toSeconds()));
        }

        @Override
        long lpush(String key, String value) {
            return metrics.call(RedisCommand.LPUSH, () -> commands.lpush(key, value));
        }

        @Override
        boolean ping() {
            try {
                return "PONG".equals(metrics.call(RedisCommand.PING, commands::ping));
            } catch (RuntimeException e) {
                return false;
            }
        }

        @Override
        boolean isServer() {
            return true;
        }

        @Override
        String describe() {
            return "Redis at " + uri.getHost() + ":" + uri.getPort() + " (Lettuce)";
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Maps of strings and lists; expiry is not simulated. */
    private static final class InProcess extends Cache {
        private final Map<String, String> data = new ConcurrentHashMap<>();
        private final Map<String, Deque<String>> lists = new ConcurrentHashMap<>();

        InProcess(RedisMetrics metrics) {
            super(metrics);
        }

        @Override
        @Nullable
        String get(String key) {
            return metrics.call(RedisCommand.GET, () -> data.get(key));
        }

        @Override
        void set(String key, String value) {
            metrics.call(RedisCommand.SET, () -> data.put(key, value));
            metrics.call(RedisCommand.EXPIRE, () -> data.containsKey(key));
        }

        @Override
        long lpush(String key, String value) {
            return metrics.call(RedisCommand.LPUSH, () -> {
                if (data.containsKey(key)) { // Redis's own reply for a list command on a string
                    throw new IllegalStateException(
                            "WRONGTYPE Operation against a key holding the wrong kind of value");
                }
                Deque<String> list = lists.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>());
                list.addFirst(value);
                return (long) list.size();
            });
        }

        @Override
        boolean ping() {
            return "PONG".equals(metrics.call(RedisCommand.PING, () -> "PONG"));
        }

        @Override
        boolean isServer() {
            return false;
        }

        @Override
        String describe() {
            return "no Redis server (--redis redis://HOST:PORT for one): an in-process map stands in, and the"
                    + " redis_* metrics time that map";
        }
    }
}
