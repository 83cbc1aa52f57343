package io.escalation.obs.spring;

import io.escalation.obs.http.HttpMethod;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.http.Peer;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The peers of {@code obs.http.peers} by host, shared by the handlers of Spring's client observations (RestClient and
 * RestTemplate, WebClient): a call to a host of no peer is not recorded, so the {@code peer} label names the external
 * APIs a service depends on, never arbitrary hosts.
 */
final class PeerHosts {

    private final Map<String, Peer> byHost = new HashMap<>();

    PeerHosts(HttpMetrics http, Map<String, List<String>> peers) {
        peers.forEach((name, hosts) -> {
            Peer peer = http.peer(name);
            for (String host : hosts) {
                byHost.put(host.toLowerCase(Locale.ROOT), peer);
            }
        });
    }

    /** True when no peer is configured: nothing to record. */
    boolean isEmpty() {
        return byHost.isEmpty();
    }

    /**
     * The peer whose host {@code uri} names, or null when it is no peer's.
     *
     * @param uri the URI called, or null
     * @return the peer, or null
     */
    @Nullable
    Peer peerOf(@Nullable URI uri) {
        String host = uri == null ? null : uri.getHost();
        return host == null ? null : byHost.get(host.toLowerCase(Locale.ROOT));
    }

    /**
     * Records one call to {@code peer}: under {@code status} when a response came (a status above 0), else as a failure
     * classified from {@code error} ({@code IO_ERROR}, {@code TIMEOUT}, else {@code ERROR}).
     */
    static void record(Peer peer, HttpMethod method, int status, @Nullable Throwable error, long nanos) {
        if (status > 0) {
            peer.record(method, status, nanos);
        } else {
            peer.recordFailure(method, error, nanos);
        }
    }
}
