package io.escalation.obs.http;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.test.TestObservability;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The series of one meter are capped, whatever mix of route, method and status a hostile or buggy
 * caller sends: 100 routes x 10 methods x 500 statuses once made about 600,000 series.
 */
class SeriesCapTest {

    private static final String[] METHODS = {
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "PROPFIND"
    };
    private static final int DEFAULT_CAP = 2_000;

    private final TestObservability test = TestObservability.create();

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void hundredRoutesTimesTenMethodsTimesFiveHundredStatusesStayUnderTheCapAndNothingIsLost() {
        HttpMetrics http = HttpMetrics.create(test.obs());
        long calls = 0;
        for (int route = 0; route < 100; route++) {
            String template = "/api/v1/resource" + (char) ('a' + route % 26) + "/{id}/part" + (char) ('a' + route / 26);
            for (String method : METHODS) {
                for (int status = 100; status < 600; status++) {
                    http.record(method, template, status, 1_000_000L);
                    calls++;
                }
            }
        }
        String scrape = test.scrape();
        assertThat(series(scrape, "http_requests_total{")).hasSizeLessThanOrEqualTo(DEFAULT_CAP);
        assertThat(series(scrape, "http_errors_total{")).hasSizeLessThanOrEqualTo(DEFAULT_CAP);
        assertThat(series(scrape, "http_request_duration_seconds_count{")).hasSizeLessThanOrEqualTo(DEFAULT_CAP);
        assertThat(scrape.length()).as("scrape bytes").isLessThan(2_000_000);

        assertThat(sum(scrape, "http_requests_total{"))
                .as("every request is still counted")
                .isEqualTo(calls);
        double folded = sum(scrape, "http_requests_total{endpoint=\"other\",");
        assertThat(folded).isPositive();
        assertThatScrape(test)
                .hasSample("obs_label_overflow_total", folded, "metric", "http_requests_total", "label", "endpoint");
        assertThat(scrape)
                .contains("http_requests_total{endpoint=\"other\",environment=\"test\",method=\"_OTHER\","
                        + "service=\"test-service\",status=\"5xx\"}");
    }

    @Test
    void outboundSeriesOfManyPeersStayUnderTheCapAndNothingIsLost() {
        String[] peers = new String[64];
        for (int i = 0; i < peers.length; i++) {
            peers[i] = "peer" + i;
        }
        HttpMetrics http = HttpMetrics.builder(test.obs()).peers(peers).build();
        long calls = 0;
        for (String name : peers) {
            Peer peer = http.peer(name);
            for (String method : METHODS) {
                for (int status = 100; status < 600; status++) {
                    peer.record(HttpMethod.of(method), status, 1_000_000L);
                    calls++;
                }
            }
        }
        String scrape = test.scrape();
        assertThat(series(scrape, "http_client_requests_total{")).hasSizeLessThanOrEqualTo(DEFAULT_CAP);
        assertThat(series(scrape, "http_client_errors_total{")).hasSizeLessThanOrEqualTo(DEFAULT_CAP);
        assertThat(series(scrape, "http_client_request_duration_seconds_count{"))
                .hasSizeLessThanOrEqualTo(DEFAULT_CAP);
        assertThat(sum(scrape, "http_client_requests_total{")).isEqualTo(calls);
        assertThat(sum(
                        scrape,
                        "obs_label_overflow_total{environment=\"test\",label=\"status\","
                                + "metric=\"http_client_requests_total\""))
                .isPositive();
    }

    @Test
    void theCapIsSetInTheLabelPolicy() {
        try (TestObservability small = TestObservability.create(builder ->
                builder.labelPolicy(LabelPolicy.builder().maxSeriesPerMeter(100).build()))) {
            HttpMetrics http = HttpMetrics.create(small.obs());
            for (int status = 200; status < 300; status++) {
                for (String method : METHODS) {
                    http.record(method, "/api/v1/tasks/{id}", status, 1_000L);
                }
            }
            assertThat(series(small.scrape(), "http_requests_total{")).hasSizeLessThanOrEqualTo(100);
        }
    }

    @Test
    void unregisteredStatusCodesFoldIntoTheirClassSoThatAlertsStillMatch() {
        HttpMetrics http = HttpMetrics.create(test.obs());
        Route route = http.route("/api/v1/tasks/{id}");
        route.record(HttpMethod.GET, 299, 1_000L);
        route.record(HttpMethod.GET, 599, 1_000L);
        route.record(HttpMethod.GET, 503, 1_000L);
        route.record(HttpMethod.GET, 499, 1_000L);
        assertThatScrape(test)
                .hasSample("http_requests_total", 1, "endpoint", "/api/v1/tasks/{id}", "status", "2xx")
                .hasSample("http_requests_total", 1, "endpoint", "/api/v1/tasks/{id}", "status", "5xx")
                .hasSample("http_errors_total", 1, "endpoint", "/api/v1/tasks/{id}", "status", "5xx")
                .hasSample("http_requests_total", 1, "endpoint", "/api/v1/tasks/{id}", "status", "503")
                .hasSample("http_requests_total", 1, "endpoint", "/api/v1/tasks/{id}", "status", "4xx")
                .hasNoSample("http_requests_total", "status", "299")
                .hasNoSample("http_requests_total", "status", "599");
    }

    @Test
    void nonsenseCapFailsAtBuildNamingTheSetting() {
        assertThatThrownBy(() -> LabelPolicy.builder().maxSeriesPerMeter(10).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LabelPolicy.maxSeriesPerMeter");
    }

    private static List<String> series(String scrape, String prefix) {
        return scrape.lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    }

    private static double sum(String scrape, String prefix) {
        return series(scrape, prefix).stream()
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
