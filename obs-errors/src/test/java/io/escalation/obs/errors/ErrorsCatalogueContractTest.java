package io.escalation.obs.errors;

import io.escalation.obs.core.Observability;
import io.escalation.obs.test.CatalogueContract;

/**
 * obs-errors's catalogue against a real scrape: {@link #exercise} makes every meter of its catalogue
 * appear. Listed in META-INF/services so that architecture-tests exercises it with every other module.
 */
public class ErrorsCatalogueContractTest extends CatalogueContract {

    /** Public for {@link java.util.ServiceLoader}. */
    public ErrorsCatalogueContractTest() {}

    @Override
    public String module() {
        return "obs-errors";
    }

    @Override
    public void exercise(Observability obs) {
        try (ErrorReporter errors = ErrorReporter.create(
                obs,
                SentrySettings.builder()
                        .dsn("http://publickey@127.0.0.1:9/1")
                        .sampleRate(0.0)
                        .build())) {
            errors.capture(new IllegalStateException("exercise"));
        }
    }
}
