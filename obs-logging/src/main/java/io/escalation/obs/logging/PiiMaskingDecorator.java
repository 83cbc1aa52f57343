package io.escalation.obs.logging;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.HashSet;
import java.util.List;
import net.logstash.logback.decorate.JsonGeneratorDecorator;
import net.logstash.logback.mask.FieldMasker;
import net.logstash.logback.mask.FieldNameBasedFieldMasker;
import net.logstash.logback.mask.ValueMasker;

/**
 * Masks every value an encoder writes with logstash-logback-encoder's masking extension points: a
 * {@link PiiValueMasker} ({@link ValueMasker}) for every string and long integer, and a
 * {@link FieldNameBasedFieldMasker} ({@link FieldMasker}) replacing the values of secret fields by
 * {@code [SECRET]} at any depth. The generator that calls them is {@link MaskingGenerator}: the
 * same masking semantics as the library's {@code MaskingJsonGenerator}, without its per-value
 * allocations, and with raw JSON values masked too.
 */
final class PiiMaskingDecorator implements JsonGeneratorDecorator {

    /** The mask written in place of a secret field's value. */
    static final String SECRET = "[SECRET]";

    private final ValueMasker valueMasker;
    private final FieldMasker fieldMasker;

    PiiMaskingDecorator(LoggingState state, List<String> secretFields) {
        this.valueMasker = new PiiValueMasker(state);
        this.fieldMasker = new FieldNameBasedFieldMasker(new HashSet<>(secretFields), SECRET);
    }

    @Override
    public JsonGenerator decorate(JsonGenerator generator) {
        return new MaskingGenerator(generator, fieldMasker, valueMasker);
    }
}
