package io.escalation.obs.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.escalation.obs.business.AgentMetrics;
import io.escalation.obs.business.AgentType;
import io.escalation.obs.business.BusinessSpans;
import io.escalation.obs.business.CampaignMetrics;
import io.escalation.obs.business.CampaignOutcome;
import io.escalation.obs.business.CampaignStatus;
import io.escalation.obs.business.Channel;
import io.escalation.obs.business.ContactMetrics;
import io.escalation.obs.business.PaymentMetrics;
import io.escalation.obs.business.PaymentSpan;
import io.escalation.obs.business.PaymentStatus;
import io.escalation.obs.business.TaskStatus;
import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.ErrorSeverity;
import io.escalation.obs.db.DbMetrics;
import io.escalation.obs.errors.ErrorContext;
import io.escalation.obs.errors.ErrorReporter;
import io.escalation.obs.http.Peer;
import io.escalation.obs.http.Router;
import io.escalation.obs.logging.LogCategory;
import io.escalation.obs.tcpa.TcpaReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The service's own HTTP API, behind obs-http's {@code HttpServerFilter}:
 *
 * <pre>
 * GET  /api/v1/campaigns                 list campaigns
 * POST /api/v1/campaigns                 create a campaign                      201
 * GET  /api/v1/campaigns/{id}            one campaign                           200, 404
 * POST /api/v1/campaigns/{id}/tasks      queue a contact (channel, to)          201
 * POST /api/v1/campaigns/{id}/finish     end a campaign                         200
 * POST /api/v1/tasks/{id}/run            an agent works the task: memory, RAG, LLM, Twilio or SendGrid
 * POST /api/v1/payments                  collect (Stripe) or record a promise   201, 202, 402
 * POST /api/v1/auth/login                log in (user, password)                200, 401, 423, 429
 * POST /api/v1/auth/logout               log out                                204
 * </pre>
 *
 * <p>Security and compliance go through {@link Compliance}: a campaign is finished by a
 * supervisor only (403 otherwise), input that looks like an injection is refused (400), and every
 * contact passes the TCPA check first (409 when it is blocked); a customer may answer STOP.
 *
 * <p>During an error burst ({@link FaultSwitch}) the share of requests it sets answers 500 at once.
 *
 * <p>Failures answer as a service would: a database error (such as a pool timeout) 500, an external API that
 * fails 502, no LLM available 503. Each is counted in {@code app_errors_total}, logged (masked
 * JSON) and sent to Sentry when a DSN is configured.
 */
final class AppApi implements HttpHandler {

    static final String[] ROUTES = {
        "/api/v1/campaigns",
        "/api/v1/campaigns/{id}",
        "/api/v1/campaigns/{id}/tasks",
        "/api/v1/campaigns/{id}/finish",
        "/api/v1/tasks/{id}/run",
        "/api/v1/payments",
        Compliance.LOGIN,
        "/api/v1/auth/logout",
    };

    private static final Logger business = LogCategory.BUSINESS.logger();
    private static final Logger agentLog = LogCategory.AGENT.logger();
    private static final Logger errorLog = LogCategory.ERRORS.logger();

    /** What the handlers use. */
    static final class Parts {
        Random random;
        Router router;
        Backend backend;
        Assistant assistant;
        CampaignMetrics campaigns;
        ContactMetrics contacts;
        PaymentMetrics payments;
        BusinessSpans spans;
        AgentMetrics agents;
        AppErrors errors;
        ErrorReporter reporter;
        HttpClient client;
        Peer twilio;
        Peer sendgrid;
        Peer stripe;
        ExternalApis apis;
        Compliance compliance;
        FaultSwitch faults;
    }

    private final Parts p;
    private final AtomicLong paymentIds = new AtomicLong();

    AppApi(Parts parts) {
        this.p = parts;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readNBytes(16_384), StandardCharsets.UTF_8);
            }
            Reply reply = answer(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI(),
                    body,
                    name -> exchange.getRequestHeaders().getFirst(name));
            send(exchange, reply.status, reply.body);
        }
    }

    /**
     * Answers one request, whichever server received it: this handler, or the Spring Boot example's controller.
     *
     * @param uri the request's URI: its raw path picks the route, its raw query and {@code body} the form
     * @param header a request header by name, null when absent
     */
    Reply answer(String method, URI uri, String body, Function<String, @Nullable String> header) {
        String[] path = uri.getPath().split("/");
        Map<String, String> form = form(uri.getRawQuery(), body);
        form.put(CLIENT_IP, header(header, "X-Forwarded-For", "198.51.100.10"));
        form.put(USER, header(header, "X-User", "anonymous"));
        form.put(ROLE, header(header, "X-User-Role", "agent"));
        String endpoint = p.router.match(uri.getRawPath()).endpoint();
        if (p.faults.injectHttpError()) { // an error burst (FaultSwitch): counted by the filter as any 500
            return new Reply(500, "{\"error\":\"injected fault\"}");
        }
        try {
            return route(endpoint, method, path, form);
        } catch (SQLException e) {
            fail("DatabaseError", DbMetrics.isDeadlock(e) ? ErrorSeverity.CRITICAL : ErrorSeverity.ERROR, e, form);
            return new Reply(500, "{\"error\":\"database\"}");
        } catch (Assistant.LlmUnavailable e) {
            fail("LlmUnavailableError", ErrorSeverity.ERROR, e, form);
            return new Reply(503, "{\"error\":\"llm unavailable\"}");
        } catch (ExternalApiError e) {
            fail(e.type, ErrorSeverity.ERROR, e, form);
            return new Reply(502, "{\"error\":\"" + e.type + "\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(503, "{\"error\":\"shutting down\"}");
        }
    }

    /** A status and a JSON body. */
    record Reply(int status, String body) {}

    /** Request facts the handlers read from the form map, under names no form field can have. */
    private static final String CLIENT_IP = " client_ip";

    private static final String USER = " user";
    private static final String ROLE = " role";

    private static String header(Function<String, @Nullable String> headers, String name, String absent) {
        String value = headers.apply(name);
        return value == null || value.isBlank() ? absent : value.strip();
    }

    private Reply route(String endpoint, String method, String[] path, Map<String, String> form)
            throws SQLException, Assistant.LlmUnavailable, ExternalApiError, InterruptedException {
        switch (method + " " + endpoint) {
            case "GET /api/v1/campaigns":
                if (p.compliance.malicious(form.get("status"), form.get(CLIENT_IP))) {
                    p.errors.record("ValidationError", ErrorSeverity.WARNING);
                    return new Reply(400, "{\"error\":\"status\"}");
                }
                return new Reply(200, "{\"campaigns\":" + p.backend.campaigns().size() + "}");
            case "POST /api/v1/campaigns":
                Backend.Campaign created = p.backend.createCampaign();
                business.atInfo().addKeyValue("campaignId", created.id).log("campaign created");
                return new Reply(201, "{\"id\":\"" + created.id + "\"}");
            case "GET /api/v1/campaigns/{id}":
                Backend.Campaign found = p.backend.campaign(path[4]);
                return found == null
                        ? notFound()
                        : new Reply(
                                200,
                                "{\"id\":\"" + found.id + "\",\"status\":\""
                                        + found.status.name().toLowerCase(Locale.ROOT) + "\"}");
            case "POST /api/v1/campaigns/{id}/tasks":
                return queueTask(path[4], form);
            case "POST /api/v1/campaigns/{id}/finish":
                if (!p.compliance.mayFinishCampaigns(form.get(ROLE), form.get(USER), form.get(CLIENT_IP))) {
                    return new Reply(403, "{\"error\":\"forbidden\"}");
                }
                return finish(path[4]);
            case "POST " + Compliance.LOGIN:
                int status = p.compliance.login(
                        form.getOrDefault("user", ""), form.getOrDefault("password", ""), form.get(CLIENT_IP));
                return new Reply(status, status == 200 ? "{\"token\":\"opaque\"}" : "{\"error\":\"login\"}");
            case "POST /api/v1/auth/logout":
                p.compliance.logout();
                return new Reply(204, "");
            case "POST /api/v1/tasks/{id}/run":
                return run(path[4]);
            case "POST /api/v1/payments":
                return pay(form);
            default:
                return endpoint.startsWith("/") ? new Reply(405, "{\"error\":\"method not allowed\"}") : notFound();
        }
    }

    private Reply queueTask(String campaignId, Map<String, String> form) throws SQLException {
        Backend.Campaign campaign = p.backend.campaign(campaignId);
        if (campaign == null || campaign.status != CampaignStatus.ACTIVE) {
            return notFound();
        }
        Channel channel;
        try {
            channel = Channel.valueOf(form.getOrDefault("channel", "sms").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            p.errors.record("ValidationError", ErrorSeverity.WARNING);
            return new Reply(400, "{\"error\":\"channel\"}");
        }
        Backend.Task task = p.backend.createTask(campaign, channel, form.getOrDefault("to", ""));
        return new Reply(201, "{\"id\":\"" + task.id + "\"}");
    }

    private Reply run(String taskId)
            throws SQLException, Assistant.LlmUnavailable, ExternalApiError, InterruptedException {
        Backend.Task task = p.backend.task(taskId);
        if (task == null || task.status != TaskStatus.PENDING) {
            return notFound();
        }
        AgentType agent = AgentType.valueOf(task.channel.name());
        String agentId = agent.label() + "-agent"; // one AI agent instance per channel
        long started = p.agents.taskStarted(agentId, agent);
        CampaignOutcome outcome = CampaignOutcome.FAILURE;
        try {
            p.backend.updateTask(task, TaskStatus.IN_PROGRESS);
            TcpaReason blocked = p.compliance.check(task.channel, task.contact);
            if (blocked != null) {
                outcome = CampaignOutcome.CANCELLED;
                p.backend.updateTask(task, TaskStatus.FAILED);
                return new Reply(409, "{\"blocked\":\"" + blocked.label() + "\"}");
            }
            p.assistant.draft(task);
            deliver(task);
            p.contacts.contacted(task.channel);
            boolean responded = draw(100) < (task.channel == Channel.PHONE ? 45 : 25);
            if (responded) {
                p.contacts.responded(task.channel);
                if (draw(100) < 8 && p.faults.demo()) { // the answer is STOP
                    p.compliance.optOut(task.channel, task.contact);
                }
            }
            outcome = draw(100) < 85 ? CampaignOutcome.SUCCESS : CampaignOutcome.FAILURE;
            p.backend.completeTask(task, outcome == CampaignOutcome.SUCCESS);
            agentLog.atInfo()
                    .addKeyValue("campaignId", task.campaignId)
                    .addKeyValue("agentType", agent.label())
                    .addKeyValue("outcome", outcome.label())
                    .log("contacted {} by {}", task.contact, task.channel.label());
            return new Reply(200, "{\"outcome\":\"" + outcome.label() + "\",\"responded\":" + responded + "}");
        } finally {
            p.agents.taskFinished(agentId, agent, outcome, started);
            p.campaigns.taskFinished(outcome);
            if (outcome == CampaignOutcome.FAILURE && task.status == TaskStatus.IN_PROGRESS) {
                p.backend.abandon(task);
            }
        }
    }

    /** Sends the message through Twilio (SMS, call) or SendGrid (email). */
    private void deliver(Backend.Task task) throws ExternalApiError, InterruptedException {
        boolean email = task.channel == Channel.EMAIL;
        Peer peer = email ? p.sendgrid : p.twilio;
        String url = email
                ? p.apis.url("sendgrid") + "/v3/mail/send"
                : p.apis.url("twilio")
                        + (task.channel == Channel.PHONE ? "/2010-04-01/Calls.json" : "/2010-04-01/Messages.json");
        int status = post(peer, url);
        if (status >= 400) {
            throw new ExternalApiError(
                    email ? "SendGridApiError" : "TwilioApiError", peer.name() + " answered " + status);
        }
    }

    private Reply finish(String campaignId) throws SQLException {
        Backend.Campaign campaign = p.backend.campaign(campaignId);
        if (campaign == null || campaign.status != CampaignStatus.ACTIVE) {
            return notFound();
        }
        int ok = campaign.succeeded;
        int failed = campaign.failed;
        CampaignOutcome outcome = draw(20) == 0
                ? CampaignOutcome.CANCELLED
                : ok >= failed ? CampaignOutcome.SUCCESS : CampaignOutcome.FAILURE;
        p.backend.finishCampaign(
                campaign, outcome == CampaignOutcome.CANCELLED ? CampaignStatus.CANCELLED : CampaignStatus.COMPLETED);
        p.campaigns.campaignFinished(outcome, Duration.ofHours(campaign.simulatedHours));
        business.atInfo()
                .addKeyValue("campaignId", campaign.id)
                .addKeyValue("outcome", outcome.label())
                .log("campaign finished");
        return new Reply(200, "{\"outcome\":\"" + outcome.label() + "\"}");
    }

    private Reply pay(Map<String, String> form) throws SQLException, ExternalApiError, InterruptedException {
        BigDecimal amount;
        try {
            amount = new BigDecimal(form.getOrDefault("amount", ""));
        } catch (NumberFormatException e) {
            p.errors.record("ValidationError", ErrorSeverity.WARNING);
            return new Reply(400, "{\"error\":\"amount\"}");
        }
        String customer = form.getOrDefault("customer", "");
        String paymentId = "pay_" + paymentIds.incrementAndGet();
        try { // process_payment: payment.id hashed, payment.status, OK or ERROR with the exception
            return p.spans.processPayment(paymentId, payment -> processPayment(payment, form, amount, customer));
        } catch (SQLException | ExternalApiError | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) { // processPayment throws nothing else
            throw new IllegalStateException(e);
        }
    }

    private Reply processPayment(PaymentSpan payment, Map<String, String> form, BigDecimal amount, String customer)
            throws SQLException, ExternalApiError, InterruptedException {
        if (Boolean.parseBoolean(form.get("promise"))) {
            p.payments.promised();
            payment.status(PaymentStatus.PROMISED);
            business.atInfo().addKeyValue("customer", customer).log("payment promised: {} USD", amount);
            return new Reply(202, "{\"status\":\"promised\"}");
        }
        int status = post(p.stripe, p.apis.url("stripe") + "/v1/payment_intents");
        if (status == 402) {
            p.payments.failed();
            payment.status(PaymentStatus.DECLINED);
            business.atWarn().addKeyValue("customer", customer).log("card declined for {} USD", amount);
            return new Reply(402, "{\"status\":\"declined\"}");
        }
        if (status >= 400) {
            p.payments.failed();
            payment.status(PaymentStatus.FAILED);
            throw new ExternalApiError("StripeApiError", "stripe answered " + status);
        }
        p.backend.insertPayment();
        p.payments.collected(amount);
        payment.status(PaymentStatus.COLLECTED);
        business.atInfo().addKeyValue("customer", customer).log("payment collected: {} USD", amount);
        return new Reply(201, "{\"status\":\"collected\"}");
    }

    private int post(Peer peer, String url) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        try {
            return peer.send(p.client, request, HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 599;
        }
    }

    private void fail(String type, ErrorSeverity severity, Exception e, Map<String, String> form) {
        p.errors.record(type, severity);
        errorLog.atError().setCause(e).addKeyValue("errorType", type).log("request failed: {}", e.getMessage());
        p.reporter.capture(e, ErrorContext.empty().customerId(form.get("customer")));
    }

    private static Reply notFound() {
        return new Reply(404, "{\"error\":\"not found\"}");
    }

    private int draw(int bound) {
        return p.random.nextInt(bound);
    }

    private static Map<String, String> form(@Nullable String query, String body) {
        Map<String, String> form = new HashMap<>();
        for (String text : List.of(query == null ? "" : query, body)) {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return form;
    }

    private static void send(HttpExchange exchange, int status, @Nullable String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An external API answered with an error. */
    static final class ExternalApiError extends Exception {
        private static final long serialVersionUID = 1L;
        final String type;

        ExternalApiError(String type, String message) {
            super(message);
            this.type = type;
        }
    }
}
