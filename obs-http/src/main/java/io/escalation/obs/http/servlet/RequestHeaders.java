package io.escalation.obs.http.servlet;

import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads propagation headers ({@code traceparent}, {@code baggage}) from a servlet request. */
enum RequestHeaders implements TextMapGetter<HttpServletRequest> {
    INSTANCE;

    @Override
    @SuppressWarnings("deprecation") // still abstract in the API; propagators only call get()
    public Iterable<String> keys(HttpServletRequest carrier) {
        Enumeration<String> names = carrier.getHeaderNames();
        return names == null ? List.of() : Collections.list(names);
    }

    @Override
    public @Nullable String get(@Nullable HttpServletRequest carrier, String key) {
        return carrier == null ? null : carrier.getHeader(key);
    }
}
