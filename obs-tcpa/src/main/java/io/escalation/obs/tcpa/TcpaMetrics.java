package io.escalation.obs.tcpa;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.record.CounterTable;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
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

    private static final Map<MeterRegistry, OptOutBacklog> BACKLOGS = new WeakHashMap<>(); // guarded by itself

    private final ModuleKit kit;
    private final Faults faults;
    /** Every channel, result and reason shows a zero from the start. */
    private final CounterTable<TcpaChannel> allowed;

    private final CounterTable<TcpaChannel> blocked;
    /** By reason ordinal, then by channel. */
    private final List<CounterTable<TcpaChannel>> prevented;

    private final CounterTable<TcpaChannel> optOuts;
    private final Counter frequencyLimitHits;
    private final OptOutBacklog backlog;

    private TcpaMetrics(ModuleKit kit) {
        this.kit = kit;
        this.faults = kit.faults();
        MeterRegistry registry = kit.registry();
        this.allowed = CounterTable.eager(
                faults,
                TcpaCatalogue.CHECKS,
                TcpaChannel.class,
                channel -> check("allowed", channel).register(registry));
        this.blocked = CounterTable.eager(
                faults,
                TcpaCatalogue.CHECKS,
                TcpaChannel.class,
                channel -> check("blocked", channel).register(registry));
        this.optOuts = CounterTable.eager(
                faults,
                TcpaCatalogue.OPT_OUTS,
                TcpaChannel.class,
                channel -> TcpaCatalogue.OPT_OUTS
                        .counter()
                        .tag(TcpaCatalogue.CHANNEL.asString(), channel.label())
                        .register(registry));
        this.prevented = Arrays.stream(TcpaReason.values())
                .map(reason -> CounterTable.eager(
                        faults,
                        TcpaCatalogue.VIOLATIONS_PREVENTED,
                        TcpaChannel.class,
                        channel -> TcpaCatalogue.VIOLATIONS_PREVENTED
                                .counter()
                                .tag(TcpaCatalogue.REASON.asString(), reason.label())
                                .tag(TcpaCatalogue.CHANNEL.asString(), channel.label())
                                .register(registry)))
                .collect(Collectors.toUnmodifiableList());
        frequencyLimitHits = TcpaCatalogue.FREQUENCY_LIMIT_HITS.counter().register(registry);
        synchronized (BACKLOGS) {
            OptOutBacklog shared = BACKLOGS.get(registry);
            if (shared == null) { // the first facade on this registry owns the gauges
                shared = new OptOutBacklog(kit.clock());
                BACKLOGS.put(registry, shared);
                gauge(registry, shared, TcpaCatalogue.OPT_OUT_PENDING, OptOutBacklog::pending);
                gauge(registry, shared, TcpaCatalogue.OPT_OUT_OLDEST_AGE, OptOutBacklog::oldestAgeSeconds);
                gauge(registry, shared, TcpaCatalogue.OPT_OUT_OVERDUE, OptOutBacklog::overdue);
                gauge(registry, shared, TcpaCatalogue.OPT_OUT_DUE_SOON, OptOutBacklog::dueSoon);
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
        return obs.component(TcpaMetrics.class, () -> new TcpaMetrics(ModuleKit.of(obs)));
    }

    /**
     * Counts a contact the checks allowed. Never throws, allocates nothing.
     *
     * @param channel the contact's channel; null is counted as a fault
     */
    public void allowed(@Nullable TcpaChannel channel) {
        allowed.increment(channel);
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
        if (faults.rejectsNull(TcpaCatalogue.CHECKS, channel)) {
            return;
        }
        blocked.increment(channel);
        if (faults.rejectsNull(TcpaCatalogue.VIOLATIONS_PREVENTED, reason)) {
            return;
        }
        prevented.get(reason.ordinal()).increment(channel);
    }

    /**
     * Counts an opt-out or consent revocation request received on {@code channel}. Never throws.
     *
     * @param channel the channel the request came through; null is counted as a fault
     */
    public void optOut(@Nullable TcpaChannel channel) {
        optOuts.increment(channel);
    }

    /**
     * Counts a contact that used up a consumer's allowance under the frequency limit (the 7th call in
     * 7 days): further attempts in the period will be blocked with {@link TcpaReason#FREQUENCY_LIMIT}.
     */
    public void frequencyLimitReached() {
        faults.increment(TcpaCatalogue.FREQUENCY_LIMIT_HITS, frequencyLimitHits);
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
            faults.record(TcpaCatalogue.OPT_OUT_PENDING, FaultReason.NULL_VALUE);
            return;
        }
        // a collection changing under us or a date out of range is counted; the previous report stays
        faults.guard(TcpaCatalogue.OPT_OUT_PENDING, () -> {
            Instant[] times = new Instant[receivedAt.size()];
            int count = 0;
            for (Instant received : receivedAt) {
                if (received == null) {
                    faults.record(TcpaCatalogue.OPT_OUT_PENDING, FaultReason.NULL_VALUE);
                } else if (count < times.length) {
                    times[count++] = received;
                }
            }
            backlog.replace(times, count, deadlines);
        });
    }

    ModuleKit kit() {
        return kit;
    }

    private static Counter.Builder check(String result, TcpaChannel channel) {
        return TcpaCatalogue.CHECKS
                .counter()
                .tag(TcpaCatalogue.RESULT.asString(), result)
                .tag(TcpaCatalogue.CHANNEL.asString(), channel.label());
    }

    private static void gauge(
            MeterRegistry registry, OptOutBacklog backlog, Metric meter, ToDoubleFunction<OptOutBacklog> value) {
        meter.gauge(backlog, value).strongReference(true).register(registry);
    }
}
