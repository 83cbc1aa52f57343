package io.escalation.obs.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's test command is what CI runs, and it sets up a fresh machine by itself:
 * {@code run-tests.sh} is run on a PATH that has only stand-ins, so nothing real is installed. As
 * root it installs the missing Debian packages through {@code apt-get} (a stand-in that records its
 * arguments and creates the packages' commands), then runs {@code mvn -B verify} with the extra
 * arguments and exits with Maven's status; as another user it prints the exact command to run.
 */
class TestCommandTest {

    private static final Path SCRIPT = BomTest.ROOT.resolve("run-tests.sh");
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL);
    private static final String TOOL = "#!/bin/bash\necho \"$(basename \"$0\") stand-in 1.0\"\n";

    @TempDir
    Path dir;

    @Test
    void ciRunsExactlyTheReadmesTestCommand() throws IOException {
        String readme = Files.readString(BomTest.ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("Run the tests");
        assertThat(start).as("README's \"Run the tests\" paragraph").isNotNegative();
        Matcher block = SH_BLOCK.matcher(readme);
        assertThat(block.find(start)).as("a sh block after \"Run the tests\"").isTrue();
        String readmeCommand = block.group(1).strip();
        assertThat(readmeCommand).as("the README's test command").isEqualTo("./run-tests.sh -Pgate");

        List<String> commands = new ArrayList<>();
        for (String line : Files.readAllLines(BomTest.ROOT.resolve(".ci/run"), StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()
                    && !trimmed.startsWith("#")
                    && !trimmed.startsWith("set -")
                    && !trimmed.startsWith("cd ")) {
                commands.add(trimmed);
            }
        }
        assertThat(commands)
                .as(".ci/run runs the README's test command and nothing else")
                .containsExactly(readmeCommand);
        assertThat(Files.isExecutable(SCRIPT)).as("run-tests.sh is executable").isTrue();
    }

    @Test
    void asRootInstallsWhatIsMissingThenRunsMavenWithTheExtraArguments() throws Exception {
        assumeRoot();
        Path bin = standIns();

        Run run = run(bin, false, "-Pgate", "-Dfoo=bar");

        assertThat(Files.readAllLines(bin.resolve("apt-get.log")))
                .containsExactly(
                        "update -qq",
                        "install -y -qq --no-install-recommends prometheus prometheus-alertmanager chromium postgresql"
                                + " redis-server");
        assertThat(Files.readAllLines(bin.resolve("mvn.log"))).containsExactly("-B verify -Pgate -Dfoo=bar");
        assertThat(run.output)
                .contains(
                        "promtool stand-in 1.0\n",
                        "prometheus stand-in 1.0\n",
                        "amtool stand-in 1.0\n",
                        "java stand-in 1.0\n");
        assertThat(run.exitCode)
                .as("Maven's exit status (the stand-in fails with 3)")
                .isEqualTo(3);
    }

    @Test
    void notRootPrintsTheExactInstallCommandAndRunsNothing() throws Exception {
        Path bin = standIns();

        Run run = run(bin, isRoot(), "-Pgate");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.output)
                .contains("sudo apt-get update && sudo apt-get install -y --no-install-recommends"
                        + " prometheus prometheus-alertmanager chromium postgresql redis-server\n");
        assertThat(bin.resolve("apt-get.log")).doesNotExist();
        assertThat(bin.resolve("mvn.log")).doesNotExist();
    }

    @Test
    void aMachineWithEveryToolInstallsNothing() throws Exception {
        assumeRoot();
        Path bin = standIns();
        for (String tool : List.of("promtool", "prometheus", "amtool", "chromium", "pg_ctlcluster", "redis-server")) {
            executable(bin.resolve(tool), TOOL);
        }

        Run run = run(bin, false);

        assertThat(bin.resolve("apt-get.log")).doesNotExist();
        assertThat(Files.readAllLines(bin.resolve("mvn.log"))).containsExactly("-B verify");
        assertThat(run.exitCode).isEqualTo(3);
    }

    /** java, mvn (exits 3), basename, dirname, chmod and an apt-get that creates the commands of what it installs. */
    private Path standIns() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createSymbolicLink(bin.resolve("basename"), Path.of(onPath("basename")));
        executable(bin.resolve("java"), TOOL);
        executable(
                bin.resolve("mvn"),
                "#!/bin/bash\n"
                        + "if [ \"$1\" = -version ]; then echo 'mvn stand-in 1.0'; exit 0; fi\n"
                        + "echo \"$*\" >> \"$(dirname \"$0\")/mvn.log\"\nexit 3\n");
        executable(
                bin.resolve("apt-get"),
                "#!/bin/bash\n"
                        + "here=\"$(dirname \"$0\")\"\n"
                        + "echo \"$*\" >> \"$here/apt-get.log\"\n"
                        + "tool='#!/bin/bash\necho \"$(basename \"$0\") stand-in 1.0\"'\n"
                        + "for p in \"$@\"; do case \"$p\" in\n"
                        + "  prometheus) for c in promtool prometheus; do echo \"$tool\" > \"$here/$c\"; chmod 755 \"$here/$c\"; done;;\n"
                        + "  prometheus-alertmanager) echo \"$tool\" > \"$here/amtool\"; chmod 755 \"$here/amtool\";;\n"
                        + "esac; done\n");
        Files.createSymbolicLink(bin.resolve("dirname"), Path.of(onPath("dirname")));
        Files.createSymbolicLink(bin.resolve("chmod"), Path.of(onPath("chmod")));
        return bin;
    }

    /** Runs a copy of run-tests.sh with PATH set to {@code bin} only, as nobody when asked. */
    private Run run(Path bin, boolean asNobody, String... args) throws Exception {
        Path script = dir.resolve("run-tests.sh");
        Files.copy(SCRIPT, script);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> command = new ArrayList<>();
        if (asNobody) {
            command.addAll(List.of(onPath("setpriv"), "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of(onPath("bash"), script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("run-tests.sh ends")
                .isTrue();
        return new Run(process.exitValue(), output);
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String onPath(String command) {
        for (String entry : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(entry, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(command + " is not on the PATH");
    }

    private record Run(int exitCode, String output) {}

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The install path needs root, as CI has; elsewhere those cases are skipped. */
    private static void assumeRoot() {
        assumeTrue(isRoot(), "needs root, as CI runs it");
    }
}
