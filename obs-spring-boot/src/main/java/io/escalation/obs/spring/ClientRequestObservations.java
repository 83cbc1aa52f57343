package io.escalation.obs.spring;

import io.escalation.obs.http.HttpMethod;
import io.escalation.obs.http.Peer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.observation.ClientRequestObservationContext;

/**
 * Records obs's {@code http_client_*{peer}} series from the client request observations of Spring's {@code
 * RestClient} and {@code RestTemplate}: Spring times and traces the call (its CLIENT span), this handler counts it
 * under the peer whose host it called ({@code obs.http.peers}, {@link PeerHosts}), with no span of its own.
 */
final class ClientRequestObservations implements ObservationHandler<ClientRequestObservationContext> {

    private final PeerHosts peers;

    ClientRequestObservations(PeerHosts peers) {
        this.peers = peers;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ClientRequestObservationContext;
    }

    @Override
    public void onStart(ClientRequestObservationContext context) {
        ClientHttpRequest request = context.getCarrier();
        Peer peer = request == null ? null : peers.peerOf(request.getURI());
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
        PeerHosts.record(started.peer, method, status(context.getResponse()), context.getError(), nanos);
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
