package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.Observability;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start works when pasted: every Java block of that section compiles against
 * the published modules as written, and the fragments run. A complete class is compiled as it
 * stands; a fragment keeps its imports and becomes the body of a method that is given an
 * {@code Observability obs}, the one thing the quick start builds before them.
 */
class ReadmeSnippetsTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void everyQuickStartBlockCompilesAndEveryFragmentRuns() throws Exception {
        List<String> blocks = quickStartBlocks();
        assertThat(blocks).as("Java blocks of the README's quick start").hasSizeGreaterThanOrEqualTo(4);

        Path sources = Files.createDirectories(dir.resolve("src"));
        List<Path> files = new ArrayList<>();
        List<String> fragments = new ArrayList<>();
        for (String block : blocks) {
            if (block.contains("public final class Main")) {
                files.add(Files.writeString(sources.resolve("Main.java"), block, StandardCharsets.UTF_8));
            } else {
                String name = "Snippet" + fragments.size();
                fragments.add(name);
                files.add(Files.writeString(
                        sources.resolve(name + ".java"), fragment(name, block), StandardCharsets.UTF_8));
            }
        }
        assertThat(files).as("the quick start's main class").anyMatch(f -> f.endsWith("Main.java"));

        Path classes = Files.createDirectories(dir.resolve("classes"));
        compile(files, classes, "compiling the README's quick start");

        try (URLClassLoader loader = new URLClassLoader(
                        new URL[] {classes.toUri().toURL()}, ReadmeSnippetsTest.class.getClassLoader());
                Observability obs = Observability.builder()
                        .serviceName("readme")
                        .environment("test")
                        .jvmMetrics(false)
                        .build()) {
            for (String name : fragments) {
                Class<?> type = loader.loadClass(name);
                Method run = type.getDeclaredMethod("run", Observability.class);
                run.setAccessible(true);
                run.invoke(type.getDeclaredConstructor().newInstance(), obs);
            }
            // the last fragment records through a resolved error type
            assertThat(obs.prometheusText())
                    .contains("app_errors_total{environment=\"test\","
                            + "service=\"readme\",severity=\"warning\",type=\"LlmTimeoutError\"} 1.0\n");
        }
    }

    private static List<String> quickStartBlocks() throws IOException {
        String readme = Files.readString(BomTest.ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Quick start\n");
        assertThat(start).as("README has a Quick start section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** The block's imports, then its statements as the body of {@code run(Observability obs)}. */
    private static String fragment(String name, String block) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "\npublic class " + name + " {\n"
                + "    public void run(io.escalation.obs.core.Observability obs) throws Exception {\n"
                + body
                + "    }\n}\n";
    }

    /**
     * Compiles {@code files} into {@code classes} against this module's test class path (every published
     * module), failing with javac's errors.
     */
    static void compile(List<Path> files, Path classes, String what) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler").isNotNull();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(
                            null,
                            fileManager,
                            diagnostics,
                            List.of("-classpath", classPath, "-d", classes.toString(), "--release", "17", "-proc:none"),
                            null,
                            fileManager.getJavaFileObjectsFromPaths(files))
                    .call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add(d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
                }
            }
            assertThat(errors).as(what).isEmpty();
            assertThat(ok).isTrue();
        }
    }
}
