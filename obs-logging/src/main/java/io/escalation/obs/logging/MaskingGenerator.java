package io.escalation.obs.logging;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.escalation.obs.core.pii.PiiNumbers;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.logstash.logback.mask.ValueMasker;
import org.jspecify.annotations.Nullable;

/**
 * A generator that asks {@link FieldNames} about every field name and a {@link ValueMasker} about
 * every string value before writing it, with the masking semantics of logstash-logback-encoder's
 * {@code MaskingJsonGenerator}: a secret field's value (scalar, object or array) is replaced by
 * {@code [SECRET]}, a masked value by the masker's replacement. It differs in four ways: it
 * allocates nothing per value (the library's generator allocates a lambda and an iterator per value
 * written, about 1.4 KB per log event); it also masks what the library lets through unmasked (raw
 * JSON values, which are parsed and re-written token by token, string arrays, strings from a
 * {@link Reader}); field names holding PII are written masked, unique within the event
 * ({@code [EMAIL]}, {@code [EMAIL]#2}); and numbers of every type go to the masker, as their plain
 * digits, when they have seven integer digits or more ({@link PiiNumbers}), smaller ones never
 * being turned into text. Nothing is trusted by field name: only the encoder's own providers,
 * through {@link #trust}, write unmasked.
 *
 * <p>One instance per encoding thread, reused event after event, like any Jackson generator of
 * logstash-logback-encoder: not thread-safe.
 */
final class MaskingGenerator extends JsonGeneratorDelegate {

    private static final JsonFactory PARSERS = new JsonFactory();

    private final FieldNames names;
    private final ValueMasker valueMasker;
    /** Positive while inside a masked field's value: nothing is written. */
    private int maskDepth;
    /** Field names masked in the current event: the second and later get a suffix, keeping keys unique. */
    private int maskedNames;
    /** True while one of the encoder's own providers writes its own top-level field: no masking. */
    private boolean trusted;

    MaskingGenerator(JsonGenerator delegate, FieldNames names, ValueMasker valueMasker) {
        super(delegate, false); // writeObject, writeTree and copy* come back through this generator
        this.names = names;
        this.valueMasker = valueMasker;
    }

    /**
     * Lets the encoder's own providers write their own fields unmasked (a timestamp, a level, a
     * trace id the masker could mistake for a number), by who writes rather than by field name:
     * a user's field of the same name at any depth is masked like any other.
     */
    static void trust(JsonGenerator generator, boolean trusted) {
        if (generator instanceof MaskingGenerator masking) {
            masking.trusted = trusted;
        }
    }

    // ---- field names: masked when they hold PII; secret names mask their value

    @Override
    public void writeFieldName(String name) throws IOException {
        if (trusted) {
            delegate.writeFieldName(name);
        } else if (enterField()) {
            writeName(name);
        }
    }

    @Override
    public void writeFieldName(SerializableString name) throws IOException {
        if (trusted) {
            delegate.writeFieldName(name);
        } else if (enterField()) {
            String value = name.getValue();
            if (names.isPlain(value)) {
                delegate.writeFieldName(name);
            } else {
                writeMaskedName(value);
            }
        }
    }

    @Override
    public void writeFieldId(long id) throws IOException {
        writeFieldName(Long.toString(id));
    }

    private void writeName(String name) throws IOException {
        if (names.isPlain(name)) {
            delegate.writeFieldName(name);
        } else {
            writeMaskedName(name);
        }
    }

    private void writeMaskedName(String name) throws IOException {
        String masked = names.masked(name);
        if (masked != name) {
            masked = maskedNames++ == 0 ? masked : masked + "#" + maskedNames;
        }
        delegate.writeFieldName(masked);
        if (names.isSecret(name)) {
            writeReplacement(PiiMaskingDecorator.SECRET);
            maskDepth++;
        }
    }

    /** True when the field name is to be written: not inside a masked value. */
    private boolean enterField() {
        if (maskDepth == 0) {
            return true;
        }
        // a field after a masked scalar or array ends the masking; inside a masked object it does not
        maskDepth--;
        if (maskDepth == 0) {
            return true;
        }
        maskDepth++;
        return false;
    }

    // ---- scalar values: the value masker

    @Override
    public void writeString(String text) throws IOException {
        if (trusted) {
            delegate.writeString(text);
        } else if (maskDepth == 0 && !replaced(masked(text))) {
            delegate.writeString(text);
        }
    }

    @Override
    public void writeString(char[] text, int offset, int len) throws IOException {
        if (maskDepth == 0 && !replaced(masked(new String(text, offset, len)))) {
            delegate.writeString(text, offset, len);
        }
    }

    @Override
    public void writeString(SerializableString text) throws IOException {
        if (maskDepth == 0 && !replaced(masked(text.getValue()))) {
            delegate.writeString(text);
        }
    }

    @Override
    public void writeString(Reader reader, int len) throws IOException {
        if (maskDepth != 0) {
            return;
        }
        StringBuilder text = new StringBuilder(len >= 0 ? len : 64);
        char[] buffer = new char[512];
        int remaining = len >= 0 ? len : Integer.MAX_VALUE;
        int read;
        while (remaining > 0 && (read = reader.read(buffer, 0, Math.min(buffer.length, remaining))) != -1) {
            text.append(buffer, 0, read);
            remaining -= read;
        }
        writeString(text.toString());
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        if (maskDepth == 0 && !replaced(masked(new String(text, offset, length, StandardCharsets.UTF_8)))) {
            delegate.writeUTF8String(text, offset, length);
        }
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
        if (maskDepth == 0 && !replaced(masked(new String(text, offset, length, StandardCharsets.UTF_8)))) {
            delegate.writeRawUTF8String(text, offset, length);
        }
    }

    @Override
    public void writeNumber(int v) throws IOException {
        if (maskDepth == 0 && (trusted || !PiiNumbers.mayBePii(v) || !replaced(masked(Integer.toString(v))))) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(long v) throws IOException {
        if (maskDepth == 0 && (trusted || !PiiNumbers.mayBePii(v) || !replaced(masked(Long.toString(v))))) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(BigInteger v) throws IOException {
        if (maskDepth == 0 && (v == null || trusted || !PiiNumbers.mayBePii(v) || !replaced(masked(v.toString())))) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
        if (maskDepth == 0 && (encodedValue == null || trusted || !replaced(masked(encodedValue)))) {
            delegate.writeNumber(encodedValue);
        }
    }

    @Override
    public void writeNumber(char[] encodedValue, int offset, int len) throws IOException {
        writeNumber(new String(encodedValue, offset, len));
    }

    @Override
    public void writeNumber(short v) throws IOException {
        if (maskDepth == 0) {
            delegate.writeNumber(v); // at most five digits
        }
    }

    @Override
    public void writeNumber(double v) throws IOException {
        if (maskDepth == 0 && (trusted || !PiiNumbers.mayBePii(v) || !replaced(masked(PiiNumbers.digits(v))))) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(float v) throws IOException {
        if (maskDepth == 0 && (trusted || !PiiNumbers.mayBePii(v) || !replaced(masked(PiiNumbers.digits(v))))) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeNumber(BigDecimal v) throws IOException {
        if (maskDepth == 0
                && (v == null || trusted || !PiiNumbers.mayBePii(v) || !replaced(masked(v.toPlainString())))) {
            delegate.writeNumber(v);
        }
    }

    @Override
    public void writeBoolean(boolean state) throws IOException {
        if (maskDepth == 0) {
            delegate.writeBoolean(state);
        }
    }

    @Override
    public void writeNull() throws IOException {
        if (maskDepth == 0) {
            delegate.writeNull();
        }
    }

    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int len) throws IOException {
        if (maskDepth == 0) {
            delegate.writeBinary(variant, data, offset, len);
        }
    }

    @Override
    public int writeBinary(Base64Variant variant, InputStream data, int dataLength) throws IOException {
        if (maskDepth == 0) {
            return delegate.writeBinary(variant, data, dataLength);
        }
        int read = 0;
        while (data.read() != -1) {
            read++;
        }
        return read;
    }

    @Override
    public void writeEmbeddedObject(Object object) throws IOException {
        if (maskDepth == 0) {
            delegate.writeEmbeddedObject(object);
        }
    }

    @Override
    public void writeObjectId(Object id) throws IOException {
        if (maskDepth == 0) {
            delegate.writeObjectId(id);
        }
    }

    @Override
    public void writeObjectRef(Object id) throws IOException {
        if (maskDepth == 0) {
            delegate.writeObjectRef(id);
        }
    }

    @Override
    public void writeTypeId(Object id) throws IOException {
        if (maskDepth == 0) {
            delegate.writeTypeId(id);
        }
    }

    @Override
    public void writeOmittedField(String fieldName) throws IOException {
        if (maskDepth == 0) {
            delegate.writeOmittedField(fieldName);
        }
    }

    // ---- arrays written in one call: element by element, so that each element is masked

    @Override
    public void writeArray(String[] array, int offset, int length) throws IOException {
        _verifyOffsets(array.length, offset, length);
        writeStartArray(array, length);
        for (int i = offset, end = offset + length; i < end; i++) {
            writeString(array[i]);
        }
        writeEndArray();
    }

    @Override
    public void writeArray(int[] array, int offset, int length) throws IOException {
        _verifyOffsets(array.length, offset, length);
        writeStartArray(array, length);
        for (int i = offset, end = offset + length; i < end; i++) {
            writeNumber(array[i]);
        }
        writeEndArray();
    }

    @Override
    public void writeArray(long[] array, int offset, int length) throws IOException {
        _verifyOffsets(array.length, offset, length);
        writeStartArray(array, length);
        for (int i = offset, end = offset + length; i < end; i++) {
            writeNumber(array[i]);
        }
        writeEndArray();
    }

    @Override
    public void writeArray(double[] array, int offset, int length) throws IOException {
        _verifyOffsets(array.length, offset, length);
        writeStartArray(array, length);
        for (int i = offset, end = offset + length; i < end; i++) {
            writeNumber(array[i]);
        }
        writeEndArray();
    }

    // ---- structure: skipped inside a masked value; objects count depth, arrays need not

    @Override
    public void writeStartObject() throws IOException {
        if (getOutputContext().inRoot()) {
            maskedNames = 0;
        }
        if (maskDepth == 0) {
            delegate.writeStartObject();
        } else {
            maskDepth++;
        }
    }

    @Override
    public void writeStartObject(Object forValue) throws IOException {
        if (getOutputContext().inRoot()) {
            maskedNames = 0;
        }
        if (maskDepth == 0) {
            delegate.writeStartObject(forValue);
        } else {
            maskDepth++;
        }
    }

    @Override
    public void writeStartObject(Object forValue, int size) throws IOException {
        if (getOutputContext().inRoot()) {
            maskedNames = 0;
        }
        if (maskDepth == 0) {
            delegate.writeStartObject(forValue, size);
        } else {
            maskDepth++;
        }
    }

    @Override
    public void writeEndObject() throws IOException {
        if (maskDepth != 0) {
            maskDepth--;
        }
        if (maskDepth == 0) {
            delegate.writeEndObject();
        }
    }

    @Override
    public void writeStartArray() throws IOException {
        if (maskDepth == 0) {
            delegate.writeStartArray();
        }
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation") // still called by older serializers: it must not bypass masking
    public void writeStartArray(int size) throws IOException {
        if (maskDepth == 0) {
            delegate.writeStartArray(size);
        }
    }

    @Override
    public void writeStartArray(Object forValue) throws IOException {
        if (maskDepth == 0) {
            delegate.writeStartArray(forValue);
        }
    }

    @Override
    public void writeStartArray(Object forValue, int size) throws IOException {
        if (maskDepth == 0) {
            delegate.writeStartArray(forValue, size);
        }
    }

    @Override
    public void writeEndArray() throws IOException {
        if (maskDepth == 0) {
            delegate.writeEndArray();
        }
    }

    // ---- raw text: separators pass, raw values are parsed and masked

    @Override
    public void writeRaw(String text) throws IOException {
        if (maskDepth == 0) {
            delegate.writeRaw(text);
        }
    }

    @Override
    public void writeRaw(String text, int offset, int len) throws IOException {
        if (maskDepth == 0) {
            delegate.writeRaw(text, offset, len);
        }
    }

    @Override
    public void writeRaw(char[] text, int offset, int len) throws IOException {
        if (maskDepth == 0) {
            delegate.writeRaw(text, offset, len);
        }
    }

    @Override
    public void writeRaw(char c) throws IOException {
        if (maskDepth == 0) {
            delegate.writeRaw(c);
        }
    }

    @Override
    public void writeRaw(SerializableString raw) throws IOException {
        if (maskDepth == 0) {
            delegate.writeRaw(raw);
        }
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

    /**
     * Raw JSON re-written token by token through this generator, so that its strings, numbers and
     * secret fields are masked; text that is not exactly one JSON value becomes a masked string.
     */
    private void copyMasked(String json) throws IOException {
        if (maskDepth != 0) {
            return;
        }
        TokenBuffer parsed = parse(json);
        if (parsed == null) {
            writeString(json);
            return;
        }
        try (JsonParser replay = parsed.asParser()) {
            replay.nextToken();
            copyCurrentStructure(replay);
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

    // ----

    private @Nullable Object masked(String value) {
        return valueMasker.mask(getOutputContext(), value);
    }

    /** Writes {@code replacement} and returns true; false, writing nothing, when there is none. */
    private boolean replaced(@Nullable Object replacement) throws IOException {
        if (replacement == null) {
            return false;
        }
        writeReplacement(replacement);
        return true;
    }

    private void writeReplacement(Object replacement) throws IOException {
        if (replacement instanceof String text) {
            delegate.writeString(text);
        } else {
            delegate.writeObject(replacement);
        }
    }
}
