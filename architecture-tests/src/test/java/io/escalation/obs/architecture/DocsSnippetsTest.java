package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of {@code docs/*.md} compiles against the published modules, as the
 * README's quick start does ({@link ReadmeSnippetsTest}). The blocks are compiled, not run: they
 * talk to databases, LLM providers and servlet containers. The conventions, kept small:
 * <ul>
 *   <li>A block is the body of a method: its statements see {@code obs}, an {@code Observability},
 *       unless the block declares {@code Observability obs} itself. Every public type of the
 *       published modules' packages and of {@code java.util}, {@code java.time}, {@code java.math},
 *       {@code java.net} and {@code java.net.http} is imported.</li>
 *   <li>A line that is only {@code ...} elides code and is dropped.</li>
 *   <li>What a block takes from the surrounding application (a repository, a client, a request) is
 *       declared in an HTML comment right above the block, invisible on the rendered page:
 *       <pre>
 *       &lt;!-- given:
 *       interface Repo { int countCampaigns(String status); }
 *       Repo repo = null;
 *       --&gt;
 *       </pre>
 *       Its {@code import} lines are imports; the rest goes before the block in the method body
 *       (local interfaces and records are allowed there).</li>
 *   <li>A block whose first line (after any comments) declares a member ({@code public},
 *       {@code protected}, {@code private} or {@code static}) is the body of a class. The given comment's line
 *       {@code class Name} names that class; its other lines are members of it too.</li>
 * </ul>
 */
class DocsSnippetsTest {

    private static final Pattern JAVA_BLOCK =
            Pattern.compile("^( *)```java\n(.*?)^\\1```", Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern MEMBER = Pattern.compile("^(public|protected|private|static)\\b");
    /** Javadoc or line comments before a block's first declaration. */
    private static final Pattern LEADING_COMMENTS =
            Pattern.compile("^(\\s*(/\\*.*?\\*/|//[^\\n]*))*\\s*", Pattern.DOTALL);

    private static final Pattern DECLARES_OBS = Pattern.compile("\\bObservability\\s+obs\\b");
    private static final List<String> IMPORTED_PACKAGES = List.of(
            "io.escalation.obs.core",
            "io.escalation.obs.core.audit",
            "io.escalation.obs.core.endpoint",
            "io.escalation.obs.core.health",
            "io.escalation.obs.core.label",
            "io.escalation.obs.core.pii",
            "io.escalation.obs.http",
            "io.escalation.obs.http.servlet",
            "io.escalation.obs.db",
            "io.escalation.obs.business",
            "io.escalation.obs.llm",
            "io.escalation.obs.memory",
            "io.escalation.obs.security",
            "io.escalation.obs.tcpa",
            "io.escalation.obs.logging",
            "io.escalation.obs.errors",
            "java.util",
            "java.time",
            "java.math",
            "java.net",
            "java.net.http");

    @TempDir
    Path dir;

    @Test
    void everyJavaBlockOfTheDocsCompiles() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src"));
        List<Path> files = new ArrayList<>();
        List<Path> docs;
        try (Stream<Path> listing = Files.list(BomTest.ROOT.resolve("docs"))) {
            docs = listing.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        for (Path doc : docs) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Matcher m = JAVA_BLOCK.matcher(text);
            while (m.find()) {
                String indent = m.group(1);
                String block = m.group(2).replaceAll("(?m)^" + indent, "");
                String context = given(text.substring(0, m.start())).replaceAll("(?m)^" + indent, "");
                String name = "Doc_" + doc.getFileName().toString().replaceAll("\\W", "_") + "_"
                        + text.substring(0, m.start()).lines().count();
                files.add(Files.writeString(
                        sources.resolve(name + ".java"), source(name, block, context), StandardCharsets.UTF_8));
            }
        }
        assertThat(files).as("Java blocks in docs/*.md").hasSizeGreaterThanOrEqualTo(10);
        ReadmeSnippetsTest.compile(files, Files.createDirectories(dir.resolve("classes")), "the docs' Java blocks");
    }

    /** The lines of the given comment that ends right above a block, or nothing. */
    private static String given(String before) {
        String text = before.stripTrailing();
        int start = text.lastIndexOf("<!-- given:\n");
        if (!text.endsWith("-->") || start < 0) {
            return "";
        }
        return text.substring(start + "<!-- given:\n".length(), text.length() - "-->".length());
    }

    /** The compilation unit of one block: imports, then the block as a method body or a class body. */
    static String source(String name, String block, String given) {
        StringBuilder imports = new StringBuilder();
        for (String pkg : IMPORTED_PACKAGES) {
            imports.append("import ").append(pkg).append(".*;\n");
        }
        StringBuilder context = new StringBuilder();
        String className = name;
        for (String line : given.split("\n")) {
            if (line.startsWith("import ")) {
                imports.append(line).append('\n');
            } else if (line.matches("class \\w+")) {
                className = line.substring("class ".length());
            } else {
                context.append(line).append('\n');
            }
        }
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            if (!line.strip().equals("...")) {
                body.append(line).append('\n');
            }
        }
        if (MEMBER.matcher(LEADING_COMMENTS.matcher(block.strip()).replaceFirst(""))
                .lookingAt()) {
            return imports + "\nclass " + className + " {\n" + context + body + "}\n";
        }
        String obs = DECLARES_OBS.matcher(block).find() ? "" : "Observability obs = null;\n";
        return imports + "\nclass " + name + " {\n"
                + "    @SuppressWarnings(\"unused\")\n"
                + "    void run() throws Exception {\n" + obs + context + body + "    }\n}\n";
    }
}
