package io.escalation.obs.business;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.record.CounterTable;
import io.escalation.obs.core.spi.record.Faults;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
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
 * campaigns.campaignFinished(CampaignOutcome.SUCCESS, Duration.between(campaign.startedAt(), now));
 * campaigns.taskFinished(CampaignOutcome.FAILURE);
 * }</pre>
 *
 * <p>Create one per {@link Observability}: the gauges belong to the first instance. Recording calls
 * never throw or allocate; null, negative or absurd input is dropped or clamped and counted in
 * {@code obs_instrumentation_errors_total}.
 */
public final class CampaignMetrics {

    private static final CampaignOutcome[] OUTCOMES = CampaignOutcome.values();
    private static final long MAX_DURATION_NANOS = Duration.ofDays(365).toNanos();

    private final Faults faults;
    private final Levels campaigns;
    private final Levels tasks;
    /** Every outcome shows a zero from the start, on each of the three meters. */
    private final CounterTable<CampaignOutcome> campaignsFinished;

    private final Timer[] campaignDurations = new Timer[OUTCOMES.length];
    private final CounterTable<CampaignOutcome> tasksFinished;

    private CampaignMetrics(ModuleKit kit) {
        this.faults = kit.faults();
        MeterRegistry registry = kit.registry();
        this.campaigns = Levels.register(
                registry,
                BusinessCatalogue.CAMPAIGNS,
                BusinessCatalogue.CAMPAIGN_STATUS,
                Arrays.stream(CampaignStatus.values())
                        .map(CampaignStatus::label)
                        .toArray(String[]::new));
        this.tasks = Levels.register(
                registry,
                BusinessCatalogue.TASKS,
                BusinessCatalogue.TASK_STATUS,
                Arrays.stream(TaskStatus.values()).map(TaskStatus::label).toArray(String[]::new));
        String outcome = BusinessCatalogue.OUTCOME.asString();
        this.campaignsFinished = CounterTable.eager(
                faults,
                BusinessCatalogue.CAMPAIGNS_FINISHED,
                CampaignOutcome.class,
                o -> BusinessCatalogue.CAMPAIGNS_FINISHED
                        .counter()
                        .tag(outcome, o.label())
                        .register(registry));
        for (CampaignOutcome o : OUTCOMES) {
            campaignDurations[o.ordinal()] = BusinessCatalogue.CAMPAIGNS_DURATION
                    .timer()
                    .tag(outcome, o.label())
                    .register(registry);
        }
        this.tasksFinished = CounterTable.eager(
                faults,
                BusinessCatalogue.TASKS_FINISHED,
                CampaignOutcome.class,
                o -> BusinessCatalogue.TASKS_FINISHED
                        .counter()
                        .tag(outcome, o.label())
                        .register(registry));
    }

    /**
     * Campaign and task metrics recording into {@code obs}: made on the first call, then the same instance.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the campaign metrics of {@code obs}
     */
    public static CampaignMetrics create(Observability obs) {
        Objects.requireNonNull(obs, "obs");
        return obs.component(CampaignMetrics.class, () -> new CampaignMetrics(ModuleKit.of(obs)));
    }

    /**
     * Sets how many campaigns are in {@code status} now.
     *
     * @param status the status; null is counted as a fault
     * @param count the number of campaigns, 0 or more
     */
    public void setCampaigns(@Nullable CampaignStatus status, long count) {
        if (!faults.rejectsNull(BusinessCatalogue.CAMPAIGNS, status)
                && !faults.rejectsCount(BusinessCatalogue.CAMPAIGNS, count)) {
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
        if (!faults.rejectsNull(BusinessCatalogue.TASKS, status)
                && !faults.rejectsCount(BusinessCatalogue.TASKS, count)) {
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
    public void campaignFinished(@Nullable CampaignOutcome outcome, @Nullable Duration ran) {
        if (faults.rejectsNull(BusinessCatalogue.CAMPAIGNS_FINISHED, outcome)) {
            return;
        }
        campaignsFinished.increment(outcome);
        // null and negative dropped, saturated and then clamped, each counted on the duration
        faults.record(
                BusinessCatalogue.CAMPAIGNS_DURATION, campaignDurations[outcome.ordinal()], ran, MAX_DURATION_NANOS);
    }

    /**
     * Counts one task that ended with {@code outcome}.
     *
     * @param outcome how the task ended
     */
    public void taskFinished(@Nullable CampaignOutcome outcome) {
        tasksFinished.increment(outcome);
    }
}
