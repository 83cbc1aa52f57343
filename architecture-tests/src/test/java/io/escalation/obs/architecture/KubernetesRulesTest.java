package io.escalation.obs.architecture;

import static io.escalation.obs.architecture.Yamls.list;
import static io.escalation.obs.architecture.Yamls.map;
import static org.assertj.core.api.Assertions.assertThat;

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
 * deploy/kubernetes/prometheusrules.yml is what {@link KubernetesRules} generates from
 * deploy/prometheus/rules/*.yml, and each of its PrometheusRule specs is, parsed, exactly its rule
 * file: the same groups, intervals, rules, expressions, {@code for}, labels and annotations.
 * {@code -Dobs.updateKubernetes=true} writes the file instead of failing.
 */
class KubernetesRulesTest {

    @Test
    void theCommittedPrometheusRulesAreWhatTheRuleFilesGenerate() throws Exception {
        String generated = KubernetesRules.generate();
        if (Boolean.getBoolean("obs.updateKubernetes")) {
            Files.writeString(KubernetesRules.OUTPUT, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(KubernetesRules.OUTPUT, StandardCharsets.UTF_8))
                .as(
                        "deploy/kubernetes/prometheusrules.yml is stale: regenerate it from deploy/prometheus/rules/ with\n  "
                                + KubernetesRules.UPDATE + "\n")
                .isEqualTo(generated);
    }

    /** Independent of how the file was written: parse both sides and compare them rule by rule. */
    @Test
    void eachPrometheusRuleSpecIsItsRuleFile() throws Exception {
        Map<String, Map<String, Object>> specs = committedSpecs();
        List<String> expected = new ArrayList<>();
        for (Path file : Yamls.yamlFiles(KubernetesRules.RULES)) {
            String name = KubernetesRules.objectName(file);
            expected.add(name);
            assertThat(specs)
                    .as("a PrometheusRule %s for %s", name, file.getFileName())
                    .containsKey(name);
            List<Object> fileGroups = list(Yamls.load(file).get("groups"));
            List<Object> specGroups = list(specs.get(name).get("groups"));
            assertThat(specGroups.stream().map(g -> map(g).get("name")))
                    .as("%s: group names", name)
                    .containsExactlyElementsOf(
                            fileGroups.stream().map(g -> map(g).get("name")).toList());
            for (int g = 0; g < fileGroups.size(); g++) {
                Map<String, Object> fileGroup = map(fileGroups.get(g));
                Map<String, Object> specGroup = map(specGroups.get(g));
                List<Object> fileRules = list(fileGroup.get("rules"));
                List<Object> specRules = list(specGroup.get("rules"));
                assertThat(specRules)
                        .as("%s, group %s: rules", name, fileGroup.get("name"))
                        .hasSameSizeAs(fileRules);
                for (int r = 0; r < fileRules.size(); r++) {
                    Map<String, Object> rule = map(fileRules.get(r));
                    String rid = String.valueOf(rule.getOrDefault("alert", rule.get("record")));
                    assertThat(map(specRules.get(r)))
                            .as(
                                    "%s, group %s, rule %s (expr, for, labels, annotations)",
                                    name, fileGroup.get("name"), rid)
                            .isEqualTo(rule);
                }
                assertThat(specGroup)
                        .as("%s, group %s", name, fileGroup.get("name"))
                        .isEqualTo(fileGroup);
            }
            assertThat(specs.get(name)).as(name).isEqualTo(Yamls.load(file));
        }
        assertThat(specs.keySet())
                .as("one PrometheusRule per rule file, no other")
                .containsExactlyElementsOf(expected);
    }

    @Test
    void everyPrometheusRuleIsInTheNamespaceWithTheSelectorLabels() throws Exception {
        List<Map<String, Object>> documents = KubernetesRules.documents(Files.readString(KubernetesRules.OUTPUT));
        assertThat(documents).isNotEmpty();
        for (Map<String, Object> document : documents) {
            Map<String, Object> metadata = map(document.get("metadata"));
            assertThat(document.get("apiVersion")).isEqualTo("monitoring.coreos.com/v1");
            assertThat(document.get("kind")).isEqualTo("PrometheusRule");
            assertThat(metadata.get("namespace")).isEqualTo(KubernetesRules.NAMESPACE);
            assertThat(map(metadata.get("labels")))
                    .as("%s: labels for the Prometheus ruleSelector", metadata.get("name"))
                    .containsAllEntriesOf(KubernetesRules.SELECTOR_LABELS);
            assertThat(String.valueOf(metadata.get("name")))
                    .as("a Kubernetes object name (RFC 1123 subdomain)")
                    .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
                    .hasSizeLessThanOrEqualTo(253);
        }
    }

    /** What the operator hands Prometheus loads: each spec, written back out, passes promtool. */
    @Test
    void everySpecPassesPromtool(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool", "check", "rules"));
        for (Map.Entry<String, Map<String, Object>> spec : committedSpecs().entrySet()) {
            Path file = dir.resolve(spec.getKey() + ".yml");
            Yamls.dump(spec.getValue(), file);
            command.add(file.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("promtool check rules:%n%s", output).isZero();
        assertThat(output).contains("SUCCESS").doesNotContain("FAILED");
    }

    private static Map<String, Map<String, Object>> committedSpecs() throws Exception {
        Map<String, Map<String, Object>> specs = new LinkedHashMap<>();
        for (Map<String, Object> document : KubernetesRules.documents(Files.readString(KubernetesRules.OUTPUT))) {
            String name = String.valueOf(map(document.get("metadata")).get("name"));
            assertThat(specs.put(name, map(document.get("spec"))))
                    .as("duplicate PrometheusRule %s", name)
                    .isNull();
        }
        return specs;
    }
}
