package io.escalation.obs.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The logging benchmarks encode what they claim to: the same events, masked only where intended. */
class LoggingBenchTest {

    private static final String CLEAN_MESSAGE = "Follow-up scheduled by agent voice-outreach for account acct_5f2c91"
            + " in region us-east-1: next attempt in 45 minutes, channel voice, action=schedule_follow_up,"
            + " duration_ms=145";
    private static final String PII_MESSAGE = "Follow-up for jane.doe@example.com set by agent voice-outreach:"
            + " dial (415) 555-0142 in 45 minutes, channel voice, region us-east-1, action=schedule_follow_up,"
            + " duration_ms=145";

    private final ObjectMapper json = new ObjectMapper();
    private final LoggingBench bench = new LoggingBench();

    @BeforeEach
    void setUp() {
        bench.setUp();
    }

    @AfterEach
    void tearDown() {
        bench.tearDown();
    }

    @Test
    void theMessagesAreAbout150CharactersWithTheirArguments() throws IOException {
        assertThat(read(bench.plainClean()).get("message").asText())
                .isEqualTo(CLEAN_MESSAGE)
                .hasSize(174);
        assertThat(read(bench.plainPii()).get("message").asText())
                .isEqualTo(PII_MESSAGE)
                .hasSize(174);
    }

    @Test
    void thePlainEncoderWritesThePiiEventUnmasked() throws IOException {
        JsonNode pii = read(bench.plainPii());

        assertThat(pii.get("userId").asText()).isEqualTo("m.alvarez@collections-partner.com");
        assertThat(pii.get("request_id").asText()).isEqualTo("req_01HZX3K9QW");
        assertThat(pii.get("campaignId").asText()).isEqualTo("campaign_456");
        assertThat(pii.get("action").asText()).isEqualTo("schedule_follow_up");
        assertThat(pii.get("duration_ms").asLong()).isEqualTo(145);
        assertThat(pii.get("trace_id").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void bothMaskingEncodersMaskTheEmailAndPhoneOfThePiiEvent() throws IOException {
        String masked = "Follow-up for [EMAIL] set by agent voice-outreach: dial [PHONE] in 45 minutes,"
                + " channel voice, region us-east-1, action=schedule_follow_up, duration_ms=145";
        for (byte[] encoded : new byte[][] {bench.obsPii(), bench.regexPii()}) {
            JsonNode event = read(encoded);

            assertThat(event.get("message").asText()).isEqualTo(masked);
            assertThat(event.get("userId").asText()).isEqualTo("[EMAIL]");
            assertThat(new String(encoded, StandardCharsets.UTF_8)).doesNotContain("jane.doe", "555-0142", "alvarez");
        }
    }

    @Test
    void noEncoderChangesTheCleanEvent() throws IOException {
        for (byte[] encoded :
                new byte[][] {bench.plainClean(), bench.obsClean(), bench.regexClean(), bench.noopMaskerClean()}) {
            JsonNode event = read(encoded);

            assertThat(event.get("message").asText()).isEqualTo(CLEAN_MESSAGE);
            assertThat(event.get("userId").asText()).isEqualTo("operator_1187");
            assertThat(event.get("span_id").asText()).isEqualTo("00f067aa0ba902b7");
        }
        assertThat(bench.regexClean()).isEqualTo(bench.plainClean());
        assertThat(bench.noopMaskerClean()).isEqualTo(bench.plainClean());
    }

    @Test
    void theObsEncoderAddsServiceAndEnvironmentAsUsersConfigureIt() throws IOException {
        JsonNode event = read(bench.obsClean());

        assertThat(event.get("service").asText()).isEqualTo("client-escalation-calls");
        assertThat(event.get("environment").asText()).isEqualTo("production");
        assertThat(event.get("level").asText()).isEqualTo("INFO");
    }

    @Test
    void theMaskingStepWritesThePlainEncodersFieldsThroughEachDecorator() {
        Object[] fields = LoggingBench.fields(bench.plainPii());

        assertThat(Arrays.asList(fields)).contains("message", "userId", "level_value", 20_000L, "duration_ms", 145L);
        int unmasked = bench.plainPii().length - 1; // without the line separator
        assertThat(bench.unmaskedFieldsClean()).isEqualTo(bench.plainClean().length - 1);
        // "jane.doe@example.com" -> "[EMAIL]" (-13), "(415) 555-0142" -> "[PHONE]" (-7),
        // "m.alvarez@collections-partner.com" -> "[EMAIL]" (-26)
        assertThat(bench.obsMaskingPii()).isEqualTo(unmasked - 46);
        assertThat(bench.regexMaskingPii()).isEqualTo(unmasked - 46);
        assertThat(bench.obsMaskingClean()).isEqualTo(bench.unmaskedFieldsClean());
        assertThat(bench.regexMaskingClean()).isEqualTo(bench.unmaskedFieldsClean());
    }

    private JsonNode read(byte[] encoded) throws IOException {
        String line = new String(encoded, StandardCharsets.UTF_8);
        assertThat(line)
                .endsWith("\n")
                .doesNotContain("\r")
                .satisfies(l -> assertThat(l.indexOf('\n')).isEqualTo(l.length() - 1));
        return json.readTree(line);
    }
}
