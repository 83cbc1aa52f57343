package io.escalation.obs.architecture;

import static io.escalation.obs.architecture.Yamls.list;
import static io.escalation.obs.architecture.Yamls.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every object of deploy/kubernetes/ parses, and the references between them hold, as the API
 * server and prometheus-operator would follow them: the Service selects the Deployment's pods,
 * the ServiceMonitor selects the Service and names one of its ports, that port reaches the
 * container's metrics port, the probes hit /health, everything lives in one namespace, and the
 * scrape is deploy/prometheus/prometheus.yml's application job (path, interval, job name, target
 * labels). No cluster is needed: this is the check kubectl cannot give here.
 */
class KubernetesManifestsTest {

    static final Path DIR = BomTest.ROOT.resolve("deploy/kubernetes");

    private static List<Map<String, Object>> objects;
    private static Map<String, Object> appJob;

    @BeforeAll
    static void load() throws Exception {
        objects = new ArrayList<>();
        for (Path file : Yamls.yamlFiles(DIR)) {
            for (Map<String, Object> object : KubernetesRules.documents(Files.readString(file))) {
                object.put("__file", file.getFileName().toString());
                objects.add(object);
            }
        }
        appJob =
                list(Yamls.load(BomTest.ROOT.resolve("deploy/prometheus/prometheus.yml"))
                                .get("scrape_configs"))
                        .stream()
                        .map(Yamls::map)
                        .filter(job -> "client-escalation-calls".equals(job.get("job_name")))
                        .findFirst()
                        .orElseThrow();
    }

    @Test
    void everyObjectHasAKindANameAndTheOneNamespace() {
        assertThat(objects)
                .extracting(o -> o.get("kind"))
                .contains("Namespace", "Deployment", "Service", "ServiceMonitor", "PrometheusRule");
        String namespace = name(one("Namespace"));
        for (Map<String, Object> object : objects) {
            assertThat(object).as("%s", object.get("__file")).containsKeys("apiVersion", "kind", "metadata");
            Map<String, Object> metadata = map(object.get("metadata"));
            assertThat(name(object))
                    .as("%s: metadata.name", object.get("__file"))
                    .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            if (!"Namespace".equals(object.get("kind"))) {
                assertThat(metadata.get("namespace"))
                        .as("%s %s: namespace", object.get("kind"), name(object))
                        .isEqualTo(namespace);
            }
        }
        assertThat(objects.stream()
                        .filter(o -> !"PrometheusRule".equals(o.get("kind")))
                        .map(o -> o.get("kind") + "/" + name(o))
                        .collect(Collectors.toList()))
                .as("one of each")
                .doesNotHaveDuplicates();
    }

    @Test
    void theServiceSelectsTheDeploymentsPods() {
        Map<String, Object> deployment = one("Deployment");
        Map<String, Object> spec = map(deployment.get("spec"));
        Map<String, Object> podLabels =
                map(map(map(spec.get("template")).get("metadata")).get("labels"));
        assertThat(podLabels)
                .as("the Deployment's selector matches its own pods")
                .containsAllEntriesOf(map(map(spec.get("selector")).get("matchLabels")));
        Map<String, Object> selector = map(map(one("Service").get("spec")).get("selector"));
        assertThat(selector).as("the Service has a selector").isNotEmpty();
        assertThat(podLabels).as("the Service's selector matches the pods").containsAllEntriesOf(selector);
    }

    @Test
    void everyServicePortReachesAContainerPortAndTheArgumentsListenThere() {
        Map<String, Object> container = container();
        Map<String, Integer> containerPorts = list(container.get("ports")).stream()
                .map(Yamls::map)
                .collect(Collectors.toMap(p -> (String) p.get("name"), p -> (Integer) p.get("containerPort")));
        assertThat(containerPorts).containsKeys("metrics", "http");
        for (Object item : list(map(one("Service").get("spec")).get("ports"))) {
            Map<String, Object> port = map(item);
            Object target = port.get("targetPort");
            assertThat(
                            target instanceof Integer
                                    ? containerPorts.containsValue(target)
                                    : containerPorts.containsKey(target))
                    .as("Service port %s: targetPort %s is a container port", port.get("name"), target)
                    .isTrue();
        }
        List<Object> args = list(container.get("args"));
        assertThat(argument(args, "--port")).as("--port: the metrics port").isEqualTo(containerPorts.get("metrics"));
        assertThat(argument(args, "--app-port"))
                .as("--app-port: the API's port")
                .isEqualTo(containerPorts.get("http"));
        assertThat(args).as("listens on the pod's address, not loopback").containsSequence("--host", "0.0.0.0");
    }

    @Test
    void theProbesHitHealthOnTheMetricsPort() {
        Map<String, Object> container = container();
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
            assertThat(get.get("port")).as("%s: port", probe).isEqualTo("metrics");
            assertThat(String.valueOf(get.get("path"))).as("%s: path", probe).startsWith("/health");
        }
        assertThat(map(map(container.get("readinessProbe")).get("httpGet")).get("path"))
                .as("ready only while the checks pass")
                .isEqualTo("/health");
        assertThat(map(map(container.get("livenessProbe")).get("httpGet")).get("path"))
                .as("never restarted for a dependency's outage")
                .isEqualTo("/health/live");
    }

    @Test
    void theServiceMonitorSelectsTheServiceAndNamesItsMetricsPort() {
        Map<String, Object> service = one("Service");
        Map<String, Object> monitor = map(one("ServiceMonitor").get("spec"));
        assertThat(map(map(service.get("metadata")).get("labels")))
                .as("the ServiceMonitor's selector matches the Service's labels")
                .containsAllEntriesOf(map(map(monitor.get("selector")).get("matchLabels")));
        assertThat(list(map(monitor.get("namespaceSelector")).get("matchNames")))
                .as("the ServiceMonitor looks in the Service's namespace")
                .contains(map(service.get("metadata")).get("namespace"));
        Map<String, Object> endpoint = map(list(monitor.get("endpoints")).get(0));
        Map<String, Object> servicePort = list(map(service.get("spec")).get("ports")).stream()
                .map(Yamls::map)
                .filter(p -> Objects.equals(p.get("name"), endpoint.get("port")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "the ServiceMonitor's port " + endpoint.get("port") + " is not a port name of the Service"));
        assertThat(servicePort.get("targetPort"))
                .as("it reaches the container's metrics port")
                .isEqualTo("metrics");
    }

    /** The same scrape as prometheus.yml's application job, as the operator turns it into one. */
    @Test
    void theServiceMonitorScrapesAsThePrometheusJobDoes() {
        Map<String, Object> monitor = map(one("ServiceMonitor").get("spec"));
        Map<String, Object> endpoint = map(list(monitor.get("endpoints")).get(0));
        assertThat(endpoint.get("path")).isEqualTo(appJob.get("metrics_path"));
        assertThat(endpoint.get("interval")).isEqualTo(appJob.get("scrape_interval"));
        assertThat(endpoint.getOrDefault("honorLabels", false))
                .as("the application's labels never overwrite target labels")
                .isEqualTo(false);
        // job: the operator uses the Service's name unless spec.jobLabel says otherwise; the rules
        // select job="client-escalation-calls"
        assertThat(monitor).doesNotContainKey("jobLabel");
        assertThat(name(one("Service"))).as("the job's name").isEqualTo(appJob.get("job_name"));

        List<Map<String, Object>> relabelings =
                list(endpoint.get("relabelings")).stream().map(Yamls::map).collect(Collectors.toList());
        Map<String, Object> staticLabels =
                map(map(list(appJob.get("static_configs")).get(0)).get("labels"));
        for (String label : staticLabels.keySet()) {
            assertThat(relabelings)
                    .as("prometheus.yml's target label %s is set by a relabeling", label)
                    .anySatisfy(r -> assertThat(r.get("targetLabel")).isEqualTo(label));
        }
        assertThat(relabelings)
                .as("host is the pod's node, as node-exporter's targets should be relabelled (README.md)")
                .anySatisfy(r -> {
                    assertThat(r.get("targetLabel")).isEqualTo("host");
                    assertThat(list(r.get("sourceLabels"))).containsExactly("__meta_kubernetes_pod_node_name");
                    assertThat(r.getOrDefault("action", "replace")).isEqualTo("replace");
                });
        // the operator's `service` target label would rename the series' own `service` tag to
        // exported_service; Prometheus anchors the regex at both ends
        Pattern dropped = relabelings.stream()
                .filter(r -> "labeldrop".equals(r.get("action")))
                .map(r -> Pattern.compile("^(?:" + r.get("regex") + ")$"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no labeldrop relabeling"));
        assertThat(dropped.matcher("service").matches())
                .as("drops the operator's service label")
                .isTrue();
        for (String kept : List.of("job", "instance", "host", "namespace", "pod")) {
            assertThat(dropped.matcher(kept).matches()).as("keeps %s", kept).isFalse();
        }
    }

    /** The labels the README tells a Prometheus custom resource's selectors to match are there. */
    @Test
    void theSelectorLabelsAreOnTheServiceMonitorAndDocumented() throws Exception {
        assertThat(map(map(one("ServiceMonitor").get("metadata")).get("labels")))
                .containsEntry("release", KubernetesRules.SELECTOR_LABELS.get("release"));
        String readme = Files.readString(DIR.resolve("README.md"), StandardCharsets.UTF_8);
        KubernetesRules.SELECTOR_LABELS.forEach((label, value) ->
                assertThat(readme).as("README.md documents %s", label).contains(label + ": " + value));
        assertThat(Files.readString(BomTest.ROOT.resolve("deploy/README.md")))
                .as("deploy/README.md links the Kubernetes manifests")
                .contains("(kubernetes/README.md)");
    }

    /** The image deployment.yml runs starts the example's main class with the ports it exposes. */
    @Test
    void theDockerfileRunsTheExampleOnTheContainersPorts() throws Exception {
        String dockerfile = Files.readString(DIR.resolve("Dockerfile"), StandardCharsets.UTF_8);
        Matcher main = Pattern.compile("ENTRYPOINT \\[.*\"([a-zA-Z.]+)\"\\]").matcher(dockerfile);
        assertThat(main.find()).as("an ENTRYPOINT naming the main class").isTrue();
        Class<?> type = Class.forName(main.group(1));
        assertThat(type.getMethod("main", String[].class)).isNotNull();
        Map<String, Object> container = container();
        for (Object port : list(container.get("ports"))) {
            assertThat(dockerfile)
                    .contains("EXPOSE")
                    .containsPattern("EXPOSE .*\\b" + map(port).get("containerPort") + "\\b");
        }
        String image = String.valueOf(container.get("image"));
        assertThat(dockerfile)
                .as("the Dockerfile's build command tags the image deployment.yml runs")
                .contains("-t " + image);
    }

    private static Map<String, Object> container() {
        Map<String, Object> pod =
                map(map(map(one("Deployment").get("spec")).get("template")).get("spec"));
        List<Object> containers = list(pod.get("containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    private static Integer argument(List<Object> args, String flag) {
        int i = args.indexOf(flag);
        assertThat(i).as("argument %s", flag).isNotNegative();
        return Integer.valueOf(String.valueOf(args.get(i + 1)));
    }

    private static Map<String, Object> one(String kind) {
        List<Map<String, Object>> found =
                objects.stream().filter(o -> kind.equals(o.get("kind"))).collect(Collectors.toList());
        assertThat(found).as("one %s in deploy/kubernetes/", kind).hasSize(1);
        return found.get(0);
    }

    private static String name(Map<String, Object> object) {
        return String.valueOf(map(object.get("metadata")).get("name"));
    }
}
