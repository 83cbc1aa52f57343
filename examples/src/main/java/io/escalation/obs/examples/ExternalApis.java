package io.escalation.obs.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Loopback stand-ins for the external APIs the service calls (Twilio, SendGrid, Stripe, OpenAI,
 * Anthropic): a JDK HttpServer on 127.0.0.1 that answers like the real ones, with a few
 * milliseconds of latency and occasional failures drawn from its own seeded {@link Random} (none
 * with {@code --faults none}). No
 * request leaves the machine. The LLM endpoints stream: the status and first chunk come after the
 * time to first token, the usage line at the end.
 */
final class ExternalApis implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final Random random;
    /** Whether the APIs fail now and then ({@code --faults demo}); never with {@code --faults none}. */
    private final boolean faults;

    private ExternalApis(HttpServer server, ExecutorService executor, Random random, boolean faults) {
        this.server = server;
        this.executor = executor;
        this.random = random;
        this.faults = faults;
    }

    static ExternalApis start(long seed, boolean faults) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the loopback stub of the external APIs: " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "external-api-stub");
            thread.setDaemon(true);
            return thread;
        });
        ExternalApis apis = new ExternalApis(server, executor, new Random(seed ^ 0x5DEECE66DL), faults);
        server.createContext("/twilio/", apis::twilio);
        server.createContext("/sendgrid/", apis::sendgrid);
        server.createContext("/stripe/", apis::stripe);
        server.createContext("/openai/", apis::llm);
        server.createContext("/anthropic/", apis::llm);
        server.setExecutor(executor);
        server.start();
        return apis;
    }

    /** The base URL of {@code api}, e.g. {@code http://127.0.0.1:40123/twilio}. */
    String url(String api) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + api;
    }

    private void twilio(HttpExchange exchange) throws IOException {
        if (health(exchange)) {
            return;
        }
        int roll = roll();
        sleep(2 + draw(6));
        if (roll < 3) {
            reply(exchange, 503, "{\"code\":20503,\"message\":\"Service unavailable\"}");
        } else if (roll < 5) {
            reply(exchange, 400, "{\"code\":21211,\"message\":\"Invalid 'To' phone number\"}");
        } else {
            reply(
                    exchange,
                    201,
                    "{\"sid\":\"SM" + Long.toHexString(draw(Integer.MAX_VALUE)) + "\",\"status\":\"queued\"}");
        }
    }

    private void sendgrid(HttpExchange exchange) throws IOException {
        if (health(exchange)) {
            return;
        }
        int roll = roll();
        sleep(1 + draw(4));
        reply(exchange, roll < 2 ? 500 : 202, roll < 2 ? "{\"errors\":[{\"message\":\"internal error\"}]}" : "");
    }

    private void stripe(HttpExchange exchange) throws IOException {
        if (health(exchange)) {
            return;
        }
        int roll = roll();
        sleep(3 + draw(8));
        if (roll < 18) {
            reply(exchange, 402, "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\"}}");
        } else if (roll < 19) {
            reply(exchange, 500, "{\"error\":{\"type\":\"api_error\"}}");
        } else {
            reply(
                    exchange,
                    200,
                    "{\"id\":\"ch_" + Long.toHexString(draw(Integer.MAX_VALUE)) + "\",\"status\":\"succeeded\"}");
        }
    }

    /** A chat completion, streamed: 429 or 500 now and then, else chunks and a final usage line. */
    private void llm(HttpExchange exchange) throws IOException {
        if (health(exchange)) {
            return;
        }
        int roll = roll();
        int firstToken = 5 + draw(15);
        int rest = 3 + draw(12);
        int input = 400 + draw(1200);
        int cached = draw(3) == 0 ? 256 : 0;
        int output = 60 + draw(300);
        sleep(firstToken);
        if (roll < 4) {
            reply(exchange, 429, "{\"error\":{\"type\":\"rate_limit_exceeded\"}}");
            return;
        }
        if (roll < 10) {
            reply(exchange, 500, "{\"error\":{\"type\":\"server_error\"}}");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("data: {\"delta\":\"Hello, this is a reminder about your account\"}\n\n"
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            sleep(rest);
            out.write(("data: {\"delta\":\" balance. Reply to set up a payment plan.\"}\n\n"
                            + "data: {\"usage\":{\"prompt_tokens\":" + input + ",\"cached_tokens\":" + cached
                            + ",\"completion_tokens\":" + output + "}}\n\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static boolean health(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().endsWith("/health")) {
            reply(exchange, 200, "{\"status\":\"ok\"}");
            return true;
        }
        return false;
    }

    /** 0 to 99, which decides whether a request fails; 99 (no failure) with {@code --faults none}. */
    private int roll() {
        int roll = draw(100);
        return faults ? roll : 99;
    }

    private synchronized int draw(int bound) {
        return random.nextInt(bound);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
