package io.escalation.obs.http;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.test.TestObservability;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that hang up on a real JDK HttpServer on loopback, through a real socket reset: the handler's write or read
 * fails, and obs records what was sent (or 499 when nothing was), reports nothing as unhandled and counts no 5xx
 * error. An exception of the service's own is still reported, as the control.
 */
class ClientDisconnectTest {

    private final TestObservability test = TestObservability.create();
    private final HttpMetrics http = HttpMetrics.create(test.obs());
    private final List<String> unhandled = new CopyOnWriteArrayList<>();
    private final List<String> handlerFailures = new CopyOnWriteArrayList<>();
    private final CountDownLatch handlerDone = new CountDownLatch(1);
    private ExecutorService executor;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        Router router = http.router("/api/v1/export", "/api/v1/upload", "/api/v1/fail");
        ModuleKit.of(test.obs()).unhandledErrors().register(error -> unhandled.add(error.toString()));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/", this::handle).getFilters().add(HttpServerFilter.create(http, router));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
        test.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            switch (exchange.getRequestURI().getPath()) {
                case "/api/v1/export" -> {
                    exchange.sendResponseHeaders(200, 0); // chunked: committed before the body
                    byte[] chunk = new byte[64 * 1024];
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int i = 0; i < 4_000; i++) { // at most 256 MB: the reset ends it long before
                            out.write(chunk);
                        }
                    }
                }
                case "/api/v1/upload" -> {
                    try (InputStream in = exchange.getRequestBody()) {
                        in.readAllBytes();
                    }
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> throw new IllegalStateException("ledger unavailable");
            }
        } catch (IOException | RuntimeException e) {
            handlerFailures.add(e.toString());
            throw e;
        } finally {
            handlerDone.countDown();
        }
    }

    @Test
    void aClientThatResetsWhileTheBodyIsWrittenIsRecordedAsAnsweredAndNotReported() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "GET /api/v1/export HTTP/1.1\r\nHost: obs\r\n\r\n");
            socket.getInputStream().readNBytes(4096); // the headers and the body's first bytes
            socket.setSoLinger(true, 0); // close with a reset, as a client killed mid-download does
        }
        awaitRecorded();

        assertThat(handlerFailures)
                .as("the handler's write failed: the disconnect really happened")
                .hasSize(1);
        assertThat(unhandled).isEmpty();
        assertThatScrape(test)
                .hasSample("http_requests_total", 1, "endpoint", "/api/v1/export", "method", "GET", "status", "200")
                .hasNoSample("http_errors_total");
    }

    @Test
    void aClientThatLeavesBeforeAnythingIsSentIsA4xxNotA5xx() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /api/v1/upload HTTP/1.1\r\nHost: obs\r\nContent-Length: 1000000\r\n\r\npartial");
            socket.setSoLinger(true, 0);
        }
        awaitRecorded();

        assertThat(handlerFailures).as("the handler's read failed").hasSize(1);
        assertThat(unhandled).isEmpty();
        assertThatScrape(test)
                .hasSample("http_requests_total", 1, "endpoint", "/api/v1/upload", "method", "POST", "status", "4xx")
                .hasNoSample("http_errors_total");
    }

    @Test
    void theServicesOwnExceptionIsStillReportedAndCounted() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "GET /api/v1/fail HTTP/1.1\r\nHost: obs\r\n\r\n");
            socket.getInputStream().read();
        }
        awaitRecorded();

        assertThat(unhandled).singleElement().asString().contains("ledger unavailable");
        assertThatScrape(test)
                .hasSample("http_requests_total", 1, "endpoint", "/api/v1/fail", "method", "GET", "status", "500");
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort());
    }

    private static void send(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Waits for the handler, then for the filter's record after it (the filter ends the exchange on the way out). */
    private void awaitRecorded() throws InterruptedException {
        assertThat(handlerDone.await(20, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!test.scrape().contains("http_requests_total{") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
