package io.escalation.obs.http;

import io.escalation.obs.core.Observability;
import io.escalation.obs.test.CatalogueContract;
import java.net.http.HttpTimeoutException;

/**
 * obs-http's catalogue against a real scrape: {@link #exercise} makes every meter of its catalogue
 * appear. Listed in META-INF/services so that architecture-tests exercises it with every other module.
 */
public class HttpCatalogueContractTest extends CatalogueContract {

    /** Public for {@link java.util.ServiceLoader}. */
    public HttpCatalogueContractTest() {}

    @Override
    public String module() {
        return "obs-http";
    }

    @Override
    public void exercise(Observability obs) {
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
