package io.escalation.obs.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps raw request paths to route templates, so that the {@code endpoint} label is
 * {@code /api/v1/campaigns/{id}} and never {@code /api/v1/campaigns/8812}. Templates are checked
 * when the router is built; matching allocates nothing.
 *
 * <p>A template is {@code /} or {@code /}-separated segments, each a literal ({@code campaigns}),
 * a variable matching one non-empty segment ({@code {id}}), or, last only, {@code **} matching
 * the rest of the path. When several templates match, the one with fewer variables wins, then the
 * one without {@code **}, then the one declared first. A single trailing slash is ignored.
 *
 * <pre>{@code
 * Router router = http.router("/api/v1/campaigns", "/api/v1/campaigns/{id}", "/static/**");
 * Route route = router.match("/api/v1/campaigns/8812");   // endpoint "/api/v1/campaigns/{id}"
 * Route none = router.match("/wp-admin");                // the unmatched route: UNKNOWN or NOT_FOUND
 * }</pre>
 */
public final class Router {

    /** Longer paths are not matched at all (they become UNKNOWN or NOT_FOUND). */
    static final int MAX_PATH_LENGTH = 8_192;

    private static final Pattern VARIABLE = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]{0,63}}");
    private static final String TAIL = "**";

    private final Template[] templates;
    private final Route unmatched;

    private Router(Template[] templates, Route unmatched) {
        this.templates = templates;
        this.unmatched = unmatched;
    }

    static Router create(HttpMetrics http, int maxRoutes, String... templates) {
        if (templates.length > maxRoutes) {
            throw new IllegalArgumentException("Router: " + templates.length + " templates exceed the label policy's"
                    + " " + maxRoutes + " values per label: raise LabelPolicy.maxValuesPerLabel or merge routes");
        }
        List<Template> parsed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < templates.length; i++) {
            String template = templates[i];
            validate(template);
            if (!seen.add(template)) {
                throw new IllegalArgumentException("Router: template '" + template + "' is given twice");
            }
            parsed.add(new Template(template, i, http.route(template)));
        }
        parsed.sort(Comparator.comparingInt((Template t) -> t.variables)
                .thenComparing(t -> t.tail)
                .thenComparingInt(t -> t.order));
        return new Router(parsed.toArray(new Template[0]), http.unmatched());
    }

    /**
     * The route of the first template matching {@code rawPath} (the path without query string, as
     * sent), or the unmatched route ({@code UNKNOWN}; {@code NOT_FOUND} when recorded with a 404).
     * Never throws; allocates nothing.
     *
     * @param rawPath the request path as sent
     * @return the matched route, or the unmatched one
     */
    public Route match(@Nullable String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/' || rawPath.length() > MAX_PATH_LENGTH) {
            return unmatched;
        }
        int length = rawPath.length();
        if (length > 1 && rawPath.charAt(length - 1) == '/') {
            length--; // "/api/v1/campaigns/" is "/api/v1/campaigns"
        }
        for (Template template : templates) {
            if (template.matches(rawPath, length)) {
                return template.route;
            }
        }
        return unmatched;
    }

    /**
     * The templates in the order they are tried.
     *
     * @return the templates
     */
    public List<String> templates() {
        List<String> list = new ArrayList<>(templates.length);
        for (Template template : templates) {
            list.add(template.text);
        }
        return list;
    }

    private static void validate(@Nullable String template) {
        if (template == null || template.isEmpty() || template.charAt(0) != '/') {
            throw new IllegalArgumentException(
                    "Router: template '" + template + "' must start with '/'," + " e.g. /api/v1/campaigns/{id}");
        }
        String problem = RouteTemplates.problem(template, template.length());
        if (problem != null) {
            throw new IllegalArgumentException("Router: template '" + template + "' " + problem);
        }
        if (template.equals("/")) {
            return;
        }
        String[] segments = template.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("Router: template '" + template + "' has an empty segment"
                        + (last ? " (drop the trailing '/')" : ""));
            }
            if (segment.equals(TAIL) && !last) {
                throw new IllegalArgumentException("Router: template '" + template + "' has '**' before its end");
            }
            boolean braces = segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0;
            if (braces && !VARIABLE.matcher(segment).matches()) {
                throw new IllegalArgumentException("Router: template '" + template + "' has segment '" + segment
                        + "': a variable is a whole segment such as {id}");
            }
            for (int c = 0; c < segment.length(); c++) {
                char ch = segment.charAt(c);
                if (ch <= ' ' || ch >= 0x7f || (ch == '*' && !segment.equals(TAIL))) {
                    throw new IllegalArgumentException("Router: template '" + template + "' has a character"
                            + " that cannot appear in a raw path at index " + c + " of segment " + (i + 1));
                }
            }
        }
    }

    private static final class Template {
        final String text;
        final int order;
        final Route route;
        final String[] literals; // null entries are variables
        final int variables;
        final boolean tail;

        Template(String text, int order, Route route) {
            this.text = text;
            this.order = order;
            this.route = route;
            String[] segments =
                    text.equals("/") ? new String[0] : text.substring(1).split("/", -1);
            this.tail = segments.length > 0 && segments[segments.length - 1].equals(TAIL);
            String[] fixed = Arrays.copyOf(segments, tail ? segments.length - 1 : segments.length);
            int vars = 0;
            for (int i = 0; i < fixed.length; i++) {
                if (fixed[i].startsWith("{")) {
                    fixed[i] = null;
                    vars++;
                }
            }
            this.literals = fixed;
            this.variables = vars;
        }

        /** True when {@code path[0, length)} (starting with '/') matches. */
        boolean matches(String path, int length) {
            int pos = 1;
            if (literals.length == 0 && !tail) {
                return length == 1;
            }
            for (String literal : literals) {
                if (pos > length) {
                    return false;
                }
                int end = path.indexOf('/', pos);
                if (end < 0 || end > length) {
                    end = length;
                }
                if (literal == null) {
                    if (end == pos) {
                        return false; // a variable takes a non-empty segment
                    }
                } else if (end - pos != literal.length() || !path.startsWith(literal, pos)) {
                    return false;
                }
                pos = end + 1;
            }
            return tail ? pos <= length + 1 : pos == length + 1;
        }
    }
}
