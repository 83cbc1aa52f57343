package io.escalation.obs.architecture;

import static io.escalation.obs.architecture.Yamls.dump;
import static io.escalation.obs.architecture.Yamls.list;
import static io.escalation.obs.architecture.Yamls.load;
import static io.escalation.obs.architecture.Yamls.map;
import static io.escalation.obs.architecture.Yamls.yamlFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.escalation.obs.examples.ExampleService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/ end to end: the example service runs in-process on a loopback port, a real Prometheus
 * (Debian package {@code prometheus}) scrapes it every second with the application job of
 * {@code deploy/prometheus/prometheus.yml} and evaluates copies of {@code deploy/prometheus/rules/}
 * every second, and then every query deploy/ ships is run through Prometheus's HTTP API and must
 * return data:
 *
 * <ul>
 *   <li>every Grafana dashboard target, with {@code $environment}, {@code $cluster},
 *       {@code $service}, {@code $job} and {@code $instance} resolved the way Grafana resolves them,
 *       in order: their {@code label_values(...)} queries through the label-values
 *       API, every value selected, written as Grafana writes a multi-value selection
 *       ({@code client-escalation-calls}, {@code 127\\.0\\.0\\.1:40123}, {@code (a|b)}). Not
 *       the dashboards' "All" ({@code .*}), which would match anything: the filters must select
 *       the scraped series; a variable without values ({@code $cluster}: the example service sets
 *       none) is Grafana's "All". Built-ins such as {@code $__rate_interval} become {@code 1m};
 *   <li>every recording rule's expression;
 *   <li>every alert's expression without its final threshold comparison ({@code <query> > 0.05}
 *       becomes {@code <query>}). The full expression returns only firing series, so it is empty
 *       on a healthy service; the inner query returns every series the alert compares, which
 *       proves its selectors, label filters (such as {@code job="client-escalation-calls"}) and
 *       vector matching find the service's data, where a {@code count(name)} per metric would
 *       miss a join that matches nothing.
 * </ul>
 *
 * <p>Queries reading a metric the service cannot produce (exporters' {@code node_*}, modules not
 * yet wired into the example service) are skipped by name, from {@value #NOT_SERVED_FILE}, one
 * reason per name; a listed name the service does serve fails the test, so the list only shrinks
 * as the example service grows. The live scrape must also pass {@code promtool check metrics}.
 */
class EndToEndPrometheusTest {

    private static final Path DEPLOY = BomTest.ROOT.resolve("deploy");
    static final String NOT_SERVED_FILE = "architecture-tests/src/test/resources/e2e-not-served.txt";
    static final String JOB = "client-escalation-calls";
    private static final String APT_PACKAGE = "prometheus";

    /** Scrapes of the service before the queries run: rate() needs two samples, recorded rates a few. */
    static final int MIN_SCRAPES = 8;
    /** From starting Prometheus to 8 scrapes with every rule evaluated; then DATA_TIMEOUT for the queries. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(15);
    /** What the Grafana built-ins ($__rate_interval, $__interval, $__range) stand for. */
    private static final Map<String, String> BUILT_INS = Map.of(
            "__rate_interval",
            "1m",
            "__interval",
            "1m",
            "__range",
            "1m",
            "__interval_ms",
            "60000",
            "__range_s",
            "60",
            "__range_ms",
            "60000");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path work;

    private static ExampleService service;
    private static LocalPrometheus prometheus;
    private static String serviceUrl;

    @BeforeAll
    static void startServiceAndPrometheus() throws Exception {
        service = ExampleService.start("127.0.0.1", 0, Duration.ZERO, 42);
        serviceUrl = "http://127.0.0.1:" + service.port();
        writeConfig(work, "127.0.0.1:" + service.port(), "/metrics");
        long begin = System.nanoTime();
        long deadline = begin + STARTUP_TIMEOUT.toNanos();
        prometheus = LocalPrometheus.start(work, work.resolve("prometheus.yml"), LoopbackProcess.freeLoopbackPort())
                .awaitReady(deadline);
        await(
                "Prometheus to scrape " + serviceUrl + "/metrics successfully",
                deadline,
                () -> "up".equals(appTarget().path("health").asText()));
        await(
                MIN_SCRAPES + " scrapes of the service",
                deadline,
                () -> scalar("count_over_time(up{job=\"" + JOB + "\"}[5m])") >= MIN_SCRAPES);
        await(
                "every rule to be evaluated",
                deadline,
                () -> loadedRules().stream()
                        .noneMatch(r -> r.path("health").asText().equals("unknown")));
        System.out.printf(
                "EndToEndPrometheusTest: Prometheus %s scraped %s %d times in %d ms%n",
                prometheus.url, serviceUrl, MIN_SCRAPES, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            if (service != null) {
                service.close();
            }
        }
    }

    // ---- Prometheus loads and runs deploy/ ---------------------------------------------------

    /**
     * The service's latency histograms carry the trace of the request as an exemplar in the OpenMetrics
     * scrape, and Prometheus (exemplar storage on, as deploy/ runs it) returns them from
     * {@code /api/v1/query_exemplars}: what a Grafana latency panel links to its trace.
     */
    @Test
    void latencyBucketsCarryTraceIdsAsExemplarsThatPrometheusStores() throws Exception {
        HttpResponse<String> scrape = HTTP.send(
                HttpRequest.newBuilder(URI.create(serviceUrl + "/metrics"))
                        .header("Accept", "application/openmetrics-text; version=1.0.0")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.body())
                .containsPattern("(?m)^http_request_duration_seconds_bucket\\{[^}]*} \\S+ # "
                        + "\\{span_id=\"[0-9a-f]{16}\",trace_id=\"[0-9a-f]{32}\"} \\S+ \\S+$");

        String selector = "http_request_duration_seconds_bucket{job=\"" + JOB + "\"}";
        long now = System.currentTimeMillis() / 1000;
        JsonNode[] stored = new JsonNode[1];
        await("Prometheus to store exemplars of " + selector, System.nanoTime() + DATA_TIMEOUT.toNanos(), () -> {
            stored[0] = api("/api/v1/query_exemplars?query=" + LocalPrometheus.encode(selector) + "&start="
                    + (now - 600) + "&end=" + (now + 600));
            return stored[0].size() > 0;
        });
        JsonNode first = stored[0].get(0);
        assertThat(first.path("seriesLabels").path("le").asText()).isNotEmpty();
        JsonNode exemplar = first.path("exemplars").get(0);
        assertThat(exemplar.path("labels").path("trace_id").asText()).matches("[0-9a-f]{32}");
        assertThat(exemplar.path("labels").path("span_id").asText()).matches("[0-9a-f]{16}");
    }

    @Test
    void prometheusScrapesTheServiceAndEvaluatesEveryRuleWithoutError() throws Exception {
        JsonNode target = appTarget();
        assertThat(target.path("health").asText())
                .as("target health, last error: %s", target.path("lastError"))
                .isEqualTo("up");
        assertThat(target.path("lastError").asText()).isEmpty();
        assertThat(target.path("labels").path("job").asText()).isEqualTo(JOB);

        int declared = 0;
        for (Path file : yamlFiles(DEPLOY.resolve("prometheus/rules"))) {
            for (Object group : list(load(file).get("groups"))) {
                declared += list(map(group).get("rules")).size();
            }
        }
        List<JsonNode> rules = loadedRules();
        assertThat(rules)
                .as("rules Prometheus loaded from the copies of deploy/prometheus/rules")
                .hasSize(declared);
        List<String> failing = rules.stream()
                .filter(r -> !r.path("health").asText().equals("ok"))
                .map(r -> r.path("name").asText() + ": " + r.path("health").asText() + " "
                        + r.path("lastError").asText())
                .collect(Collectors.toList());
        assertThat(failing).as("rules whose evaluation failed").isEmpty();
    }

    @Test
    void theLiveScrapePassesPromtoolCheckMetrics() throws Exception {
        HttpResponse<String> scrape = HTTP.send(
                HttpRequest.newBuilder(URI.create(serviceUrl + "/metrics"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        Process promtool;
        try {
            promtool = new ProcessBuilder(LoopbackProcess.onPath("promtool", APT_PACKAGE), "check", "metrics")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("promtool would not start: install the Debian package " + APT_PACKAGE, e);
        }
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(scrape.body().getBytes(StandardCharsets.UTF_8));
        }
        String output = read(promtool.getInputStream());
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output)
                .as("promtool check metrics on the live scrape of %s/metrics", serviceUrl)
                .isEmpty();
        assertThat(promtool.exitValue()).isZero();
    }

    // ---- every query deploy/ ships returns data -----------------------------------------------

    @Test
    void everyDashboardRuleAndAlertQueryReturnsData() throws Exception {
        Deploy deploy = Deploy.read();
        Map<String, String> notServed = notServed();
        Map<Query, Set<String>> skipped = new LinkedHashMap<>();
        List<Query> checked = checkable(deploy, notServed, skipped);
        Map<Query, String> empty = withoutData(prometheus, checked, DATA_TIMEOUT);

        Map<Kind, Long> byKind =
                new TreeMap<>(checked.stream().collect(Collectors.groupingBy(q -> q.kind, Collectors.counting())));
        System.out.printf(
                "EndToEndPrometheusTest: checked %d queries %s, skipped %d that read a metric listed in %s:%n",
                checked.size(), byKind, skipped.size(), NOT_SERVED_FILE);
        skipped.forEach((query, names) -> System.out.printf("  skipped %s: %s%n", query, names));
        withoutExporters(skipped, notServed)
                .forEach((exporter, queries) -> System.out.printf(
                        "EndToEndPrometheusTest: could not check %d queries without %s: %s%n",
                        queries.size(), exporter, queries));

        List<String> failures = new ArrayList<>();
        for (Map.Entry<Query, String> failure : empty.entrySet()) {
            failures.add(failure.getKey() + ": " + failure.getValue() + "\n      "
                    + failure.getKey().expr.strip() + "\n      "
                    + diagnosis(unserved(deploy.rawMetrics(failure.getKey().expr))));
        }
        assertThat(failures)
                .as(
                        "queries that returned no data in %s s of %s scraped every second (make the example"
                                + " service produce the metric, or list it with a reason in %s)",
                        DATA_TIMEOUT.toSeconds(), JOB, NOT_SERVED_FILE)
                .isEmpty();
        assertThat(checked).as("queries checked").hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void everyMetricDeployReadsIsServedUnlessListed() throws Exception {
        Deploy deploy = Deploy.read();
        Map<String, String> notServed = notServed();
        Set<String> served = served();
        Map<String, Set<String>> missing = new TreeMap<>();
        for (Query query : deploy.queries) {
            for (String metric : deploy.rawMetrics(query.expr)) {
                if (!served.contains(metric) && !notServed.containsKey(metric)) {
                    missing.computeIfAbsent(metric, k -> new TreeSet<>()).add(query.where);
                }
            }
        }
        assertThat(missing)
                .as("metrics read by deploy/ that %s does not serve and %s does not list", JOB, NOT_SERVED_FILE)
                .isEmpty();
    }

    @Test
    void theNotServedListOnlyShrinks() throws Exception {
        Deploy deploy = Deploy.read();
        Set<String> read = new TreeSet<>();
        deploy.queries.forEach(q -> read.addAll(deploy.rawMetrics(q.expr)));
        Set<String> served = served();
        List<String> wrong = new ArrayList<>();
        notServed().forEach((metric, reason) -> {
            if (served.contains(metric)) {
                wrong.add(metric + " is served by the example service now: remove it from the list");
            } else if (deploy.recorded.containsKey(metric)) {
                wrong.add(metric + " is a recording rule: list the metrics it reads instead");
            } else if (!read.contains(metric)) {
                wrong.add(metric + " is read by no dashboard or rule: remove it from the list");
            }
        });
        assertThat(wrong).as(NOT_SERVED_FILE).isEmpty();
    }

    @Test
    void alertInnerQueriesDropOnlyTheFinalThresholdComparison() {
        assertThat(Deploy.withoutThreshold("up{job=\"a\"} == 0")).isEqualTo("up{job=\"a\"}");
        assertThat(Deploy.withoutThreshold(
                        "sum by (le) (rate(x{status=~\"5..\", a!=\"b\"}[5m])) / sum(y > 2)\n  >= bool 1e-3"))
                .isEqualTo("sum by (le) (rate(x{status=~\"5..\", a!=\"b\"}[5m])) / sum(y > 2)");
        assertThat(Deploy.withoutThreshold("a / on (host) group_left () b > 0.85"))
                .isEqualTo("a / on (host) group_left () b");
        assertThat(Deploy.withoutThreshold("a > 1 and b")).isNull();
        assertThat(Deploy.withoutThreshold("rate(a[5m])")).isNull();
        assertThat(Deploy.grafanaRegex(List.of("127.0.0.1:9090"))).isEqualTo("127\\\\.0\\\\.0\\\\.1:9090");
        assertThat(Deploy.grafanaRegex(List.of("a", "b|c"))).isEqualTo("(a|b\\\\|c)");
    }

    // ---- deploy/ read into queries -------------------------------------------------------------

    /** The queries that read no metric of {@code notServed}; the others go to {@code skipped} with those metrics. */
    static List<Query> checkable(Deploy deploy, Map<String, String> notServed, Map<Query, Set<String>> skipped) {
        List<Query> checked = new ArrayList<>();
        for (Query query : deploy.queries) {
            Set<String> missing = new TreeSet<>(deploy.rawMetrics(query.expr));
            missing.retainAll(notServed.keySet());
            if (missing.isEmpty()) {
                checked.add(query);
            } else {
                skipped.put(query, missing);
            }
        }
        return checked;
    }

    /**
     * Runs each query against {@code at} until it has returned data (rare events get until {@code timeout}); the
     * queries that never did, with "no data" or Prometheus's error.
     */
    static Map<Query, String> withoutData(LocalPrometheus at, List<Query> queries, Duration timeout) throws Exception {
        Map<Query, String> empty = new LinkedHashMap<>();
        queries.forEach(q -> empty.put(q, "not run"));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Query query : new ArrayList<>(empty.keySet())) {
                String outcome = query.kind == Kind.VARIABLE
                        ? labelValues(at, query.expr).toString()
                        : resultOf(at, query.expr);
                if (outcome == null || outcome.equals("[]")) {
                    empty.put(query, "no data");
                } else if (outcome.startsWith("error: ")) {
                    empty.put(query, outcome);
                } else {
                    empty.remove(query);
                }
            }
            if (empty.isEmpty() || System.nanoTime() > deadline) {
                return empty;
            }
            Thread.sleep(1_000);
        }
    }

    enum Kind {
        VARIABLE,
        DASHBOARD,
        RECORDING,
        ALERT
    }

    /** One query deploy/ ships, as sent to Prometheus. */
    static final class Query {
        final Kind kind;
        final String where;
        final String expr;

        Query(Kind kind, String where, String expr) {
            this.kind = kind;
            this.where = where;
            this.expr = expr;
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + where;
        }
    }

    /** The queries of deploy/'s dashboards and rules, Grafana variables substituted. */
    static final class Deploy {
        private static final Pattern LABEL_VALUES =
                Pattern.compile("^\\s*label_values\\(\\s*(?:(.*),\\s*)?(\\w+)\\s*\\)\\s*$");
        private static final Pattern VARIABLE =
                Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)(?::\\w+)?]]");
        private static final Pattern NUMBER = Pattern.compile(
                "[-+]?(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?|0x[0-9a-fA-F]+|Inf|NaN)",
                Pattern.CASE_INSENSITIVE);

        final List<Query> queries = new ArrayList<>();
        /** Recording rule name to the metrics its expression reads. */
        final Map<String, Set<String>> recorded = new TreeMap<>();
        /** The Prometheus that resolves the dashboards' template variables. */
        private final LocalPrometheus source;

        private Deploy(LocalPrometheus source) {
            this.source = source;
        }

        static Deploy read() throws Exception {
            return read(prometheus);
        }

        /** deploy/'s queries, template variables resolved against {@code source}. */
        static Deploy read(LocalPrometheus source) throws Exception {
            Deploy deploy = new Deploy(source);
            for (Path file : yamlFiles(DEPLOY.resolve("prometheus/rules"))) {
                for (Object group : list(load(file).get("groups"))) {
                    for (Object item : list(map(group).get("rules"))) {
                        Map<String, Object> rule = map(item);
                        String expr = (String) rule.get("expr");
                        if (rule.containsKey("record")) {
                            deploy.recorded.put((String) rule.get("record"), PromQl.metricNames(expr));
                            deploy.queries.add(new Query(Kind.RECORDING, (String) rule.get("record"), expr));
                        } else {
                            String alert = (String) rule.get("alert");
                            String inner = withoutThreshold(expr);
                            if (inner == null) {
                                fail(
                                        "alert %s in %s: its expression must end with a threshold comparison"
                                                + " (<query> > <number>) so that the end-to-end test can run <query>; it is: %s",
                                        alert, file, expr);
                            }
                            deploy.queries.add(new Query(Kind.ALERT, alert, inner));
                        }
                    }
                }
            }
            try (Stream<Path> files = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".json"))
                        .sorted()
                        .collect(Collectors.toList())) {
                    deploy.readDashboard(file);
                }
            }
            return deploy;
        }

        /**
         * Template variables whose label the example service's series do not carry, with why; every
         * other query variable must offer values.
         */
        static final Map<String, String> UNSET_LABELS = Map.of(
                "cluster",
                "the example service sets no cluster (Observability.Builder.cluster is optional, as on a single cluster)");

        private void readDashboard(Path file) throws Exception {
            JsonNode dashboard = JSON.readTree(file.toFile());
            String name = file.getFileName().toString();
            Map<String, String> values = new LinkedHashMap<>();
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                String var = variable.path("name").asText();
                String type = variable.path("type").asText();
                JsonNode definition = variable.path("query");
                String text = substitute(
                        definition.isObject() ? definition.path("query").asText() : definition.asText(), values, name);
                List<String> options;
                switch (type) {
                    case "datasource":
                        // named as the data source of every query, never in one: the one Prometheus here
                        assertThat(text)
                                .as("%s: data source variable $%s", name, var)
                                .isEqualTo("prometheus");
                        continue;
                    case "query":
                        Query query = new Query(Kind.VARIABLE, name + " / $" + var, text);
                        options = labelValues(text);
                        if (UNSET_LABELS.containsKey(var)) {
                            // no values: Grafana selects "All", the variable's allValue (.* matches the
                            // series without the label)
                            assertThat(options)
                                    .as("%s offers values now: remove $%s from UNSET_LABELS", query, var)
                                    .isEmpty();
                            assertThat(variable.path("includeAll").asBoolean())
                                    .as(query.toString())
                                    .isTrue();
                            values.put(var, variable.path("allValue").asText());
                            continue;
                        }
                        queries.add(query);
                        assertThat(options).as("values of %s: %s", query, text).isNotEmpty();
                        break;
                    case "custom":
                        options = List.of(text.split("\\s*,\\s*"));
                        break;
                    case "constant":
                    case "textbox":
                    case "interval":
                        options = List.of(text.split("\\s*,\\s*")[0]);
                        break;
                    default:
                        throw new AssertionError(name + ": template variable $" + var + " has type " + type
                                + "; teach EndToEndPrometheusTest to resolve it");
                }
                if (var.equals("job")) {
                    assertThat(options)
                            .as("%s: $job offers the application's job", name)
                            .contains(JOB);
                }
                // Every value selected, not the dashboards' "All" (allValue .*, which matches anything):
                // the environment, service, job and instance filters must select the scraped series themselves.
                values.put(
                        var,
                        variable.path("multi").asBoolean()
                                        || variable.path("includeAll").asBoolean()
                                ? grafanaRegex(options)
                                : options.get(0));
            }
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    if (!expr.isBlank()) {
                        queries.add(new Query(
                                Kind.DASHBOARD,
                                name + " / " + panel.path("title").asText() + " ["
                                        + target.path("refId").asText() + "]",
                                substitute(expr, values, name)));
                    }
                }
            }
        }

        private List<String> labelValues(String query) {
            return EndToEndPrometheusTest.labelValues(source, query);
        }

        /** The metrics a query reads, recording rules replaced by the metrics they read. */
        Set<String> rawMetrics(String expr) {
            Set<String> raw = new TreeSet<>();
            Matcher labelValues = LABEL_VALUES.matcher(expr);
            String promql = labelValues.matches() ? (labelValues.group(1) == null ? "" : labelValues.group(1)) : expr;
            for (String name : PromQl.metricNames(promql)) {
                if (recorded.containsKey(name)) {
                    recorded.get(name).forEach(source -> raw.addAll(rawMetrics(source)));
                } else {
                    raw.add(name);
                }
            }
            return raw;
        }

        /** Grafana's substitution of {@code $var}, {@code ${var}}, {@code [[var]]} and its built-ins. */
        static String substitute(String expr, Map<String, String> values, String dashboard) {
            Matcher variable = VARIABLE.matcher(expr);
            StringBuilder out = new StringBuilder();
            while (variable.find()) {
                String name = Stream.of(variable.group(1), variable.group(2), variable.group(3))
                        .filter(g -> g != null)
                        .findFirst()
                        .orElseThrow();
                String value = values.containsKey(name) ? values.get(name) : BUILT_INS.get(name);
                if (value == null) {
                    fail(
                            "%s uses $%s, which is neither a template variable nor a built-in the test knows (%s)",
                            dashboard, name, BUILT_INS.keySet());
                }
                variable.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            return variable.appendTail(out).toString();
        }

        /**
         * A multi-value or "All" variable as Grafana's Prometheus data source writes it into a
         * {@code =~"..."} matcher: regex characters escaped for a PromQL string, several values as
         * {@code (a|b)}.
         */
        static String grafanaRegex(List<String> options) {
            List<String> escaped = options.stream()
                    .map(o -> o.replace("\\", "\\\\\\\\").replaceAll("[$^*{}\\[\\]'+?.()|]", "\\\\\\\\$0"))
                    .collect(Collectors.toList());
            return escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
        }

        /**
         * The expression without its final top-level comparison with a number ({@code x > 0.05}
         * gives {@code x}), or null when it does not end with one.
         */
        static String withoutThreshold(String expr) {
            int depth = 0;
            char quote = 0;
            int opStart = -1;
            int opEnd = -1;
            for (int i = 0; i < expr.length(); i++) {
                char c = expr.charAt(i);
                if (quote != 0) {
                    if (c == '\\' && quote != '`') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'' || c == '`') {
                    quote = c;
                } else if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                } else if (depth == 0 && (c == '>' || c == '<' || c == '=' || c == '!')) {
                    boolean twoChars = i + 1 < expr.length() && expr.charAt(i + 1) == '=';
                    if (c == '>' || c == '<' || twoChars) {
                        opStart = i;
                        opEnd = twoChars ? i + 2 : i + 1;
                        i = opEnd - 1;
                    }
                }
            }
            if (opStart < 0) {
                return null;
            }
            String threshold = expr.substring(opEnd).strip();
            if (threshold.startsWith("bool ")) {
                threshold = threshold.substring(5).strip();
            }
            return NUMBER.matcher(threshold).matches()
                    ? expr.substring(0, opStart).strip()
                    : null;
        }
    }

    // ---- the not-served list ------------------------------------------------------------------

    /** {@value #NOT_SERVED_FILE}: metric name to why the example service cannot serve it. */
    /**
     * The skipped queries by the exporter they need: the name after {@code exporter: } in the reason
     * of each metric they read ({@code exporter: postgres_exporter's ...} is postgres_exporter).
     */
    static Map<String, List<String>> withoutExporters(Map<Query, Set<String>> skipped, Map<String, String> notServed) {
        Map<String, List<String>> byExporter = new TreeMap<>();
        skipped.forEach((query, names) -> {
            Set<String> exporters = new TreeSet<>();
            for (String name : names) {
                String reason = notServed.getOrDefault(name, "");
                if (reason.startsWith("exporter: ")) {
                    String exporter = reason.substring("exporter: ".length()).split("[' ;]", 2)[0];
                    exporters.add(exporter);
                }
            }
            exporters.forEach(
                    e -> byExporter.computeIfAbsent(e, k -> new ArrayList<>()).add(query.toString()));
        });
        return byExporter;
    }

    static Map<String, String> notServed() throws IOException {
        Map<String, String> entries = new TreeMap<>();
        int number = 0;
        for (String line : Files.readAllLines(BomTest.ROOT.resolve(NOT_SERVED_FILE))) {
            number++;
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            String[] parts = entry.split("\\s+", 2);
            if (parts.length < 2 || !parts[0].matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
                fail("%s line %d: write '<metric name> <reason>', not: %s", NOT_SERVED_FILE, number, line);
            }
            if (entries.put(parts[0], parts[1]) != null) {
                fail("%s line %d: %s is listed twice", NOT_SERVED_FILE, number, parts[0]);
            }
        }
        return entries;
    }

    // ---- Prometheus -------------------------------------------------------------------------

    /**
     * The temp prometheus.yml: the real global section and application job, every second, on loopback, from
     * {@code metricsPath} ({@code /metrics}; the Spring Boot example's {@code /actuator/prometheus}).
     */
    static void writeConfig(Path dir, String target, String metricsPath) throws IOException {
        Map<String, Object> real = load(DEPLOY.resolve("prometheus/prometheus.yml"));
        Map<String, Object> global = new LinkedHashMap<>(map(real.get("global")));
        global.put("scrape_interval", "1s");
        global.put("scrape_timeout", "1s");
        global.put("evaluation_interval", "1s");
        Map<String, Object> job = list(real.get("scrape_configs")).stream()
                .map(Yamls::map)
                .filter(j -> JOB.equals(j.get("job_name")))
                .findFirst()
                .orElseGet(() -> fail("deploy/prometheus/prometheus.yml has no scrape config with job_name %s", JOB));
        Map<String, Object> scrape = new LinkedHashMap<>(job);
        scrape.put("scrape_interval", "1s");
        scrape.put("scrape_timeout", "1s");
        scrape.put("metrics_path", metricsPath);
        List<Object> statics = new ArrayList<>();
        for (Object config : list(job.get("static_configs"))) {
            Map<String, Object> copy = new LinkedHashMap<>(map(config));
            copy.put("targets", List.of(target));
            statics.add(copy);
        }
        assertThat(statics)
                .as("the %s job's static_configs (the test replaces their targets)", JOB)
                .hasSize(1);
        scrape.put("static_configs", statics);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("global", global);
        config.put("rule_files", real.get("rule_files"));
        config.put("scrape_configs", List.of(scrape));
        dump(config, dir.resolve("prometheus.yml"));

        // The rule files as they are, evaluated every second instead of every 30 s or minute.
        Path rules = Files.createDirectories(dir.resolve("rules"));
        for (Path file : yamlFiles(DEPLOY.resolve("prometheus/rules"))) {
            Map<String, Object> copy = load(file);
            list(copy.get("groups")).forEach(group -> map(group).put("interval", "1s"));
            dump(copy, rules.resolve(file.getFileName()));
        }
    }

    private static JsonNode appTarget() throws Exception {
        return prometheus.target(JOB);
    }

    private static List<JsonNode> loadedRules() throws Exception {
        return prometheus.rules();
    }

    /** The metric names Prometheus holds for the application job: what the service serves (and up). */
    private static Set<String> served() throws Exception {
        Set<String> names = new TreeSet<>();
        api("/api/v1/label/__name__/values?match[]=" + encode("{job=\"" + JOB + "\"}"))
                .forEach(n -> names.add(n.asText()));
        assertThat(names).as("metric names scraped from %s", JOB).contains("up", "process_cpu_usage");
        return names;
    }

    private static String diagnosis(Set<String> unserved) {
        return unserved.isEmpty()
                ? "every metric it reads has series: check its label filters and vector matching"
                : "metrics without series: " + unserved;
    }

    private static Set<String> unserved(Set<String> metrics) throws Exception {
        Set<String> missing = new TreeSet<>(metrics);
        missing.removeAll(served());
        return missing;
    }

    /** Grafana's {@code label_values([selector,] label)} through {@code at}'s label-values API. */
    static List<String> labelValues(LocalPrometheus at, String query) {
        Matcher parts = Deploy.LABEL_VALUES.matcher(query);
        if (!parts.matches()) {
            return fail(
                    "template variable query %s: only label_values(...) is supported; teach EndToEndPrometheusTest",
                    query);
        }
        String path = "/api/v1/label/" + parts.group(2) + "/values"
                + (parts.group(1) == null ? "" : "?match[]=" + encode(parts.group(1)));
        List<String> values = new ArrayList<>();
        try {
            at.api(path).forEach(v -> values.add(v.asText()));
        } catch (Exception e) {
            throw new IllegalStateException(query, e);
        }
        return values;
    }

    /** The result of an instant query at {@code at} as JSON text, or "error: ..." when Prometheus rejects it. */
    static String resultOf(LocalPrometheus at, String expr) throws Exception {
        HttpResponse<String> response = at.send("/api/v1/query?query=" + encode(expr));
        JsonNode body = JSON.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            return "error: " + body.path("errorType").asText() + ": "
                    + body.path("error").asText();
        }
        // A vector or matrix is empty as "[]"; a scalar or string is never empty.
        return body.path("data").path("result").toString();
    }

    private static double scalar(String expr) throws Exception {
        return prometheus.scalar(expr);
    }

    private static JsonNode api(String pathAndQuery) throws Exception {
        return prometheus.api(pathAndQuery);
    }

    /** Polls {@code condition}; fails with Prometheus's log when it does not hold by {@code deadline}. */
    private static void await(String what, long deadline, LoopbackProcess.Condition condition) throws Exception {
        prometheus.await(what, deadline, condition);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
