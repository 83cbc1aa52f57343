package io.escalation.obs.core.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code Accept} and {@code Accept-Encoding} negotiation (RFC 9110 section 12.5): comma-separated
 * elements with parameters, quoted strings respected, and a q-value of 0 meaning "not acceptable".
 * The most specific element that matches a type decides its q-value.
 */
final class Negotiation {

    static final String OPENMETRICS_TYPE = "application/openmetrics-text";

    /** {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )} */
    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    private Negotiation() {}

    /**
     * True when {@code Accept} names {@code application/openmetrics-text} itself (a wildcard is not
     * enough) with a q-value above 0 and at least that of {@code text/plain}; otherwise the text
     * format is served.
     */
    static boolean wantsOpenMetrics(@Nullable List<String> accept) {
        if (accept == null) {
            return false;
        }
        double openMetrics = 0;
        double text = 0;
        int textSpecificity = -1; // of the element that set text: 2 text/plain, 1 text/*, 0 */*
        for (String header : accept) {
            for (String element : split(header, ',')) {
                List<String> parts = split(element, ';');
                String range = parts.get(0).trim().toLowerCase(Locale.ROOT);
                double q = quality(parts);
                if (q < 0) {
                    continue; // a malformed q-value: ignore the element
                }
                if (OPENMETRICS_TYPE.equals(range)) {
                    openMetrics = Math.max(openMetrics, q);
                }
                int specificity = textSpecificity(range);
                if (specificity > textSpecificity) {
                    textSpecificity = specificity;
                    text = q;
                } else if (specificity >= 0 && specificity == textSpecificity) { // e.g. two versions
                    text = Math.max(text, q);
                }
            }
        }
        return openMetrics > 0 && openMetrics >= text;
    }

    private static int textSpecificity(String range) {
        return switch (range) {
            case "text/plain" -> 2;
            case "text/*" -> 1;
            case "*/*" -> 0;
            default -> -1;
        };
    }

    /**
     * True when {@code Accept-Encoding} accepts gzip: {@code gzip} or {@code x-gzip} with a q-value
     * above 0, or, when neither is named, {@code *} with a q-value above 0.
     */
    static boolean acceptsGzip(@Nullable List<String> acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        double gzip = -1;
        double any = -1;
        for (String header : acceptEncoding) {
            for (String element : split(header, ',')) {
                List<String> parts = split(element, ';');
                String coding = parts.get(0).trim().toLowerCase(Locale.ROOT);
                double q = quality(parts);
                if ("gzip".equals(coding) || "x-gzip".equals(coding)) {
                    gzip = Math.max(gzip, q);
                } else if ("*".equals(coding)) {
                    any = Math.max(any, q);
                }
            }
        }
        return (gzip >= 0 ? gzip : any) > 0;
    }

    /** The element's q-value: 1 without one, -1 when it is malformed. */
    private static double quality(List<String> parts) {
        for (int i = 1; i < parts.size(); i++) {
            String param = parts.get(i);
            int eq = param.indexOf('=');
            if (eq < 0 || !"q".equals(param.substring(0, eq).trim().toLowerCase(Locale.ROOT))) {
                continue;
            }
            String value = param.substring(eq + 1).trim();
            return QVALUE.matcher(value).matches() ? Double.parseDouble(value) : -1;
        }
        return 1;
    }

    /** Splits on {@code separator} outside double-quoted strings; always at least one piece. */
    private static List<String> split(String s, char separator) {
        List<String> out = new ArrayList<>(4);
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++; // a quoted-pair: skip the escaped character
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }
}
