package io.escalation.obs.spring;

import io.escalation.obs.http.HttpMethod;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.http.Peer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.observation.ClientRequestObservationContext;

/**
 * Records obs's {@code http_client_*{peer}} series from the client request observations of Spring's {@code
 * RestClient} and {@code RestTemplate}: Spring times and traces the call (its CLIENT span), this handler counts it
 * under the peer whose host it called ({@code obs.http.peers}), with no span of its own. Calls to hosts of no peer
 * are not recorded: the peer label names the external APIs a service depends on, never arbitrary hosts.
 */
final class ClientRequestObservations implements ObservationHandler<ClientRequestObservationContext> {

    private final Map<String, Peer> byHost = new HashMap<>();

    ClientRequestObservations(HttpMetrics http, Map<String, List<String>> peers) {
        peers.forEach((name, hosts) -> {
            Peer peer = http.peer(name);
            for (String host : hosts) {
                byHost.put(host.toLowerCase(Locale.ROOT), peer);
            }
        });
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ClientRequestObservationContext;
    }

    @Override
    public void onStart(ClientRequestObservationContext context) {
        Peer peer = peerOf(context.getCarrier());
        if (peer != null) {
            context.put(Started.class, new Started(peer, System.nanoTime()));
        }
    }

    @Override
    public void onStop(ClientRequestObservationContext context) {
        Started started = context.get(Started.class);
        if (started == null) {
            return;
        }
        long nanos = System.nanoTime() - started.nanos;
        ClientHttpRequest request = context.getCarrier();
        HttpMethod method = request == null
                ? HttpMethod.OTHER
                : HttpMethod.of(request.getMethod().name());
        int status = status(context.getResponse());
        if (status > 0) {
            started.peer.record(method, status, nanos);
        } else {
            started.peer.recordFailure(method, context.getError(), nanos);
        }
    }

    private @Nullable Peer peerOf(@Nullable ClientHttpRequest request) {
        if (request == null) {
            return null;
        }
        URI uri = request.getURI();
        String host = uri.getHost();
        return host == null ? null : byHost.get(host.toLowerCase(Locale.ROOT));
    }

    /** The response's status code, or 0 when there is no response (the call failed) or it cannot be read. */
    private static int status(@Nullable ClientHttpResponse response) {
        if (response == null) {
            return 0;
        }
        try {
            return response.getStatusCode().value();
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    /** When and to which peer a call started. */
    private record Started(Peer peer, long nanos) {}
}
