package io.escalation.obs.business;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;

import io.escalation.obs.test.TestObservability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContactMetricsTest {

    private final TestObservability test = TestObservability.create();
    private final ContactMetrics contacts = ContactMetrics.create(test.obs());

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void contactsAndResponsesAreCountedByChannel() {
        contacts.contacted(Channel.EMAIL);
        contacts.contacted(Channel.EMAIL);
        contacts.contacted(Channel.SMS);
        contacts.responded(Channel.SMS);

        assertThatScrape(test)
                .hasLine("# TYPE customers_contacted_total counter")
                .hasLine("customers_contacted_total{channel=\"email\",environment=\"test\",service=\"test-service\"} 2.0")
                .hasLine("customers_contacted_total{channel=\"phone\",environment=\"test\",service=\"test-service\"} 0.0")
                .hasSample("customers_contacted_total", 1, "channel", "sms")
                .hasLine("customers_responded_total{channel=\"sms\",environment=\"test\",service=\"test-service\"} 1.0")
                .hasSample("customers_responded_total", 0, "channel", "email")
                .hasNoInstrumentationErrors()
                .hasNoPiiInLabels();
    }

    @Test
    void nullChannelIsCountedAsAFault() {
        contacts.contacted(null);
        contacts.responded(null);

        assertThatScrape(test)
                .hasInstrumentationErrors("customers_contacted_total", "null_value", 1)
                .hasInstrumentationErrors("customers_responded_total", "null_value", 1)
                .hasSample("customers_contacted_total", 0, "channel", "email");
    }
}
