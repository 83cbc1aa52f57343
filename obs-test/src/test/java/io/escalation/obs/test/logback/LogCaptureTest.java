package io.escalation.obs.test.logback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogCaptureTest {

    private static final String NAME = "obs.audit.capture-test";

    @Test
    void capturesEventsWithTheirKeyValuePairsUntilClosed() {
        Logger logger = LoggerFactory.getLogger(NAME);
        try (LogCapture log = LogCapture.attach(NAME)) {
            log.level(Level.INFO);
            logger.atInfo()
                    .setMessage("tcpa_check")
                    .addKeyValue("decision", "blocked")
                    .addKeyValue("attempt", 2)
                    .log();
            assertThat(log.events()).singleElement().satisfies(event -> {
                assertThat(event.getMessage()).isEqualTo("tcpa_check");
                assertThat(LogCapture.fields(event))
                        .containsExactly(
                                java.util.Map.entry("decision", "blocked"), java.util.Map.entry("attempt", "2"));
            });
            log.level(Level.OFF);
            logger.info("dropped");
            assertThat(log.events()).hasSize(1);
        }
        ch.qos.logback.classic.Logger logback = (ch.qos.logback.classic.Logger) logger;
        assertThat(logback.getLevel()).isNull();
        assertThat(logback.iteratorForAppenders().hasNext()).isFalse();
    }
}
