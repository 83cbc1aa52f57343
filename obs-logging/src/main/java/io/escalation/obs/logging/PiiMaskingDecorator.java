package io.escalation.obs.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.List;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import org.jspecify.annotations.Nullable;

/**
 * logstash-logback-encoder's masking decorator, configured with {@link PiiValueMasker} and the
 * field names whose values are never written, plus one repair: raw JSON values
 * ({@code StructuredArguments.raw}, {@code RawJsonAppendingMarker}) bypass value masking in the
 * library, so they are parsed and re-written token by token through the masking generator.
 * Raw text that is not one valid JSON value is written as a (masked) JSON string instead.
 */
final class PiiMaskingDecorator extends MaskingJsonGeneratorDecorator {

    /** The mask written in place of a secret field's value. */
    static final String SECRET = "[SECRET]";

    private static final JsonFactory PARSERS = new JsonFactory();

    PiiMaskingDecorator(LoggingState state, List<String> secretFields) {
        addValueMasker(new PiiValueMasker(state));
        addPathMask(new PathMask(secretFields, SECRET));
    }

    @Override
    public JsonGenerator decorate(JsonGenerator generator) {
        return new RawValueMasking(super.decorate(generator));
    }

    /** Routes raw values through the masking generator below it. */
    private static final class RawValueMasking extends JsonGeneratorDelegate {

        RawValueMasking(JsonGenerator masking) {
            super(masking, true);
        }

        @Override
        public void writeRawValue(String text) throws IOException {
            copyMasked(text);
        }

        @Override
        public void writeRawValue(String text, int offset, int len) throws IOException {
            copyMasked(text.substring(offset, offset + len));
        }

        @Override
        public void writeRawValue(char[] text, int offset, int len) throws IOException {
            copyMasked(new String(text, offset, len));
        }

        @Override
        public void writeRawValue(SerializableString text) throws IOException {
            copyMasked(text.getValue());
        }

        private void copyMasked(String json) throws IOException {
            TokenBuffer parsed = parse(json);
            if (parsed == null) {
                delegate.writeString(json);
                return;
            }
            try (JsonParser replay = parsed.asParser()) {
                replay.nextToken();
                delegate.copyCurrentStructure(replay);
            }
        }

        /** The single JSON value in {@code json}, or null when it is not exactly one valid value. */
        private static @Nullable TokenBuffer parse(String json) {
            try (JsonParser parser = PARSERS.createParser(json)) {
                TokenBuffer buffer = new TokenBuffer(parser);
                if (parser.nextToken() == null) {
                    return null;
                }
                buffer.copyCurrentStructure(parser);
                JsonToken trailing = parser.nextToken();
                return trailing == null ? buffer : null;
            } catch (IOException e) {
                return null;
            }
        }
    }
}
