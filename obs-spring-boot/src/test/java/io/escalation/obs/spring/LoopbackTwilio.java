package io.escalation.obs.spring;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A loopback stand-in for Twilio (the {@code twilio} peer of the client tests), answering 201 to
 * {@code /2010-04-01/Messages.json}, and a loopback port nobody listens on, for a refused call.
 */
final class LoopbackTwilio implements AutoCloseable {

    private final HttpServer server;
    private final int closedPort;

    private LoopbackTwilio(HttpServer server, int closedPort) {
        this.server = server;
        this.closedPort = closedPort;
    }

    static LoopbackTwilio start() throws IOException {
        int closedPort;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = closed.getLocalPort();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/2010-04-01/Messages.json", exchange -> {
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
        return new LoopbackTwilio(server, closedPort);
    }

    /** The stand-in's port. */
    int port() {
        return server.getAddress().getPort();
    }

    /** A port on 127.0.0.1 that refuses connections. */
    int closedPort() {
        return closedPort;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
