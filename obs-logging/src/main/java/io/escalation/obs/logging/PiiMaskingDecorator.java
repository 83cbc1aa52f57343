package io.escalation.obs.logging;

import com.fasterxml.jackson.core.JsonGenerator;
import java.util.HashSet;
import java.util.List;
import net.logstash.logback.decorate.JsonGeneratorDecorator;
import net.logstash.logback.mask.ValueMasker;

/**
 * Masks every name and value an encoder writes: a {@link PiiValueMasker} (logstash-logback-encoder's
 * {@link ValueMasker}) for every string and every number long enough to be PII, and
 * {@link FieldNames} for field names, which are masked themselves when they hold PII and whose
 * values are replaced by {@code [SECRET]} at any depth when they are secret-ish. The generator that
 * calls them is {@link MaskingGenerator}: the masking semantics of the library's
 * {@code MaskingJsonGenerator}, without its per-value allocations, and with raw JSON values, field
 * names and numbers of every type masked too.
 */
final class PiiMaskingDecorator implements JsonGeneratorDecorator {

    /** The mask written in place of a secret field's value. */
    static final String SECRET = "[SECRET]";

    private final ValueMasker valueMasker;
    private final FieldNames names;

    PiiMaskingDecorator(LoggingState state, List<String> extraSecretFields) {
        this.valueMasker = new PiiValueMasker(state);
        this.names = new FieldNames(state, new HashSet<>(extraSecretFields));
    }

    @Override
    public JsonGenerator decorate(JsonGenerator generator) {
        return new MaskingGenerator(generator, names, valueMasker);
    }
}
