package io.escalation.obs.db;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.test.TestObservability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class RedisErrorTest {

    @Test
    void serverRepliesAreTheirPrefix() {
        assertThat(RedisError.of(new IllegalStateException(
                        "WRONGTYPE Operation against a key holding the wrong kind" + " of value")))
                .isEqualTo(RedisError.WRONGTYPE);
        assertThat(RedisError.of(new RuntimeException("ERR unknown command 'FOO'")))
                .isEqualTo(RedisError.ERR);
        assertThat(RedisError.of(new RuntimeException("MOVED 3999 127.0.0.1:6381")))
                .isEqualTo(RedisError.MOVED);
        assertThat(RedisError.of(new RuntimeException("BUSYGROUP Consumer Group name already exists")))
                .as("not BUSY")
                .isEqualTo(RedisError.BUSYGROUP);
        assertThat(RedisError.of(new RuntimeException("wrapped", new RuntimeException("OOM command not allowed"))))
                .as("found in the cause chain")
                .isEqualTo(RedisError.OOM);
        assertThat(RedisError.WRONGTYPE.label()).isEqualTo("WRONGTYPE");
    }

    @Test
    void clientFailuresAreTimeoutConnectionOrOther() {
        assertThat(RedisError.of(new TimeoutException("no reply"))).isEqualTo(RedisError.TIMEOUT);
        assertThat(RedisError.of(new UncheckedIOException(new ConnectException("Connection refused"))))
                .isEqualTo(RedisError.CONNECTION);
        assertThat(RedisError.of(new IOException("ERRATIC state")))
                .as("a prefix is a whole word")
                .isEqualTo(RedisError.OTHER);
        assertThat(RedisError.of(null)).isEqualTo(RedisError.OTHER);
        assertThat(RedisError.TIMEOUT.label()).isEqualTo("timeout");
        assertThat(RedisError.OTHER.label()).isEqualTo("other");
    }

    @Test
    void aThrowingExceptionIsOther() {
        RuntimeException hostile = new RuntimeException() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getMessage() {
                throw new IllegalStateException("boom");
            }
        };
        assertThat(RedisError.of(hostile)).isEqualTo(RedisError.OTHER);
        RuntimeException worse = new RuntimeException() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getMessage() {
                throw new AssertionError("an Error from an accessor");
            }
        };
        assertThat(RedisError.of(worse)).isEqualTo(RedisError.OTHER);
    }

    @Test
    void recordFailureNeverThrowsAndCountsNullsAsOther() {
        try (TestObservability test = TestObservability.create()) {
            RedisMetrics redis = RedisMetrics.create(test.obs());
            redis.recordFailure((RedisCommand) null, 1_000, null);
            redis.recordFailure("hget", 1_000, new RuntimeException("WRONGTYPE x"));
            redis.recordFailure("customer:42 GET", -5, new RuntimeException("ERR x"));

            assertThatScrape(test)
                    .hasSample("redis_command_errors_total", 1, "command", "other", "error", "other")
                    .hasSample("redis_command_errors_total", 1, "command", "HGET", "error", "WRONGTYPE")
                    .hasSample("redis_command_errors_total", 1, "command", "other", "error", "ERR")
                    .hasSample("redis_commands_total", 2, "command", "other");
        }
    }
}
