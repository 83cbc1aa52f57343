package io.escalation.obs.http;

import io.escalation.obs.core.spi.record.Causes;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Whether an exception that ended a request means the client went away: the servers' own client-abort exceptions
 * (Tomcat's {@code ClientAbortException}, Jetty's {@code EofException}, Reactor Netty's {@code AbortedException},
 * Spring's {@code AsyncRequestNotUsableException}, a premature {@code EOFException}) or an {@link IOException} whose
 * message says the connection was reset, broken or closed early, anywhere in the cause chain. The same names and
 * phrases as Spring's {@code DisconnectedClientHelper}, plus the JDK HttpServer's early close.
 */
final class ClientDisconnects {

    private static final Set<String> TYPE_NAMES = Set.of(
            "AbortedException",
            "ClientAbortException",
            "EOFException",
            "EofException",
            "AsyncRequestNotUsableException");

    private static final String[] PHRASES = {
        "broken pipe", "connection reset", "connection closed before all data received"
    };

    private ClientDisconnects() {}

    static boolean matches(@Nullable Throwable error) {
        return Causes.anyMatch(error, ClientDisconnects::isDisconnect);
    }

    private static boolean isDisconnect(Throwable t) {
        if (TYPE_NAMES.contains(t.getClass().getSimpleName())) {
            return true;
        }
        String message = t instanceof IOException ? t.getMessage() : null;
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        for (String phrase : PHRASES) {
            if (lower.contains(phrase)) {
                return true;
            }
        }
        return false;
    }
}
