package io.escalation.obs.logging;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static net.logstash.logback.argument.StructuredArguments.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Logger;
import io.escalation.obs.test.PiiSamples;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

/**
 * Generated PII (e-mails, phones in many spellings, cards, SSNs, IPs, numbers of every Java numeric
 * type) in every position a log event has, written by real logback through ObsJsonEncoder: no raw
 * value may appear in the line. Only spellings the masker masks in plain text are generated (the
 * filter asks the masker itself), so this tests the positions, not the masker.
 */
class LogPiiPropertyTest {

    private static final int CASES = 4_000;
    private static final String[] RESERVED = {
        "trace_id",
        "span_id",
        "level",
        "@timestamp",
        "message",
        "logger",
        "thread",
        "service",
        "environment",
        "category",
        "stack_trace"
    };

    /** A POJO argument. */
    record Holder(String note, Object amount, List<Object> items) {}

    @Test
    void noGeneratedPiiIsWrittenRawInAnyPosition() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            PiiSamples samples = new PiiSamples(20_261_202L);
            Random random = samples.random();
            int checked = 0;
            int[] perPosition = new int[Position.values().length];
            String threadName = Thread.currentThread().getName();
            try (JsonLines logs = new JsonLines().start()) {
                for (int i = 0; i < CASES; i++) {
                    Position position = Position.values()[random.nextInt(Position.values().length)];
                    Case c = position.numeric ? numberCase(position, samples, logs) : textCase(position, samples, logs);
                    if (c == null) {
                        continue; // a spelling the text masker does not mask on its own
                    }
                    logs.bytes.reset();
                    try {
                        c.logIt.run();
                    } finally {
                        MDC.clear();
                        Thread.currentThread().setName(threadName);
                    }
                    String text = logs.text();
                    assertThat(logs.lines()).as("case %d (%s)", i, position).hasSize(1);
                    for (String raw : c.raw) {
                        assertThat(text)
                                .as("case %d: %s in %s", i, raw, position)
                                .doesNotContain(raw);
                    }
                    checked++;
                    perPosition[position.ordinal()]++;
                }
            }
            assertThat(checked).as("cases that passed the masker's own filter").isGreaterThan(CASES * 3 / 4);
            for (Position position : Position.values()) {
                assertThat(perPosition[position.ordinal()])
                        .as("cases in %s", position)
                        .isGreaterThan(20);
            }
        });
    }

    private enum Position {
        MESSAGE,
        ARGUMENT,
        MDC_VALUE,
        MDC_KEY,
        KV_VALUE,
        KV_KEY,
        RESERVED_NAME,
        NESTED_VALUE,
        NESTED_KEY,
        LIST,
        POJO,
        RAW_VALUE,
        RAW_KEY,
        MARKER_FIELD,
        MARKER_KEY,
        MARKER_NAME,
        EXCEPTION,
        CAUSE,
        THREAD,
        LOGGER,
        FLUENT_VALUE,
        FLUENT_KEY,
        NUMBER(true),
        NESTED_NUMBER(true),
        LIST_NUMBER(true),
        POJO_NUMBER(true),
        RAW_NUMBER(true);

        final boolean numeric;

        Position() {
            this(false);
        }

        Position(boolean numeric) {
            this.numeric = numeric;
        }
    }

    private record Case(List<String> raw, Runnable logIt) {}

    private static Case textCase(Position position, PiiSamples samples, JsonLines logs) {
        String v = samples.text();
        Random random = samples.random();
        Logger log = logs.logger("app");
        String embedding;
        Runnable logIt;
        switch (position) {
            case MESSAGE:
                embedding = "note " + v + " end";
                logIt = () -> log.info(embedding);
                break;
            case ARGUMENT:
                embedding = "note " + v + " end";
                logIt = () -> log.info("note {} end", v);
                break;
            case MDC_VALUE:
                embedding = v;
                logIt = () -> {
                    MDC.put("note", v);
                    log.info("m");
                };
                break;
            case MDC_KEY:
                embedding = v;
                logIt = () -> {
                    MDC.put(v, "x");
                    log.info("m");
                };
                break;
            case KV_VALUE:
                embedding = v;
                logIt = () -> log.info("m", kv("note", v));
                break;
            case KV_KEY:
                embedding = v;
                logIt = () -> log.info("m", kv(v, "x"));
                break;
            case RESERVED_NAME:
                embedding = v;
                String name = RESERVED[random.nextInt(RESERVED.length)];
                boolean mdc = random.nextBoolean();
                logIt = () -> {
                    if (mdc) {
                        MDC.put(name, v);
                        log.info("m");
                    } else {
                        log.info("m", kv(name, v));
                    }
                };
                break;
            case NESTED_VALUE:
                embedding = v;
                Object nested = nest(Map.of("note", v), 1 + random.nextInt(3));
                logIt = () -> log.info("m", kv("c", nested));
                break;
            case NESTED_KEY:
                embedding = v;
                Object nestedKey = nest(Map.of(v, "x"), 1 + random.nextInt(3));
                logIt = () -> log.info("m", kv("c", nestedKey));
                break;
            case LIST:
                embedding = v;
                logIt = () -> log.info("m", kv("items", List.of("ok", List.of(v))));
                break;
            case POJO:
                embedding = v;
                logIt = () -> log.info("m", kv("holder", new Holder(v, 1, List.of(v))));
                break;
            case RAW_VALUE:
                embedding = v;
                logIt = () -> log.info("m", raw("p", "{\"a\":[\"" + v + "\"]}"));
                break;
            case RAW_KEY:
                embedding = v;
                logIt = () -> log.info("m", raw("p", "{\"" + v + "\":1}"));
                break;
            case MARKER_FIELD:
                embedding = v;
                logIt = () -> log.info(Markers.append("m", v), "m");
                break;
            case MARKER_KEY:
                embedding = v;
                logIt = () -> log.info(Markers.appendEntries(Map.of(v, "x")), "m");
                break;
            case MARKER_NAME:
                embedding = v;
                logIt = () -> log.info(MarkerFactory.getDetachedMarker(v), "m");
                break;
            case EXCEPTION:
                embedding = "java.lang.IllegalStateException: failed " + v + "\n\tat io.x.Y.z(Y.java:1)";
                logIt = () -> log.error("m", new IllegalStateException("failed " + v));
                break;
            case CAUSE:
                embedding = "Caused by: java.lang.IllegalArgumentException: " + v + "\n\tat io.x.Y.z(Y.java:1)";
                logIt = () -> log.error("m", new RuntimeException("outer", new IllegalArgumentException(v)));
                break;
            case THREAD:
                embedding = "worker-" + v;
                logIt = () -> {
                    Thread.currentThread().setName("worker-" + v);
                    log.info("m");
                };
                break;
            case LOGGER:
                embedding = "app." + v;
                Logger named = logs.logger("app." + v);
                logIt = () -> named.info("m");
                break;
            case FLUENT_VALUE:
                embedding = v;
                logIt = () -> log.atInfo().addKeyValue("note", v).log("m");
                break;
            case FLUENT_KEY:
                embedding = v;
                logIt = () -> log.atInfo().addKeyValue(v, "x").log("m");
                break;
            default:
                throw new IllegalArgumentException(position.name());
        }
        return PiiSamples.maskedInText(v, embedding) ? new Case(List.of(v), logIt) : null;
    }

    private static Case numberCase(Position position, PiiSamples samples, JsonLines logs) {
        Number n = samples.number();
        List<String> raw = PiiSamples.rawForms(n);
        if (!PiiSamples.maskedInText(raw.get(0), PiiSamples.digitsOf(n))) {
            return null;
        }
        return new Case(raw, () -> {
            Logger log = logs.logger("app");
            switch (position) {
                case NUMBER:
                    log.info("m", kv("n", n));
                    break;
                case NESTED_NUMBER:
                    log.info(
                            "m",
                            kv("c", nest(Map.of("n", n), 1 + samples.random().nextInt(3))));
                    break;
                case LIST_NUMBER:
                    log.info("m", kv("items", List.of(1, n)));
                    break;
                case POJO_NUMBER:
                    log.info("m", kv("holder", new Holder("ok", n, List.of(n))));
                    break;
                default:
                    log.info("m", raw("p", "{\"n\":" + PiiSamples.digitsOf(n) + "}"));
                    break;
            }
        });
    }

    private static Object nest(Map<String, Object> inner, int depth) {
        Object value = inner;
        for (int d = 1; d < depth; d++) {
            Map<String, Object> outer = new LinkedHashMap<>();
            outer.put("level" + d, d % 2 == 0 ? value : new ArrayList<>(List.of(value)));
            value = outer;
        }
        return value;
    }
}
