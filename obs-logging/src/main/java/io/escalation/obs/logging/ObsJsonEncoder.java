package io.escalation.obs.logging;

import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.decorate.CharacterEscapesJsonFactoryDecorator;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashCommonFieldNames;
import net.logstash.logback.fieldnames.LogstashFieldNames;
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
 * <p>Masking uses logstash-logback-encoder's own extension points: every string value (message,
 * MDC values, arguments, stack trace) and every integer of ten digits or more goes through the
 * {@code PiiMasker} set by {@link ObsLogging#install} (the default masker until then); the values
 * of secret fields ({@code password}, {@code token}, {@code cardNumber}, ... at any depth) are
 * replaced by {@code [SECRET]}; raw JSON arguments are re-parsed so that they are masked too.
 * Every line break a value can hold is escaped: CR and LF as JSON requires, and U+0085, U+2028 and
 * U+2029 as {@code \u0085}, {@code \u2028}, {@code \u2029}, so that no value can end a line and
 * forge a second record for a line-oriented reader.
 */
public class ObsJsonEncoder extends LogstashEncoder {

    /** Field names whose values are never written, at any depth. */
    static final List<String> SECRET_FIELDS = List.of(
            "password", "passwd", "pwd", "passphrase", "secret", "clientSecret", "client_secret",
            "token", "accessToken", "access_token", "refreshToken", "refresh_token", "idToken", "id_token",
            "apiKey", "api_key", "authorization", "Authorization", "cookie", "Cookie",
            "cardNumber", "card_number", "creditCard", "credit_card", "pan", "cvv", "cvc", "ssn");

    private final ObsFieldsJsonProvider obsFields = new ObsFieldsJsonProvider();
    private final List<String> secretFields = new ArrayList<>(SECRET_FIELDS);
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
        setJsonFactoryDecorator(lineSeparatorEscapes());
    }

    /** The {@code service} field until {@link ObsLogging#install} sets the Observability's. */
    public void setService(@Nullable String service) {
        this.service = service;
    }

    /** The {@code environment} field until {@link ObsLogging#install} sets the Observability's. */
    public void setEnvironment(@Nullable String environment) {
        this.environment = environment;
    }

    /** One more field name whose value is never written ({@code [SECRET]} instead), e.g. {@code ssn}. */
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
        LoggingState state = LoggingState.of(getContext());
        obsFields.configure(state, blankToNull(service), blankToNull(environment));
        PiiMaskingDecorator masking = new PiiMaskingDecorator(state, secretFields);
        setJsonGeneratorDecorator(masking);
        super.start();
    }

    private static CharacterEscapesJsonFactoryDecorator lineSeparatorEscapes() {
        CharacterEscapesJsonFactoryDecorator escapes = new CharacterEscapesJsonFactoryDecorator();
        escapes.addEscape(new CharacterEscapesJsonFactoryDecorator.Escape(0x85, "\\u0085"));
        escapes.addEscape(new CharacterEscapesJsonFactoryDecorator.Escape(0x2028, "\\u2028"));
        escapes.addEscape(new CharacterEscapesJsonFactoryDecorator.Escape(0x2029, "\\u2029"));
        return escapes;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() || value.endsWith("_IS_UNDEFINED") ? null : value.trim();
    }
}
