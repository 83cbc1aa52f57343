package io.escalation.obs.logging;

/**
 * The JSON field names of obs log events. Context fields are MDC keys: put them with SLF4J's
 * {@code MDC.putCloseable} for the duration of a request or task and every event in between
 * carries them, masked like everything else.
 *
 * <pre>{@code
 * try (MDC.MDCCloseable request = MDC.putCloseable(LogFields.REQUEST_ID, requestId);
 *      MDC.MDCCloseable campaign = MDC.putCloseable(LogFields.CAMPAIGN_ID, campaignId)) {
 *     log.info("Campaign created successfully", kv(LogFields.ACTION, "create_campaign"));
 * }
 * // {"@timestamp":"...","level":"INFO","message":"Campaign created successfully",
 * //  "request_id":"req_789","campaignId":"campaign_456","action":"create_campaign",...}
 * }</pre>
 */
public final class LogFields {

    /** {@code level}: ERROR, WARN, INFO, DEBUG or TRACE. */
    public static final String LEVEL = "level";
    /** {@code logger}: the logger name; the category loggers are named in {@link LogCategory}. */
    public static final String LOGGER = "logger";
    /** {@code thread}: the name of the logging thread. */
    public static final String THREAD = "thread";
    /** {@code service}: the {@code Observability}'s service name. */
    public static final String SERVICE = "service";
    /** {@code environment}: the {@code Observability}'s environment. */
    public static final String ENVIRONMENT = "environment";
    /** {@code trace_id}: the current OpenTelemetry trace, 32 hex digits, when a span is current. */
    public static final String TRACE_ID = "trace_id";
    /** {@code span_id}: the current OpenTelemetry span, 16 hex digits, when a span is current. */
    public static final String SPAN_ID = "span_id";
    /** {@code category}: the {@link LogCategory} label when the logger is a category logger. */
    public static final String CATEGORY = "category";
    /** MDC key {@code request_id}: the inbound request's id. */
    public static final String REQUEST_ID = "request_id";
    /** MDC key {@code userId}: the acting operator or API user (never a consumer's contact data). */
    public static final String USER_ID = "userId";
    /** MDC key {@code campaignId}. */
    public static final String CAMPAIGN_ID = "campaignId";
    /** MDC key or structured argument {@code action}, e.g. {@code create_campaign}, {@code call_made}. */
    public static final String ACTION = "action";
    /** MDC key {@code agentType}: email, sms, phone, ... */
    public static final String AGENT_TYPE = "agentType";
    /** Structured argument {@code duration_ms}. */
    public static final String DURATION_MS = "duration_ms";

    private LogFields() {}
}
