package io.escalation.obs.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.helpers.NOPAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import io.escalation.obs.core.Observability;
import io.escalation.obs.test.CatalogueContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * obs-logging's catalogue against a real scrape: {@link #exercise} makes every meter of its catalogue
 * appear. Listed in META-INF/services so that architecture-tests exercises it with every other module.
 */
public class LoggingCatalogueContractTest extends CatalogueContract {

    /** Public for {@link java.util.ServiceLoader}. */
    public LoggingCatalogueContractTest() {}

    @Override
    public String module() {
        return "obs-logging";
    }

    @Override
    public void exercise(Observability obs) {
        LoggerContext context = new LoggerContext();
        NOPAppender<ILoggingEvent> sink = new NOPAppender<>();
        sink.setContext(context);
        sink.start();
        ObsAsyncAppender async = new ObsAsyncAppender();
        async.setContext(context);
        async.setName("ASYNC_COMBINED");
        async.addAppender(sink);
        async.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(async);
        Path dir;
        try {
            dir = Files.createTempDirectory("obs-audit-exercise");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObsAuditAppender audit = new ObsAuditAppender();
        audit.setContext(context);
        audit.setName("OBS_AUDIT_TCPA");
        audit.setFile(dir.resolve("audit-tcpa.log").toString());
        TimeBasedRollingPolicy<ILoggingEvent> rolling = new TimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(audit);
        rolling.setFileNamePattern(dir.resolve("audit-tcpa.%d{yyyy-MM-dd}.log").toString());
        rolling.start();
        audit.setRollingPolicy(rolling);
        ObsJsonEncoder encoder = new ObsJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        audit.setEncoder(encoder);
        audit.start();
        context.getLogger("obs.audit.tcpa").addAppender(audit);
        ObsLogging.install(obs, context);
        context.getLogger("obs.audit.tcpa").info("tcpa_check"); // no chain key: counted key_missing
        context.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
