package io.escalation.obs.business;

import io.escalation.obs.core.Observability;
import io.escalation.obs.test.CatalogueContract;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * obs-business's catalogue against a real scrape: {@link #exercise} makes every meter of its catalogue
 * appear. Listed in META-INF/services so that architecture-tests exercises it with every other module.
 */
public class BusinessCatalogueContractTest extends CatalogueContract {

    /** Public for {@link java.util.ServiceLoader}. */
    public BusinessCatalogueContractTest() {}

    @Override
    public String module() {
        return "obs-business";
    }

    @Override
    public void exercise(Observability obs) {
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
