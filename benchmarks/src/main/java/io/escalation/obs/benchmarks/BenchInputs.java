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

    /** About 4 KB of English prose, nothing shaped like PII: the masker's cheapest kind of text. */
    static final String PROSE_TEXT = repeatTo(
            4_000,
            "The quick brown fox jumps over the lazy dog while the scheduler keeps running every task in the"
                    + " queue until the worker pool drains and the service reports that everything completed without"
                    + " errors. Operators read these notes after each release, so they are written in plain words and"
                    + " kept short; nobody wants to scroll through a wall of text when a page wakes them at night. ");

    /**
     * A ~1 KB JSON log line as an encoder writes it, nothing shaped like PII: timestamps, ids, hex trace
     * ids, durations, counts and a message with a few numbers.
     */
    static final String JSON_LINE = "{\"@timestamp\":\"2026-01-09T12:34:56.789Z\",\"level\":\"INFO\","
            + "\"logger\":\"io.escalation.campaigns.FollowUpScheduler\",\"thread\":\"http-nio-8080-exec-3\","
            + "\"message\":\"Scheduled follow-up for campaign campaign_42 in region us-east-1: 128 tasks queued,"
            + " 3 retries left, next attempt in 35 ms (batch 16 of 64, priority normal)\","
            + "\"service\":\"client-escalation-calls\",\"environment\":\"production\","
            + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\","
            + "\"request_id\":\"req-7f3c2a9e-41b8-4d2e-9c1a-5e6f7a8b9c0d\",\"campaignId\":\"campaign_42\","
            + "\"userId\":\"user_8f3a2c\",\"action\":\"schedule_follow_up\",\"duration_ms\":145,"
            + "\"queue_depth\":1024,\"attempt\":2,\"max_attempts\":5,\"model\":\"gpt-4o-2024-08-06\","
            + "\"prompt_tokens\":1536,\"completion_tokens\":212,\"cost_usd\":0.0042,"
            + "\"http\":{\"method\":\"POST\",\"route\":\"/api/v2/campaigns/{id}/follow-ups\",\"status\":202,"
            + "\"bytes\":2048},\"order\":\"ORD-2026-000123\",\"version\":\"1.17.2\","
            + "\"host\":\"worker-7c9d4f-xk2lp\",\"pid\":4711,\"uptime_s\":86400,\"heap_used_mb\":512.5,"
            + "\"gc_pause_ms\":3.25,\"tags\":[\"follow-up\",\"scheduler\",\"campaign\"],"
            + "\"started_at\":\"2026-01-09T12:34:56.644Z\",\"deadline\":\"2026-01-09T12:35:26.644Z\","
            + "\"etag\":\"W/\\\"5e6f7a8b\\\"\",\"cache\":\"warm\",\"shard\":3,\"partition\":17,\"offset\":48213}";

    /**
     * A ~4 KB line of numbers that are not PII: amounts, epoch milliseconds, ISO timestamps, durations,
     * counts, sizes and hyphenated order ids, as metrics dumps and batch summaries print them.
     */
    static final String NUMBERS_LINE = repeatTo(
            4_000,
            "batch=20260109 ts=1767961496789 at 2026-01-09T12:34:56.789Z amount=1234.56 total=98765.43"
                    + " fee=12.50 count=4096 bytes=1048576 p50=35 p99=412.7 ms order=ORD-2026-000123 items=17"
                    + " rate=0.9731 cpu=87.5 mem=512 ");

    /**
     * A ~4 KB line dense in PII, one value every ~40 chars: e-mail addresses, phone numbers in several
     * spellings, card numbers, SSNs, IPv4 and IPv6 addresses, an IBAN, secrets after keys, API keys,
     * a bearer credential and URL credentials.
     */
    static final String PII_DENSE_LINE = repeatTo(
            4_000,
            "mail jane.doe@example.com or call (415) 555-0142, +44 20 7946 0958; card 4111 1111 1111 1111"
                    + " ssn 078-05-1120 from 203.0.113.9 and 2001:db8::7 iban DE89 3704 0044 0532 0130 00"
                    + " password=hunter2 \"api_key\":\"k-8f3a2c9e\" key sk-proj-abcdefghijklmnopqrstuvwx"
                    + " Authorization: Bearer abc123DEF456ghi https://bob:pa55w0rd@db.example.com/x ssn=123456789 ");

    private BenchInputs() {}

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

    /** {@code unit} repeated and cut to {@code length} chars at the end of its last whole word. */
    static String repeatTo(int length, String unit) {
        String text = unit.repeat(length / unit.length() + 1).substring(0, length);
        return text.substring(0, text.lastIndexOf(' ') + 1);
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
