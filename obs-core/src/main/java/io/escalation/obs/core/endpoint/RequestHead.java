package io.escalation.obs.core.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A parsed HTTP/1.x request head (RFC 9112), strict where leniency would hide an attack: one space
 * between the parts of the request line, no whitespace before a header's colon, no line folding.
 * Keeps only what the endpoint uses.
 */
final class RequestHead {

    /** The most header lines a request may have; more is answered 431. */
    static final int MAX_HEADERS = 100;

    final String method;
    /** The path of the request target, without its query. */
    final String path;

    final @Nullable List<String> accept;
    final @Nullable List<String> acceptEncoding;
    /** False when the client asked to close, or spoke HTTP/1.0, or sent a body the endpoint does not read. */
    final boolean keepAlive;

    private RequestHead(
            String method,
            String path,
            @Nullable List<String> accept,
            @Nullable List<String> acceptEncoding,
            boolean keepAlive) {
        this.method = method;
        this.path = path;
        this.accept = accept;
        this.acceptEncoding = acceptEncoding;
        this.keepAlive = keepAlive;
    }

    boolean isHead() {
        return "HEAD".equals(method);
    }

    /** A head the endpoint refuses, with the status to answer; carries no stack trace. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Rejected(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    /**
     * The index just past the blank line that ends the head in {@code buf[from, len)}, or -1 when it has
     * not arrived yet. Accepts CRLF and bare LF line ends.
     */
    static int headEnd(byte[] buf, int from, int len) {
        for (int i = from; i < len; i++) {
            if (buf[i] != '\n') {
                continue;
            }
            if (i + 1 < len && buf[i + 1] == '\n') {
                return i + 2;
            }
            if (i + 2 < len && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    /** Parses the head in {@code buf[start, end)}, as found by {@link #headEnd}. */
    static RequestHead parse(byte[] buf, int start, int end) throws Rejected {
        List<String> lines = lines(buf, start, end);
        if (lines.isEmpty()) {
            throw new Rejected(400);
        }
        String requestLine = lines.get(0);
        int sp1 = requestLine.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0) {
            throw new Rejected(400);
        }
        String method = requestLine.substring(0, sp1);
        String target = requestLine.substring(sp1 + 1, sp2);
        String version = requestLine.substring(sp2 + 1);
        if (!isToken(method)) {
            throw new Rejected(400);
        }
        boolean http11 = "HTTP/1.1".equals(version);
        if (!http11 && !"HTTP/1.0".equals(version)) {
            throw new Rejected(version.matches("HTTP/[0-9](\\.[0-9])?") ? 505 : 400);
        }
        String path = path(target);
        if (lines.size() - 1 > MAX_HEADERS) {
            throw new Rejected(431);
        }
        List<String> accept = null;
        List<String> acceptEncoding = null;
        boolean close = !http11;
        boolean body = false;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon)) || hasControlChars(line)) {
                throw new Rejected(400); // also a folded line, which starts with whitespace
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "accept":
                    accept = add(accept, value);
                    break;
                case "accept-encoding":
                    acceptEncoding = add(acceptEncoding, value);
                    break;
                case "connection":
                    close |= hasToken(value, "close");
                    break;
                case "content-length":
                    if (!value.matches("[0-9]{1,18}")) {
                        throw new Rejected(400);
                    }
                    body |= Long.parseLong(value) > 0;
                    break;
                case "transfer-encoding":
                    body = true;
                    break;
                default:
                    break;
            }
        }
        return new RequestHead(method, path, accept, acceptEncoding, !close && !body);
    }

    /**
     * The path of an origin-form ({@code /metrics?x}) or absolute-form ({@code http://host/metrics})
     * target; a target with a character RFC 3986 does not allow, or a malformed escape, is rejected.
     */
    private static String path(String target) throws Rejected {
        String rest = target;
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            int slash = target.indexOf('/', lower.indexOf("//") + 2);
            rest = slash < 0 ? "/" : target.substring(slash);
        }
        if (!rest.startsWith("/")) {
            throw new Rejected(400);
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '%') {
                if (i + 2 >= target.length()
                        || Character.digit(target.charAt(i + 1), 16) < 0
                        || Character.digit(target.charAt(i + 2), 16) < 0) {
                    throw new Rejected(400);
                }
            } else if (!isUriChar(c)) {
                throw new Rejected(400);
            }
        }
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }

    /** unreserved, sub-delims, ':', '@', '/', '?' (RFC 3986 pchar and query, less '%'). */
    private static boolean isUriChar(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }

    /** RFC 9110 token: one or more tchar. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean tchar = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }

    /** Control characters other than horizontal tab, which header values may not hold. */
    private static boolean hasControlChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasToken(String value, String token) {
        for (String part : value.split(",")) {
            if (part.strip().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> add(@Nullable List<String> values, String value) {
        List<String> out = values == null ? new ArrayList<>(2) : values;
        out.add(value);
        return out;
    }

    /** The lines of the head, without line ends and without the final empty line; bytes as ISO-8859-1. */
    private static List<String> lines(byte[] buf, int start, int end) {
        List<String> lines = new ArrayList<>(16);
        int lineStart = start;
        for (int i = start; i < end; i++) {
            if (buf[i] == '\n') {
                int lineEnd = i > lineStart && buf[i - 1] == '\r' ? i - 1 : i;
                if (lineEnd == lineStart) {
                    break; // the blank line that ends the head
                }
                lines.add(new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1));
                lineStart = i + 1;
            }
        }
        return lines;
    }
}
