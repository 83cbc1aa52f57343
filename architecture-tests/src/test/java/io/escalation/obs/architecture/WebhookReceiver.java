package io.escalation.obs.architecture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for PagerDuty's Events API v2 ({@value #PAGERDUTY}) and a Slack incoming webhook
 * ({@value #SLACK}) on a loopback port, for an Alertmanager whose receivers were pointed here. It
 * records each notification as it arrives: when, at which receiver, which alert and its severity,
 * and whether it fires or resolves.
 *
 * <p>Neither payload names the alert outright the way Alertmanager's labels do: a page carries the
 * {@code summary} annotation (the receiver's {@code description:}), a Slack message its title
 * ({@code [FIRING] <alertname> (<service>)}). {@code alertOfSummary} turns a summary back into the
 * alert whose rule declares it.
 */
final class WebhookReceiver implements AutoCloseable {

    static final String PAGERDUTY = "/pagerduty/v2/enqueue";
    static final String SLACK = "/slack/webhook";
    private static final Pattern SLACK_TITLE = Pattern.compile("\\[(FIRING|RESOLVED)[^\\]]*] (\\S+) .*");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One notification.
     *
     * @param receiver {@value #PAGERDUTY} or {@value #SLACK}
     * @param arrivedNanos {@link System#nanoTime()} on arrival
     * @param alert the alert's name, as far as the payload tells
     * @param severity PagerDuty's {@code payload.severity}; for Slack, the alert rule's severity label
     * @param firing false for a resolved notification
     */
    record Notification(
            String receiver,
            Instant arrived,
            long arrivedNanos,
            String alert,
            String severity,
            boolean firing,
            String body) {

        @Override
        public String toString() {
            return arrived + " " + receiver + " " + alert + " severity=" + severity
                    + (firing ? " firing" : " resolved");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Function<String, String> alertOfSummary;
    private final Map<String, String> severityOfAlert;
    private final List<Notification> received = new CopyOnWriteArrayList<>();

    private WebhookReceiver(
            HttpServer server,
            ExecutorService executor,
            Function<String, String> alertOfSummary,
            Map<String, String> severityOfAlert) {
        this.server = server;
        this.executor = executor;
        this.alertOfSummary = alertOfSummary;
        this.severityOfAlert = severityOfAlert;
    }

    /**
     * Starts on a free loopback port.
     *
     * @param alertOfSummary the alert name of a page's summary
     * @param severityOfAlert each alert's severity label, for Slack messages
     */
    static WebhookReceiver start(Function<String, String> alertOfSummary, Map<String, String> severityOfAlert)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        });
        WebhookReceiver receiver = new WebhookReceiver(server, executor, alertOfSummary, severityOfAlert);
        server.createContext(PAGERDUTY, receiver::pagerDuty);
        server.createContext(SLACK, receiver::slack);
        server.setExecutor(executor);
        server.start();
        return receiver;
    }

    /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every notification so far, in order of arrival. */
    List<Notification> received() {
        return List.copyOf(received);
    }

    /** The first notification matching {@code which}, or null. */
    Notification first(Predicate<Notification> which) {
        return received.stream().filter(which).findFirst().orElse(null);
    }

    private void pagerDuty(HttpExchange exchange) throws IOException {
        try (exchange) {
            long nanos = System.nanoTime();
            Instant at = Instant.now();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode event = JSON.readTree(body);
            String summary = event.path("payload").path("summary").asText();
            received.add(new Notification(
                    PAGERDUTY,
                    at,
                    nanos,
                    alertOfSummary.apply(summary),
                    event.path("payload").path("severity").asText(),
                    !"resolve".equals(event.path("event_action").asText()),
                    body));
            reply(exchange, 202, "{\"status\":\"success\",\"message\":\"Event processed\"}");
        }
    }

    private void slack(HttpExchange exchange) throws IOException {
        try (exchange) {
            long nanos = System.nanoTime();
            Instant at = Instant.now();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String title = JSON.readTree(body)
                    .path("attachments")
                    .path(0)
                    .path("title")
                    .asText();
            Matcher matcher = SLACK_TITLE.matcher(title);
            boolean parsed = matcher.matches();
            String alert = parsed ? matcher.group(2) : "(title: " + title + ")";
            received.add(new Notification(
                    SLACK,
                    at,
                    nanos,
                    alert,
                    severityOfAlert.getOrDefault(alert, "?"),
                    !parsed || matcher.group(1).equals("FIRING"),
                    body));
            reply(exchange, 200, "ok");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
