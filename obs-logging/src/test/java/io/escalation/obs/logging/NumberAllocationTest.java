package io.escalation.obs.logging;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Numbers are masked only from seven integer digits up: an event whose arguments are ordinary small
 * numbers (counts, durations, amounts) costs no more to encode than the same event with short
 * constant strings instead, so no small number is turned into text on the hot path.
 */
class NumberAllocationTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void smallNumbersAreWrittenWithoutBeingTurnedIntoText() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
        context.start();
        ObsJsonEncoder encoder = new ObsJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        try {
            LoggingEvent numbers = event(context, new Object[] {
                kv("a", 1),
                kv("b", 145L),
                kv("c", 999_999),
                kv("d", (short) 7),
                kv("e", -12),
                kv("f", -42L),
                kv("g", 123_456),
                kv("h", -999_999L)
            });
            LoggingEvent strings = event(context, new Object[] {
                kv("a", "1"),
                kv("b", "145"),
                kv("c", "99"),
                kv("d", ".25"),
                kv("e", "12"),
                kv("f", "-42"),
                kv("g", "12"),
                kv("h", "-9")
            });
            long perNumbers = bytesPerEncode(encoder, numbers);
            long perStrings = bytesPerEncode(encoder, strings);
            // Long.toString per number would cost at least 24 bytes each, about 200 for eight (doubles and
            // floats are left out: Jackson itself writes them through a String, masked or not)
            assertThat(perNumbers)
                    .as("bytes per encode: 8 small numbers against 8 short strings (%d)", perStrings)
                    .isLessThan(perStrings + 64);
        } finally {
            encoder.stop();
            context.stop();
        }
    }

    private static LoggingEvent event(LoggerContext context, Object[] arguments) {
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("app"), Level.INFO, "numbers", null, arguments);
        event.setThreadName("main");
        event.prepareForDeferredProcessing();
        return event;
    }

    private static long bytesPerEncode(ObsJsonEncoder encoder, LoggingEvent event) {
        for (int i = 0; i < 20_000; i++) {
            encoder.encode(event);
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 1_000; i++) {
                encoder.encode(event);
            }
            best = Math.min(
                    best,
                    (THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before) / 1_000);
        }
        return best;
    }
}
