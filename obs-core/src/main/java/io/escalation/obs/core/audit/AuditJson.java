package io.escalation.obs.core.audit;

import java.util.Map;

/**
 * An audit event as one line of JSON: a flat object of string fields, escaped so that no value can
 * break the line or the object.
 *
 * <pre>{@code
 * AuditJson.object(Map.of("event", "tcpa_opt_out"));   // {"event":"tcpa_opt_out"}
 * }</pre>
 *
 * <p>{@code "} and {@code \} are backslash-escaped; C0 control characters (CR and LF included),
 * DEL, the C1 controls U+0080 to U+009F (U+009B is the 8-bit CSI that starts terminal escape
 * sequences), U+2028 and U+2029 become {@code \u005Cu} escapes; everything else is kept as it is.
 */
public final class AuditJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AuditJson() {}

    /**
     * The JSON object of {@code fields}, in the map's iteration order.
     *
     * @param fields field names to string values
     * @return the JSON object on one line
     */
    public static String object(Map<String, String> fields) {
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
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                json.append("\\u")
                        .append(HEX[(c >> 12) & 0xf])
                        .append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf])
                        .append(HEX[c & 0xf]);
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
