package io.escalation.obs.architecture;

import static io.escalation.obs.architecture.Yamls.list;
import static io.escalation.obs.architecture.Yamls.load;
import static io.escalation.obs.architecture.Yamls.map;
import static io.escalation.obs.architecture.Yamls.yamlFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/fleet/ is what its README says: the HA replica's configuration is deploy/prometheus/prometheus.yml
 * plus the three fleet sections and nothing else, every Prometheus configuration there passes
 * {@code promtool check config}, and the Mimir, Thanos and VictoriaMetrics files deduplicate on the replica
 * label the pair sets. {@link RemoteWriteTest} runs the pair and the central store for real.
 */
class FleetConfigTest {

    private static final Path DEPLOY = BomTest.ROOT.resolve("deploy");
    private static final Path FLEET = DEPLOY.resolve("fleet");
    private static final String REPLICA_LABEL = "replica";

    @Test
    void theReplicaConfigIsPrometheusYmlPlusTheFleetSections() throws Exception {
        Map<String, Object> single = load(DEPLOY.resolve("prometheus/prometheus.yml"));
        Map<String, Object> replica = load(FLEET.resolve("prometheus-replica.yml"));

        Map<String, Object> externalLabels = map(map(replica.get("global")).get("external_labels"));
        assertThat(externalLabels.get(REPLICA_LABEL))
                .as("external label %s, one value per replica from the environment", REPLICA_LABEL)
                .isEqualTo("${REPLICA}");
        assertThat(map(replica.get("alerting")).get("alert_relabel_configs"))
                .as("alerts leave without the replica label, so Alertmanager deduplicates the pair's")
                .isEqualTo(List.of(Map.of("action", "labeldrop", "regex", REPLICA_LABEL)));
        assertThat(list(replica.get("remote_write"))).hasSize(1);

        // Without what the fleet adds, the replica is the single Prometheus: scrape_configs, rule_files,
        // Alertmanager targets and the labeldrop of `replica` (harmless there), intervals and the
        // `prometheus` label, all the same.
        externalLabels.remove(REPLICA_LABEL);
        replica.remove("remote_write");
        assertThat(replica).isEqualTo(single);
    }

    @Test
    void theRemoteWriteQueueRetriesWithinFiveSecondsAndEveryStoreGetsTheSameQueue() throws Exception {
        Map<String, Object> write =
                map(list(load(FLEET.resolve("prometheus-replica.yml")).get("remote_write"))
                        .get(0));
        assertThat((String) write.get("url")).endsWith("/api/v1/write");
        Map<String, Object> queue = map(write.get("queue_config"));
        assertThat(queue)
                .containsEntry("max_backoff", "5s")
                .containsEntry("min_backoff", "30ms")
                .containsEntry("batch_send_deadline", "5s");
        for (String store : List.of("remote-write-thanos.yml", "remote-write-victoriametrics.yml")) {
            List<Object> writes = list(load(FLEET.resolve(store)).get("remote_write"));
            assertThat(writes).as(store).hasSize(1);
            assertThat(map(map(writes.get(0)).get("queue_config")))
                    .as("%s: queue_config as in prometheus-replica.yml", store)
                    .isEqualTo(queue);
        }
    }

    @Test
    void everyStoreDeduplicatesOnTheReplicaLabel() throws Exception {
        Map<String, Object> limits = map(load(FLEET.resolve("mimir.yaml")).get("limits"));
        Map<String, Object> prometheusLabels =
                map(map(load(DEPLOY.resolve("prometheus/prometheus.yml")).get("global"))
                        .get("external_labels"));
        assertThat(prometheusLabels).as("external labels of prometheus.yml").hasSize(1);
        assertThat(limits)
                .as("Mimir's HA tracker: the pair is named by the external label of prometheus.yml, not `cluster`")
                .containsEntry(
                        "ha_cluster_label", prometheusLabels.keySet().iterator().next())
                .containsEntry("ha_replica_label", REPLICA_LABEL)
                .containsEntry("accept_ha_samples", true);

        Map<String, Object> victoria =
                map(list(load(FLEET.resolve("remote-write-victoriametrics.yml")).get("remote_write"))
                        .get(0));
        assertThat(victoria.get("write_relabel_configs"))
                .as("VictoriaMetrics deduplicates identical series: the replica label is dropped on the way")
                .isEqualTo(List.of(Map.of("action", "labeldrop", "regex", REPLICA_LABEL)));
        String readme = Files.readString(FLEET.resolve("README.md"));
        assertThat(readme)
                .contains("--query.replica-label=" + REPLICA_LABEL)
                .contains("-dedup.minScrapeInterval=" + shortestScrapeInterval())
                .contains("--web.enable-remote-write-receiver")
                .contains("--enable-feature=expand-external-labels");
        assertThat(Files.readString(FLEET.resolve("remote-write-victoriametrics.yml")))
                .contains("-dedup.minScrapeInterval=" + shortestScrapeInterval());
        assertThat(Files.readString(DEPLOY.resolve("README.md"))).contains("(fleet/README.md)");
    }

    /** promtool accepts each Prometheus configuration; the replica's, next to deploy/prometheus/rules, loads them all. */
    @Test
    void promtoolAcceptsEveryFleetConfigAndTheReplicaFindsEveryRuleFile(@TempDir Path dir) throws Exception {
        List<String> configs = new ArrayList<>();
        for (Path file : yamlFiles(FLEET)) {
            configs.add(file.toString());
        }
        assertThat(configs).hasSize(4);
        List<String> command = new ArrayList<>(List.of("check", "config"));
        command.addAll(configs);
        promtool(command);

        Files.copy(FLEET.resolve("prometheus-replica.yml"), dir.resolve("prometheus.yml"));
        Path rules = Files.createDirectories(dir.resolve("rules"));
        List<Path> ruleFiles = yamlFiles(DEPLOY.resolve("prometheus/rules"));
        for (Path file : ruleFiles) {
            Files.copy(file, rules.resolve(file.getFileName()));
        }
        String out = promtool(
                List.of("check", "config", dir.resolve("prometheus.yml").toString()));
        for (Path file : ruleFiles) {
            assertThat(out).contains("rules/" + file.getFileName());
        }
    }

    /** The shortest scrape interval of the replica's jobs, which VictoriaMetrics' dedup window must not exceed. */
    private static String shortestScrapeInterval() throws Exception {
        Map<String, Object> replica = load(FLEET.resolve("prometheus-replica.yml"));
        Map<String, Integer> seconds = new LinkedHashMap<>();
        String global = (String) map(replica.get("global")).get("scrape_interval");
        for (Object job : list(replica.get("scrape_configs"))) {
            String interval = (String) map(job).getOrDefault("scrape_interval", global);
            assertThat(interval).matches("\\d+s");
            seconds.put(interval, Integer.parseInt(interval.substring(0, interval.length() - 1)));
        }
        return seconds.entrySet().stream()
                .min(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    private static String promtool(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LoopbackProcess.onPath("promtool", LocalPrometheus.APT_PACKAGE));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as("promtool %s:%n%s", arguments, output)
                .isZero();
        return output;
    }
}
