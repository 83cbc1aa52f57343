package io.escalation.obs.business;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.Observability;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The recording hot paths allocate nothing: the JVM's per-thread allocation counter over many calls. */
class ZeroAllocationTest {

    private static final int CALLS = 200_000;
    private static final Channel[] CHANNELS = Channel.values();
    private static final AgentType[] TYPES = AgentType.values();
    private static final CampaignOutcome[] OUTCOMES = CampaignOutcome.values();
    private static com.sun.management.ThreadMXBean threads;

    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .jvmMetrics(false)
            .build();

    @BeforeAll
    static void allocationCounterIsAvailable() {
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    @AfterEach
    void close() {
        obs.close();
    }

    @Test
    void contactsAllocateNothing() {
        ContactMetrics contacts = ContactMetrics.create(obs);
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                Channel channel = CHANNELS[i++ % 3];
                contacts.contacted(channel);
                contacts.responded(channel);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void paymentsInCentsAllocateNothing() {
        PaymentMetrics payments = PaymentMetrics.create(obs);
        Runnable call = new Runnable() {
            long i;

            @Override
            public void run() {
                payments.collectedCents(1_000 + (i++ & 1023));
                payments.promised();
                payments.failed();
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void agentHandlesAllocateNothing() {
        AgentMetrics agents = AgentMetrics.create(obs);
        AgentMetrics.Agent[] handles = new AgentMetrics.Agent[8];
        for (int i = 0; i < handles.length; i++) {
            handles[i] = agents.agent("agent-" + i, TYPES[i % 3]);
        }
        Duration handled = Duration.ofSeconds(42);
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                AgentMetrics.Agent agent = handles[i & 7];
                CampaignOutcome outcome = OUTCOMES[i++ % 3];
                long started = agent.taskStarted();
                agent.taskFinished(outcome, started);
                agent.taskCompleted(outcome, handled);
                agent.setCapacity(i & 15);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void agentsByIdAllocateNothingOnceTheIdIsKnown() {
        AgentMetrics agents = AgentMetrics.create(obs);
        String[] ids = {"voice-1", "voice-2", "mailer-1", "texter-1", "voice-3", "mailer-2", "texter-2", "voice-4"};
        Duration handled = Duration.ofSeconds(42);
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                String id = ids[i & 7];
                AgentType type = TYPES[i % 3];
                CampaignOutcome outcome = OUTCOMES[i++ % 3];
                long started = agents.taskStarted(id, type);
                agents.taskFinished(id, type, outcome, started);
                agents.taskCompleted(id, type, outcome, handled);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    @Test
    void campaignsAndTasksAllocateNothing() {
        CampaignMetrics campaigns = CampaignMetrics.create(obs);
        Duration ran = Duration.ofDays(3);
        Runnable call = new Runnable() {
            int i;

            @Override
            public void run() {
                CampaignOutcome outcome = OUTCOMES[i % 3];
                campaigns.campaignFinished(outcome, ran);
                campaigns.taskFinished(outcome);
                campaigns.setCampaigns(CampaignStatus.ACTIVE, i);
                campaigns.setTasks(TaskStatus.PENDING, i++);
            }
        };
        assertThat(bytesPerCall(call)).isLessThan(1.0);
    }

    private static double bytesPerCall(Runnable call) {
        for (int i = 0; i < CALLS; i++) { // warm-up: class loading, JIT
            call.run();
        }
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        long after = threads.getThreadAllocatedBytes(threadId);
        return (double) (after - before) / CALLS;
    }
}
