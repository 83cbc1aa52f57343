package io.escalation.obs.core.endpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request and its single response. The handler answers it from any thread; the bytes go back to
 * the server's I/O thread, which writes them without blocking anybody.
 */
final class Exchange {

    /** RFC 9110's preferred date format; {@code RFC_1123_DATE_TIME} would drop the day's leading zero. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    final RequestHead request;
    /** The response headers to send; Date, Content-Length and Connection are added by {@link #send}. */
    final Map<String, String> headers = new LinkedHashMap<>();

    private final EndpointServer server;
    private final EndpointServer.Connection connection;
    private final AtomicBoolean sent = new AtomicBoolean();

    Exchange(EndpointServer server, EndpointServer.Connection connection, RequestHead request) {
        this.server = server;
        this.connection = connection;
        this.request = request;
    }

    /**
     * Sends {@code status}, {@link #headers} and {@code body} (only its length for {@code HEAD});
     * later calls are ignored.
     */
    void send(int status, byte[] body) {
        if (!sent.compareAndSet(false, true)) {
            return;
        }
        boolean keepAlive = request.keepAlive;
        server.answer(connection, serialize(status, headers, body, request.isHead(), !keepAlive), !keepAlive);
    }

    /** The response as bytes: status line, Date, {@code headers}, Content-Length, Connection: close when closing. */
    static ByteBuffer serialize(int status, Map<String, String> headers, byte[] body, boolean headOnly, boolean close) {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason(status))
                .append("\r\n");
        head.append("Date: ")
                .append(IMF_FIXDATE.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n");
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(headBytes.length + (headOnly ? 0 : body.length));
        out.put(headBytes);
        if (!headOnly) {
            out.put(body);
        }
        return out.flip();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }
}
