package io.escalation.obs.architecture;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Writes deploy/kubernetes/prometheusrules.yml: one prometheus-operator {@code PrometheusRule} per
 * rule file of deploy/prometheus/rules/, its {@code spec} the file itself (indented, comments and
 * all), so that a cluster runs exactly the rules promtool tests. {@link KubernetesRulesTest} fails
 * while the committed file differs; {@code -Dobs.updateKubernetes=true} writes it.
 */
final class KubernetesRules {

    static final Path RULES = BomTest.ROOT.resolve("deploy/prometheus/rules");
    static final Path OUTPUT = BomTest.ROOT.resolve("deploy/kubernetes/prometheusrules.yml");
    static final String NAMESPACE = "client-escalation-calls";

    /**
     * The command that regenerates {@link #OUTPUT}. After a change to deploy/prometheus/slo/slos.yml,
     * regenerate rules/slo.yml first ({@code -Dobs.updateSlo=true}, {@link SloRulesTest}).
     */
    static final String UPDATE = "mvn -B -o -q test -pl architecture-tests -am -Dtest=KubernetesRulesTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dobs.updateKubernetes=true";

    /**
     * The labels every PrometheusRule carries, for the {@code ruleSelector} of the usual Prometheus
     * custom resources: kube-prometheus-stack's default ({@code release: <Helm release>}, here the
     * chart's documented release name) and older kube-prometheus releases' ({@code prometheus: k8s},
     * {@code role: alert-rules}); current kube-prometheus selects every rule ({@code ruleSelector: {}}).
     */
    static final Map<String, String> SELECTOR_LABELS = selectorLabels();

    private KubernetesRules() {}

    private static Map<String, String> selectorLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "client-escalation-calls");
        labels.put("release", "kube-prometheus-stack");
        labels.put("prometheus", "k8s");
        labels.put("role", "alert-rules");
        return labels;
    }

    /** The PrometheusRule's name for a rule file: {@code application.yml} gives {@code client-escalation-calls-application}. */
    static String objectName(Path ruleFile) {
        String file = ruleFile.getFileName().toString();
        return NAMESPACE + "-" + file.substring(0, file.length() - ".yml".length());
    }

    static String generate() throws IOException {
        StringBuilder out = new StringBuilder()
                .append(
                        "# GENERATED from deploy/prometheus/rules/*.yml by KubernetesRules (architecture-tests): do not edit.\n")
                .append(
                        "# One PrometheusRule per rule file; its spec is the file. After changing a rule file, regenerate:\n")
                .append("#\n")
                .append("#   ")
                .append(UPDATE)
                .append("\n#\n")
                .append(
                        "# The labels are for the Prometheus custom resource's ruleSelector: deploy/kubernetes/README.md.\n");
        for (Path file : Yamls.yamlFiles(RULES)) {
            out.append("---\n")
                    .append("apiVersion: monitoring.coreos.com/v1\n")
                    .append("kind: PrometheusRule\n")
                    .append("metadata:\n")
                    .append("  name: ")
                    .append(objectName(file))
                    .append('\n')
                    .append("  namespace: ")
                    .append(NAMESPACE)
                    .append('\n')
                    .append("  labels:\n");
            SELECTOR_LABELS.forEach((name, value) ->
                    out.append("    ").append(name).append(": ").append(value).append('\n'));
            out.append("spec:\n");
            out.append("  # deploy/prometheus/rules/")
                    .append(file.getFileName())
                    .append('\n');
            for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n", -1)) {
                if (!line.isBlank()) {
                    out.append("  ").append(line);
                }
                out.append('\n');
            }
            while (out.length() > 1 && out.charAt(out.length() - 2) == '\n') {
                out.setLength(out.length() - 1); // one newline at the end of each object
            }
        }
        return out.toString();
    }

    /** Every YAML document of {@code text}, as maps; empty documents left out. */
    static List<Map<String, Object>> documents(String text) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = new StringReader(text)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    documents.add(Yamls.map(document));
                }
            }
        }
        return documents;
    }

    /** Generates {@link #OUTPUT}, for running by hand; the test's update flag does the same. */
    public static void main(String[] args) throws IOException {
        Files.writeString(OUTPUT, generate(), StandardCharsets.UTF_8);
    }
}
