package io.escalation.obs.architecture;

import io.escalation.obs.core.Observability;
import io.escalation.obs.errors.ErrorReporter;
import io.escalation.obs.errors.SentrySettings;

/** obs-errors' meters: an event discarded by sampling (rate 0), before anything is sent. */
final class ExerciseErrors {

    private ExerciseErrors() {
    }

    static void exercise(Observability obs) {
        try (ErrorReporter errors = ErrorReporter.create(obs,
                SentrySettings.builder().dsn("http://publickey@127.0.0.1:9/1").sampleRate(0.0).build())) {
            errors.capture(new IllegalStateException("exercise"));
        }
    }
}
