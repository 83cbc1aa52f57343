package io.escalation.obs.core.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NegotiationTest {

    private static boolean openMetrics(String... accept) {
        return Negotiation.wantsOpenMetrics(List.of(accept));
    }

    @Test
    void openMetricsWhenNamedWithoutQ() {
        assertThat(openMetrics("application/openmetrics-text")).isTrue();
        assertThat(openMetrics("application/openmetrics-text; version=1.0.0,text/plain;q=0.5"))
                .isTrue();
        assertThat(openMetrics("Application/OpenMetrics-Text ; Q = 0.7")).isTrue();
    }

    @Test
    void qZeroRefusesOpenMetrics() {
        assertThat(openMetrics("application/openmetrics-text;q=0, text/plain")).isFalse();
        assertThat(openMetrics("application/openmetrics-text;q=0.000")).isFalse();
        assertThat(openMetrics("text/plain", "application/openmetrics-text;version=1.0.0;q=0"))
                .isFalse();
    }

    @Test
    void higherQWins() {
        assertThat(openMetrics("text/plain;q=0.9, application/openmetrics-text;q=0.5"))
                .isFalse();
        assertThat(openMetrics("text/plain;q=0.5, application/openmetrics-text;q=0.9"))
                .isTrue();
        assertThat(openMetrics("text/plain;q=0.5, application/openmetrics-text;q=0.5"))
                .isTrue();
        // Prometheus' own scrape header
        assertThat(openMetrics("application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
                        + "application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
                        + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2"))
                .isTrue();
    }

    @Test
    void theMostSpecificRangeDecidesTextPlain() {
        assertThat(openMetrics("text/*;q=0.1, application/openmetrics-text;q=0.5"))
                .isTrue();
        assertThat(openMetrics("text/plain;q=1, text/*;q=0.1, application/openmetrics-text;q=0.5"))
                .isFalse();
        assertThat(openMetrics("text/plain;q=0.1, */*;q=1, application/openmetrics-text;q=0.5"))
                .isTrue();
    }

    @Test
    void wildcardsAloneGiveText() {
        assertThat(openMetrics("*/*")).isFalse();
        assertThat(openMetrics("application/*")).isFalse();
        assertThat(openMetrics("application/json")).isFalse();
        assertThat(Negotiation.wantsOpenMetrics(null)).isFalse();
        assertThat(openMetrics("")).isFalse();
        assertThat(openMetrics(" , ;q=1,")).isFalse();
    }

    @Test
    void malformedQIgnoresTheElement() {
        assertThat(openMetrics("application/openmetrics-text;q=2, text/plain")).isFalse();
        assertThat(openMetrics("application/openmetrics-text;q=abc")).isFalse();
        assertThat(openMetrics("application/openmetrics-text;q=")).isFalse();
    }

    @Test
    void quotedParametersMayHoldCommasAndSemicolons() {
        assertThat(openMetrics("application/openmetrics-text; x=\"a,b;q=0\"; q=0.8, text/plain;q=0.2"))
                .isTrue();
        assertThat(openMetrics("text/plain; x=\"a\\\"b,c\", application/openmetrics-text;q=0.5"))
                .isFalse();
    }

    @Test
    void gzipNegotiation() {
        assertThat(Negotiation.acceptsGzip(List.of("gzip;q=0, *"))).isFalse();
        assertThat(Negotiation.acceptsGzip(List.of("*;q=0"))).isFalse();
        assertThat(Negotiation.acceptsGzip(List.of("x-gzip;q=0.5"))).isTrue();
        assertThat(Negotiation.acceptsGzip(List.of("deflate, br"))).isFalse();
        assertThat(Negotiation.acceptsGzip(List.of("gzip;q=5"))).isFalse();
        assertThat(Negotiation.acceptsGzip(List.of("deflate, gzip;q=0.8"))).isTrue();
    }
}
