package io.escalation.obs.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both benchmarks observe the request Boot does; only the one with obs's handler records obs's series. */
class ObservationHttpBenchTest {

    private final ObservationHttpBench bench = new ObservationHttpBench();

    @BeforeEach
    void setUp() {
        bench.setUp();
    }

    @AfterEach
    void tearDown() {
        bench.tearDown();
    }

    @Test
    void bootsObservationRecordsHttpServerRequestsUnderTheMatchedPatternAndNotObsSeries() {
        double obsBefore = obsRequests("/api/v1/campaigns/{id}", "200");
        for (int i = 0; i < 2 * BenchInputs.SERIES; i++) {
            bench.bootObservation();
        }

        // the setup's request and the two rounds': Spring's timer, tagged by the pattern, never the raw path
        assertThat(bootTimer("/api/v1/campaigns/{id}", "200", "SUCCESS").count())
                .isEqualTo(4);
        assertThat(bootTimer("/api/v1/contacts/{id}", "400", "CLIENT_ERROR").count())
                .isEqualTo(4);
        assertThat(bootTimer("/api/v1/agents/{id}/calls", "500", "SERVER_ERROR").count())
                .isEqualTo(4);
        assertThat(meters().find("http.server.requests")
                        .tag("uri", "/api/v1/campaigns/42")
                        .timer())
                .isNull();
        assertThat(obsRequests("/api/v1/campaigns/{id}", "200")).isEqualTo(obsBefore);
    }

    @Test
    void obsObservationRecordsBothBootsTimerAndObsRequestSeries() {
        for (int i = 0; i < 2 * BenchInputs.SERIES; i++) {
            bench.obsObservation();
        }

        assertThat(bootTimer("/api/v1/campaigns/{id}", "200", "SUCCESS").count())
                .isEqualTo(4);
        // obs's http_requests_total by endpoint, method and status: the setup's request and two rounds
        assertThat(obsRequests("/api/v1/campaigns/{id}", "200")).isEqualTo(3);
        assertThat(obsRequests("/api/v1/payments", "201")).isEqualTo(3);
        assertThat(obsRequests("/api/v1/payments/{id}", "404")).isEqualTo(3);
        assertThat(obsRequests("/api/v1/agents/{id}/calls", "500")).isEqualTo(3);
        assertThat(meters().scrape())
                .contains("http_request_duration_seconds_count{endpoint=\"/api/v1/tasks/{id}\"")
                .doesNotContain("endpoint=\"/api/v1/tasks/7\"");
    }

    private PrometheusMeterRegistry meters() {
        return bench.meters();
    }

    private Timer bootTimer(String uri, String status, String outcome) {
        return meters().get("http.server.requests")
                .tag("uri", uri)
                .tag("status", status)
                .tag("outcome", outcome)
                .timer();
    }

    private double obsRequests(String endpoint, String status) {
        Counter counter = meters().find("http.requests")
                .tag("endpoint", endpoint)
                .tag("status", status)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
