package io.escalation.obs.tcpa;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.test.TestObservability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating TcpaMetrics twice on one Observability gives the same facade: nothing recorded is lost. */
class CreateTwiceTest {

    private final TestObservability test = TestObservability.create();

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void checksAndOptOutsThroughBothAddUp() {
        TcpaMetrics first = TcpaMetrics.create(test.obs());
        TcpaMetrics second = TcpaMetrics.create(test.obs());
        first.allowed(TcpaChannel.PHONE);
        second.allowed(TcpaChannel.PHONE);
        first.optOut(TcpaChannel.SMS);
        second.optOut(TcpaChannel.SMS);

        assertThatScrape(test)
                .hasSample("tcpa_checks_total", 2, "channel", "phone", "result", "allowed")
                .hasSample("tcpa_opt_outs_total", 2, "channel", "sms");
        assertThat(second).isSameAs(first);
    }
}
