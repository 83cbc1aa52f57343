package io.escalation.obs.core.endpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A plain-socket HTTP/1.1 client for tests that must send what a well-behaved client never would. */
final class RawHttp {

    static final String LOOPBACK = "127.0.0.1";

    private RawHttp() {}

    /** One response: status code, raw head (status line and headers) and body. */
    static final class Response {
        final int status;
        final String head;
        final byte[] body;

        Response(int status, String head, byte[] body) {
            this.status = status;
            this.head = head;
            this.body = body;
        }

        String body() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The value of header {@code name} (case-insensitive), or null. */
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** Opens a connection with a read timeout. */
    static Socket connect(int port, int readTimeoutMs) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(LOOPBACK, port), 2_000);
        socket.setSoTimeout(readTimeoutMs);
        return socket;
    }

    /** Sends {@code request} on a new connection and reads one response (the body by Content-Length or to EOF). */
    static Response exchange(int port, String request) throws IOException {
        try (Socket socket = connect(port, 5_000)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream(), !request.startsWith("HEAD"));
        }
    }

    /** {@code GET path} on a new connection. */
    static Response get(int port, String path) throws IOException {
        return exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    /** Reads one response from {@code in}. */
    static Response read(InputStream in, boolean hasBody) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head: " + head);
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1
                    : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(text.substring(9, 12));
        Response headOnly = new Response(status, text, new byte[0]);
        if (!hasBody) {
            return headOnly;
        }
        String length = headOnly.header("Content-Length");
        byte[] body;
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, text, body);
    }

    /**
     * Whether the server has closed {@code socket}: a read returns end of stream or the connection is
     * reset; anything the server sent before closing (a refusal) is skipped. False when the read timed out.
     */
    static boolean closedByServer(Socket socket) throws IOException {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("reset") || message.contains("closed") || message.contains("abort")) {
                return true;
            }
            throw e;
        }
    }
}
