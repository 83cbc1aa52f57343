package io.escalation.obs.business;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recording rules of deploy/prometheus/rules/business-recording.yml, which turn the counters into the seed's rates,
 * pass {@code promtool check rules} and compute hand-worked values in {@code promtool test rules}.
 */
class RecordingRulesTest {

    private static final Path RULES = Path.of("..", "deploy", "prometheus", "rules", "business-recording.yml");

    @TempDir
    Path dir;

    @Test
    void rulesAreValidAndComputeTheExpectedRates() throws Exception {
        Files.copy(RULES, dir.resolve("business-rules.yml"));
        try (InputStream test = RecordingRulesTest.class.getResourceAsStream("/business-rules-test.yml")) {
            Files.copy(test, dir.resolve("business-rules-test.yml"));
        }

        assertThat(promtool("check", "rules", "business-rules.yml")).contains("SUCCESS: 12 rules found");
        assertThat(promtool("test", "rules", "business-rules-test.yml")).contains("SUCCESS");
    }

    @Test
    void everySeedRateHasARule() throws IOException {
        String rules = Files.readString(RULES, StandardCharsets.UTF_8);
        for (String seedName : new String[] {
            "campaigns_success_rate",
            "campaigns_avg_duration_hours",
            "tasks_completion_rate",
            "payment_collection_rate",
            "customer_response_rate",
            "agent_success_rate",
            "agent_avg_handling_time_seconds",
            "agent_utilization_rate"
        }) {
            assertThat(rules).contains("- record: " + seedName + "\n");
        }
    }

    private String promtool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "promtool";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
