package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API of every published module is recorded in {@code api/<module>.txt}: each public
 * or protected type and member signature, as {@code javap -protected} prints it from the module's
 * {@code target/classes}, packages named {@code internal} left out. A change to that API fails this
 * test with the lines added and removed, until the listing is regenerated on purpose with
 * {@code -Dobs.updateApi=true} and the change is reviewed in the commit's diff.
 */
class ApiListingTest {

    static final String UPDATE = "mvn -B -pl architecture-tests -am verify -Dobs.updateApi=true";

    @Test
    void committedApiListingsAreUpToDate() throws IOException {
        List<String> modules = BomTest.publishedModules();
        assertThat(modules).as("published modules").contains("obs-core", "obs-http");
        List<String> problems = new ArrayList<>();
        for (String module : modules) {
            String generated = listing(module);
            Path file = BomTest.ROOT.resolve("api").resolve(module + ".txt");
            if (Boolean.getBoolean("obs.updateApi")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, generated, StandardCharsets.UTF_8);
            }
            String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (!committed.equals(generated)) {
                problems.add(diff(module, committed, generated));
            }
        }
        assertThat(problems)
                .as("the public API differs from api/*.txt. If the change is meant, regenerate the listings with\n  "
                        + UPDATE + "\nand commit them (the diff of api/ is the API change to review)")
                .isEmpty();
    }

    @Test
    void aListingNamesEveryPublicMemberAndNoPackagePrivateType() {
        String core = listing("obs-core");
        assertThat(core)
                .contains("public final class io.escalation.obs.core.Observability"
                        + " implements java.lang.AutoCloseable {\n");
        assertThat(core).contains("  public static io.escalation.obs.core.Observability$Builder builder();\n");
        assertThat(core).doesNotContain("io.escalation.obs.core.internal.");
        String http = listing("obs-http");
        assertThat(http)
                .contains("public final class io.escalation.obs.http.HttpMetrics$Builder {\n")
                .doesNotContain("class io.escalation.obs.http.SeriesTable");
    }

    /** The listing of one module: a header, then each API type's javap block, sorted by type and member. */
    static String listing(String module) {
        Path classes = BomTest.ROOT.resolve(module).resolve("target/classes");
        assertThat(classes).as("%s is built (run the reactor with -am)", module).isDirectory();
        List<String> names;
        try (Stream<Path> files = Files.walk(classes)) {
            names = files.map(classes::relativize)
                    .map(Path::toString)
                    .filter(f -> f.endsWith(".class")
                            && !f.endsWith("package-info.class")
                            && !f.endsWith("module-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .filter(name -> !name.contains(".internal."))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> types = javap(classes, names);
        StringBuilder out = new StringBuilder()
                .append("# Public API of ")
                .append(module)
                .append(": every public or protected type and member (javap -protected), internal packages left out.\n")
                .append("# Checked by ApiListingTest; regenerate with: ")
                .append(UPDATE)
                .append('\n');
        for (Map.Entry<String, Set<String>> type : types.entrySet()) {
            String name = type.getKey();
            if (!visible(name, types)) {
                continue;
            }
            Set<String> lines = type.getValue();
            out.append('\n').append(lines.iterator().next()).append('\n');
            lines.stream().skip(1).sorted().forEach(member -> out.append(member).append('\n'));
            out.append("}\n");
        }
        return out.toString();
    }

    /** Type name to its header line then its member lines, for the public types javap prints. */
    private static Map<String, Set<String>> javap(Path classes, List<String> names) {
        ToolProvider javap = ToolProvider.findFirst("javap").orElseThrow(() -> new AssertionError("javap (a JDK)"));
        List<String> args = new ArrayList<>(List.of("-protected", "-cp", classes.toString()));
        args.addAll(names);
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        int status = javap.run(new PrintWriter(output), new PrintWriter(errors), args.toArray(String[]::new));
        assertThat(status).as("javap: %s", errors).isZero();
        Map<String, Set<String>> types = new TreeMap<>();
        Set<String> current = null;
        for (String line : output.toString().split("\n")) {
            if (line.startsWith("Compiled from ") || line.equals("}") || line.isBlank()) {
                continue;
            }
            if (!line.startsWith(" ")) {
                current = null;
                String name = typeName(line);
                if (line.startsWith("public ") || line.startsWith("protected ")) {
                    current = types.computeIfAbsent(name, n -> new LinkedHashSet<>());
                    current.add(line);
                }
            } else if (current != null) {
                current.add(line);
            }
        }
        return types;
    }

    /** The binary name in a javap header such as {@code public final class a.b.C<T> extends ... {}. */
    private static String typeName(String header) {
        for (String word : header.split(" ")) {
            if (word.contains(".")) {
                int generic = word.indexOf('<');
                return generic < 0 ? word : word.substring(0, generic);
            }
        }
        throw new AssertionError("no type name in javap header: " + header);
    }

    /** A nested type is API only when every type enclosing it is. */
    private static boolean visible(String name, Map<String, Set<String>> types) {
        for (int i = name.indexOf('$'); i > 0; i = name.indexOf('$', i + 1)) {
            if (!types.containsKey(name.substring(0, i))) {
                return false;
            }
        }
        return true;
    }

    /** Lines removed ({@code -}) and added ({@code +}), each member with its type. */
    private static String diff(String module, String committed, String generated) {
        Set<String> before = qualified(committed);
        Set<String> after = qualified(generated);
        StringBuilder out = new StringBuilder("api/" + module + ".txt:");
        if (committed.isEmpty()) {
            return out.append(" missing").toString();
        }
        before.stream()
                .filter(l -> !after.contains(l))
                .forEach(l -> out.append("\n- ").append(l));
        after.stream()
                .filter(l -> !before.contains(l))
                .forEach(l -> out.append("\n+ ").append(l));
        return out.toString();
    }

    private static Set<String> qualified(String listing) {
        Set<String> result = new TreeSet<>();
        String type = "";
        for (String line : listing.split("\n")) {
            if (line.startsWith("#") || line.isBlank() || line.equals("}")) {
                continue;
            }
            if (line.startsWith(" ")) {
                result.add(type + ":" + line.strip());
            } else {
                type = typeName(line);
                result.add(line);
            }
        }
        return result;
    }
}
