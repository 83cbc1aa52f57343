package io.escalation.obs.architecture;

import static io.escalation.obs.architecture.Yamls.list;
import static io.escalation.obs.architecture.Yamls.load;
import static io.escalation.obs.architecture.Yamls.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * From a latency point to its trace: deploy/'s Grafana shows exemplars on every latency histogram
 * panel and links their {@code trace_id} to the tracing data source the Collector's traces reach.
 * (That the service emits the exemplars and Prometheus stores them is EndToEndPrometheusTest's.)
 */
class TraceLinksTest {

    private static final Path DEPLOY = BomTest.ROOT.resolve("deploy");

    @Test
    void prometheusExemplarTraceIdsOpenInTheProvisionedJaeger() throws Exception {
        List<Object> sources = list(load(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml"))
                .get("datasources"));
        Map<String, Object> prometheus = byUid(sources, "prometheus");
        List<Object> destinations = list(map(prometheus.get("jsonData")).get("exemplarTraceIdDestinations"));
        assertThat(destinations).hasSize(1);
        Map<String, Object> destination = map(destinations.get(0));
        assertThat(destination.get("name")).as("the exemplar label obs writes").isEqualTo("trace_id");

        Map<String, Object> tracing = byUid(sources, String.valueOf(destination.get("datasourceUid")));
        assertThat(tracing.get("type")).isEqualTo("jaeger");
        // the Jaeger the Collector exports traces to (otlp/jaeger: jaeger:4317) serves its query API on 16686
        String collector = Files.readString(DEPLOY.resolve("otel-collector/config.yaml"));
        assertThat(collector).contains("endpoint: jaeger:4317");
        assertThat(tracing.get("url")).isEqualTo("http://jaeger:16686");
    }

    /**
     * The dashboards query the data source their {@code datasource} variable selects; provisioned, its
     * default ({@code ${DS_PROMETHEUS}}, which only an import replaces) matches no uid, so Grafana
     * selects the data source named like its text: the provisioned Prometheus whose exemplars link to
     * Jaeger. A latency target on another data source would lose its trace links.
     */
    @Test
    void theDashboardsOpenOnTheProvisionedPrometheusWhoseExemplarsLinkToJaeger() throws Exception {
        List<Object> sources = list(load(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml"))
                .get("datasources"));
        Map<String, Object> prometheus = byUid(sources, "prometheus");
        assertThat(map(prometheus.get("jsonData")).get("exemplarTraceIdDestinations"))
                .isNotNull();
        int dashboards = 0;
        try (Stream<Path> files = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards++;
                JsonNode dashboard = new ObjectMapper().readTree(file.toFile());
                JsonNode variable = dashboard.path("templating").path("list").path(0);
                assertThat(variable.path("type").asText())
                        .as("%s: first variable", file)
                        .isEqualTo("datasource");
                assertThat(variable.path("current").path("text").asText())
                        .as("%s: the data source variable's default, by name", file)
                        .isEqualTo(prometheus.get("name"));
                assertThat(variable.path("current").path("value").asText())
                        .as("%s: no provisioned uid, so the name decides", file)
                        .isEqualTo("${DS_PROMETHEUS}")
                        .isNotIn(sources.stream().map(s -> map(s).get("uid")).toArray());
                for (JsonNode target : targets(dashboard.path("panels"))) {
                    if (target.path("exemplar").asBoolean()) {
                        assertThat(target.path("datasource").path("uid").asText())
                                .as("%s: %s", file, target.path("expr").asText())
                                .isEqualTo("${datasource}");
                    }
                }
            }
        }
        assertThat(dashboards).isEqualTo(9);
    }

    @Test
    void everyLatencyHistogramQueryShowsExemplars() throws Exception {
        List<String> without = new ArrayList<>();
        int latency = 0;
        try (Stream<Path> files = Files.list(DEPLOY.resolve("grafana/dashboards"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode target :
                        targets(new ObjectMapper().readTree(file.toFile()).path("panels"))) {
                    if (target.path("expr").asText().contains("_seconds_bucket")) {
                        latency++;
                        if (!target.path("exemplar").asBoolean()) {
                            without.add(file.getFileName() + ": "
                                    + target.path("expr").asText());
                        }
                    }
                }
            }
        }
        assertThat(latency).as("latency histogram queries in the dashboards").isGreaterThanOrEqualTo(5);
        assertThat(without).as("latency queries without \"exemplar\": true").isEmpty();
    }

    private static List<JsonNode> targets(JsonNode panels) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode panel : panels) {
            panel.path("targets").forEach(found::add);
            found.addAll(targets(panel.path("panels")));
        }
        return found;
    }

    private static Map<String, Object> byUid(List<Object> sources, String uid) {
        return sources.stream()
                .map(Yamls::map)
                .filter(s -> uid.equals(s.get("uid")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no provisioned data source with uid " + uid));
    }
}
