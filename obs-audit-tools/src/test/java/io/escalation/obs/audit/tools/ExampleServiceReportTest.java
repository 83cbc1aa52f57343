package io.escalation.obs.audit.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import io.escalation.obs.examples.ExampleService;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The report of a run of the example service (15 s of its seeded traffic, seed 42, with a chain key,
 * through the shipped logback include) agrees with the metrics the same run exposes: contacts,
 * blocks by reason, frequency-limit refusals, opt-outs, login failures, lockouts, brute force and
 * denied permissions.
 */
class ExampleServiceReportTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)} (\\S+)$");

    @TempDir
    static Path dir;

    private static String metrics = "";
    private static String output = "";
    private static int status;
    private static Path out;

    @BeforeAll
    static void runTheExampleAndReport() throws Exception {
        String key = newKey();
        Path logs = dir.resolve("logs");
        Path config = dir.resolve("logback.xml");
        Files.writeString(
                config,
                "<configuration>\n"
                        + "  <property name=\"OBS_LOG_DIR\" value=\"" + logs + "\"/>\n"
                        + "  <property name=\"OBS_AUDIT_CHAIN_KEY\" value=\"" + key + "\"/>\n"
                        + "  <include resource=\"io/escalation/obs/logging/obs-logback.xml\"/>\n"
                        + "  <logger name=\"obs.audit.tcpa\" additivity=\"false\"/>\n"
                        + "  <logger name=\"obs.audit.security\" additivity=\"false\"/>\n"
                        + "  <root level=\"WARN\"/>\n"
                        + "</configuration>\n");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(config.toFile());
        try (ExampleService service = ExampleService.start("127.0.0.1", 0, Duration.ofSeconds(15), 42)) {
            assertThat(service.awaitTraffic(Duration.ofSeconds(40))).isTrue();
            metrics = settledScrape(service.port());
        } finally {
            context.stop();
        }
        out = dir.resolve("report");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        long started = System.nanoTime();
        status = AuditTool.run(
                new String[] {"report", "--out", out.toString(), logs.toString()},
                Map.of("OBS_AUDIT_CHAIN_KEY", key),
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(OutputStream.nullOutputStream()));
        output = stdout.toString(StandardCharsets.UTF_8);
        System.out.printf(
                "ExampleServiceReportTest: report of %d tcpa checks written in %d ms: %s",
                (long) sum("tcpa_checks_total", Map.of()), (System.nanoTime() - started) / 1_000_000, output);
    }

    @Test
    void theTrailVerifiesAndOnlyEmailsFellOutsideTheCallingWindow() throws Exception {
        assertThat(Files.readString(out.resolve("trail.csv"))).contains(",true,0,");
        assertThat(output).contains("trail verified");
        List<List<String>> outside = csv("outside-window.csv");
        assertThat(outside)
                .as("the example exempts e-mail from the calling window, and no other channel")
                .allSatisfy(row -> assertThat(row.get(1)).isEqualTo("email"));
        for (List<String> row : csv("contacts-by-hour.csv")) {
            if (row.get(row.size() - 1).equals("no")) {
                List<String> header = csvHeader("contacts-by-hour.csv");
                assertThat(row.get(header.indexOf("phone")))
                        .as("phone contacts at %s h", row.get(0))
                        .isEqualTo("0");
                assertThat(row.get(header.indexOf("sms")))
                        .as("sms contacts at %s h", row.get(0))
                        .isEqualTo("0");
            }
        }
        assertThat(status)
                .as("exit status: 1 only for e-mails outside the window")
                .isEqualTo(outside.isEmpty() ? 0 : 1);
        assertThat(output)
                .contains("trail verified, " + outside.size() + " contact(s) outside the calling window, 0 after"
                        + " an opt-out's deadline");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg id=\"chart-hours\"");
    }

    @Test
    void contactsAndBlocksByReasonEqualTheChecksCountedInTheMetrics() throws Exception {
        Map<String, Long> allowed = new TreeMap<>();
        Map<String, Long> blocked = new TreeMap<>();
        for (List<String> row : csv("decisions.csv")) {
            (row.get(1).equals("allowed") ? allowed : blocked).merge(row.get(0), Long.parseLong(row.get(3)), Long::sum);
        }
        for (String channel : List.of("phone", "sms", "email")) {
            assertThat(allowed.getOrDefault(channel, 0L))
                    .as("allowed %s", channel)
                    .isEqualTo((long) sum("tcpa_checks_total", Map.of("channel", channel, "result", "allowed")));
            assertThat(blocked.getOrDefault(channel, 0L))
                    .as("blocked %s", channel)
                    .isEqualTo((long) sum("tcpa_checks_total", Map.of("channel", channel, "result", "blocked")));
        }
        assertThat(allowed.values().stream().mapToLong(Long::longValue).sum()).isPositive();

        Map<String, Long> byReason = csv("blocked.csv").stream()
                .collect(Collectors.toMap(row -> row.get(0), row -> Long.parseLong(row.get(2))));
        Map<String, Long> prevented = new TreeMap<>();
        for (String reason : List.of(
                "time_restriction", "frequency_limit", "opt_out", "do_not_call", "no_consent", "audit_unavailable")) {
            long count = (long) sum("tcpa_violations_prevented_total", Map.of("reason", reason));
            if (count > 0) {
                prevented.put(reason, count);
            }
        }
        assertThat(byReason).isEqualTo(prevented).containsKey("time_restriction");

        long refusals = csv("frequency-limit.csv").stream()
                .mapToLong(row -> Long.parseLong(row.get(1)))
                .sum();
        assertThat(refusals)
                .isEqualTo(byReason.getOrDefault("frequency_limit", 0L))
                .isEqualTo((long) sum("tcpa_frequency_limit_hits_total", Map.of()));
        assertThat(csv("calls-in-7-days.csv"))
                .as("the example refuses the 8th call")
                .allSatisfy(row -> assertThat(row.get(3)).isEqualTo("reached"));
    }

    @Test
    void optOutsAndSecurityEventsEqualTheirMetrics() throws Exception {
        List<List<String>> optOuts = csv("opt-outs.csv");
        assertThat(optOuts)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.get(7)).isEqualTo("in time"));
        for (String channel : List.of("phone", "sms", "email")) {
            assertThat(optOuts.stream()
                            .filter(row -> row.get(1).equals(channel))
                            .count())
                    .as("opt-outs on %s", channel)
                    .isEqualTo((long) sum("tcpa_opt_outs_total", Map.of("channel", channel)));
        }

        Map<String, Long> events = new TreeMap<>();
        for (List<String> row : csv("security-events.csv")) {
            events.merge(
                    row.get(0) + (row.get(1).isEmpty() ? "" : " " + row.get(1)), Long.parseLong(row.get(2)), Long::sum);
        }
        assertThat(events.get("auth_login_failed")).isPositive().isEqualTo((long)
                sum("auth_login_attempts_total", Map.of("status", "failed")));
        long locked = events.getOrDefault("auth_account_locked", 0L);
        assertThat(locked).isEqualTo((long) sum("auth_account_lockouts_total", Map.of()));
        assertThat((long) csv("lockouts.csv").size()).isEqualTo(locked);
        for (String type : List.of("brute_force", "sql_injection", "xss")) {
            assertThat(events.getOrDefault("security_suspicious_activity " + type, 0L))
                    .as(type)
                    .isEqualTo((long) sum("security_suspicious_activity_total", Map.of("type", type)));
        }
        assertThat((long) csv("brute-force.csv").size()).isPositive().isEqualTo((long)
                sum("security_suspicious_activity_total", Map.of("type", "brute_force")));
        long denied = csv("permission-denied.csv").stream()
                .mapToLong(row -> Long.parseLong(row.get(2)))
                .sum();
        assertThat(denied).isEqualTo((long) sum("authz_permission_violations_total", Map.of()));
        assertThat(String.join("\n", Files.readAllLines(out.resolve("report.md"))))
                .doesNotContainPattern("@example\\.com|\\+1555|c-\\d+\\b");
    }

    /** The scrape once the TCPA and security series stop moving (requests still in flight are done). */
    private static String settledScrape(int port) throws Exception {
        String last = "";
        for (int attempt = 0; attempt < 50; attempt++) {
            String scrape = HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            String counted = scrape.lines()
                    .filter(l -> l.matches("^(tcpa|auth|authz|security)_\\w+\\{.*"))
                    .collect(Collectors.joining("\n"));
            if (counted.equals(last)) {
                return scrape;
            }
            last = counted;
            Thread.sleep(300);
        }
        throw new AssertionError("the TCPA and security series never settled");
    }

    /** The sum of {@code name}'s samples whose labels include {@code labels}. */
    private static double sum(String name, Map<String, String> labels) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches()
                    && sample.group(1).equals(name)
                    && labels.entrySet().stream()
                            .allMatch(e -> sample.group(2).contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
                total += Double.parseDouble(sample.group(3));
            }
        }
        return total;
    }

    private static List<String> csvHeader(String file) throws Exception {
        return List.of(Files.readAllLines(out.resolve(file)).get(0).split(",", -1));
    }

    /** The rows of a CSV file the report wrote, without its header (no cell of these files holds a comma). */
    private static List<List<String>> csv(String file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(out.resolve(file));
        for (String line : lines.subList(1, lines.size())) {
            rows.add(List.of(line.split(",", -1)));
        }
        return rows;
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
