package io.escalation.obs.http;

import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;

/**
 * The outbound series of one external API (a {@code peer} registered with
 * {@link HttpMetrics.Builder#peers}): {@code http_client_requests_total{peer,method,status}},
 * {@code http_client_request_duration_seconds{peer,method}} and {@code http_client_errors_total}.
 * A call is an error when it got a 4xx or 5xx or no response at all ({@code status} is then
 * {@code TIMEOUT}, {@code IO_ERROR} or {@code ERROR}), as in the OpenTelemetry HTTP client
 * conventions: from the caller's side a 4xx from Twilio is a failed call.
 *
 * <pre>{@code
 * Peer twilio = http.peer("twilio");                                   // once, at start-up
 * HttpResponse<String> r = twilio.send(client, request, BodyHandlers.ofString());
 *
 * ClientExchange call = twilio.start(HttpMethod.POST, "api.twilio.com"); // any other client
 * try { int status = sdk.send(...); call.end(status); } catch (IOException e) { call.fail(e); throw e; }
 *
 * twilio.record(HttpMethod.POST, 201, nanos);                          // timed elsewhere: 0 allocations
 * }</pre>
 */
public final class Peer {

    private final HttpMetrics http;
    private final String name;
    private final SeriesTable series;
    private final Faults faults;

    Peer(HttpMetrics http, String name, SeriesTable series) {
        this.http = http;
        this.name = name;
        this.series = series;
        this.faults = http.faults();
    }

    /**
     * The {@code peer} label value.
     *
     * @return the peer name
     */
    public String name() {
        return name;
    }

    /**
     * Records one call that got a response with {@code status}. Never throws; allocates nothing once
     * the series exists. A status outside 100..599 is counted as a fault and recorded as
     * {@code ERROR}; a negative duration is counted and only the counters are recorded.
     *
     * @param method the request's method; null is recorded as {@code _OTHER} and counted as a fault
     * @param status the response status code
     * @param nanos the call's duration in nanoseconds
     */
    public void record(@Nullable HttpMethod method, int status, long nanos) {
        int slot;
        if (Statuses.isValidCode(status)) {
            slot = Statuses.slot(status);
        } else {
            faults.record(
                    HttpCatalogue.CLIENT_REQUESTS,
                    status > Statuses.LAST_CODE
                            ? FaultReason.VALUE_TOO_LARGE
                            : status < 0 ? FaultReason.NEGATIVE_VALUE : FaultReason.NULL_VALUE);
            slot = Statuses.ERROR;
        }
        recordSlot(method, slot, nanos);
    }

    /**
     * Records one call that failed without a response: {@code TIMEOUT} for timeouts (also when they
     * are the cause), {@code IO_ERROR} for other I/O errors, {@code ERROR} otherwise. Never throws.
     *
     * @param method the request's method; null is recorded as {@code _OTHER} and counted as a fault
     * @param error why the call failed
     * @param nanos the call's duration in nanoseconds
     */
    public void recordFailure(@Nullable HttpMethod method, @Nullable Throwable error, long nanos) {
        recordSlot(method, Statuses.failureSlot(error), nanos);
    }

    /**
     * Starts timing one call, with a CLIENT span; {@code serverAddress} (a host name) may be null. A
     * null method is recorded as {@code _OTHER} and counted as a fault. Never throws.
     *
     * @param method the request's method
     * @param serverAddress the host called, or null
     * @return the started call; end it exactly once
     */
    public ClientExchange start(@Nullable HttpMethod method, @Nullable String serverAddress) {
        if (method == null) {
            faults.record(HttpCatalogue.CLIENT_REQUESTS, FaultReason.NULL_VALUE);
        }
        return new ClientExchange(this, method == null ? HttpMethod.OTHER : method, serverAddress);
    }

    /**
     * Sends {@code request} with {@code client}, timed and in a CLIENT span whose context is
     * propagated in the request headers ({@code traceparent}). The exception of a failed call is
     * rethrown as is.
     *
     * @param <T> the response body type
     * @param client the client that sends the request
     * @param request the request; it is sent with the trace context headers added
     * @param handler the response body handler
     * @return the response
     * @throws java.io.IOException when the client throws it
     * @throws java.lang.InterruptedException when the client throws it
     */
    public <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        ClientExchange call =
                start(HttpMethod.of(request.method()), request.uri().getHost());
        HttpRequest.Builder traced = HttpRequest.newBuilder(request, (header, value) -> true);
        call.injectHeaders(traced::header);
        try {
            HttpResponse<T> response = client.send(traced.build(), handler);
            call.end(response.statusCode());
            return response;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            call.fail(e);
            throw e;
        }
    }

    void recordSlot(@Nullable HttpMethod method, int slot, long nanos) {
        HttpMethod recorded = faults.rejectsNull(HttpCatalogue.CLIENT_REQUESTS, method) ? HttpMethod.OTHER : method;
        series.record(
                recorded,
                slot,
                Route.checkedNanos(faults, HttpCatalogue.CLIENT_REQUEST_DURATION, nanos)); // never throws
    }

    HttpMetrics http() {
        return http;
    }

    @Override
    public String toString() {
        return "Peer[" + name + "]";
    }
}
