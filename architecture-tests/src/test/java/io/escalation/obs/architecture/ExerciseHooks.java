package io.escalation.obs.architecture;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.core.health.HealthResult;
import java.time.Duration;

/** Makes every module's meters appear in a scrape; each module adds its facade calls here. */
final class ExerciseHooks {

    private ExerciseHooks() {
    }

    static void exerciseAll(Observability obs) {
        ExerciseHttp.exercise(obs);
        try (HealthChecks health = HealthChecks.create(obs)) {
            health.register("database", Duration.ofSeconds(1), HealthResult::up);
            health.register("redis", Duration.ofSeconds(1), () -> HealthResult.down("connection refused"));
            health.runAll();
        }
        ExerciseLogging.exercise(obs);
        ExerciseErrors.exercise(obs);
        ExerciseLlm.exercise(obs);
        ExerciseMemoryRag.exercise(obs);
        ExerciseDb.exercise(obs);
        ExerciseBusiness.exercise(obs);
        ExerciseSecurity.exercise(obs);
        ExerciseTcpa.exercise(obs);
    }
}
