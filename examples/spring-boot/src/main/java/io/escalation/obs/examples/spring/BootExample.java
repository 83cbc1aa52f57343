package io.escalation.obs.examples.spring;

import com.zaxxer.hikari.HikariDataSource;
import io.escalation.obs.business.BusinessSpans;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.db.DbMetrics;
import io.escalation.obs.examples.HostedService;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.llm.BudgetPeriod;
import io.escalation.obs.llm.LlmBudget;
import io.escalation.obs.llm.LlmMetrics;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * The example client-escalation-calls service on Spring Boot: the plain example's API ({@link ApiController} hands
 * each request to {@link HostedService}), backend, loopback stand-ins of the external APIs and seeded traffic, on
 * Spring MVC with the embedded Tomcat, Boot's HikariCP {@code DataSource} over an in-memory H2, and obs wired by
 * obs-spring-boot: {@code /actuator/prometheus} and {@code /actuator/health} on the same port as the API.
 *
 * <pre>{@code
 * mvn -B -q -pl examples/spring-boot exec:java -Dexec.args="--server.port=8080 --example.duration=60s"
 * }</pre>
 */
@SpringBootApplication
public class BootExample {

    /** The external APIs' names, as {@code http_client_*}'s {@code peer} shows them. */
    static final String[] PEERS = {"twilio", "sendgrid", "stripe", "openai", "anthropic"};

    /**
     * Runs the service until its traffic has run {@code --example.duration} (default 60 s; {@code 0s}: until
     * stopped), then stops it.
     *
     * @param args Spring Boot's arguments, e.g. {@code --server.port=8080 --example.duration=60s}
     * @throws InterruptedException when interrupted while the traffic runs
     */
    public static void main(String[] args) throws InterruptedException {
        ConfigurableApplicationContext context = SpringApplication.run(BootExample.class, args);
        Duration duration = context.getEnvironment().getProperty("example.duration", Duration.class, Duration.ZERO);
        if (!duration.isZero()) {
            context.getBean(HostedService.class).awaitTraffic(duration.plusSeconds(10));
            context.close();
        }
    }

    /** obs-http's facade with the external APIs as peers (obs-spring-boot's own bean backs off). */
    @Bean
    HttpMetrics httpMetrics(Observability obs) {
        return HttpMetrics.builder(obs).peers(PEERS).build();
    }

    /** obs-db's facade with the example's slow-query threshold; Boot's pool is registered by obs-spring-boot. */
    @Bean
    DbMetrics dbMetrics(Observability obs) {
        return DbMetrics.builder(obs).slowQueryThreshold(Duration.ofMillis(500)).build();
    }

    /** obs-llm's facade with a daily budget of 500 USD, warned at 80 %. */
    @Bean
    LlmMetrics llmMetrics(Observability obs) {
        return LlmMetrics.builder(obs)
                .budget(LlmBudget.builder(new BigDecimal("500"))
                        .period(BudgetPeriod.DAY)
                        .warnAt(0.8))
                .build();
    }

    /** The audit events' and spans' HMAC key ({@code OBS_AUDIT_HASH_KEY}, else random), one per context. */
    @Bean
    AuditKey auditKey() {
        return new AuditKey(HostedService.auditHashKey());
    }

    /** obs-business's spans with the audit key hashing their ids (obs-spring-boot's own bean backs off). */
    @Bean
    BusinessSpans businessSpans(Observability obs, AuditKey key) {
        return BusinessSpans.builder(obs).idHashKey(key.bytes()).build();
    }

    /** The plain example's API, backend, health checks and jobs, on Boot's pool. */
    @Bean
    HostedService hostedService(
            Observability obs,
            HttpMetrics http,
            DbMetrics db,
            LlmMetrics llm,
            HealthChecks health,
            BusinessSpans spans,
            AuditKey key,
            HikariDataSource pool,
            @Value("${example.seed:42}") long seed) {
        return HostedService.start(obs, http, db, llm, health, spans, key.bytes(), pool, seed);
    }

    /** The HMAC key of the audit events and the spans' ids. */
    record AuditKey(byte[] bytes) {}

    /** Starts the seeded traffic once Tomcat listens, against its port. */
    @Bean
    TrafficStarter trafficStarter(HostedService service, @Value("${example.duration:60s}") Duration duration) {
        return new TrafficStarter(service, duration);
    }

    /** Starts the traffic at the port Tomcat bound. */
    static final class TrafficStarter {
        private final HostedService service;
        private final Duration duration;

        TrafficStarter(HostedService service, Duration duration) {
            this.service = service;
            this.duration = duration;
        }

        @EventListener
        void onStarted(WebServerInitializedEvent event) {
            if (event.getApplicationContext().getServerNamespace() == null) { // the API's server, not management's
                service.startTraffic("http://127.0.0.1:" + event.getWebServer().getPort(), duration);
            }
        }
    }
}
