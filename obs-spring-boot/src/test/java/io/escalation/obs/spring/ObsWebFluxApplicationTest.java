package io.escalation.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * A real reactive Spring Boot application (Spring WebFlux on Reactor Netty, Actuator, the Prometheus registry) on a
 * random loopback port, with obs's auto-configuration: obs's {@code http_*} series come from WebFlux's own server
 * request observations, and its {@code http_client_*{peer}} series from WebClient's.
 */
class ObsWebFluxApplicationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext context;
    private static int port;

    /** The reactive application: an annotated controller and a functional route. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Campaigns campaigns() {
            return new Campaigns();
        }

        /** A functional route beside the controller. */
        @Bean
        RouterFunction<ServerResponse> agents() {
            return RouterFunctions.route()
                    .GET("/agents/{agentId}", request -> ServerResponse.ok().bodyValue("agent"))
                    .build();
        }
    }

    @RestController
    static class Campaigns {

        @GetMapping("/campaigns/{id}")
        Mono<String> campaign(@PathVariable("id") String id) {
            if (id.equals("boom")) {
                return Mono.error(new IllegalStateException("campaign store down for jane.doe@example.com"));
            }
            return Mono.just("campaign");
        }
    }

    @BeforeAll
    static void start() {
        long begin = System.nanoTime();
        context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.REACTIVE)
                .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "spring.application.name=escalation-flux",
                        "obs.environment=staging",
                        "obs.cluster=eu-1",
                        "management.endpoints.web.exposure.include=health,prometheus",
                        "obs.http.peers.twilio=127.0.0.1")
                .run();
        port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        System.out.println("obs-spring-boot: the reactive application started in "
                + (System.nanoTime() - begin) / 1_000_000 + " ms");
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void obsHttpSeriesComeFromWebFluxsObservationsUnderTheMatchedPattern() throws Exception {
        assertThat(context.getBean(ReactiveServerRequestObservations.class)).isNotNull();
        assertThat(context.getBeanNamesForType(ServerRequestObservations.class)).isEmpty();
        HttpResponse<String> first = send(HttpRequest.newBuilder(uri("/campaigns/8812"))
                .header("X-Request-Id", "req-flux-1")
                .GET()
                .build());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("campaign");
        assertThat(first.headers().firstValue("X-Request-Id")).contains("req-flux-1");
        HttpResponse<String> second =
                send(HttpRequest.newBuilder(uri("/campaigns/8813")).GET().build());
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(send(HttpRequest.newBuilder(uri("/campaigns/boom")).GET().build())
                        .statusCode())
                .isEqualTo(500);
        HttpResponse<String> agent =
                send(HttpRequest.newBuilder(uri("/agents/7731")).GET().build());
        assertThat(agent.statusCode()).isEqualTo(200);
        assertThat(agent.body()).isEqualTo("agent");
        assertThat(send(HttpRequest.newBuilder(uri("/jane.doe@example.com/x"))
                                .GET()
                                .build())
                        .statusCode())
                .isEqualTo(404);

        String campaign =
                "endpoint=\"/campaigns/{id}\",environment=\"staging\",method=\"GET\",service=\"escalation-flux\"";
        String scrape =
                awaitScrape(s -> s.contains("http_requests_total{cluster=\"eu-1\"," + campaign + ",status=\"500\"} 1.0")
                        && s.contains("endpoint=\"NOT_FOUND\"")
                        && s.contains("endpoint=\"/agents/{agentId}\""));

        List<String> obsRequests = scrape.lines()
                .filter(l -> l.startsWith("http_requests_total{") && !l.contains("/actuator/"))
                .toList();
        assertThat(obsRequests)
                .containsExactlyInAnyOrder(
                        "http_requests_total{cluster=\"eu-1\"," + campaign + ",status=\"200\"} 2.0",
                        "http_requests_total{cluster=\"eu-1\"," + campaign + ",status=\"500\"} 1.0",
                        "http_requests_total{cluster=\"eu-1\",endpoint=\"/agents/{agentId}\",environment=\"staging\","
                                + "method=\"GET\",service=\"escalation-flux\",status=\"200\"} 1.0",
                        "http_requests_total{cluster=\"eu-1\",endpoint=\"NOT_FOUND\",environment=\"staging\","
                                + "method=\"GET\",service=\"escalation-flux\",status=\"404\"} 1.0");
        assertThat(scrape)
                .contains("http_errors_total{cluster=\"eu-1\"," + campaign + ",status=\"500\"} 1.0")
                .contains("http_request_duration_seconds_count{cluster=\"eu-1\"," + campaign + "} 3")
                .doesNotContainPattern("\\{[^}]*8812")
                .doesNotContainPattern("\\{[^}]*8813")
                .doesNotContainPattern("\\{[^}]*7731")
                .doesNotContain("jane")
                .doesNotContain("endpoint=\"/**\"")
                .doesNotContain("endpoint=\"UNKNOWN\"");
        // one family, recorded once per request: WebFlux's own timer sits beside it under its own name
        assertThat(scrape.lines().filter(l -> l.startsWith("# TYPE http_requests_total ")))
                .hasSize(1);
        assertThat(scrape.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{")))
                .anySatisfy(l -> assertThat(l).contains("uri=\"/campaigns/{id}\""));
    }

    @Test
    void webClientCallsToAPeersHostAreObsClientSeriesAndOtherHostsAreNot() throws Exception {
        try (LoopbackTwilio twilio = LoopbackTwilio.start()) {
            // a WebClient observed by the context's ObservationRegistry, as Boot's WebClient.Builder makes it
            WebClient client = WebClient.builder()
                    .observationRegistry(context.getBean(ObservationRegistry.class))
                    .build();
            int twilioPort = twilio.port();
            for (int i = 0; i < 2; i++) {
                assertThat(client.post()
                                .uri("http://127.0.0.1:" + twilioPort + "/2010-04-01/Messages.json?To=+14155550134")
                                .retrieve()
                                .toBodilessEntity()
                                .block(Duration.ofSeconds(10))
                                .getStatusCode()
                                .value())
                        .isEqualTo(201);
            }
            // the same server under a host name that is no peer's: not recorded
            client.post()
                    .uri("http://localhost:" + twilioPort + "/2010-04-01/Messages.json")
                    .retrieve()
                    .toBodilessEntity()
                    .block(Duration.ofSeconds(10));
            assertThatThrownBy(() -> client.get()
                            .uri("http://127.0.0.1:" + twilio.closedPort() + "/down")
                            .retrieve()
                            .toBodilessEntity()
                            .block(Duration.ofSeconds(10)))
                    .isInstanceOf(WebClientRequestException.class);
        }

        String failed = "http_client_requests_total{cluster=\"eu-1\",environment=\"staging\",method=\"GET\","
                + "peer=\"twilio\",service=\"escalation-flux\",status=\"IO_ERROR\"} 1.0";
        String scrape = awaitScrape(s -> s.contains(failed));
        assertThat(scrape)
                .contains("http_client_requests_total{cluster=\"eu-1\",environment=\"staging\",method=\"POST\","
                        + "peer=\"twilio\",service=\"escalation-flux\",status=\"201\"} 2.0")
                .contains("http_client_request_duration_seconds_count{cluster=\"eu-1\",environment=\"staging\","
                        + "method=\"POST\",peer=\"twilio\",service=\"escalation-flux\"} 2")
                .doesNotContain("4155550134"); // Spring's own http_client_requests_seconds{uri} is masked too
        // obs's series name peers, never hosts: the call to localhost, no peer's host, is not among them
        assertThat(scrape.lines().filter(l -> l.startsWith("http_client_requests_total{")))
                .hasSize(2)
                .noneMatch(l -> l.contains("localhost"));
    }

    /** The scrape once it satisfies {@code ready}: Spring stops an observation after the response may have left. */
    private static String awaitScrape(Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String scrape = scrape();
        while (!ready.test(scrape) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            scrape = scrape();
        }
        assertThat(ready.test(scrape)).as(scrape).isTrue();
        return scrape;
    }

    private static String scrape() throws IOException, InterruptedException {
        HttpResponse<String> answer =
                send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
