package io.escalation.obs.db;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.test.RedisServer;
import io.escalation.obs.test.TestObservability;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RedisMetrics around Lettuce's commands against a real Redis (Debian's redis-server, started once
 * for the class by {@link RedisServer}): replies and real error replies, classified by their prefix.
 */
class RedisServerMetricsTest {

    private static RedisServer server;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    private final TestObservability test = TestObservability.create();
    private final RedisMetrics redis = RedisMetrics.create(test.obs());
    private final RedisCommands<String, String> commands = connection.sync();

    @BeforeAll
    static void startRedis() {
        server = RedisServer.start();
        client = RedisClient.create(server.uri());
        connection = client.connect();
    }

    @AfterAll
    static void stopRedis() {
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void repliesAreCountedAndTimedWithoutErrors() {
        assertThat(redis.call(RedisCommand.SET, () -> commands.set("session:1", "a")))
                .isEqualTo("OK");
        assertThat(redis.call(RedisCommand.GET, () -> commands.get("session:1")))
                .isEqualTo("a");
        assertThat(redis.call(RedisCommand.GET, () -> commands.get("session:none")))
                .isNull();
        assertThat(redis.call(RedisCommand.INCR, () -> commands.incr("counter:1")))
                .isEqualTo(1L);

        assertThatScrape(test)
                .hasSample("redis_commands_total", 2, "command", "GET")
                .hasSample("redis_commands_total", 1, "command", "SET")
                .hasSample("redis_command_duration_seconds_count", 2, "command", "GET")
                .hasNoSample("redis_command_errors_total")
                .hasNoInstrumentationErrors();
    }

    @Test
    void realErrorRepliesAreClassifiedByTheirPrefix() {
        commands.set("greeting", "hello");

        assertThatThrownBy(() -> redis.call(RedisCommand.LPUSH, () -> commands.lpush("greeting", "x")))
                .isInstanceOf(RedisCommandExecutionException.class)
                .hasMessageStartingWith("WRONGTYPE ");
        assertThatThrownBy(() -> redis.call(RedisCommand.INCR, () -> commands.incr("greeting")))
                .isInstanceOf(RedisCommandExecutionException.class)
                .hasMessageStartingWith("ERR ");
        assertThatThrownBy(() -> redis.call(
                        RedisCommand.EVALSHA,
                        () -> commands.evalsha("ffffffffffffffffffffffffffffffffffffffff", ScriptOutputType.VALUE)))
                .isInstanceOf(RedisCommandExecutionException.class)
                .hasMessageStartingWith("NOSCRIPT ");

        assertThatScrape(test)
                .hasSample("redis_command_errors_total", 1, "command", "LPUSH", "error", "WRONGTYPE")
                .hasSample("redis_command_errors_total", 1, "command", "INCR", "error", "ERR")
                .hasSample("redis_command_errors_total", 1, "command", "EVALSHA", "error", "NOSCRIPT")
                .hasSample("redis_commands_total", 1, "command", "LPUSH")
                .hasSample("redis_command_duration_seconds_count", 1, "command", "LPUSH")
                .hasNoInstrumentationErrors();
        assertThat(test.scrape())
                .as("a WRONGTYPE is not also counted as another error")
                .doesNotContain("error=\"other\"")
                .doesNotContain("command=\"LPUSH\",environment=\"test\",error=\"ERR\"");
        SpanData lpush = test.spans().stream()
                .filter(s -> s.getName().equals("LPUSH"))
                .findFirst()
                .orElseThrow();
        assertThat(lpush.getAttributes().get(AttributeKey.stringKey("db.response.status_code")))
                .isEqualTo("WRONGTYPE");
        assertThat(lpush.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("WRONGTYPE");
        assertThat(lpush.getAttributes().get(AttributeKey.stringKey("db.system.name")))
                .isEqualTo("redis");
    }

    @Test
    void aClientTimeoutIsATimeout() {
        try (StatefulRedisConnection<String, String> slow = client.connect()) {
            slow.setTimeout(Duration.ofMillis(200));
            assertThatThrownBy(() ->
                            redis.call(RedisCommand.BLPOP, () -> slow.sync().blpop(5, "queue:empty")))
                    .isInstanceOf(RedisCommandTimeoutException.class);
        }
        assertThatScrape(test).hasSample("redis_command_errors_total", 1, "command", "BLPOP", "error", "timeout");
    }

    @Test
    void aServerThatIsNotThereIsAConnectionError() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        RedisClient nowhere = RedisClient.create("redis://127.0.0.1:" + closed);
        try {
            long start = System.nanoTime();
            RedisConnectionException error =
                    org.junit.jupiter.api.Assertions.assertThrows(RedisConnectionException.class, nowhere::connect);
            redis.recordFailure(RedisCommand.PING, System.nanoTime() - start, error);
        } finally {
            nowhere.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        assertThatScrape(test).hasSample("redis_command_errors_total", 1, "command", "PING", "error", "connection");
    }
}
