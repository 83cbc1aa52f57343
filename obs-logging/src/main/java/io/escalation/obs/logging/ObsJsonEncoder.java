package io.escalation.obs.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.spi.ContextAwareBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.logstash.logback.composite.JsonProvider;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.decorate.CharacterEscapesJsonFactoryDecorator;
import net.logstash.logback.decorate.JsonFactoryDecorator;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashCommonFieldNames;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import net.logstash.logback.util.ReusableByteBuffer;
import net.logstash.logback.util.ThreadLocalReusableByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LogstashEncoder} writing one masked JSON object per line: {@code @timestamp},
 * {@code level}, {@code message}, {@code logger}, {@code thread}, {@code service},
 * {@code environment}, {@code trace_id}, {@code span_id}, {@code category}, the MDC entries
 * ({@code request_id}, {@code userId}, {@code campaignId}, ...), structured arguments and
 * {@code stack_trace}.
 *
 * <pre>{@code
 * <appender name="JSON" class="ch.qos.logback.core.ConsoleAppender">
 *   <encoder class="io.escalation.obs.logging.ObsJsonEncoder">
 *     <service>client-escalation-calls</service>      <!-- until ObsLogging.install(obs) -->
 *     <environment>production</environment>
 *     <secretField>ssn</secretField>                   <!-- more field names never written -->
 *   </encoder>
 * </appender>
 * }</pre>
 *
 * <p>Masking (see docs/logging.md for the whole rule): every string value and every field name,
 * at any depth and whatever the field's name, goes through the {@code PiiMasker} set by
 * {@link ObsLogging#install} (the default masker until then), and so do numbers of every type with
 * seven integer digits or more; a field name holding PII is written masked; the values of secret
 * field names ({@link io.escalation.obs.core.pii.SecretNames}, plus {@code <secretField>} names)
 * are replaced by {@code [SECRET]}; raw JSON arguments are re-parsed so that they are masked too.
 * Only the encoder's own providers of {@code @timestamp}, {@code level}, {@code trace_id} and
 * {@code span_id} write unmasked, and only their own values. {@code java.time} values are written
 * as ISO-8601 strings. An event that still cannot be serialised is written in a degraded, masked
 * form with a {@code serialization_error} field, never dropped silently nor reported raw.
 * Every line break a value can hold is escaped: CR and LF as JSON requires, and U+0085, U+2028 and
 * U+2029 as {@code \u0085}, {@code \u2028}, {@code \u2029}, so that no value can end a line and
 * forge a second record for a line-oriented reader; DEL and the C1 controls (U+0080 to U+009F, with
 * the 8-bit CSI U+009B) are escaped as {@code \u007f}, {@code \u009b}, ... so that no value can
 * drive a terminal.
 */
public class ObsJsonEncoder extends LogstashEncoder {

    /** The field a degraded event carries: the class of the failure that stopped its serialisation. */
    static final String SERIALIZATION_ERROR = "serialization_error";

    private final ObsFieldsJsonProvider obsFields = new ObsFieldsJsonProvider();
    private final List<String> secretFields = new ArrayList<>();
    private final AtomicBoolean degradedReported = new AtomicBoolean();
    private @Nullable ThreadLocalReusableByteBuffer buffers;
    private @Nullable PiiMaskingDecorator masking;
    private LoggingState state = new LoggingState();
    private @Nullable String service;
    private @Nullable String environment;

    /** The configuration described above; XML may add to it. */
    public ObsJsonEncoder() {
        LogstashFieldNames names = new LogstashFieldNames();
        names.setLogger(LogFields.LOGGER);
        names.setThread(LogFields.THREAD);
        names.setLevelValue(LogstashCommonFieldNames.IGNORE_FIELD_INDICATOR);
        names.setVersion(LogstashCommonFieldNames.IGNORE_FIELD_INDICATOR);
        setFieldNames(names);
        // captured by ObsAsyncAppender as key-value pairs; ObsFieldsJsonProvider writes them
        addExcludeKeyValueKeyName(LogFields.TRACE_ID);
        addExcludeKeyValueKeyName(LogFields.SPAN_ID);
        addProvider(obsFields);
        trustOwnProviders();
        setJsonFactoryDecorator(new FactoryDecorator());
    }

    /** The library's timestamp and level providers, wrapped so that their own values are not masked. */
    private void trustOwnProviders() {
        List<JsonProvider<ILoggingEvent>> providers =
                new ArrayList<>(getProviders().getProviders());
        for (JsonProvider<ILoggingEvent> provider : providers) {
            getProviders().removeProvider(provider);
        }
        for (JsonProvider<ILoggingEvent> provider : providers) {
            boolean own = provider instanceof LoggingEventFormattedTimestampJsonProvider
                    || provider instanceof LogLevelJsonProvider;
            getProviders().addProvider(own ? new Trusted(provider) : provider);
        }
    }

    /**
     * The {@code service} field until {@link ObsLogging#install} sets the Observability's.
     *
     * @param service the service name written in every event
     */
    public void setService(@Nullable String service) {
        this.service = service;
    }

    /**
     * The {@code environment} field until {@link ObsLogging#install} sets the Observability's.
     *
     * @param environment the environment name written in every event
     */
    public void setEnvironment(@Nullable String environment) {
        this.environment = environment;
    }

    /**
     * One more field name whose value is never written ({@code [SECRET]} instead), matched exactly,
     * e.g. {@code employeeBadge}; the names of {@link io.escalation.obs.core.pii.SecretNames} need
     * not be added.
     *
     * @param fieldName the exact field name (case-sensitive)
     */
    public void addSecretField(String fieldName) {
        if (fieldName == null || fieldName.isBlank()) {
            addError("ObsJsonEncoder: <secretField> needs a field name, such as <secretField>ssn</secretField>");
            return;
        }
        secretFields.add(fieldName.trim());
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        state = LoggingState.of(getContext());
        obsFields.configure(state, blankToNull(service), blankToNull(environment));
        PiiMaskingDecorator decorator = new PiiMaskingDecorator(state, secretFields);
        masking = decorator;
        setJsonGeneratorDecorator(decorator);
        buffers = new ThreadLocalReusableByteBuffer(getMinBufferSize());
        super.start();
    }

    /**
     * The event as one JSON line; when serialisation fails (a value Jackson cannot write, a
     * {@code toString} that throws), the degraded line of {@link #degraded}. Never the library's
     * behaviour of an empty result and a status warning quoting the unmasked event.
     */
    @Override
    public byte[] encode(ILoggingEvent event) {
        ThreadLocalReusableByteBuffer pool = buffers;
        if (pool == null || !isStarted()) {
            throw new IllegalStateException("Encoder is not started");
        }
        ReusableByteBuffer buffer = pool.acquire();
        try {
            encode(event, buffer);
            return buffer.toByteArray();
        } catch (IOException | RuntimeException e) {
            return degraded(event, e);
        } finally {
            pool.release();
        }
    }

    /**
     * {@code @timestamp}, {@code level}, {@code logger}, {@code thread}, the formatted message and
     * {@code serialization_error} (the failure's class), all masked: what can be said of an event
     * whose arguments, MDC or markers could not be serialised.
     */
    private byte[] degraded(ILoggingEvent event, Exception failure) {
        state.degraded();
        if (degradedReported.compareAndSet(false, true)) {
            addWarn("ObsJsonEncoder: an event could not be serialised ("
                    + failure.getClass().getName() + "); it was"
                    + " written without its MDC, arguments and markers, with a " + SERIALIZATION_ERROR + " field."
                    + " Further ones are written the same way without this warning.");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            JsonFactory factory = getFormatter().getJsonFactory();
            PiiMaskingDecorator decorator = masking;
            JsonGenerator plain = factory.createGenerator(out);
            try (JsonGenerator g = decorator == null ? plain : decorator.decorate(plain)) {
                g.writeStartObject();
                MaskingGenerator.trust(g, true);
                g.writeStringField(
                        "@timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
                g.writeStringField(LogFields.LEVEL, String.valueOf(event.getLevel()));
                MaskingGenerator.trust(g, false);
                g.writeStringField(LogFields.LOGGER, String.valueOf(event.getLoggerName()));
                g.writeStringField(LogFields.THREAD, String.valueOf(event.getThreadName()));
                g.writeStringField("message", String.valueOf(event.getFormattedMessage()));
                g.writeStringField(SERIALIZATION_ERROR, failure.getClass().getName());
                if (event.getThrowableProxy() != null) {
                    g.writeStringField("exception", event.getThrowableProxy().getClassName());
                }
                g.writeEndObject();
            }
            out.write(lineEnd().getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        } catch (IOException | RuntimeException again) {
            return ("{\"level\":\"" + event.getLevel() + "\",\"" + SERIALIZATION_ERROR + "\":\""
                            + failure.getClass().getName() + "\"}" + lineEnd())
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private String lineEnd() {
        String separator = getLineSeparator();
        return separator == null ? System.lineSeparator() : separator;
    }

    /** Every character that could end a line or drive a terminal, escaped as {@code \\uXXXX}. */
    private static CharacterEscapesJsonFactoryDecorator controlCharacterEscapes() {
        CharacterEscapesJsonFactoryDecorator escapes = new CharacterEscapesJsonFactoryDecorator();
        escapes.addEscape(new CharacterEscapesJsonFactoryDecorator.Escape(0x7f, "\\u007f"));
        for (int c = 0x80; c <= 0x9f; c++) {
            escapes.addEscape(new CharacterEscapesJsonFactoryDecorator.Escape(c, String.format("\\u%04x", c)));
        }
        escapes.addEscape(new CharacterEscapesJsonFactoryDecorator.Escape(0x2028, "\\u2028"));
        escapes.addEscape(new CharacterEscapesJsonFactoryDecorator.Escape(0x2029, "\\u2029"));
        return escapes;
    }

    /** java.time values as ISO-8601 strings ({@code "2026-01-09T12:34:56.789Z"}), not epoch numbers. */
    private static JsonFactory javaTime(JsonFactory factory) {
        if (factory.getCodec() instanceof ObjectMapper mapper) {
            mapper.registerModule(new JavaTimeModule());
            mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
        }
        return factory;
    }

    /** Control-character escapes and java.time support on the encoder's factory. */
    private static final class FactoryDecorator implements JsonFactoryDecorator {
        private final CharacterEscapesJsonFactoryDecorator escapes = controlCharacterEscapes();

        @Override
        public JsonFactory decorate(JsonFactory factory) {
            return javaTime(escapes.decorate(factory));
        }
    }

    /** A provider of the encoder's own that writes its own field unmasked. */
    private static final class Trusted extends ContextAwareBase implements JsonProvider<ILoggingEvent> {
        private final JsonProvider<ILoggingEvent> provider;

        Trusted(JsonProvider<ILoggingEvent> provider) {
            this.provider = provider;
        }

        @Override
        public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
            MaskingGenerator.trust(generator, true);
            try {
                provider.writeTo(generator, event);
            } finally {
                MaskingGenerator.trust(generator, false);
            }
        }

        @Override
        public void prepareForDeferredProcessing(ILoggingEvent event) {
            provider.prepareForDeferredProcessing(event);
        }

        @Override
        public void setContext(ch.qos.logback.core.Context context) {
            super.setContext(context);
            provider.setContext(context);
        }

        @Override
        public void start() {
            provider.start();
        }

        @Override
        public void stop() {
            provider.stop();
        }

        @Override
        public boolean isStarted() {
            return provider.isStarted();
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() || value.endsWith("_IS_UNDEFINED") ? null : value.trim();
    }
}
