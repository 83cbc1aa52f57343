package io.escalation.obs.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * A loopback Sentry: accepts envelopes on {@code /api/1/envelope/}, un-gzips them, and keeps the
 * event items (parsed) and the raw decompressed bodies.
 */
final class SentryInbox implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> paths = new CopyOnWriteArrayList<>();
    private final CountDownLatch hang;

    private SentryInbox(boolean hangs) throws IOException {
        this.hang = new CountDownLatch(hangs ? 1 : 0);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    /** A Sentry that answers 200 to every envelope. */
    static SentryInbox start() throws IOException {
        return new SentryInbox(false);
    }

    /** A Sentry that accepts connections and never answers: a slow Sentry. */
    static SentryInbox hanging() throws IOException {
        return new SentryInbox(true);
    }

    String dsn() {
        return "http://publickey@127.0.0.1:" + server.getAddress().getPort() + "/1";
    }

    /** The next event item, waiting up to 10 s. */
    JsonNode nextEvent() throws InterruptedException {
        JsonNode event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event reached the loopback Sentry within 10 s; bodies: " + bodies);
        }
        return event;
    }

    /** The next event item if one arrives within {@code millis}, else null. */
    @Nullable
    JsonNode eventWithin(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            paths.add(exchange.getRequestURI().getPath());
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (hang.getCount() > 0) {
                hang.await(30, TimeUnit.SECONDS);
                return;
            }
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            bodies.add(new String(body, StandardCharsets.UTF_8));
            for (JsonNode event : eventItems(body)) {
                events.add(event);
            }
            byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The event payloads of an envelope: header line, then (item header line, payload) pairs. */
    static List<JsonNode> eventItems(byte[] envelope) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        int pos = lineEnd(envelope, 0) + 1; // envelope header
        while (pos < envelope.length) {
            int headerEnd = lineEnd(envelope, pos);
            JsonNode itemHeader = JSON.readTree(new String(envelope, pos, headerEnd - pos, StandardCharsets.UTF_8));
            int start = headerEnd + 1;
            int end =
                    itemHeader.has("length") ? start + itemHeader.get("length").asInt() : lineEnd(envelope, start);
            if ("event".equals(itemHeader.path("type").asText())) {
                found.add(JSON.readTree(new String(envelope, start, end - start, StandardCharsets.UTF_8)));
            }
            pos = end + 1;
        }
        return found;
    }

    private static int lineEnd(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    @Override
    public void close() {
        hang.countDown();
        server.stop(0);
    }
}
