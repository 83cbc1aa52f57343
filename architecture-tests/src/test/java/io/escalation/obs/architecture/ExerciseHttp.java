package io.escalation.obs.architecture;

import io.escalation.obs.core.Observability;
import io.escalation.obs.http.HttpMethod;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.http.Peer;
import io.escalation.obs.http.Route;
import io.escalation.obs.http.Router;
import java.net.http.HttpTimeoutException;

/** obs-http's meters in the contract scrape: inbound, unmatched, redacted, errors, in flight, outbound. */
final class ExerciseHttp {

    private ExerciseHttp() {
    }

    static void exercise(Observability obs) {
        HttpMetrics http = HttpMetrics.builder(obs).peers("twilio").build();
        Router router = http.router("/api/v1/campaigns", "/api/v1/campaigns/{id}");
        Route campaign = router.match("/api/v1/campaigns/8812");
        campaign.record(HttpMethod.GET, 200, 12_000_000L);
        campaign.record(HttpMethod.POST, 503, 40_000_000L);
        router.match("/wp-admin").record(HttpMethod.GET, 404, 1_000_000L);
        http.record("PROPFIND", "/api/v1/campaigns?customer=jane.doe@example.com", 207, 1_000_000L);
        http.start("GET", "/api/v1/campaigns").end(200);
        Peer twilio = http.peer("twilio");
        twilio.record(HttpMethod.POST, 201, 180_000_000L);
        twilio.recordFailure(HttpMethod.POST, new HttpTimeoutException("request timed out"), 10_000_000_000L);
    }
}
