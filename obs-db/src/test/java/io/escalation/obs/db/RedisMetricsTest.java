package io.escalation.obs.db;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.test.TestObservability;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisMetricsTest {

    private static final String GET = "command=\"GET\",environment=\"test\",service=\"test-service\"";
    private static final long US = TimeUnit.MICROSECONDS.toNanos(1);

    private final TestObservability test = TestObservability.create();
    private final RedisMetrics redis = RedisMetrics.create(test.obs());

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void commandsAreCountedAndTimedWithSubMillisecondBuckets() {
        redis.record(RedisCommand.GET, 80 * US);
        redis.record(RedisCommand.GET, 300 * US);
        redis.record(RedisCommand.SET, 2_000 * US);

        assertThatScrape(test)
                .hasType("redis_commands_total", "counter")
                .hasSample("redis_commands_total", 2, "command", "GET")
                .hasSample("redis_commands_total", 1, "command", "SET")
                .hasType("redis_command_duration_seconds", "histogram")
                .hasSample("redis_command_duration_seconds_bucket", 1, "command", "GET", "le", "1.0E-4")
                .hasSample("redis_command_duration_seconds_bucket", 1, "command", "GET", "le", "2.5E-4")
                .hasSample("redis_command_duration_seconds_bucket", 2, "command", "GET", "le", "5.0E-4")
                .hasSample("redis_command_duration_seconds_bucket", 2, "command", "GET", "le", "1.0")
                .hasSample("redis_command_duration_seconds_bucket", 2, "command", "GET", "le", "+Inf")
                .hasSample("redis_command_duration_seconds_count", 2, "command", "GET")
                .hasNoInstrumentationErrors();
        assertThat(test.scrape().lines().filter(l -> l.startsWith("redis_command_duration_seconds_bucket{" + GET)))
                .hasSize(13);
        assertThat(test.scrape()).as("unused commands have no series").doesNotContain("command=\"HGET\"");
    }

    @Test
    void commandNamesInAnyCaseMapToTheRealCommand() {
        redis.record("GET", US);
        redis.record("get", US);
        redis.record("Get", US);
        redis.record("bitfield_ro", US);

        assertThatScrape(test)
                .hasSample("redis_commands_total", 3, "command", "GET")
                .hasSample("redis_commands_total", 1, "command", "BITFIELD_RO")
                .hasNoInstrumentationErrors();
        assertThat(RedisCommand.of("zrangebyscore")).isEqualTo(RedisCommand.ZRANGEBYSCORE);
        assertThat(RedisCommand.of("FT.SEARCH")).isEqualTo(RedisCommand.OTHER);
    }

    @Test
    void unknownCommandsBecomeOtherAndKeysOrValuesAreCountedAsFaults() {
        redis.record("FT.SEARCH", US); // a module command: other, no fault
        redis.record("GET customer:+14155552671", US); // a command line with a key
        redis.record("SET session jane.doe@example.com", US);
        redis.record("x".repeat(10 * 1024 * 1024), US);
        redis.record((String) null, US);
        redis.record((RedisCommand) null, US);

        assertThatScrape(test)
                .hasSample("redis_commands_total", 6, "command", "other")
                .hasInstrumentationErrors("redis_commands_total", "label_pii", 3)
                .hasInstrumentationErrors("redis_commands_total", "null_value", 2)
                .hasNoPiiInLabels();
        assertThat(test.scrape()).doesNotContain("customer:").doesNotContain("session");
    }

    @Test
    void badDurationsAreDroppedOrClampedButTheCommandIsCounted() {
        redis.record(RedisCommand.INCR, -1);
        redis.record(RedisCommand.INCR, Long.MAX_VALUE);

        assertThatScrape(test)
                .hasSample("redis_commands_total", 2, "command", "INCR")
                .hasSample("redis_command_duration_seconds_count", 1, "command", "INCR")
                .hasSample("redis_command_duration_seconds_sum", 3600, "command", "INCR")
                .hasInstrumentationErrors("redis_command_duration_seconds", "negative_value", 1)
                .hasInstrumentationErrors("redis_command_duration_seconds", "value_too_large", 1);
    }

    @Test
    void callRunsInAClientSpanWithoutKeys() throws IOException {
        String value = redis.call(RedisCommand.HGET, () -> "42");

        assertThat(value).isEqualTo("42");
        SpanData span = test.spans().get(0);
        assertThat(span.getName()).isEqualTo("HGET");
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("db.system.name")))
                .isEqualTo("redis");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("db.operation.name")))
                .isEqualTo("HGET");
        assertThat(span.getAttributes().size()).isEqualTo(2);
        assertThatScrape(test).hasSample("redis_commands_total", 1, "command", "HGET");
    }

    @Test
    void callRethrowsAndStillCounts() {
        IOException refused = new IOException("connection refused");
        assertThatThrownBy(() -> redis.call(RedisCommand.PING, () -> {
                    throw refused;
                }))
                .isSameAs(refused);

        assertThatScrape(test).hasSample("redis_commands_total", 1, "command", "PING");
    }

    @Test
    void everyEnumConstantIsAnUpperCaseCommandName() {
        for (RedisCommand command : RedisCommand.values()) {
            if (command != RedisCommand.OTHER) {
                assertThat(command.label()).matches("[A-Z][A-Z_]*").isEqualTo(command.name());
                assertThat(RedisCommand.of(command.label().toLowerCase(java.util.Locale.ROOT)))
                        .isEqualTo(command);
            }
        }
        assertThat(RedisCommand.OTHER.label()).isEqualTo("other");
    }
}
