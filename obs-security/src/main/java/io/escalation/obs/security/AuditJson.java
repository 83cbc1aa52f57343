package io.escalation.obs.security;

import java.util.Map;

/** A flat JSON object of string fields, escaped so that no value can break the line or the object. */
final class AuditJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AuditJson() {
    }

    static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder(256).append('{');
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, field.getKey());
            json.append(':');
            string(json, field.getValue());
        }
        return json.append('}').toString();
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                json.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
