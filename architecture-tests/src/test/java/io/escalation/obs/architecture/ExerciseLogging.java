package io.escalation.obs.architecture;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.helpers.NOPAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import io.escalation.obs.core.Observability;
import io.escalation.obs.logging.ObsAsyncAppender;
import io.escalation.obs.logging.ObsAuditAppender;
import io.escalation.obs.logging.ObsJsonEncoder;
import io.escalation.obs.logging.ObsLogging;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * obs-logging's meters: the drop counters of an async appender and the chain-break counters of an
 * audit appender, bound by ObsLogging.install.
 */
final class ExerciseLogging {

    private ExerciseLogging() {
    }

    static void exercise(Observability obs) {
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
        context.getLogger("obs.audit.tcpa").info("tcpa_check");   // no chain key: counted key_missing
        context.stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
