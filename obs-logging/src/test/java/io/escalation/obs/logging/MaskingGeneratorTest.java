package io.escalation.obs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.escalation.obs.core.pii.PiiNumbers;
import io.escalation.obs.core.pii.SecretNames;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import net.logstash.logback.mask.FieldMasker;
import net.logstash.logback.mask.MaskingJsonGenerator;
import net.logstash.logback.mask.ValueMasker;
import org.junit.jupiter.api.Test;

/**
 * {@link MaskingGenerator} against hand-written JSON, and against the library's own
 * {@link MaskingJsonGenerator} with the same maskers on random documents: the same output.
 */
class MaskingGeneratorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** For the library's generator: the same secret names and the same numbers as ours. */
    private final FieldMasker secrets =
            context -> SecretNames.isSecret(context.getCurrentName()) ? PiiMaskingDecorator.SECRET : null;

    private final ValueMasker pii = new PiiValueMasker(new LoggingState());
    private final ValueMasker piiAndNumbers =
            (context, value) -> value instanceof Long && PiiNumbers.mayBePii((Long) value)
                    ? pii.mask(context, value.toString())
                    : pii.mask(context, value);
    private final FieldNames names = new FieldNames(new LoggingState(), Set.of());

    @Test
    void maskedFieldsEndWhereTheirValueEndsAtAnyDepth() {
        String json = write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("password"); // a secret object: replaced as a whole
            g.writeStringField("old", "hunter2");
            g.writeObjectFieldStart("nested");
            g.writeNumberField("pin", 1234);
            g.writeEndObject();
            g.writeEndObject();
            g.writeStringField("user", "ops"); // written: the secret value has ended
            g.writeArrayFieldStart("token"); // a secret array of objects
            g.writeStartObject();
            g.writeStringField("a", "b");
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectFieldStart("inner");
            g.writeStringField("cvv", "123"); // a secret scalar as the last field
            g.writeEndObject();
            g.writeBooleanField("ok", true);
            g.writeEndObject();
        });
        assertThat(json)
                .isEqualTo("{\"password\":\"[SECRET]\",\"user\":\"ops\",\"token\":\"[SECRET]\","
                        + "\"inner\":{\"cvv\":\"[SECRET]\"},\"ok\":true}");
    }

    @Test
    void everyWayToWriteAStringIsMasked() {
        String json = write(g -> {
            g.writeStartObject();
            g.writeStringField("s", "mail jane@example.com");
            g.writeFieldName("chars");
            char[] chars = "call (415) 555-2671 now".toCharArray();
            g.writeString(chars, 0, chars.length);
            g.writeFieldName("serialized");
            g.writeString(new SerializedString("jane@example.com"));
            g.writeFieldName("utf8");
            byte[] utf8 = "jane@example.com".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            g.writeUTF8String(utf8, 0, utf8.length);
            g.writeFieldName("reader");
            g.writeString(new StringReader("jane@example.com and more"), -1);
            g.writeFieldName("array");
            g.writeArray(new String[] {"ok", "jane@example.com"}, 0, 2);
            g.writeFieldName("numberText");
            g.writeNumber("4155552671");
            g.writeEndObject();
        });
        assertThat(json)
                .isEqualTo("{\"s\":\"mail [EMAIL]\",\"chars\":\"call [PHONE] now\","
                        + "\"serialized\":\"[EMAIL]\",\"utf8\":\"[EMAIL]\",\"reader\":\"[EMAIL] and more\","
                        + "\"array\":[\"ok\",\"[EMAIL]\"],\"numberText\":\"[PHONE]\"}");
    }

    @Test
    void onlyIntegersLongEnoughForAPhoneNumberGoToTheMasker() {
        String json = write(g -> {
            g.writeStartObject();
            g.writeNumberField("count", 123_456_789);
            g.writeNumberField("phone", 4_155_552_671L);
            g.writeNumberField("ratio", 4155552671.5);
            g.writeFieldName("longs");
            g.writeArray(new long[] {7, 4_155_552_671L}, 0, 2);
            g.writeEndObject();
        });
        assertThat(json)
                .isEqualTo("{\"count\":123456789,\"phone\":\"[PHONE]\",\"ratio\":4.1555526715E9,"
                        + "\"longs\":[7,\"[PHONE]\"]}");
    }

    @Test
    void objectsSerialisedThroughTheCodecAndRawJsonAreMasked() {
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("email", "jane@example.com");
        customer.put("cardNumber", "4111 1111 1111 1111");
        customer.put("tags", List.of("vip", "+1 415 555 2671"));
        String json = write(g -> {
            g.writeStartObject();
            g.writeObjectField("customer", customer);
            g.writeFieldName("raw");
            g.writeRawValue("{\"token\":{\"x\":1},\"to\":\"jane@example.com\"}");
            g.writeEndObject();
        });
        assertThat(json)
                .isEqualTo("{\"customer\":{\"email\":\"[EMAIL]\",\"cardNumber\":\"[SECRET]\","
                        + "\"tags\":[\"vip\",\"[PHONE]\"]},\"raw\":{\"token\":\"[SECRET]\",\"to\":\"[EMAIL]\"}}");
    }

    @Test
    void writesWhatTheLibrarysMaskingGeneratorWritesOnRandomDocuments() {
        Random random = new Random(20261127);
        for (int i = 0; i < 2_000; i++) {
            JsonNode document = randomObject(random, 0);
            String ours = write(g -> MAPPER.writeTree(g, document));
            String library =
                    write(document, g -> new MaskingJsonGenerator(g, List.of(secrets), List.of(piiAndNumbers)));
            assertThat(ours).as("document %s", document).isEqualTo(library);
        }
    }

    private interface Writes {
        void to(JsonGenerator generator) throws IOException;
    }

    private String write(Writes writes) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = new MaskingGenerator(MAPPER.getFactory().createGenerator(out), names, pii)) {
            generator.setCodec(MAPPER);
            writes.to(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String write(JsonNode document, Function<JsonGenerator, JsonGenerator> decorate) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = decorate.apply(MAPPER.getFactory().createGenerator(out))) {
            generator.setCodec(MAPPER);
            MAPPER.writeTree(generator, document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static final String[] NAMES = {"user", "password", "note", "token", "items", "cvv", "id", "meta"};
    private static final String[] TEXTS = {
        "ok",
        "jane@example.com",
        "call 415-555-2671",
        "4111 1111 1111 1111",
        "",
        "plain words",
        "10.0.0.1",
        "ssn 123-45-6789"
    };

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            node.set(
                    NAMES[random.nextInt(NAMES.length)] + (random.nextInt(3) == 0 ? "" : i),
                    randomValue(random, depth));
        }
        if (random.nextBoolean()) {
            node.set(NAMES[random.nextInt(NAMES.length)], randomValue(random, depth));
        }
        return node;
    }

    private static JsonNode randomValue(Random random, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (depth > 3 ? random.nextInt(5) : random.nextInt(7)) {
            case 0:
                return f.textNode(TEXTS[random.nextInt(TEXTS.length)]);
            case 1:
                return random.nextBoolean() ? f.numberNode(random.nextInt(1000)) : f.numberNode(4_155_552_671L);
            case 2:
                return f.numberNode(random.nextDouble());
            case 3:
                return f.booleanNode(random.nextBoolean());
            case 4:
                return f.nullNode();
            case 5:
                return randomObject(random, depth + 1);
            default:
                ArrayNode array = f.arrayNode();
                List<JsonNode> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    items.add(randomValue(random, depth + 1));
                }
                array.addAll(items);
                return array;
        }
    }
}
