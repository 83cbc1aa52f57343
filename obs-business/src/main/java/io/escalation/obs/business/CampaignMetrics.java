package io.escalation.obs.business;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.record.Bounded;
import io.escalation.obs.core.spi.record.FaultReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Campaigns and tasks: how many are in each status now ({@code campaigns{status}},
 * {@code tasks{status}}, gauges the service sets from its own store), how they end
 * ({@code campaigns_finished_total{outcome}}, {@code tasks_finished_total{outcome}}) and how long
 * campaigns run ({@code campaigns_duration_seconds{outcome}}). Success and completion rates are
 * recording rules over the counters (docs/business.md).
 *
 * <pre>{@code
 * CampaignMetrics campaigns = CampaignMetrics.create(obs);   // once per service
 * // a periodic job, from the database: the state of the whole system
 * campaigns.setCampaigns(CampaignStatus.ACTIVE, repo.countCampaigns("active"));
 * campaigns.setTasks(TaskStatus.PENDING, repo.countTasks("pending"));
 * // where things end
 * campaigns.campaignFinished(Outcome.SUCCESS, Duration.between(campaign.startedAt(), now));
 * campaigns.taskFinished(Outcome.FAILURE);
 * }</pre>
 *
 * <p>Create one per {@link Observability}: the gauges belong to the first instance. Recording calls
 * never throw or allocate; null, negative or absurd input is dropped or clamped and counted in
 * {@code obs_instrumentation_errors_total}.
 */
public final class CampaignMetrics {

    private static final Outcome[] OUTCOMES = Outcome.values();
    /** Campaigns run for hours to weeks. */
    static final Duration[] DURATION_BUCKETS = {
        Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(2),
        Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(30), Duration.ofDays(60),
        Duration.ofDays(90),
    };
    private static final long MAX_DURATION_NANOS = Duration.ofDays(365).toNanos();

    private final Observability obs;
    private final Levels campaigns;
    private final Levels tasks;
    private final Counter[] campaignsFinished = new Counter[OUTCOMES.length];
    private final Timer[] campaignDurations = new Timer[OUTCOMES.length];
    private final Counter[] tasksFinished = new Counter[OUTCOMES.length];

    private CampaignMetrics(Observability obs) {
        this.obs = obs;
        this.campaigns = Levels.register(obs, BusinessMeters.CAMPAIGNS, BusinessLabels.CAMPAIGN_STATUS,
                Arrays.stream(CampaignStatus.values()).map(CampaignStatus::label).toArray(String[]::new));
        this.tasks = Levels.register(obs, BusinessMeters.TASKS, BusinessLabels.TASK_STATUS,
                Arrays.stream(TaskStatus.values()).map(TaskStatus::label).toArray(String[]::new));
        String outcome = BusinessLabels.OUTCOME.asString();
        for (Outcome o : OUTCOMES) {
            campaignsFinished[o.ordinal()] = BusinessMeters.CAMPAIGNS_FINISHED.counter().tag(outcome, o.label())
                    .register(obs.registry());
            campaignDurations[o.ordinal()] = BusinessMeters.CAMPAIGNS_DURATION.timer(DURATION_BUCKETS)
                    .tag(outcome, o.label()).register(obs.registry());
            tasksFinished[o.ordinal()] = BusinessMeters.TASKS_FINISHED.counter().tag(outcome, o.label())
                    .register(obs.registry());
        }
    }

    /**
     * Campaign and task metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the campaign metrics of {@code obs}
     */
    public static CampaignMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(CampaignMetrics.class, () -> new CampaignMetrics(obs));
    }

    /**
     * Sets how many campaigns are in {@code status} now.
     *
     * @param status the status; null is counted as a fault
     * @param count the number of campaigns, 0 or more
     */
    public void setCampaigns(@Nullable CampaignStatus status, long count) {
        if (status == null) {
            obs.faults().record(BusinessMeters.CAMPAIGNS, FaultReason.NULL_VALUE);
        } else if (!obs.faults().rejectsCount(BusinessMeters.CAMPAIGNS, count)) {
            campaigns.set(status.ordinal(), count);
        }
    }

    /**
     * Sets how many tasks are in {@code status} now.
     *
     * @param status the status; null is counted as a fault
     * @param count the number of tasks, 0 or more
     */
    public void setTasks(@Nullable TaskStatus status, long count) {
        if (status == null) {
            obs.faults().record(BusinessMeters.TASKS, FaultReason.NULL_VALUE);
        } else if (!obs.faults().rejectsCount(BusinessMeters.TASKS, count)) {
            tasks.set(status.ordinal(), count);
        }
    }

    /**
     * Counts one campaign that ended with {@code outcome} after running for {@code ran}. A null or
     * negative duration is dropped (the campaign is still counted); more than a year is clamped.
     *
     * @param outcome how the campaign ended
     * @param ran the time from start to end
     */
    public void campaignFinished(@Nullable Outcome outcome, @Nullable Duration ran) {
        try {
            if (outcome == null) {
                obs.faults().record(BusinessMeters.CAMPAIGNS_FINISHED, FaultReason.NULL_VALUE);
                return;
            }
            campaignsFinished[outcome.ordinal()].increment();
            if (ran == null) {
                obs.faults().record(BusinessMeters.CAMPAIGNS_DURATION, FaultReason.NULL_VALUE);
                return;
            }
            if (ran.isNegative()) {
                obs.faults().record(BusinessMeters.CAMPAIGNS_DURATION, FaultReason.NEGATIVE_VALUE);
                return;
            }
            long nanos = Bounded.toNanos(ran);   // saturated, then clamped
            campaignDurations[outcome.ordinal()].record(
                    obs.faults().clamp(BusinessMeters.CAMPAIGNS_DURATION, nanos, MAX_DURATION_NANOS),
                    TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            obs.faults().record(BusinessMeters.CAMPAIGNS_FINISHED, FaultReason.RECORDING_FAILED);
        }
    }

    /**
     * Counts one task that ended with {@code outcome}.
     *
     * @param outcome how the task ended
     */
    public void taskFinished(@Nullable Outcome outcome) {
        if (outcome == null) {
            obs.faults().record(BusinessMeters.TASKS_FINISHED, FaultReason.NULL_VALUE);
            return;
        }
        tasksFinished[outcome.ordinal()].increment();
    }
}
