package io.escalation.obs.architecture;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.helpers.NOPAppender;
import io.escalation.obs.core.Observability;
import io.escalation.obs.logging.ObsAsyncAppender;
import io.escalation.obs.logging.ObsLogging;

/** obs-logging's meters: the drop counters of an async appender bound by ObsLogging.install. */
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
        ObsLogging.install(obs, context);
        context.stop();
    }
}
