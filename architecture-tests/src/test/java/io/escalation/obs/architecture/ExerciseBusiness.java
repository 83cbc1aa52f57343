package io.escalation.obs.architecture;

import io.escalation.obs.business.AgentMetrics;
import io.escalation.obs.business.AgentType;
import io.escalation.obs.business.CampaignMetrics;
import io.escalation.obs.business.CampaignOutcome;
import io.escalation.obs.business.CampaignStatus;
import io.escalation.obs.business.Channel;
import io.escalation.obs.business.ContactMetrics;
import io.escalation.obs.business.PaymentMetrics;
import io.escalation.obs.business.TaskStatus;
import io.escalation.obs.core.Observability;
import java.math.BigDecimal;
import java.time.Duration;

/** Makes every obs-business meter appear in the scrape. */
final class ExerciseBusiness {

    private ExerciseBusiness() {
    }

    static void exercise(Observability obs) {
        CampaignMetrics campaigns = CampaignMetrics.create(obs);
        campaigns.setCampaigns(CampaignStatus.ACTIVE, 4);
        campaigns.setTasks(TaskStatus.PENDING, 120);
        campaigns.campaignFinished(CampaignOutcome.SUCCESS, Duration.ofDays(3));
        campaigns.taskFinished(CampaignOutcome.SUCCESS);
        PaymentMetrics payments = PaymentMetrics.create(obs);
        payments.collected(new BigDecimal("125.40"));
        payments.promised();
        payments.failed();
        ContactMetrics contacts = ContactMetrics.create(obs);
        contacts.contacted(Channel.PHONE);
        contacts.responded(Channel.PHONE);
        AgentMetrics agents = AgentMetrics.create(obs);
        AgentMetrics.Agent voice = agents.agent("voice-agent-1", AgentType.PHONE);
        voice.setCapacity(20);
        voice.taskFinished(CampaignOutcome.SUCCESS, voice.taskStarted());
        agents.taskCompleted("mailer-1", AgentType.EMAIL, CampaignOutcome.FAILURE, Duration.ofSeconds(42));
    }
}
