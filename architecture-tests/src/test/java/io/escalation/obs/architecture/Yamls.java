package io.escalation.obs.architecture;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML files of deploy/ read as maps and lists, and the copies the end-to-end tests write. */
final class Yamls {

    private Yamls() {}

    /** The {@code .yml} files of {@code dir}, sorted. */
    static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yml")).sorted().collect(Collectors.toList());
        }
    }

    static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
        }
    }

    static void dump(Map<String, Object> yaml, Path file) throws IOException {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        try (Writer writer = Files.newBufferedWriter(file)) {
            new Yaml(options).dump(yaml, writer);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object yaml) {
        return yaml == null ? new LinkedHashMap<>() : (Map<String, Object>) yaml;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object yaml) {
        return yaml == null ? List.of() : (List<Object>) yaml;
    }
}
