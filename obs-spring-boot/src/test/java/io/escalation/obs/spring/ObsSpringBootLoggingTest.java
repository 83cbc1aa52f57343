package io.escalation.obs.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A real Boot application whose {@code logback-spring.xml} includes {@code obs-logback-spring.xml}: the settings
 * come from Spring properties, the lines written to {@code logging.file.path} are obs's masked JSON, and the include
 * adds no root and no shutdown hook of its own.
 */
class ObsSpringBootLoggingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @org.springframework.context.annotation.Bean
        Calls calls() {
            return new Calls();
        }
    }

    @RestController
    static class Calls {
        private static final Logger log = LoggerFactory.getLogger("io.escalation.calls.CallService");

        @PostMapping("/calls")
        String call() {
            log.info("dialing +1 415 555 0134 for jane.doe@example.com");
            return "dialing";
        }
    }

    @Test
    void theIncludesAppendersWriteMaskedJsonWithSettingsFromSpringProperties(@TempDir Path logs) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.SERVLET)
                .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "logging.config=classpath:obs-logback-spring-test.xml",
                        "logging.file.path=" + logs,
                        "spring.application.name=escalation-boot",
                        "obs.environment=staging")
                .run()) {
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/calls"))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).isEqualTo("dialing");

            Path combined = logs.resolve("combined.log");
            JsonNode line = awaitLine(combined, "dialing");
            assertThat(line.get("logger").asText()).isEqualTo("io.escalation.calls.CallService");
            assertThat(line.get("service").asText()).isEqualTo("escalation-boot");
            assertThat(line.get("environment").asText()).isEqualTo("staging");
            assertThat(line.get("message").asText()).doesNotContain("555 0134").doesNotContain("jane.doe");
            assertThat(Files.readString(combined)).doesNotContain("555 0134").doesNotContain("jane.doe@example.com");
            // Boot's first line, logged before the context (and its Observability) existed: the settings came from
            // the Spring properties through the include's springProperty elements
            JsonNode starting = awaitLine(combined, "Starting");
            assertThat(starting.get("service").asText()).isEqualTo("escalation-boot");
            assertThat(starting.get("environment").asText()).isEqualTo("staging");
            // obs's audit files are where logging.file.path says
            assertThat(logs.resolve("audit-tcpa.log")).exists();

            LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
            assertThat(logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("ASYNC_COMBINED"))
                    .isNotNull();
            assertThat(logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("ASYNC_CONSOLE"))
                    .as("the include attaches nothing to the root: the application's root decides")
                    .isNull();
        }
    }

    private static JsonNode awaitLine(Path file, String containing) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                for (String line : lines) {
                    JsonNode node = JSON.readTree(line);
                    if (node.path("message").asText().contains(containing)) {
                        return node;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(file + " has no line containing '" + containing + "': "
                + (Files.exists(file) ? Files.readString(file) : "no file"));
    }

    @Test
    void theIncludesDeclareNoRootAndNoShutdownHook() throws Exception {
        for (String resource : List.of(
                "io/escalation/obs/spring/obs-logback-spring.xml",
                "io/escalation/obs/logging/obs-logback-appenders.xml")) {
            String xml;
            try (var in = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            String elements = xml.replaceAll("(?s)<!--.*?-->", "");
            assertThat(elements).as(resource).doesNotContain("<root").doesNotContain("<shutdownHook");
        }
    }
}
