package io.escalation.obs.business;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.test.TestObservability;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CampaignMetricsTest {

    private static final String SUCCESS = "environment=\"test\",outcome=\"success\",service=\"test-service\"";

    private final TestObservability test = TestObservability.create();
    private final CampaignMetrics campaigns = CampaignMetrics.create(test.obs());

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void statusGaugesReadNaNUntilTheServiceReportsThem() {
        assertThatScrape(test)
                .hasType("campaigns", "gauge")
                // the one exact exposition line of this module's tests: label order, common tags, value format
                .hasLine("campaigns{environment=\"test\",service=\"test-service\",status=\"active\"} NaN")
                .hasType("tasks", "gauge")
                .hasSample("tasks", Double.NaN, "status", "in_progress");

        campaigns.setCampaigns(CampaignStatus.ACTIVE, 12);
        campaigns.setCampaigns(CampaignStatus.COMPLETED, 340);
        campaigns.setCampaigns(CampaignStatus.ACTIVE, 11);
        campaigns.setTasks(TaskStatus.PENDING, 1_500);
        campaigns.setTasks(TaskStatus.IN_PROGRESS, 0);

        assertThatScrape(test)
                .hasSample("campaigns", 11, "status", "active")
                .hasSample("campaigns", 340, "status", "completed")
                .hasSample("campaigns", Double.NaN, "status", "paused")
                .hasSample("tasks", 1_500, "status", "pending")
                .hasSample("tasks", 0, "status", "in_progress")
                .hasNoSample("campaigns_total")
                .hasNoSample("tasks_total");
        assertThat(test.scrape().lines().filter(l -> l.startsWith("campaigns{")))
                .hasSize(6);
        assertThat(test.scrape().lines().filter(l -> l.startsWith("tasks{"))).hasSize(4);
    }

    @Test
    void finishedCampaignsAreCountedAndTheirDurationIsAHistogramInSeconds() {
        campaigns.campaignFinished(CampaignOutcome.SUCCESS, Duration.ofHours(30));
        campaigns.campaignFinished(CampaignOutcome.SUCCESS, Duration.ofDays(10));
        campaigns.campaignFinished(CampaignOutcome.FAILURE, Duration.ofDays(2));
        campaigns.taskFinished(CampaignOutcome.SUCCESS);
        campaigns.taskFinished(CampaignOutcome.CANCELLED);

        assertThatScrape(test)
                .hasSample("campaigns_finished_total", 2, "outcome", "success")
                .hasSample("campaigns_finished_total", 1, "outcome", "failure")
                .hasSample("campaigns_finished_total", 0, "outcome", "cancelled")
                .hasType("campaigns_duration_seconds", "histogram")
                .hasSample("campaigns_duration_seconds_bucket", 0, "outcome", "success", "le", "86400.0")
                .hasSample("campaigns_duration_seconds_bucket", 1, "outcome", "success", "le", "172800.0")
                .hasSample("campaigns_duration_seconds_bucket", 1, "outcome", "success", "le", "604800.0")
                .hasSample("campaigns_duration_seconds_bucket", 2, "outcome", "success", "le", "1209600.0")
                .hasSample("campaigns_duration_seconds_count", 2, "outcome", "success")
                .hasSample("campaigns_duration_seconds_sum", 972000, "outcome", "success")
                .hasSample("tasks_finished_total", 1, "outcome", "success")
                .hasSample("tasks_finished_total", 1, "outcome", "cancelled")
                .hasNoInstrumentationErrors();
        assertThat(test.scrape().lines().filter(l -> l.startsWith("campaigns_duration_seconds_bucket{" + SUCCESS)))
                .hasSize(12);
    }

    @Test
    void badInputIsDroppedOrClampedAndCounted() {
        campaigns.setCampaigns(CampaignStatus.ACTIVE, 5);
        campaigns.setCampaigns(CampaignStatus.ACTIVE, -3);
        campaigns.setCampaigns(null, 3);
        campaigns.setTasks(null, 1);
        campaigns.campaignFinished(null, Duration.ofHours(1));
        campaigns.campaignFinished(CampaignOutcome.SUCCESS, Duration.ofHours(-1));
        campaigns.campaignFinished(CampaignOutcome.SUCCESS, null);
        campaigns.campaignFinished(CampaignOutcome.SUCCESS, Duration.ofDays(365 * 1_000_000L));
        campaigns.taskFinished(null);

        assertThatScrape(test)
                .hasSample("campaigns", 5, "status", "active")
                .hasSample("campaigns_finished_total", 3, "outcome", "success")
                .hasSample("campaigns_duration_seconds_count", 1, "outcome", "success")
                .hasSample("campaigns_duration_seconds_sum", 3.1536E7, "outcome", "success")
                .hasInstrumentationErrors("campaigns", "negative_value", 1)
                .hasInstrumentationErrors("campaigns", "null_value", 1)
                .hasInstrumentationErrors("tasks", "null_value", 1)
                .hasInstrumentationErrors("campaigns_finished_total", "null_value", 1)
                .hasInstrumentationErrors("campaigns_duration_seconds", "negative_value", 1)
                .hasInstrumentationErrors("campaigns_duration_seconds", "null_value", 1)
                .hasInstrumentationErrors("campaigns_duration_seconds", "value_too_large", 1)
                .hasInstrumentationErrors("tasks_finished_total", "null_value", 1);
    }
}
