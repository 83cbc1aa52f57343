package io.escalation.obs.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditJsonTest {

    @Test
    void fieldsInOrder() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event", "tcpa_check");
        fields.put("decision", "blocked");
        fields.put("channel", "sms");
        assertThat(AuditJson.object(fields))
                .isEqualTo("{\"event\":\"tcpa_check\",\"decision\":\"blocked\",\"channel\":\"sms\"}");
    }

    @Test
    void noFieldsIsAnEmptyObject() {
        assertThat(AuditJson.object(Map.of())).isEqualTo("{}");
    }

    @Test
    void escapesWhatCouldBreakTheLineOrTheObject() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("k\"ey", "quote \" backslash \\ cr \r lf \n tab \t nul \u0000 ls \u2028 ps \u2029 del \u007f");
        fields.put("kept", "Zo\u00eb \u20ac / \ud83d\ude00");
        assertThat(AuditJson.object(fields))
                .isEqualTo(
                        "{\"k\\\"ey\":\"quote \\\" backslash \\\\ cr \\u000d lf \\u000a"
                                + " tab \\u0009 nul \\u0000 ls \\u2028 ps \\u2029 del \\u007f\",\"kept\":\"Zo\u00eb \u20ac / \ud83d\ude00\"}");
    }

    @Test
    void theEightBitCsiAndTheOtherC1ControlsAndDelAreEscaped() {
        // U+009B is the one-character CSI: a terminal reading the raw line would run "\u009b2J" (clear screen)
        String json = AuditJson.object(Map.of("endpoint", "/a\u009b2J\u0085b\u007fc\u00a0d"));
        assertThat(json).isEqualTo("{\"endpoint\":\"/a\\u009b2J\\u0085b\\u007fc\u00a0d\"}");
        assertThat(json.chars().filter(c -> c == 0x7f || (c >= 0x80 && c <= 0x9f)))
                .isEmpty();
    }
}
