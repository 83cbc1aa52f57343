package io.escalation.obs.http;

import org.jspecify.annotations.Nullable;

/**
 * The {@code method} label: the standard request methods of RFC 9110 and RFC 5789, and
 * {@link #OTHER} ({@code _OTHER}, as in the OpenTelemetry HTTP conventions) for anything else, so
 * that a client inventing methods cannot add series.
 *
 * <pre>{@code
 * HttpMethod method = HttpMethod.of(exchange.getRequestMethod());   // "PROPFIND" -> OTHER
 * }</pre>
 */
public enum HttpMethod {
    /** The {@code GET} method. */
    GET("GET"),
    /** The {@code HEAD} method. */
    HEAD("HEAD"),
    /** The {@code POST} method. */
    POST("POST"),
    /** The {@code PUT} method. */
    PUT("PUT"),
    /** The {@code DELETE} method. */
    DELETE("DELETE"),
    /** The {@code CONNECT} method. */
    CONNECT("CONNECT"),
    /** The {@code OPTIONS} method. */
    OPTIONS("OPTIONS"),
    /** The {@code TRACE} method. */
    TRACE("TRACE"),
    /** The {@code PATCH} method. */
    PATCH("PATCH"),
    /** Any method outside the standard set, including lower-case spellings (methods are case-sensitive). */
    OTHER("_OTHER");

    private final String label;

    HttpMethod(String label) {
        this.label = label;
    }

    /**
     * The label value, e.g. {@code GET} or {@code _OTHER}.
     *
     * @return the value of the {@code method} label
     */
    public String label() {
        return label;
    }

    /**
     * The method named {@code method} (case-sensitive), or {@link #OTHER}; null is {@link #OTHER}. Allocates
     * nothing.
     *
     * @param method the request's method name
     * @return the method, never null
     */
    public static HttpMethod of(@Nullable String method) {
        if (method == null) {
            return OTHER;
        }
        return switch (method) {
            case "GET" -> GET;
            case "HEAD" -> HEAD;
            case "POST" -> POST;
            case "PUT" -> PUT;
            case "DELETE" -> DELETE;
            case "CONNECT" -> CONNECT;
            case "OPTIONS" -> OPTIONS;
            case "TRACE" -> TRACE;
            case "PATCH" -> PATCH;
            default -> OTHER;
        };
    }
}
