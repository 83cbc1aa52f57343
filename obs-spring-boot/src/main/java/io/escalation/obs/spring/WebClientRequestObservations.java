package io.escalation.obs.spring;

import io.escalation.obs.http.HttpMethod;
import io.escalation.obs.http.Peer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * Records obs's {@code http_client_*{peer}} series from the client request observations of Spring's {@code
 * WebClient}: Spring times and traces the exchange (its CLIENT span), this handler counts it under the peer whose host
 * it called ({@code obs.http.peers}, {@link PeerHosts}), with no span of its own.
 *
 * <p>WebClient starts its observation before the request is built (the context's carrier is the {@code
 * ClientRequest.Builder}), so the time starts then and the peer is read from the request when the observation stops.
 * An exchange cancelled before its response came (a caller's {@code timeout()}) is a failure, {@code ERROR}.
 */
final class WebClientRequestObservations implements ObservationHandler<ClientRequestObservationContext> {

    private final PeerHosts peers;

    WebClientRequestObservations(PeerHosts peers) {
        this.peers = peers;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ClientRequestObservationContext;
    }

    @Override
    public void onStart(ClientRequestObservationContext context) {
        if (peers.isEmpty()) {
            return;
        }
        context.put(Started.class, new Started(System.nanoTime()));
    }

    @Override
    public void onStop(ClientRequestObservationContext context) {
        Started started = context.get(Started.class);
        ClientRequest request = context.getRequest();
        if (started == null || request == null) {
            return;
        }
        Peer peer = peers.peerOf(request.url());
        if (peer == null) {
            return;
        }
        long nanos = System.nanoTime() - started.nanos;
        HttpMethod method = HttpMethod.of(request.method().name());
        PeerHosts.record(peer, method, status(context.getResponse()), context.getError(), nanos);
    }

    /** The response's status code, or 0 when no response came. */
    private static int status(@Nullable ClientResponse response) {
        if (response == null) {
            return 0;
        }
        try {
            return response.statusCode().value();
        } catch (RuntimeException unreadable) {
            return 0;
        }
    }

    /** When the exchange started. */
    private record Started(long nanos) {}
}
