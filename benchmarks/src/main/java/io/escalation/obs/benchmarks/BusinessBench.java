package io.escalation.obs.benchmarks;

import io.escalation.obs.business.AgentMetrics;
import io.escalation.obs.business.AgentType;
import io.escalation.obs.business.BusinessCatalogue;
import io.escalation.obs.business.CampaignOutcome;
import io.escalation.obs.business.Channel;
import io.escalation.obs.business.ContactMetrics;
import io.escalation.obs.business.PaymentMetrics;
import io.escalation.obs.core.Observability;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * obs-business's recording paths, rotating over eight slots like {@link RawMicrometer}: contacts
 * (an enum-indexed counter), payments in cents (a counter and an exact amount) and agent tasks on
 * pre-resolved per-agent handles (a counter and a handling-time timer, with its raw Micrometer floor).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BusinessBench {

    private static final int MASK = BenchInputs.SERIES - 1;
    /** Eight slots over six series: contacted and responded on three channels. */
    private static final Channel[] CHANNELS = {
        Channel.EMAIL,
        Channel.PHONE,
        Channel.SMS,
        Channel.EMAIL,
        Channel.PHONE,
        Channel.SMS,
        Channel.EMAIL,
        Channel.SMS,
    };

    private static final boolean[] RESPONDED = {false, false, false, true, true, true, false, true};
    /** Eight agent instances, each with its type; their outcomes below. */
    private static final String[] AGENT_IDS = {
        "mailer-1", "voice-1", "texter-1", "mailer-2", "voice-2", "texter-2", "mailer-3", "voice-3",
    };

    private static final AgentType[] TYPES = {
        AgentType.EMAIL,
        AgentType.PHONE,
        AgentType.SMS,
        AgentType.EMAIL,
        AgentType.PHONE,
        AgentType.SMS,
        AgentType.EMAIL,
        AgentType.PHONE,
    };
    private static final CampaignOutcome[] OUTCOMES = {
        CampaignOutcome.SUCCESS,
        CampaignOutcome.SUCCESS,
        CampaignOutcome.SUCCESS,
        CampaignOutcome.FAILURE,
        CampaignOutcome.FAILURE,
        CampaignOutcome.FAILURE,
        CampaignOutcome.CANCELLED,
        CampaignOutcome.CANCELLED,
    };
    private static final Duration[] HANDLING_BUCKETS = {
        Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
        Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
    };
    private static final Duration[] HANDLING_TIMES = {
        Duration.ofMillis(800), Duration.ofSeconds(4), Duration.ofSeconds(12), Duration.ofSeconds(45),
        Duration.ofSeconds(90), Duration.ofMinutes(4), Duration.ofMinutes(12), Duration.ofMinutes(40),
    };

    private final Observability obs = FacadeBench.newObservability();
    private final ContactMetrics contacts = ContactMetrics.create(obs);
    private final PaymentMetrics payments = PaymentMetrics.create(obs);
    private final AgentMetrics agents = AgentMetrics.create(obs);
    private final AgentMetrics.Agent[] agentHandles = new AgentMetrics.Agent[BenchInputs.SERIES];

    private final PrometheusMeterRegistry raw = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter[] rawAgentCounters = new Counter[BenchInputs.SERIES];
    private final Timer[] rawAgentTimers = new Timer[BenchInputs.SERIES];
    private int next;

    public BusinessBench() {
        raw.config().commonTags("service", FacadeBench.SERVICE, "environment", FacadeBench.ENVIRONMENT);
        for (int i = 0; i < BenchInputs.SERIES; i++) {
            agentHandles[i] = agents.agent(AGENT_IDS[i], TYPES[i]);
            rawAgentCounters[i] = Counter.builder(BusinessCatalogue.AGENT_TASKS_COMPLETED.getName())
                    .tag("agent_id", AGENT_IDS[i])
                    .tag("agent_type", TYPES[i].label())
                    .tag("outcome", OUTCOMES[i].label())
                    .register(raw);
            rawAgentTimers[i] = Timer.builder(BusinessCatalogue.AGENT_HANDLING_TIME.getName())
                    .tag("agent_id", AGENT_IDS[i])
                    .tag("agent_type", TYPES[i].label())
                    .publishPercentileHistogram(false)
                    .serviceLevelObjectives(HANDLING_BUCKETS)
                    .register(raw);
        }
    }

    @TearDown
    public void tearDown() {
        obs.close();
        raw.close();
    }

    /** {@code contacted(channel)} or {@code responded(channel)}: an array index and an increment. */
    @Benchmark
    public void contact() {
        int i = next++ & MASK;
        if (RESPONDED[i]) {
            contacts.responded(CHANNELS[i]);
        } else {
            contacts.contacted(CHANNELS[i]);
        }
    }

    /** {@code collectedCents(cents)}: the payment counter and the exact micro-dollar sum. */
    @Benchmark
    public void paymentCents() {
        payments.collectedCents(1_000 + (next++ & 1023));
    }

    /** {@code agent.taskCompleted(outcome, handlingTime)} on a pre-resolved handle: counter, timer, input checks. */
    @Benchmark
    public void agentTaskCompleted() {
        int i = next++;
        agentHandles[i & MASK].taskCompleted(OUTCOMES[i & MASK], HANDLING_TIMES[(i >>> 3) & MASK]);
    }

    /** Floor of {@link #agentTaskCompleted}: a raw counter increment and timer record. */
    @Benchmark
    public void rawAgentTaskCompleted() {
        int i = next++;
        rawAgentCounters[i & MASK].increment();
        rawAgentTimers[i & MASK].record(HANDLING_TIMES[(i >>> 3) & MASK]);
    }
}
