package io.escalation.obs.security;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.label.GuardedLabel;
import io.escalation.obs.core.spi.record.CounterTable;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Authentication, authorization, rate-limit and suspicious-activity metrics. Labels are enums, except
 * the rate-limited {@code endpoint} (a route template, through the label guard), so no user id, IP
 * address or phone number can reach a label; per-user and per-client facts go to {@link SecurityAudit}.
 *
 * <pre>{@code
 * SecurityMetrics security = SecurityMetrics.create(obs);
 * security.loginSucceeded();                                    // auth_login_attempts_total{status="success"}
 * security.permissionDenied(SecurityResource.PAYMENTS);         // authz_permission_checks_total{result="denied"}, violations
 * security.suspiciousActivity(SuspiciousActivity.SQL_INJECTION);
 *
 * SecurityMetrics.Endpoint campaigns = security.endpoint("/api/v1/campaigns");   // guarded once
 * campaigns.hit();                                              // rate_limit_hits_total{endpoint="/api/v1/campaigns"}
 * }</pre>
 *
 * <p>Recording methods never throw and, for known label values, allocate nothing. Rate limits:
 * a <em>hit</em> is one request the limiter refused or delayed; a <em>violation</em> is one client
 * exceeding a limit, counted once per client and limit window (the limiter knows when a window
 * starts); a <em>block</em> is a client blocked outright. Facades created on the same registry share
 * the {@code auth_sessions_active} count.
 */
public final class SecurityMetrics {

    private static final Map<MeterRegistry, AtomicLong> SESSIONS = new WeakHashMap<>(); // guarded by itself

    private final ModuleKit kit;
    private final Faults faults;
    private final Counter loginSuccess;
    private final Counter loginFailure;
    private final Counter lockouts;
    private final Counter tokenRefreshes;
    private final Counter permissionAllowed;
    private final Counter permissionDenied;
    /** Every resource, activity type and block reason shows a zero from the start. */
    private final CounterTable<SecurityResource> violationsByResource;

    private final Counter rateLimitBlocks;
    private final CounterTable<SuspiciousActivity> suspicious;
    private final CounterTable<BlockReason> blocked;
    private final AtomicLong sessions;
    private final GuardedLabel<Endpoint> endpoints;
    /** What {@link #endpoint} answers when the registry refuses an endpoint's counters. */
    private final Endpoint unknownEndpoint;

    private SecurityMetrics(ModuleKit kit) {
        this.kit = kit;
        this.faults = kit.faults();
        MeterRegistry registry = kit.registry();
        loginSuccess = login("success").register(registry);
        loginFailure = login("failed").register(registry);
        lockouts = SecurityCatalogue.AUTH_ACCOUNT_LOCKOUTS.counter().register(registry);
        tokenRefreshes = SecurityCatalogue.AUTH_TOKEN_REFRESHES.counter().register(registry);
        permissionAllowed = permission("allowed").register(registry);
        permissionDenied = permission("denied").register(registry);
        violationsByResource = CounterTable.eager(
                faults,
                SecurityCatalogue.AUTHZ_PERMISSION_VIOLATIONS,
                SecurityResource.class,
                resource -> SecurityCatalogue.AUTHZ_PERMISSION_VIOLATIONS
                        .counter()
                        .tag(SecurityCatalogue.RESOURCE.asString(), resource.label())
                        .register(registry));
        rateLimitBlocks = SecurityCatalogue.RATE_LIMIT_BLOCKS.counter().register(registry);
        suspicious = CounterTable.eager(
                faults,
                SecurityCatalogue.SUSPICIOUS_ACTIVITY,
                SuspiciousActivity.class,
                type -> SecurityCatalogue.SUSPICIOUS_ACTIVITY
                        .counter()
                        .tag(SecurityCatalogue.TYPE.asString(), type.label())
                        .register(registry));
        blocked = CounterTable.eager(
                faults,
                SecurityCatalogue.BLOCKED_REQUESTS,
                BlockReason.class,
                reason -> SecurityCatalogue.BLOCKED_REQUESTS
                        .counter()
                        .tag(SecurityCatalogue.REASON.asString(), reason.label())
                        .register(registry));
        synchronized (SESSIONS) {
            AtomicLong shared = SESSIONS.get(registry);
            if (shared == null) { // the first facade on this registry owns the gauge
                shared = new AtomicLong();
                SESSIONS.put(registry, shared);
                SecurityCatalogue.AUTH_SESSIONS_ACTIVE
                        .gauge(shared, AtomicLong::get)
                        .strongReference(true)
                        .register(registry);
            }
            sessions = shared;
        }
        endpoints =
                kit.labels().guard(SecurityCatalogue.RATE_LIMIT_HITS, SecurityCatalogue.ENDPOINT, this::endpointFor);
        unknownEndpoint = new Endpoint(faults, "unknown", null, null);
    }

    /**
     * Security metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the security metrics of {@code obs}
     */
    public static SecurityMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(SecurityMetrics.class, () -> new SecurityMetrics(ModuleKit.of(obs)));
    }

    /** Counts a successful login. */
    public void loginSucceeded() {
        faults.increment(SecurityCatalogue.AUTH_LOGIN_ATTEMPTS, loginSuccess);
    }

    /** Counts a failed login; {@link SecurityAudit#loginFailed} also records who and from where. */
    public void loginFailed() {
        faults.increment(SecurityCatalogue.AUTH_LOGIN_ATTEMPTS, loginFailure);
    }

    /** Counts an account locked after failed logins. */
    public void accountLocked() {
        faults.increment(SecurityCatalogue.AUTH_ACCOUNT_LOCKOUTS, lockouts);
    }

    /** Counts an access token refreshed. */
    public void tokenRefreshed() {
        faults.increment(SecurityCatalogue.AUTH_TOKEN_REFRESHES, tokenRefreshes);
    }

    /** One more active session. */
    public void sessionOpened() {
        sessions.incrementAndGet();
    }

    /** One active session fewer; never below zero (an unmatched close is counted as a fault). */
    public void sessionClosed() {
        long current;
        do {
            current = sessions.get();
            if (current <= 0) {
                faults.record(SecurityCatalogue.AUTH_SESSIONS_ACTIVE, FaultReason.NEGATIVE_VALUE);
                return;
            }
        } while (!sessions.compareAndSet(current, current - 1));
    }

    /**
     * Sets the active session count, for services that keep sessions in a shared store. Negative values are
     * dropped.
     *
     * @param count the number of sessions open now
     */
    public void activeSessions(long count) {
        if (faults.rejectsCount(SecurityCatalogue.AUTH_SESSIONS_ACTIVE, count)) {
            return;
        }
        sessions.set(count);
    }

    /** Counts a permission check that passed. */
    public void permissionGranted() {
        faults.increment(SecurityCatalogue.AUTHZ_PERMISSION_CHECKS, permissionAllowed);
    }

    /**
     * Counts a permission check that failed and the violation on {@code resource}. A null resource
     * still counts the denied check.
     *
     * @param resource the resource access was denied to; null counts only the denied check
     */
    public void permissionDenied(@Nullable SecurityResource resource) {
        faults.increment(SecurityCatalogue.AUTHZ_PERMISSION_CHECKS, permissionDenied);
        violationsByResource.increment(resource);
    }

    /**
     * Counts a request the rate limiter refused or delayed on {@code endpoint} (a route template).
     *
     * @param endpoint the route template
     */
    public void rateLimitHit(@Nullable String endpoint) {
        endpoint(endpoint).hit();
    }

    /**
     * Counts a client exceeding the rate limit of {@code endpoint}; {@link SecurityAudit} records which
     * client.
     *
     * @param endpoint the route template
     */
    public void rateLimitViolation(@Nullable String endpoint) {
        endpoint(endpoint).violation();
    }

    /** Counts a client blocked outright by the rate limiter. */
    public void rateLimitBlock() {
        faults.increment(SecurityCatalogue.RATE_LIMIT_BLOCKS, rateLimitBlocks);
    }

    /**
     * Counts suspicious activity of {@code type}.
     *
     * @param type the kind of activity; null counts as {@code unknown}
     */
    public void suspiciousActivity(@Nullable SuspiciousActivity type) {
        suspicious.increment(type);
    }

    /**
     * Counts a request refused for {@code reason}.
     *
     * @param reason why the request was refused; null counts as {@code unknown}
     */
    public void requestBlocked(@Nullable BlockReason reason) {
        blocked.increment(reason);
    }

    /**
     * The rate-limit counters of one endpoint, guarded once: what a limiter keeps per route. Pass the
     * route template ({@code /api/v1/customers/{id}}), never the raw path: a value the masker flags as
     * PII becomes {@code redacted}, and beyond the label cap values fold into {@code other}. Never throws.
     *
     * @param endpoint the route template; null counts as {@code unknown}
     * @return the counters of that endpoint; keep it for the route's lifetime
     */
    public Endpoint endpoint(@Nullable String endpoint) {
        return endpoints.resolve(endpoint, unknownEndpoint); // a registry refusing the counters: counted
    }

    ModuleKit kit() {
        return kit;
    }

    private Endpoint endpointFor(String endpoint) {
        MeterRegistry registry = kit.registry();
        return new Endpoint(
                faults,
                endpoint,
                SecurityCatalogue.RATE_LIMIT_HITS
                        .counter()
                        .tag(SecurityCatalogue.ENDPOINT.asString(), endpoint)
                        .register(registry),
                SecurityCatalogue.RATE_LIMIT_VIOLATIONS
                        .counter()
                        .tag(SecurityCatalogue.ENDPOINT.asString(), endpoint)
                        .register(registry));
    }

    private static Counter.Builder login(String status) {
        return SecurityCatalogue.AUTH_LOGIN_ATTEMPTS.counter().tag(SecurityCatalogue.STATUS.asString(), status);
    }

    private static Counter.Builder permission(String result) {
        return SecurityCatalogue.AUTHZ_PERMISSION_CHECKS.counter().tag(SecurityCatalogue.RESULT.asString(), result);
    }

    /** The {@code rate_limit_hits_total} and {@code rate_limit_violations_total} counters of one endpoint. */
    public static final class Endpoint {
        private final Faults faults;
        private final String name;
        private final @Nullable Counter hits;
        private final @Nullable Counter violations;

        Endpoint(Faults faults, String name, @Nullable Counter hits, @Nullable Counter violations) {
            this.faults = faults;
            this.name = name;
            this.hits = hits;
            this.violations = violations;
        }

        /** Counts a request the limiter refused or delayed. Never throws, allocates nothing. */
        public void hit() {
            Counter counter = hits;
            if (counter == null) {
                faults.record(SecurityCatalogue.RATE_LIMIT_HITS, FaultReason.RECORDING_FAILED);
                return;
            }
            faults.increment(SecurityCatalogue.RATE_LIMIT_HITS, counter);
        }

        /** Counts a client exceeding this endpoint's limit. Never throws, allocates nothing. */
        public void violation() {
            Counter counter = violations;
            if (counter == null) {
                faults.record(SecurityCatalogue.RATE_LIMIT_VIOLATIONS, FaultReason.RECORDING_FAILED);
                return;
            }
            faults.increment(SecurityCatalogue.RATE_LIMIT_VIOLATIONS, counter);
        }

        /**
         * The label value this endpoint is counted under (cleaned, or {@code redacted}, {@code other}, {@code
         * unknown}).
         *
         * @return the label value
         */
        public String label() {
            return name;
        }
    }
}
