package io.escalation.obs.audit.tools;

import io.escalation.obs.core.audit.AuditChain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The command line of the audit trail verifier.
 *
 * <pre>{@code
 * java -jar obs-audit-tools/target/obs-audit-tools.jar verify [--keys FILE_OR_DIR]... PATH...
 * }</pre>
 *
 * <p>Keys: each {@code --keys} file holds base64 keys, one a line ({@code #} comments and blank lines
 * ignored); a directory, every regular file in it. The environment's {@code OBS_AUDIT_CHAIN_KEY} and
 * {@code OBS_AUDIT_CHAIN_KEYS} (several, separated by commas or white space) are added. Prints each
 * problem as {@code file:line: kind: message} and a summary; exits 0 when the trail verifies, 1 when
 * a problem was found, 2 on a usage or I/O error or when a path holds no audit file.
 */
public final class AuditTool {

    private AuditTool() {
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command with {@code env} as the environment; returns the exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0 || !args[0].equals("verify")) {
            err.println("usage: obs-audit-tools verify [--keys FILE_OR_DIR]... PATH...");
            return 2;
        }
        List<AuditChain> keys = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        try {
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("--keys") && i + 1 < args.length) {
                    readKeys(Path.of(args[++i]), keys);
                } else {
                    paths.add(Path.of(args[i]));
                }
            }
            addKey(env.get("OBS_AUDIT_CHAIN_KEY"), "OBS_AUDIT_CHAIN_KEY", keys);
            String more = env.get("OBS_AUDIT_CHAIN_KEYS");
            if (more != null) {
                for (String key : more.split("[,\\s]+")) {
                    addKey(key, "OBS_AUDIT_CHAIN_KEYS", keys);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("obs-audit-tools: " + e.getMessage());
            return 2;
        }
        if (paths.isEmpty()) {
            err.println("usage: obs-audit-tools verify [--keys FILE_OR_DIR]... PATH...");
            return 2;
        }
        int[] shown = {0};
        TrailVerifier verifier = new TrailVerifier(keys, finding -> {
            if (shown[0]++ < 1000) {
                out.println(finding);
            }
        });
        long started = System.nanoTime();
        long records = 0;
        int problems = 0;
        for (Path path : paths) {
            try {
                TrailVerifier.Result result = verifier.verify(path);
                if (result.files() == 0) {
                    err.println("obs-audit-tools: no audit files (audit*.log, audit*.log.gz) in " + path);
                    return 2;
                }
                result.notes().forEach(note -> out.println("note: " + note));
                records += result.records();
                problems += result.findings().size();
                out.println(path + ": " + result.streams() + " stream(s), " + result.files() + " file(s), "
                        + result.records() + " record(s), " + result.findings().size() + " problem(s)");
            } catch (IOException e) {
                err.println("obs-audit-tools: " + e.getMessage());
                return 2;
            }
        }
        if (shown[0] > 1000) {
            out.println("... " + (shown[0] - 1000) + " more problem(s) not shown");
        }
        out.println((problems == 0 ? "OK: " : "FAILED: ") + records + " record(s) checked with " + keys.size()
                + " key(s) in " + (System.nanoTime() - started) / 1_000_000 + " ms, " + problems + " problem(s)");
        return problems == 0 ? 0 : 1;
    }

    private static void readKeys(Path path, List<AuditChain> keys) throws IOException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    readKeys(file, keys);
                }
            }
            return;
        }
        for (String line : Files.readAllLines(path, StandardCharsets.US_ASCII)) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                addKey(line, path.toString(), keys);
            }
        }
    }

    private static void addKey(@Nullable String base64, String source, List<AuditChain> keys) {
        if (base64 != null && !base64.isBlank()) {
            keys.add(AuditChain.fromBase64(base64, "the key in " + source));
        }
    }
}
