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
                .hasType("customers_contacted_total", "counter")
                .hasSample("customers_contacted_total", 2, "channel", "email")
                .hasSample("customers_contacted_total", 0, "channel", "phone")
                .hasSample("customers_contacted_total", 1, "channel", "sms")
                .hasSample("customers_responded_total", 1, "channel", "sms")
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
