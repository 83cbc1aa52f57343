package io.escalation.obs.spring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A loopback stand-in for Sentry's ingestion API, keeping every envelope a real Sentry client sends (gunzipped), for
 * the Sentry tests of Boot applications; and the POST those tests send to the application.
 */
final class LoopbackSentry implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    private LoopbackSentry(HttpServer server) {
        this.server = server;
    }

    static LoopbackSentry start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        LoopbackSentry sentry = new LoopbackSentry(server);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                        body = in.readAllBytes();
                    }
                }
                sentry.bodies.add(new String(body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, 2);
                exchange.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        return sentry;
    }

    /** The DSN of a project on this stand-in. */
    String dsn() {
        return "http://publickey@127.0.0.1:" + server.getAddress().getPort() + "/1";
    }

    /** Every envelope received, as text. */
    String envelopes() {
        return String.join("\n", bodies);
    }

    /** The event payloads of every envelope received: each a header line, then item header and payload lines. */
    List<JsonNode> events() throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (String envelope : bodies) {
            String[] lines = envelope.split("\n");
            for (int i = 1; i + 1 < lines.length; i += 2) {
                if ("event".equals(JSON.readTree(lines[i]).path("type").asText())) {
                    found.add(JSON.readTree(lines[i + 1]));
                }
            }
        }
        return found;
    }

    /** A POST without a body to the application on {@code port}. */
    static HttpResponse<String> post(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
