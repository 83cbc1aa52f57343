package io.escalation.obs.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The whole service over real loopback HTTP: seeded traffic, every module's series, the JSON logs. */
class TrafficTest {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Series that only requests move (not health checks or periodic jobs), without their timings. */
    private static final Pattern REQUEST_DRIVEN = Pattern.compile("^(http_requests_total|http_errors_total"
            + "|http_client_requests_total|db_queries_total|db_slow_queries_total|db_deadlocks_total"
            + "|payments_\\w+_total|customers_\\w+_total|campaigns_finished_total|tasks_finished_total"
            + "|agent_tasks_completed_total|llm_requests_total|llm_tokens_used_total|llm_fallback_total"
            + "|llm_retries_total|embeddings_cache_\\w+_total|app_errors_total|auth_login_attempts_total"
            + "|rate_limit_\\w+_total|authz_\\w+_total|security_suspicious_activity_total|tcpa_checks_total"
            + "|tcpa_violations_prevented_total|tcpa_opt_outs_total)\\{.*");
    /** The periodic jobs' queries (count_campaigns, count_tasks): they run by the clock, not by request. */
    private static final String PERIODIC_QUERIES = "query=\"count_";

    @Test
    void theSameSeedGivesTheSameTrafficAndOutcomes() throws Exception {
        List<String> first = run(150, 7);
        List<String> second = run(150, 7);
        assertThat(first).isEqualTo(second);
        assertThat(String.join("\n", first))
                .contains("endpoint=\"/api/v1/tasks/{id}/run\"", "payments_collected_total", "llm_requests_total");
        assertThat(run(150, 8)).isNotEqualTo(first);
    }

    @Test
    void metricsCarrySeriesOfEveryModuleAndLogsAreMaskedJson() throws Exception {
        Instant started = Instant.now();
        try (ExampleService service = ExampleService.startForRequests(250, 42)) {
            assertThat(service.awaitTraffic(Duration.ofSeconds(60))).isTrue();
            String metrics = awaitAllRecorded(service);
            String env = "environment=\"development\"";
            String svc = "service=\"client-escalation-calls\"";
            assertThat(metrics)
                    .contains(
                            // obs-core
                            "queue_depth{" + env + ",queue=\"tasks\"," + svc + "}",
                            // obs-http: inbound with route templates, outbound by peer
                            "http_requests_total{endpoint=\"/api/v1/payments\"," + env + ",method=\"POST\"," + svc
                                    + ",status=\"201\"}",
                            "http_requests_total{endpoint=\"NOT_FOUND\"," + env + ",method=\"GET\"," + svc
                                    + ",status=\"404\"}",
                            "http_client_requests_total{" + env + ",method=\"POST\",peer=\"stripe\"," + svc
                                    + ",status=\"402\"}",
                            // obs-db
                            "db_queries_total{" + env + ",query=\"insert_task\"," + svc + ",status=\"success\"}",
                            "db_connections_active{" + env + ",pool=\"main\"," + svc + "}",
                            "redis_commands_total{command=\"GET\"," + env + "," + svc + "}",
                            // obs-business
                            "customers_contacted_total{channel=\"sms\"," + env + "," + svc + "}",
                            "campaigns{" + env + "," + svc + ",status=\"active\"}",
                            // obs-llm
                            "llm_requests_total{" + env + ",model=\"gpt-4o-mini\",provider=\"openai\"," + svc
                                    + ",status=\"success\"}",
                            "llm_budget_utilization_ratio{",
                            // obs-memory-rag
                            "embeddings_cache_hits_total{" + env + "," + svc + "}",
                            "qdrant_search_duration_seconds_bucket{",
                            "rag_retrieval_duration_seconds_count{",
                            // obs-security: the early burst of failed logins, throttled
                            "auth_login_attempts_total{" + env + "," + svc + ",status=\"failed\"}",
                            "rate_limit_violations_total{endpoint=\"/api/v1/auth/login\"," + env + "," + svc + "} 1.0",
                            "security_suspicious_activity_total{" + env + "," + svc + ",type=\"brute_force\"} 1.0",
                            // obs-tcpa
                            "tcpa_checks_total{channel=\"sms\"," + env + ",result=\"allowed\"," + svc + "}",
                            // obs-logging: the async appenders' drop counters
                            "logging_events_dropped_total{");
            assertThat(metrics)
                    .containsPattern("payments_collected_amount_usd_total\\{" + env + "," + svc + "} [1-9]\\d*\\.\\d+");
            assertThat(metrics)
                    .containsPattern("llm_cost_usd_total\\{" + env + ",model=\"gpt-4o\",provider=\"openai\"," + svc
                            + "} 0\\.0*[1-9]");
            assertThat(metrics).doesNotContain("@example.com", "+1555", "c-1\"", "t-1\"");
        }

        Path combined = Path.of("target/test-logs/combined.log");
        List<JsonNode> lines = jsonLinesSince(combined, started);
        List<JsonNode> payments = lines.stream()
                .filter(l -> l.path("message").asText().startsWith("payment collected"))
                .collect(Collectors.toList());
        assertThat(payments).isNotEmpty().allSatisfy(l -> {
            assertThat(l.path("customer").asText()).isEqualTo("[EMAIL]");
            assertThat(l.path("service").asText()).isEqualTo("client-escalation-calls");
            assertThat(l.path("category").asText()).isEqualTo("business");
            assertThat(l.path("request_id").asText()).matches("[a-z]{24}");
            assertThat(l.path("trace_id").asText()).matches("[0-9a-f]{32}");
        });
        assertThat(lines)
                .anySatisfy(l -> assertThat(l.path("message").asText())
                        .matches("contacted \\[(PHONE|EMAIL)] by (sms|email|phone)"));
        assertThat(Files.readString(combined)).doesNotContain("@example.com", "+1555");

        // the TCPA decisions: every contact checked, the consumer only as a keyed hash
        Path tcpaLog = Path.of("target/test-logs/audit-tcpa.log");
        List<JsonNode> tcpa = jsonLinesSince(tcpaLog, started);
        assertThat(tcpa).allSatisfy(event -> {
            assertThat(event.path("service").asText()).isEqualTo("client-escalation-calls"); // once: strict parser
            assertThat(event.path("consumer_id_hash").asText()).matches("[0-9a-f]{64}");
        });
        assertThat(tcpa).anySatisfy(event -> {
            assertThat(event.path("event").asText()).isEqualTo("tcpa_check");
            assertThat(event.path("decision").asText()).isIn("allowed", "blocked");
        });
        assertThat(Files.readString(tcpaLog)).doesNotContain("@example.com", "+1555");
    }

    /**
     * {@code --faults none}: the same traffic without a single deliberate fault. 400 requests cross
     * the demo's early failed-login burst (at request 20), and would meet most of its other faults
     * at least once. What each of the shipped alerts reads stays at zero.
     */
    @Test
    void withoutFaultsEveryRequestSucceedsAndNoAlertHasAReason() throws Exception {
        String metrics;
        long sent;
        try (ExampleService service = ExampleService.startForRequests(400, 42, FaultSwitch.Mode.NONE)) {
            assertThat(service.awaitTraffic(Duration.ofSeconds(90))).isTrue();
            metrics = awaitAllRecorded(service);
            sent = service.requestsSent();
        }
        assertThat(sum(metrics, "http_requests_total\\{.*status=\"2\\d\\d\"}"))
                .as("requests answered 2xx")
                .isEqualTo(sent);
        assertThat(sum(metrics, "http_client_requests_total\\{.*status=\"2\\d\\d\"}"))
                .as("calls to the external APIs answered 2xx")
                .isPositive()
                .isEqualTo(sum(metrics, "http_client_requests_total\\{.*"));
        assertThat(sum(metrics, "tcpa_checks_total\\{.*result=\"allowed\".*")).isPositive();
        assertThat(sum(metrics, "payments_collected_total\\{.*")).isPositive();
        for (String fault : List.of(
                "http_requests_total\\{.*status=\"[345]\\d\\d\"}",
                "http_errors_total\\{.*",
                "http_client_requests_total\\{.*status=\"[345]\\d\\d\"}",
                "db_queries_total\\{.*status=\"error\"}",
                "db_slow_queries_total\\{.*",
                "db_deadlocks_total\\{.*",
                "redis_command_errors_total\\{.*",
                "llm_requests_total\\{.*status=\"error\"}",
                "llm_retry_total\\{.*",
                "llm_fallback_total\\{.*",
                "payments_failed_total\\{.*",
                "app_errors_total\\{.*",
                "auth_login_attempts_total\\{.*status=\"failed\"}",
                "auth_account_lockouts_total\\{.*",
                "rate_limit_violations_total\\{.*",
                "authz_permission_checks_total\\{.*result=\"denied\".*",
                "authz_permission_violations_total\\{.*",
                "rate_limit_blocks_total\\{.*",
                "tcpa_frequency_limit_hits_total\\{.*",
                "tcpa_opt_out_requests_pending\\{.*",
                "security_suspicious_activity_total\\{.*",
                "security_blocked_requests_total\\{.*",
                "security_audit_events_total\\{.*outcome=\"(?!recorded).*",
                "tcpa_checks_total\\{.*result=\"blocked\".*",
                "tcpa_violations_prevented_total\\{.*",
                "tcpa_opt_outs_total\\{.*",
                "tcpa_audit_events_total\\{.*outcome=\"(?!recorded).*",
                "llm_unpriced_requests_total\\{.*")) {
            assertThat(sum(metrics, fault)).as("%s with --faults none", fault).isZero();
        }
        // every draft on gpt-4.1-nano: the demo's pace on gpt-4o would cross HighLLMCost's $10 an hour
        assertThat(sum(metrics, "llm_cost_usd_total\\{.*model=\"gpt-4\\.1-nano\".*"))
                .isPositive();
        assertThat(sum(metrics, "llm_cost_usd_total\\{.*model=\"(?!gpt-4\\.1-nano\").*"))
                .as("LLM spend on other models with --faults none")
                .isZero();
    }

    /** The sum of the values of the scrape's lines matching {@code series} (a regex of the line up to its value). */
    private static double sum(String metrics, String series) {
        Pattern line = Pattern.compile("^" + series + " (\\S+)$");
        return metrics.lines()
                .map(line::matcher)
                .filter(java.util.regex.Matcher::matches)
                .mapToDouble(m -> Double.parseDouble(m.group(1)))
                .sum();
    }

    /** The lines of {@code log} written after {@code since}, each one JSON object whose keys are unique. */
    private static List<JsonNode> jsonLinesSince(Path log, Instant since) throws IOException {
        ObjectMapper lenient = new ObjectMapper();
        ObjectMapper strict = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            JsonNode parsed;
            try {
                parsed = lenient.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
            if (Instant.parse(parsed.path("@timestamp").asText()).isAfter(since)) {
                try {
                    lines.add(strict.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not a JSON object with unique keys: " + line, e);
                }
            }
        }
        return lines;
    }

    private static List<String> run(long requests, long seed) throws Exception {
        try (ExampleService service = ExampleService.startForRequests(requests, seed)) {
            assertThat(service.awaitTraffic(Duration.ofSeconds(60))).isTrue();
            return awaitAllRecorded(service)
                    .lines()
                    .filter(l -> REQUEST_DRIVEN.matcher(l).matches())
                    .filter(l -> !l.contains(PERIODIC_QUERIES))
                    .collect(Collectors.toList());
        }
    }

    /** The scrape once every request sent is in http_requests_total (the filter records after replying). */
    private static String awaitAllRecorded(ExampleService service) throws Exception {
        String metrics = "";
        for (int attempt = 0; attempt < 50; attempt++) {
            metrics = CLIENT.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            double recorded = metrics.lines()
                    .filter(l -> l.startsWith("http_requests_total{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
            if (recorded >= service.requestsSent() && service.requestsSent() > 0) {
                return metrics;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("http_requests_total never reached " + service.requestsSent() + ":\n" + metrics);
    }
}
