package io.escalation.obs.architecture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the metric names and label names out of a PromQL expression (rules and Grafana targets):
 * enough PromQL for the contract test, not a parser. Strings, label matchers, ranges, Grafana
 * variables, grouping clauses, functions, keywords and numbers are not metric names; label names
 * are the keys of matchers ({@code name{label="..."}}) and the contents of {@code by},
 * {@code without}, {@code on}, {@code ignoring}, {@code group_left} and {@code group_right}.
 */
final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*]");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern CLAUSE =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "and",
            "or",
            "unless",
            "offset",
            "inf",
            "nan",
            "atan2");

    private static final Pattern SELECTOR = Pattern.compile("(?<![\\w:])([a-zA-Z_:][a-zA-Z0-9_:]*)?\\s*\\{([^}]*)}");
    private static final Pattern MATCHER_KEY = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern CLAUSE_LABELS =
            Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
    private static final Pattern BY_LABELS = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");
    private static final Pattern NEW_LABEL = Pattern.compile("\\blabel_(?:replace|join)\\s*\\([^,]*,\\s*\"(\\w+)\"");

    private PromQl() {}

    /**
     * The label keys of each selector's matchers, by metric name ({@code ""} for a selector without
     * a name); {@code __name__} is left out.
     */
    static Map<String, Set<String>> matcherLabels(String expr) {
        String rest = withoutStringsAndVariables(expr);
        Map<String, Set<String>> labels = new LinkedHashMap<>();
        Matcher selector = SELECTOR.matcher(rest);
        while (selector.find()) {
            String name = selector.group(1) == null ? "" : selector.group(1);
            Set<String> keys = labels.computeIfAbsent(name, k -> new TreeSet<>());
            Matcher key = MATCHER_KEY.matcher(selector.group(2));
            while (key.find()) {
                if (!key.group(1).equals("__name__")) {
                    keys.add(key.group(1));
                }
            }
        }
        return labels;
    }

    /** The labels named in grouping and vector-matching clauses. */
    static Set<String> clauseLabels(String expr) {
        return listed(CLAUSE_LABELS, withoutStringsAndVariables(expr));
    }

    /**
     * The labels each {@code by (...)} clause keeps, one set per clause, in order: what an
     * aggregating recording rule's output series carry.
     */
    static List<Set<String>> byClauses(String expr) {
        List<Set<String>> clauses = new ArrayList<>();
        Matcher by = BY_LABELS.matcher(withoutStringsAndVariables(expr));
        while (by.find()) {
            clauses.add(split(by.group(1)));
        }
        return clauses;
    }

    private static final Pattern AGGREGATION = Pattern.compile(
            "\\b(sum|min|max|avg|group|stddev|stdvar|count|count_values|bottomk|topk|quantile|limitk|limit_ratio)"
                    + "\\s*(?:(by|without)\\s*\\(([^)]*)\\)\\s*)?\\(");
    private static final Pattern TRAILING_CLAUSE = Pattern.compile("\\s*(by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern MATCHING = Pattern.compile("\\b(on|ignoring)\\s*\\(([^)]*)\\)");

    /**
     * One aggregation or vector matching of an expression: its grouping or matching clause as a
     * keyword ({@code by}, {@code without}, {@code on}, {@code ignoring}) and the labels it lists,
     * and the text of the aggregation (or of the clause, for a vector matching).
     */
    record Grouping(String clause, Set<String> labels, String text) {}

    /**
     * Every aggregation operator ({@code sum}, {@code max}, {@code topk}, ...) with its clause,
     * written before or after its argument; one without a clause is {@code by ()}: it keeps no
     * label. Then every {@code on (...)} and {@code ignoring (...)} of a binary operation.
     */
    static List<Grouping> groupings(String expr) {
        String rest = withoutStringsAndVariables(expr);
        List<Grouping> found = new ArrayList<>();
        Matcher aggregation = AGGREGATION.matcher(rest);
        while (aggregation.find()) {
            int close = closingParen(rest, aggregation.end() - 1);
            String clause = aggregation.group(2);
            String labels = aggregation.group(3);
            int end = close + 1;
            if (clause == null) {
                Matcher trailing = TRAILING_CLAUSE.matcher(rest);
                trailing.region(end, rest.length());
                if (trailing.lookingAt()) {
                    clause = trailing.group(1);
                    labels = trailing.group(2);
                    end = trailing.end();
                } else {
                    clause = "by";
                    labels = "";
                }
            }
            found.add(new Grouping(clause, split(labels), oneLine(rest.substring(aggregation.start(), end))));
        }
        Matcher matching = MATCHING.matcher(rest);
        while (matching.find()) {
            found.add(new Grouping(matching.group(1), split(matching.group(2)), oneLine(matching.group())));
        }
        return found;
    }

    private static int closingParen(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return text.length() - 1;
    }

    /** The text on one line, without label matchers: {@code sum by (a) (rate(x[5m]))}. */
    private static String oneLine(String text) {
        return MATCHERS.matcher(text).replaceAll("").strip().replaceAll("\\s+", " ");
    }

    /** Labels that {@code label_replace} or {@code label_join} write. */
    static Set<String> createdLabels(String expr) {
        Set<String> created = new TreeSet<>();
        Matcher replace = NEW_LABEL.matcher(expr);
        while (replace.find()) {
            created.add(replace.group(1));
        }
        return created;
    }

    private static Set<String> listed(Pattern clause, String text) {
        Set<String> labels = new TreeSet<>();
        Matcher matcher = clause.matcher(text);
        while (matcher.find()) {
            labels.addAll(split(matcher.group(1)));
        }
        return labels;
    }

    private static Set<String> split(String list) {
        Set<String> labels = new TreeSet<>();
        for (String label : list.split(",")) {
            if (!label.isBlank()) {
                labels.add(label.strip());
            }
        }
        return labels;
    }

    /** Strings emptied (matcher values never hide a brace or a clause) and Grafana variables blanked. */
    private static String withoutStringsAndVariables(String expr) {
        return VARIABLE.matcher(STRING.matcher(expr).replaceAll("\"\"")).replaceAll("1m");
    }

    static Set<String> metricNames(String expr) {
        String rest = STRING.matcher(expr).replaceAll(" ");
        rest = VARIABLE.matcher(rest).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGE.matcher(rest).replaceAll(" ");
        rest = CLAUSE.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group();
            if (!KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }
}
