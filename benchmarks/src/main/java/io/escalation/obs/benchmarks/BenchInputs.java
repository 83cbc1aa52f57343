package io.escalation.obs.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Inputs shared by the benchmarks and their baselines, so that a facade and the raw Micrometer code
 * it is compared with touch the same series with the same values.
 */
final class BenchInputs {

    /** Every rotating benchmark touches this many series; a power of two, used as a mask. */
    static final int SERIES = 8;

    /** Eight error types: the {@code type} label values of the counter benchmarks. */
    static final String[] ERROR_TYPES = {
        "TimeoutException", "SQLTransientException", "IOException", "IllegalStateException",
        "RateLimitedException", "AuthenticationException", "ValidationException", "NullPointerException",
    };

    /** Eight operation names: the guarded label of the timer benchmarks. */
    static final String[] OPERATIONS = {
        "campaign.create", "campaign.schedule", "call.dial", "call.transcribe",
        "llm.summarize", "crm.sync", "report.render", "webhook.deliver",
    };

    /** Eight durations in nanoseconds spread over the SLO buckets, so records land in different buckets. */
    static final long[] DURATIONS_NANOS = {
        TimeUnit.MICROSECONDS.toNanos(3_200), TimeUnit.MICROSECONDS.toNanos(8_700),
        TimeUnit.MILLISECONDS.toNanos(21), TimeUnit.MILLISECONDS.toNanos(64),
        TimeUnit.MILLISECONDS.toNanos(180), TimeUnit.MILLISECONDS.toNanos(610),
        TimeUnit.MILLISECONDS.toNanos(1_900), TimeUnit.MILLISECONDS.toNanos(6_300),
    };

    /** The latency buckets the obs facades give their timers. */
    static final Duration[] LATENCY_SLOS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(75), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofMillis(750), Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5),
        Duration.ofMillis(7_500), Duration.ofSeconds(10),
    };

    /** A realistic ~200-character log line with nothing shaped like PII. */
    static final String CLEAN_LINE = "Campaign 8f3a2c created by agent scheduler in 42 ms; 128 tasks queued"
            + " for region us-east-1, retry policy exponential with jitter, model gpt-4o-2024-08-06,"
            + " prompt cache warm, batch size 16, priority normal";

    /** A line of the same length as {@link #CLEAN_LINE} holding an email address and a NANP phone number. */
    static final String PII_LINE = "Callback for jane.doe@example.com requested by agent scheduler; dial"
            + " (415) 555-0142 in region us-east-1, retry policy exponential with jitter, model gpt-4o,"
            + " prompt cache warm, batch size 16, priority high";

    /** A 4 KB line holding one long base64-ish token with no PII shape. */
    static final String LONG_TOKEN_LINE = "session token " + longToken(4_000) + " refreshed";

    private BenchInputs() {
    }

    /** Letters, '+', '/' and '-' only: no digit runs a phone, card, SSN or address pattern could take. */
    static String longToken(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/-";
        StringBuilder token = new StringBuilder(length);
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            token.append(alphabet.charAt((int) Long.remainderUnsigned(x, alphabet.length())));
        }
        return token.toString();
    }

    /** {@code count} distinct label values of letters only, e.g. {@code CustomErrorAbcd}, built up front. */
    static String[] distinctValues(String prefix, int count) {
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            StringBuilder value = new StringBuilder(prefix);
            int n = i;
            for (int digit = 0; digit < 4; digit++) {
                value.append((char) ((digit == 0 ? 'A' : 'a') + n % 26));
                n /= 26;
            }
            values[i] = value.toString();
        }
        return values;
    }
}
