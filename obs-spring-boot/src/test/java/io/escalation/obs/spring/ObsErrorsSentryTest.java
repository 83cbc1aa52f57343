package io.escalation.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.errors.ErrorReporter;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A real Boot application with {@code obs.sentry.dsn} set and obs-errors' {@code ObsSentryAppender} in its logback
 * configuration, reporting to a loopback Sentry over HTTP: an exception a controller throws and an ERROR line each
 * arrive once, scrubbed, and the context's {@link ErrorReporter} is obs's.
 */
class ObsErrorsSentryTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @org.springframework.context.annotation.Bean
        Payments payments() {
            return new Payments();
        }
    }

    @RestController
    static class Payments {
        private static final Logger log = LoggerFactory.getLogger("io.escalation.calls.PaymentService");

        @PostMapping("/payments/{id}/charge")
        String charge(@PathVariable("id") String id) {
            log.info("calling +1 415 555 0134 about payment {}", id);
            throw new IllegalStateException("charge failed for jane.doe@example.com card 4111 1111 1111 1111");
        }

        @PostMapping("/payments/{id}/refund")
        String refund(@PathVariable("id") String id) {
            log.info("refund requested by +1 415 555 0177");
            log.error("refund failed for john.roe@example.com card 5500 0000 0000 0004");
            return "refund queued";
        }
    }

    @Test
    void aThrownExceptionAndAnErrorLineArriveOnceEachScrubbed() throws Exception {
        LoopbackSentry sentry = LoopbackSentry.start();
        try {
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                    .web(WebApplicationType.SERVLET)
                    .properties(
                            "server.port=0",
                            "server.address=127.0.0.1",
                            "logging.config=classpath:obs-sentry-logback-test.xml",
                            "spring.application.name=escalation-boot",
                            "obs.environment=staging",
                            "sentry.dsn=" + sentry.dsn(),
                            "obs.sentry.release=escalation-boot@1.4.2")
                    .run()) {
                assertThat(context.getBeansOfType(ErrorReporter.class)).hasSize(1);
                assertThat(context.getBean(ErrorReporter.class).enabled()).isTrue();
                int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
                assertThat(LoopbackSentry.post(port, "/payments/8812/charge").statusCode())
                        .isEqualTo(500);
                HttpResponse<String> refund = LoopbackSentry.post(port, "/payments/8813/refund");
                assertThat(refund.body()).isEqualTo("refund queued");
            } // closing the context closes the reporter: Sentry flushes its queue
        } finally {
            sentry.close();
        }

        List<JsonNode> events = sentry.events();
        String bodies = sentry.envelopes();
        List<JsonNode> thrown = events.stream()
                .filter(e -> e.path("exception").path("values").toString().contains("IllegalStateException"))
                .toList();
        List<JsonNode> logged = events.stream()
                .filter(e -> e.path("logger").asText().equals("io.escalation.calls.PaymentService"))
                .toList();
        assertThat(thrown).as("events of the thrown exception in %s", bodies).hasSize(1);
        assertThat(logged).as("events of the ERROR line in %s", bodies).hasSize(1);
        assertThat(events).as("every event: %s", bodies).hasSize(2);

        JsonNode exception = thrown.get(0).path("exception").path("values");
        assertThat(exception.toString()).contains("charge failed for [EMAIL] card [CARD ****1111]");
        // obs's unhandled-error hook reported it; Tomcat's ERROR line of the same exception was the duplicate
        assertThat(exception.toString()).contains("\"type\":\"obs.unhandled\"", "\"handled\":false");
        assertThat(thrown.get(0).path("environment").asText()).isEqualTo("staging");
        assertThat(thrown.get(0).path("release").asText()).isEqualTo("escalation-boot@1.4.2");
        assertThat(thrown.get(0).path("tags").path("service").asText()).isEqualTo("escalation-boot");
        assertThat(logged.get(0).path("message").toString()).contains("refund failed for [EMAIL] card [CARD ****0004]");
        assertThat(logged.get(0).path("breadcrumbs").toString()).contains("refund requested by [PHONE]");

        assertThat(bodies)
                .doesNotContain("jane.doe@example.com", "john.roe@example.com")
                .doesNotContain("4111 1111 1111 1111", "5500 0000 0000 0004")
                .doesNotContain("415 555 0134", "415 555 0177");
    }

    @Test
    void noReporterWithoutADsnOrWithoutObsErrorsAndABadDsnStopsTheStart() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        MetricsAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class,
                        ObsAutoConfiguration.class,
                        ObsErrorsAutoConfiguration.class))
                .withPropertyValues("spring.application.name=escalation-boot", "obs.environment=test");
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ErrorReporter.class));
        runner.withPropertyValues("obs.sentry.dsn= ")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ErrorReporter.class));
        runner.withPropertyValues("sentry.dsn=http://publickey@127.0.0.1:9/1")
                .withClassLoader(new FilteredClassLoader(ErrorReporter.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ErrorReporter.class));
        runner.withPropertyValues("obs.sentry.dsn=publickey@sentry.example.com/1")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("SentrySettings.dsn must be the project's DSN"));
    }
}
