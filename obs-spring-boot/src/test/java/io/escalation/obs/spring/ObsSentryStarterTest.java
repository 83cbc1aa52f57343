package io.escalation.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.escalation.obs.errors.ErrorReporter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentry.IScopes;
import io.sentry.ScopesAdapter;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import io.sentry.logback.SentryAppender;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A real Boot application whose Sentry is initialised by the context, as Sentry's Spring Boot starter does, reporting
 * to a loopback Sentry over HTTP: Sentry is initialised once, by the context; obs's scrubbing runs after the
 * application's own {@code beforeSend}; a thrown exception, an ERROR line and an {@link ErrorReporter} capture arrive
 * once each, masked; what the application's callback drops is counted.
 *
 * <p>The starter itself ({@code io.sentry:sentry-spring-boot-4}) is not served by the repository this build resolves
 * from, so {@link SentryStarterStandIn} does here what the starter's {@code SentryAutoConfiguration.HubConfiguration}
 * and {@code SentryLogbackInitializer} do (sentry-java, sentry-spring-boot-4): apply the {@code BeforeSendCallback}
 * bean and every {@code Sentry.OptionsConfiguration<SentryOptions>} bean in order to the options, call
 * {@code Sentry.init} in the {@code sentryHub} bean, and add sentry-logback's {@code SentryAppender} to the root
 * logger once the context is refreshed. Everything else is real: Tomcat, Sentry's client and transport, logback.
 */
class ObsSentryStarterTest {

    /** What the starter does with the options, from its source; counts its {@code Sentry.init} calls. */
    @Configuration(proxyBeanMethods = false)
    static class SentryStarterStandIn {
        static final AtomicInteger INITS = new AtomicInteger();
        static volatile SentryOptions initialised;

        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        Sentry.OptionsConfiguration<SentryOptions> sentryOptionsConfiguration(
                ObjectProvider<SentryOptions.BeforeSendCallback> beforeSend,
                ObjectProvider<SentryOptions.BeforeBreadcrumbCallback> beforeBreadcrumb) {
            return options -> {
                beforeSend.ifAvailable(options::setBeforeSend);
                beforeBreadcrumb.ifAvailable(options::setBeforeBreadcrumb);
            };
        }

        @Bean
        IScopes sentryHub(List<Sentry.OptionsConfiguration<SentryOptions>> configurations, Environment env) {
            SentryOptions options = new SentryOptions();
            options.setDsn(env.getRequiredProperty("sentry.dsn"));
            options.setEnvironment(env.getProperty("sentry.environment"));
            configurations.forEach(configuration -> configuration.configure(options));
            Sentry.init(options);
            INITS.incrementAndGet();
            initialised = options;
            return ScopesAdapter.getInstance();
        }

        @Bean
        ApplicationListener<ContextRefreshedEvent> sentryLogbackInitializer() {
            return event -> {
                ch.qos.logback.classic.Logger root =
                        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
                if (root.getAppender("SENTRY_APPENDER") == null) {
                    SentryAppender appender = new SentryAppender();
                    appender.setName("SENTRY_APPENDER");
                    appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
                    appender.setMinimumEventLevel(Level.ERROR);
                    appender.setMinimumBreadcrumbLevel(Level.INFO);
                    appender.start();
                    root.addAppender(appender);
                }
            };
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(SentryStarterStandIn.class)
    static class App {
        @Bean
        Payments payments() {
            return new Payments();
        }

        /** The application's own callback, as a starter user declares it: tags, and drops health-probe noise. */
        @Bean
        SentryOptions.BeforeSendCallback applicationBeforeSend() {
            return (event, hint) -> {
                if (event.getMessage() != null
                        && String.valueOf(event.getMessage().getFormatted()).contains("health probe")) {
                    return null;
                }
                event.setTag("escalate_to", "ops.oncall@example.com");
                return event;
            };
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
            log.error("health probe failed");
            return "refund queued";
        }
    }

    @Test
    void sentryIsInitialisedOnceByTheContextAndEveryEventArrivesOnceScrubbed() throws Exception {
        LoopbackSentry sentry = LoopbackSentry.start();
        double droppedByTheApplication;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "spring.application.name=escalation-boot",
                        "obs.environment=staging",
                        "sentry.dsn=" + sentry.dsn(),
                        "sentry.environment=staging")
                .run()) {
            assertThat(SentryStarterStandIn.INITS).as("Sentry.init calls").hasValue(1);
            assertThat(Sentry.getCurrentScopes().getOptions())
                    .as("the Sentry in use is the one the context initialised")
                    .isSameAs(SentryStarterStandIn.initialised);
            ErrorReporter reporter = context.getBean(ErrorReporter.class);
            assertThat(context.getBeansOfType(ErrorReporter.class)).hasSize(1);
            assertThat(reporter.enabled()).isTrue();

            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            assertThat(LoopbackSentry.post(port, "/payments/8812/charge").statusCode())
                    .isEqualTo(500);
            assertThat(LoopbackSentry.post(port, "/payments/8813/refund").body())
                    .isEqualTo("refund queued");
            assertThat(reporter.capture(new IllegalArgumentException("no answer on +1 415 555 0199")))
                    .isNotNull();
            Sentry.flush(5_000);
            droppedByTheApplication = context.getBean(MeterRegistry.class)
                    .get("sentry.events.dropped")
                    .tag("reason", "before_send")
                    .tag("category", "error")
                    .counter()
                    .count();
        } finally {
            Sentry.close();
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
        List<JsonNode> captured = events.stream()
                .filter(e -> e.path("exception").path("values").toString().contains("IllegalArgumentException"))
                .toList();
        assertThat(thrown).as("events of the thrown exception in %s", bodies).hasSize(1);
        assertThat(logged).as("events of the ERROR line in %s", bodies).hasSize(1);
        assertThat(captured)
                .as("events of the reporter's capture in %s", bodies)
                .hasSize(1);
        assertThat(events).as("every event: %s", bodies).hasSize(3);
        assertThat(droppedByTheApplication)
                .as("the health-probe line the application's callback dropped")
                .isOne();

        assertThat(thrown.get(0).path("exception").toString())
                .contains("charge failed for [EMAIL] card [CARD ****1111]");
        assertThat(logged.get(0).path("message").toString()).contains("refund failed for [EMAIL] card [CARD ****0004]");
        assertThat(logged.get(0).path("breadcrumbs").toString()).contains("refund requested by [PHONE]");
        assertThat(captured.get(0).path("exception").toString()).contains("no answer on [PHONE]");
        for (JsonNode event : events) {
            assertThat(event.path("tags").path("escalate_to").asText())
                    .as("the application's tag, masked by obs after the application's callback")
                    .isEqualTo("[EMAIL]");
            assertThat(event.path("tags").path("service").asText()).isEqualTo("escalation-boot");
            assertThat(event.path("environment").asText()).isEqualTo("staging");
        }
        assertThat(bodies)
                .doesNotContain("jane.doe@example.com", "john.roe@example.com", "ops.oncall@example.com")
                .doesNotContain("4111 1111 1111 1111", "5500 0000 0000 0004")
                .doesNotContain("415 555 0134", "415 555 0177", "415 555 0199");
    }
}
