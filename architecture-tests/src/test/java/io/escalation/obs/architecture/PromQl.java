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
