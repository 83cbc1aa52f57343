package io.escalation.obs.benchmarks;

import io.escalation.obs.core.Observability;
import io.escalation.obs.security.SecurityMetrics;
import io.escalation.obs.security.SecurityResource;
import io.escalation.obs.security.SuspiciousActivity;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link SecurityMetrics} hot paths, each rotating over {@value BenchInputs#SERIES} series like
 * {@link RawMicrometer#counterIncrement}: an enum-labelled counter, a pre-resolved rate-limit
 * endpoint, the endpoint looked up in the label guard per call, and a denied permission check.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SecurityBench {

    private static final int MASK = BenchInputs.SERIES - 1;
    /** Eight route templates: the guarded {@code endpoint} label. */
    static final String[] ROUTES = {
        "/api/v1/campaigns", "/api/v1/campaigns/{id}", "/api/v1/customers/{id}", "/api/v1/payments",
        "/api/v1/tasks", "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/reports",
    };

    private final Observability obs = FacadeBench.newObservability();
    private final SecurityMetrics security = SecurityMetrics.create(obs);
    private final SuspiciousActivity[] types = new SuspiciousActivity[BenchInputs.SERIES];
    private final SecurityResource[] resources = new SecurityResource[BenchInputs.SERIES];
    private final SecurityMetrics.Endpoint[] endpoints = new SecurityMetrics.Endpoint[BenchInputs.SERIES];
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < BenchInputs.SERIES; i++) {
            types[i] = SuspiciousActivity.values()[i];
            resources[i] = SecurityResource.values()[i];
            endpoints[i] = security.endpoint(ROUTES[i]); // admitted before measuring
        }
    }

    @TearDown
    public void tearDown() {
        obs.close();
    }

    /** {@code security_suspicious_activity_total{type}}: an array index by ordinal and one increment. */
    @Benchmark
    public void suspiciousActivity() {
        security.suspiciousActivity(types[next++ & MASK]);
    }

    /** {@code rate_limit_hits_total{endpoint}} through a handle resolved once. */
    @Benchmark
    public void endpointHit() {
        endpoints[next++ & MASK].hit();
    }

    /** {@code rate_limit_hits_total{endpoint}} with the route looked up in the label guard on every call. */
    @Benchmark
    public void rateLimitHitByName() {
        security.rateLimitHit(ROUTES[next++ & MASK]);
    }

    /** A denied check: {@code authz_permission_checks_total{result="denied"}} and the resource's violation. */
    @Benchmark
    public void permissionDenied() {
        security.permissionDenied(resources[next++ & MASK]);
    }
}
