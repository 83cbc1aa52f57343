package io.escalation.obs.tcpa;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.record.FaultReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * TCPA and Regulation F metrics: {@code tcpa_checks_total{result,channel}},
 * {@code tcpa_violations_prevented_total{reason,channel}}, {@code tcpa_opt_outs_total{channel}},
 * {@code tcpa_frequency_limit_hits_total} and the opt-out backlog gauges. Every label is an enum, so
 * no consumer id or phone number can reach a label; per-consumer facts go to {@link ComplianceAudit}.
 *
 * <pre>{@code
 * TcpaMetrics tcpa = TcpaMetrics.create(obs);
 * tcpa.allowed(TcpaChannel.PHONE);                                  // tcpa_checks_total{result="allowed",channel="phone"}
 * tcpa.blocked(TcpaReason.TIME_RESTRICTION, TcpaChannel.PHONE);     // ...{result="blocked"} and violations_prevented
 * tcpa.optOut(TcpaChannel.SMS);
 * tcpa.optOutBacklog(repository.pendingOptOutReceiptTimes(),        // e.g. every minute
 *         OptOutDeadlines.of(ZoneId.of("America/New_York")));
 * }</pre>
 *
 * <p>The library observes and records; it does not decide compliance. Recording methods never
 * throw; the counting ones allocate nothing. Facades created on the same registry share the backlog
 * gauges' state, so the last {@link #optOutBacklog} report wins.
 */
public final class TcpaMetrics {

    private static final TcpaChannel[] CHANNELS = TcpaChannel.values();
    private static final TcpaReason[] REASONS = TcpaReason.values();
    private static final Map<MeterRegistry, OptOutBacklog> BACKLOGS = new WeakHashMap<>();   // guarded by itself

    private final Observability obs;
    private final Counter[] allowed = new Counter[CHANNELS.length];
    private final Counter[] blocked = new Counter[CHANNELS.length];
    private final Counter[][] prevented = new Counter[REASONS.length][CHANNELS.length];
    private final Counter[] optOuts = new Counter[CHANNELS.length];
    private final Counter frequencyLimitHits;
    private final OptOutBacklog backlog;

    private TcpaMetrics(Observability obs) {
        this.obs = obs;
        MeterRegistry registry = obs.registry();
        for (TcpaChannel channel : CHANNELS) {
            int c = channel.ordinal();
            allowed[c] = check("allowed", channel).register(registry);
            blocked[c] = check("blocked", channel).register(registry);
            optOuts[c] = TcpaMeters.OPT_OUTS.counter().tag(TcpaLabels.CHANNEL.asString(), channel.label())
                    .register(registry);
            for (TcpaReason reason : REASONS) {
                prevented[reason.ordinal()][c] = TcpaMeters.VIOLATIONS_PREVENTED.counter()
                        .tag(TcpaLabels.REASON.asString(), reason.label())
                        .tag(TcpaLabels.CHANNEL.asString(), channel.label())
                        .register(registry);
            }
        }
        frequencyLimitHits = TcpaMeters.FREQUENCY_LIMIT_HITS.counter().register(registry);
        synchronized (BACKLOGS) {
            OptOutBacklog shared = BACKLOGS.get(registry);
            if (shared == null) {   // the first facade on this registry owns the gauges
                shared = new OptOutBacklog(obs.clock());
                BACKLOGS.put(registry, shared);
                gauge(registry, shared, TcpaMeters.OPT_OUT_PENDING, OptOutBacklog::pending);
                gauge(registry, shared, TcpaMeters.OPT_OUT_OLDEST_AGE, OptOutBacklog::oldestAgeSeconds);
                gauge(registry, shared, TcpaMeters.OPT_OUT_OVERDUE, OptOutBacklog::overdue);
                gauge(registry, shared, TcpaMeters.OPT_OUT_DUE_SOON, OptOutBacklog::dueSoon);
            }
            backlog = shared;
        }
    }

    /**
     * TCPA metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the TCPA metrics of {@code obs}
     */
    public static TcpaMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(TcpaMetrics.class, () -> new TcpaMetrics(obs));
    }

    /**
     * Counts a contact the checks allowed. Never throws, allocates nothing.
     *
     * @param channel the contact's channel; null is counted as a fault
     */
    public void allowed(@Nullable TcpaChannel channel) {
        if (channel == null) {
            obs.faults().record(TcpaMeters.CHECKS, FaultReason.NULL_VALUE);
            return;
        }
        allowed[channel.ordinal()].increment();
    }

    /**
     * Counts a contact a check blocked: {@code tcpa_checks_total{result="blocked"}} and
     * {@code tcpa_violations_prevented_total{reason,channel}}. A null reason still counts the blocked
     * check. Never throws, allocates nothing.
     *
     * @param reason the rule that blocked the contact
     * @param channel the contact's channel; null is counted as a fault
     */
    public void blocked(@Nullable TcpaReason reason, @Nullable TcpaChannel channel) {
        if (channel == null) {
            obs.faults().record(TcpaMeters.CHECKS, FaultReason.NULL_VALUE);
            return;
        }
        blocked[channel.ordinal()].increment();
        if (reason == null) {
            obs.faults().record(TcpaMeters.VIOLATIONS_PREVENTED, FaultReason.NULL_VALUE);
            return;
        }
        prevented[reason.ordinal()][channel.ordinal()].increment();
    }

    /**
     * Counts an opt-out or consent revocation request received on {@code channel}. Never throws.
     *
     * @param channel the channel the request came through; null is counted as a fault
     */
    public void optOut(@Nullable TcpaChannel channel) {
        if (channel == null) {
            obs.faults().record(TcpaMeters.OPT_OUTS, FaultReason.NULL_VALUE);
            return;
        }
        optOuts[channel.ordinal()].increment();
    }

    /**
     * Counts a contact that used up a consumer's allowance under the frequency limit (the 7th call in
     * 7 days): further attempts in the period will be blocked with {@link TcpaReason#FREQUENCY_LIMIT}.
     */
    public void frequencyLimitReached() {
        frequencyLimitHits.increment();
    }

    /**
     * Reports the pending opt-out requests by their receipt times, replacing the previous report:
     * {@code tcpa_opt_out_requests_pending}, the oldest one's age and the counts overdue and due soon
     * under {@code deadlines}. The service calls it periodically from its own store (the library keeps
     * no request state of its own, so the figures survive restarts and agree across replicas). Null
     * entries are skipped and counted as faults; a null collection keeps the previous report. Never throws.
     *
     * @param receivedAt the receipt times of the requests still pending
     * @param deadlines the business-day calendar that decides what is overdue
     */
    public void optOutBacklog(@Nullable Collection<Instant> receivedAt, @Nullable OptOutDeadlines deadlines) {
        if (receivedAt == null || deadlines == null) {
            obs.faults().record(TcpaMeters.OPT_OUT_PENDING, FaultReason.NULL_VALUE);
            return;
        }
        try {
            Instant[] times = new Instant[receivedAt.size()];
            int count = 0;
            for (Instant received : receivedAt) {
                if (received == null) {
                    obs.faults().record(TcpaMeters.OPT_OUT_PENDING, FaultReason.NULL_VALUE);
                } else if (count < times.length) {
                    times[count++] = received;
                }
            }
            backlog.replace(times, count, deadlines);
        } catch (RuntimeException e) {   // a collection changing under us, a date out of range
            obs.faults().record(TcpaMeters.OPT_OUT_PENDING, FaultReason.RECORDING_FAILED);
        }
    }

    Observability obs() {
        return obs;
    }

    private static Counter.Builder check(String result, TcpaChannel channel) {
        return TcpaMeters.CHECKS.counter()
                .tag(TcpaLabels.RESULT.asString(), result)
                .tag(TcpaLabels.CHANNEL.asString(), channel.label());
    }

    private static void gauge(MeterRegistry registry, OptOutBacklog backlog, TcpaMeters meter,
            ToDoubleFunction<OptOutBacklog> value) {
        meter.gauge(backlog, value).strongReference(true).register(registry);
    }
}
