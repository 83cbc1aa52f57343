package io.escalation.obs.benchmarks;

import static net.logstash.logback.argument.StructuredArguments.kv;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.escalation.obs.core.Observability;
import io.escalation.obs.logging.LogFields;
import io.escalation.obs.logging.ObsJsonEncoder;
import io.escalation.obs.logging.ObsLogging;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.decorate.JsonGeneratorDecorator;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.event.KeyValuePair;

/**
 * JSON encoding of one log event: plain {@link LogstashEncoder}, obs's masked {@link ObsJsonEncoder},
 * and a {@code LogstashEncoder} masked by logstash-logback-encoder's own {@code RegexValueMasker}s
 * with {@link NaiveMasker}'s five patterns; each on a clean event and on one with PII. The
 * {@code *Masking*} benchmarks isolate the masking step: the event's fields, as the plain encoder
 * writes them, written through each masking decorator into a plain generator.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LoggingBench {

    static final String LOGGER = "io.escalation.campaigns.FollowUpScheduler";
    static final String THREAD = "http-nio-8080-exec-7";
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN_ID = "00f067aa0ba902b7";

    /** A realistic INFO message, 174 characters once its two arguments are filled in. */
    static final String CLEAN_MESSAGE = "Follow-up scheduled by agent voice-outreach for account acct_5f2c91"
            + " in region us-east-1: next attempt in 45 minutes, channel voice, {}, {}";
    /** The same message with an email address and a NANP phone number, 174 characters filled in. */
    static final String PII_MESSAGE = "Follow-up for jane.doe@example.com set by agent voice-outreach:"
            + " dial (415) 555-0142 in 45 minutes, channel voice, region us-east-1, {}, {}";

    /** The MDC of both events; the PII event's {@code userId} is an email address. */
    static final Map<String, String> CLEAN_MDC = mdc("operator_1187");

    static final Map<String, String> PII_MDC = mdc("m.alvarez@collections-partner.com");

    /** The regexes of the RegexValueMaskers, in {@link NaiveMasker}'s order, and their masks. */
    static final Map<String, String> REGEX_MASKS = regexMasks();

    private final LoggerContext context = new LoggerContext();
    private final JsonFactory jsonFactory = new JsonFactory();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    private Observability obs;
    private LogstashEncoder plain;
    private ObsJsonEncoder masked;
    private LogstashEncoder regexMasked;
    private LogstashEncoder noopMasked;
    private JsonGeneratorDecorator obsMasking;
    private JsonGeneratorDecorator regexMasking;
    private LoggingEvent cleanEvent;
    private LoggingEvent piiEvent;
    private Object[] cleanFields;
    private Object[] piiFields;

    @Setup(Level.Trial)
    public void setUp() {
        context.setName("bench");
        context.start();
        obs = Observability.builder()
                .serviceName("client-escalation-calls")
                .environment("production")
                .jvmMetrics(false)
                .build();

        plain = new LogstashEncoder();
        plain.setContext(context);
        plain.start();

        // as users configure it: <encoder class="io.escalation.obs.logging.ObsJsonEncoder"/>, then install(obs)
        masked = new ObsJsonEncoder();
        masked.setContext(context);
        masked.start();
        ObsLogging.install(obs, context);
        obsMasking = masked.getJsonGeneratorDecorator();

        // <jsonGeneratorDecorator class="net.logstash.logback.mask.MaskingJsonGeneratorDecorator">
        //   <valueMask><value>EMAIL regex</value><mask>[EMAIL]</mask></valueMask> ... one per pattern
        MaskingJsonGeneratorDecorator regexDecorator = regexDecorator();
        regexMasking = regexDecorator;
        regexMasked = new LogstashEncoder();
        regexMasked.setContext(context);
        regexMasked.setJsonGeneratorDecorator(regexDecorator);
        regexMasked.start();

        // the library's masking generator with a ValueMasker that never masks: what the extension point costs
        MaskingJsonGeneratorDecorator noopDecorator = new MaskingJsonGeneratorDecorator();
        noopDecorator.addValueMasker((jsonContext, value) -> null);
        noopDecorator.start();
        noopMasked = new LogstashEncoder();
        noopMasked.setContext(context);
        noopMasked.setJsonGeneratorDecorator(noopDecorator);
        noopMasked.start();

        Logger logger = context.getLogger(LOGGER);
        cleanEvent = event(logger, CLEAN_MESSAGE, CLEAN_MDC);
        piiEvent = event(logger, PII_MESSAGE, PII_MDC);
        cleanFields = fields(plain.encode(cleanEvent));
        piiFields = fields(plain.encode(piiEvent));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        plain.stop();
        masked.stop();
        regexMasked.stop();
        noopMasked.stop();
        context.stop();
        obs.close();
    }

    /** Baseline: plain {@code LogstashEncoder.encode} of the clean event. */
    @Benchmark
    public byte[] plainClean() {
        return plain.encode(cleanEvent);
    }

    /** Baseline: plain {@code LogstashEncoder.encode} of the event with PII (written unmasked). */
    @Benchmark
    public byte[] plainPii() {
        return plain.encode(piiEvent);
    }

    /** {@code ObsJsonEncoder.encode} of the clean event: every value checked, nothing replaced. */
    @Benchmark
    public byte[] obsClean() {
        return masked.encode(cleanEvent);
    }

    /** {@code ObsJsonEncoder.encode} of the event with PII: message and {@code userId} masked. */
    @Benchmark
    public byte[] obsPii() {
        return masked.encode(piiEvent);
    }

    /** Contrast: {@code LogstashEncoder} with five {@code RegexValueMasker}s, clean event. */
    @Benchmark
    public byte[] regexClean() {
        return regexMasked.encode(cleanEvent);
    }

    /** Contrast: {@code LogstashEncoder} with five {@code RegexValueMasker}s, event with PII. */
    @Benchmark
    public byte[] regexPii() {
        return regexMasked.encode(piiEvent);
    }

    /**
     * Reference: {@code LogstashEncoder} with the library's {@code MaskingJsonGeneratorDecorator} and one
     * {@code ValueMasker} that masks nothing, clean event: the floor of any masking through that decorator.
     */
    @Benchmark
    public byte[] noopMaskerClean() {
        return noopMasked.encode(cleanEvent);
    }

    /** Reference for the masking step: the clean event's fields through a generator without masking. */
    @Benchmark
    public int unmaskedFieldsClean() {
        return write(null, cleanFields);
    }

    /** The masking step alone: the clean event's fields through obs's masking decorator. */
    @Benchmark
    public int obsMaskingClean() {
        return write(obsMasking, cleanFields);
    }

    /** The masking step alone: the PII event's fields through obs's masking decorator. */
    @Benchmark
    public int obsMaskingPii() {
        return write(obsMasking, piiFields);
    }

    /** The masking step alone: the clean event's fields through the RegexValueMasker decorator. */
    @Benchmark
    public int regexMaskingClean() {
        return write(regexMasking, cleanFields);
    }

    /** The masking step alone: the PII event's fields through the RegexValueMasker decorator. */
    @Benchmark
    public int regexMaskingPii() {
        return write(regexMasking, piiFields);
    }

    /** Writes {@code fields} (name, value pairs) as one object through {@code decorator}; returns the size. */
    private int write(@Nullable JsonGeneratorDecorator decorator, Object[] fields) {
        out.reset();
        try (JsonGenerator generator = decorate(decorator, jsonFactory.createGenerator(out))) {
            generator.writeStartObject();
            for (int i = 0; i < fields.length; i += 2) {
                String name = (String) fields[i];
                Object value = fields[i + 1];
                if (value instanceof String text) {
                    generator.writeStringField(name, text);
                } else {
                    generator.writeNumberField(name, (Long) value);
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }

    private static JsonGenerator decorate(@Nullable JsonGeneratorDecorator decorator, JsonGenerator generator) {
        return decorator == null ? generator : decorator.decorate(generator);
    }

    /** The decorator the {@code regex*} benchmarks use: one {@code ValueMask} per pattern. */
    static MaskingJsonGeneratorDecorator regexDecorator() {
        MaskingJsonGeneratorDecorator decorator = new MaskingJsonGeneratorDecorator();
        REGEX_MASKS.forEach(
                (regex, mask) -> decorator.addValueMask(new MaskingJsonGeneratorDecorator.ValueMask(regex, mask)));
        decorator.start();
        return decorator;
    }

    /**
     * An INFO event as logback builds it for {@code log.info(message, kv("action", ...), kv("duration_ms", ...))}
     * with three MDC entries, carrying the trace ids {@code ObsAsyncAppender} captures on the logging thread.
     */
    static LoggingEvent event(Logger logger, String message, Map<String, String> mdc) {
        LoggingEvent event = new LoggingEvent(
                Logger.class.getName(), logger, ch.qos.logback.classic.Level.INFO, message, null, new Object[] {
                    kv(LogFields.ACTION, "schedule_follow_up"), kv(LogFields.DURATION_MS, 145)
                });
        event.setThreadName(THREAD);
        event.setMDCPropertyMap(mdc);
        event.addKeyValuePair(capturedId(LogFields.TRACE_ID, TRACE_ID));
        event.addKeyValuePair(capturedId(LogFields.SPAN_ID, SPAN_ID));
        event.getFormattedMessage(); // formatted once, as an appender does before encoding
        return event;
    }

    /**
     * A trace or span id as {@code ObsAsyncAppender} attaches it after reading the current span: the
     * encoder writes only such ids as they are (a caller's {@code kv("trace_id", ...)} goes through the
     * masker). The type is obs-logging's own, so it is made by reflection, once, at set-up.
     */
    static KeyValuePair capturedId(String key, String id) {
        try {
            Constructor<?> constructor = Class.forName("io.escalation.obs.logging.ObsFieldsJsonProvider$CapturedId")
                    .getDeclaredConstructor(String.class, String.class);
            constructor.setAccessible(true);
            return (KeyValuePair) constructor.newInstance(key, id);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("obs-logging's captured trace id type moved: update LoggingBench", e);
        }
    }

    /** The top-level fields of one JSON object as name, value pairs: strings and longs. */
    static Object[] fields(byte[] json) {
        List<Object> fields = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                fields.add(parser.currentName());
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    fields.add(parser.getText());
                } else if (value == JsonToken.VALUE_NUMBER_INT) {
                    fields.add(parser.getLongValue());
                } else {
                    throw new IllegalStateException("unexpected " + value + " in " + fields.get(fields.size() - 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fields.toArray();
    }

    private static Map<String, String> mdc(String userId) {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put(LogFields.REQUEST_ID, "req_01HZX3K9QW");
        mdc.put(LogFields.CAMPAIGN_ID, "campaign_456");
        mdc.put(LogFields.USER_ID, userId);
        return Collections.unmodifiableMap(mdc);
    }

    private static Map<String, String> regexMasks() {
        Map<String, String> masks = new LinkedHashMap<>();
        masks.put(NaiveMasker.EMAIL, "[EMAIL]");
        masks.put(NaiveMasker.PHONE, "[PHONE]");
        masks.put(NaiveMasker.SSN, "[SSN]");
        masks.put(NaiveMasker.CARD, "[CARD]");
        masks.put(NaiveMasker.IPV4, "[IP]");
        return masks;
    }
}
