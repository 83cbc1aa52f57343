package io.escalation.obs.http.servlet;

import io.escalation.obs.http.ServerExchange;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Ends the exchange of an asynchronous request once: on completion with the response's status, on
 * a timeout as 500, on an error with the error (500 unless a status was already committed). The
 * exchange records only its first end, so the {@code onComplete} that follows a timeout or an error
 * changes nothing.
 */
final class AsyncEnd implements AsyncListener {

    private final ServerExchange exchange;
    private final HttpServletResponse response;

    private AsyncEnd(ServerExchange exchange, HttpServletResponse response) {
        this.exchange = exchange;
        this.response = response;
    }

    /**
     * Listens to the request's async context when the chain returned with the request in async mode
     * (the container delays a {@code complete()} from another thread until the chain has returned,
     * so the listener cannot miss it). False when the request is not asynchronous: end it now.
     */
    static boolean attach(HttpServletRequest request, HttpServletResponse response, ServerExchange exchange) {
        if (!request.isAsyncStarted()) {
            return false;
        }
        try {
            request.getAsyncContext().addListener(new AsyncEnd(exchange, response));
            return true;
        } catch (IllegalStateException e) { // no longer asynchronous after all
            return false;
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        exchange.end(response.getStatus());
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        exchange.end(500);
    }

    @Override
    public void onError(AsyncEvent event) {
        Throwable error = event.getThrowable();
        if (error == null) {
            exchange.end(500);
        } else {
            exchange.endUnhandled(ObsServletFilter.sentStatus(response), error);
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // a new startAsync (from an async dispatch) drops the listeners: stay registered
        event.getAsyncContext().addListener(this);
    }
}
