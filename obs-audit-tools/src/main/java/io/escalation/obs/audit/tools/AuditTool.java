package io.escalation.obs.audit.tools;

import io.escalation.obs.core.audit.AuditChain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
 * java -jar obs-audit-tools/target/obs-audit-tools.jar report [--keys FILE_OR_DIR]... [--from DAY] [--to DAY]
 *         [--format md|csv|html] [--out DIR] DIR
 * }</pre>
 *
 * <p>Keys: each {@code --keys} file holds base64 keys, one a line ({@code #} comments and blank lines
 * ignored); a directory, every regular file in it. The environment's {@code OBS_AUDIT_CHAIN_KEY} and
 * {@code OBS_AUDIT_CHAIN_KEYS} (several, separated by commas or white space) are added. Prints each
 * problem as {@code file:line: kind: message} and a summary; exits 0 when the trail verifies, 1 when
 * a problem was found, 2 on a usage or I/O error or when a path holds no audit file. {@code report}
 * verifies the directory, then builds the compliance report ({@link ComplianceReport}): printed as
 * Markdown (or {@code --format html}); with {@code --out DIR}, written there as {@code report.md},
 * one CSV file per table and {@code report.html} (or only the {@code --format} given). It exits 1
 * when the trail does not verify, a contact was allowed outside the calling window or at or after
 * an opt-out's deadline.
 */
public final class AuditTool {

    private AuditTool() {}

    /**
     * Runs the command and exits with its status.
     *
     * @param args {@code verify} or {@code report}, then its options and paths as in the usage above
     */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    private static final String USAGE = "usage: obs-audit-tools verify [--keys FILE_OR_DIR]... PATH...\n"
            + "       obs-audit-tools report [--keys FILE_OR_DIR]... [--from YYYY-MM-DD] [--to YYYY-MM-DD]"
            + " [--format md|csv|html] [--out DIR] DIR";

    /** Runs the command with {@code env} as the environment; returns the exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0 || !(args[0].equals("verify") || args[0].equals("report"))) {
            err.println(USAGE);
            return 2;
        }
        boolean report = args[0].equals("report");
        List<AuditChain> keys = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        LocalDate from = null;
        LocalDate to = null;
        String format = null;
        Path outDir = null;
        try {
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("--keys") && i + 1 < args.length) {
                    readKeys(Path.of(args[++i]), keys);
                } else if (report && args[i].equals("--from") && i + 1 < args.length) {
                    from = LocalDate.parse(args[++i]);
                } else if (report && args[i].equals("--to") && i + 1 < args.length) {
                    to = LocalDate.parse(args[++i]);
                } else if (report && args[i].equals("--format") && i + 1 < args.length) {
                    format = args[++i];
                } else if (report && args[i].equals("--out") && i + 1 < args.length) {
                    outDir = Path.of(args[++i]);
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
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            err.println("obs-audit-tools: " + e.getMessage());
            return 2;
        }
        if (paths.isEmpty()
                || (report && paths.size() != 1)
                || (format != null && !List.of("md", "csv", "html").contains(format))) {
            err.println(USAGE);
            return 2;
        }
        if ("csv".equals(format) && outDir == null) {
            err.println("obs-audit-tools: --format csv writes one file per table: give --out DIR");
            return 2;
        }
        return report ? report(paths.get(0), from, to, keys, format, outDir, out, err) : verify(paths, keys, out, err);
    }

    private static int verify(List<Path> paths, List<AuditChain> keys, PrintStream out, PrintStream err) {
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

    /**
     * Verifies the trail, then prints or writes the compliance report; 1 when it does not verify or a
     * contact was allowed outside the calling window or after an opt-out's deadline.
     */
    private static int report(
            Path dir,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            List<AuditChain> keys,
            @Nullable String format,
            @Nullable Path outDir,
            PrintStream out,
            PrintStream err) {
        long started = System.nanoTime();
        try {
            TrailVerifier.Result verified = new TrailVerifier(keys, finding -> {}).verify(dir);
            if (!TrailVerifier.streams(dir).containsKey("audit-tcpa")) {
                err.println("obs-audit-tools: no audit-tcpa files in " + dir);
                return 2;
            }
            ComplianceReport report = ComplianceReport.read(dir, from, to);
            if (outDir == null) {
                out.print("html".equals(format) ? report.html(verified) : report.markdown(verified));
            } else {
                Files.createDirectories(outDir);
                List<String> written = new ArrayList<>();
                if (format == null || format.equals("md")) {
                    write(outDir.resolve("report.md"), report.markdown(verified), written);
                }
                if (format == null || format.equals("csv")) {
                    for (Map.Entry<String, String> csv : report.csv(verified).entrySet()) {
                        write(outDir.resolve(csv.getKey()), csv.getValue(), written);
                    }
                }
                if (format == null || format.equals("html")) {
                    write(outDir.resolve("report.html"), report.html(verified), written);
                }
                out.println("wrote " + written.size() + " file(s) to " + outDir + " (" + String.join(", ", written)
                        + ") in " + (System.nanoTime() - started) / 1_000_000 + " ms: trail "
                        + (verified.findings().isEmpty() ? "verified" : "NOT verified") + ", "
                        + report.contactsOutsideWindow() + " contact(s) outside the calling window, "
                        + report.lateContacts() + " after an opt-out's deadline");
            }
            return verified.findings().isEmpty() && report.lateContacts() == 0 && report.contactsOutsideWindow() == 0
                    ? 0
                    : 1;
        } catch (IOException e) {
            err.println("obs-audit-tools: " + e.getMessage());
            return 2;
        }
    }

    private static void write(Path file, String text, List<String> written) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        written.add(file.getFileName().toString());
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
