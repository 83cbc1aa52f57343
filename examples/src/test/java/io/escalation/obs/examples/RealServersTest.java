package io.escalation.obs.examples;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.test.PostgresServer;
import io.escalation.obs.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The example service with {@code --db} and {@code --redis} pointing at a real PostgreSQL and Redis
 * (Debian's packages, started by {@link PostgresServer} and {@link RedisServer}): the data lands in
 * those servers and the metrics describe them.
 */
class RealServersTest {

    @Test
    void theServiceStoresItsDataInPostgresAndRedis() throws Exception {
        try (PostgresServer postgres = PostgresServer.start();
                RedisServer redis = RedisServer.start()) {
            String url = postgres.jdbcUrl() + "?user=" + postgres.user();
            String metrics;
            try (ExampleService service = ExampleService.startForRequests(150, 42, url, redis.uri())) {
                assertThat(service.awaitTraffic(Duration.ofSeconds(90))).isTrue();
                metrics = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                HttpResponse<String> health = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(health.body()).contains("\"redis\"").doesNotContain("in-process map");
            }

            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT (SELECT count(*) FROM campaigns), (SELECT count(*) FROM tasks)")) {
                rs.next();
                assertThat(rs.getLong(1)).as("campaigns in PostgreSQL").isGreaterThanOrEqualTo(3);
                assertThat(rs.getLong(2)).as("tasks in PostgreSQL").isPositive();
            }
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                assertThat(connection.sync().keys("session:*"))
                        .as("sessions in Redis")
                        .isNotEmpty();
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            assertThatScrape(metrics).hasNoPiiInLabels();
            assertThat(metrics)
                    .containsPattern("redis_commands_total\\{command=\"GET\",[^}]*} [1-9]")
                    .containsPattern("db_queries_total\\{[^}]*query=\"insert_task\",[^}]*status=\"success\"} [1-9]")
                    .containsPattern("db_table_size_bytes\\{[^}]*table=\"tasks\"} [1-9]")
                    .containsPattern("db_connections_idle\\{[^}]*pool=\"main\"[^}]*} \\d");
        }
    }
}
