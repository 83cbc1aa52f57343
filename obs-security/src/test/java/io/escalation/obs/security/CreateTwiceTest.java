package io.escalation.obs.security;

import static io.escalation.obs.test.ObsAssertions.assertThatScrape;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.test.TestObservability;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating SecurityMetrics twice on one Observability gives the same facade: nothing recorded is lost. */
class CreateTwiceTest {

    private final TestObservability test = TestObservability.create();

    @AfterEach
    void close() {
        test.close();
    }

    @Test
    void sessionsAndLoginsThroughBothAddUp() {
        SecurityMetrics first = SecurityMetrics.create(test.obs());
        SecurityMetrics second = SecurityMetrics.create(test.obs());
        first.sessionOpened();
        second.sessionOpened();
        first.loginSucceeded();
        second.loginSucceeded();

        assertThatScrape(test)
                .hasSample("auth_sessions_active", 2)
                .hasSample("auth_login_attempts_total", 2, "status", "success");
        assertThat(second).isSameAs(first);
    }
}
