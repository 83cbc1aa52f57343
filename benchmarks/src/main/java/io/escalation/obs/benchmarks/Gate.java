package io.escalation.obs.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks JMH results against the performance budgets and prints every figure and budget as
 * Markdown tables. Used by {@code gate.sh}:
 *
 * <pre>{@code
 * java -cp benchmarks.jar io.escalation.obs.benchmarks.Gate \
 *     --markdown results/latest.md --rerun-regex results/rerun.regex results/gate.json [results/rerun.json]
 * }</pre>
 *
 * <p>{@code --tier short} checks only {@link #SHORT}, the budgets CI runs; {@code --tier full} (the
 * default) checks every budget.
 * With several results files, a benchmark's figure from a later file replaces the earlier one
 * (a re-run). Exit status 0 when every budget passes, 1 when one fails, 2 on bad arguments or input.
 * A budget whose benchmarks are missing from the results fails, unless {@code --skip-missing} is
 * given (for a run narrowed to some benchmarks) and none of them ran: then it is skipped.
 * With {@code --rerun-regex}, a JMH include regex of the failed budgets' benchmarks is written
 * (empty when all pass).
 */
public final class Gate {

    /** Per-character limits of the masker's scans; the README's budget table says where each comes from. */
    static final double PROSE_PER_CHAR_LOOP = 4.0;

    static final double JSON_PER_PROSE = 3.0;
    static final double NUMBERS_PER_PROSE = 4.0;
    static final double DENSE_PER_PROSE = 20;

    /**
     * Clean JSON and number lines per character against the {@code charAt} loop: issue 13's 1 G chars/s is
     * about 3.5x a loop at ~0.28 ns/char; these are the regression guards at what was reached (README).
     */
    static final double JSON_PER_LOOP = 7.0;

    static final double NUMBERS_PER_LOOP = 10.0;

    /** Bytes per input char the PII-dense line may allocate: one builder sized once and the result. */
    static final double DENSE_BYTES_PER_CHAR = 2.0;

    /**
     * The short tier, what CI runs in a few minutes (19 benchmarks): obs-core's budgets on the paths
     * with labels resolved (guarded counter and timer against the raw ones, the label guard, the
     * raw timer with exemplars on, the
     * masker against the naive one and on clean prose, JSON and number lines; the by-name lookups are
     * in {@link #FULL_ONLY}) and
     * one hot path of each shape the domain modules add on top of them: a kept HTTP route (a counter
     * and a histogram timer, as every obs-db and agent-task record) and the masked JSON log line.
     * Every other domain facade is an enum-indexed counter or timer like {@code guardedCounter} and
     * {@code guardedTimer}; each module's zero-allocation JUnit test checks them in every build.
     */
    static final List<Budget> SHORT = List.of(
            new Budget.NoAllocation("LabelGuardBench.knownValue", 1),
            new Budget.NoAllocation("FacadeBench.guardedCounter", 1),
            new Budget.NoAllocation("FacadeBench.guardedTimer", 1),
            new Budget.NoAllocation("MaskerBench.cleanLine", 1),
            new Budget.NoAllocation("HttpBench.routeRecord", 1),
            new Budget.MaxSlowdown("FacadeBench.guardedCounter", "RawMicrometer.counterIncrement", 1.5),
            new Budget.MaxSlowdown("FacadeBench.guardedTimer", "RawMicrometer.timerRecord", 1.25),
            // exemplars on (obs's own registry): outside a sampled span a record neither allocates nor slows down
            new Budget.NoAllocation("RawMicrometer.timerRecordExemplars", 1),
            new Budget.MaxSlowdown("RawMicrometer.timerRecordExemplars", "RawMicrometer.timerRecord", 1.2),
            new Budget.MinSpeedup("MaskerBench.cleanLine", "NaiveMasker.cleanLine", 30),
            new Budget.MinSpeedup("MaskerBench.piiLine", "NaiveMasker.piiLine", 20),
            new Budget.MaxPerCharRatio(
                    "MaskerBench.longTokenLine",
                    BenchInputs.LONG_TOKEN_LINE.length(),
                    "MaskerBench.cleanLine",
                    BenchInputs.CLEAN_LINE.length(),
                    2),
            // clean log text of every kind is returned as it is, without allocating, and a JSON log line or a
            // line of numbers costs about what prose does per character (the same-run baseline); prose itself
            // stays within a small multiple of a plain charAt loop over 4 KB, so the three cannot slow down together
            new Budget.NoAllocation("MaskerBench.proseText", 1),
            new Budget.NoAllocation("MaskerBench.jsonLine", 1),
            new Budget.NoAllocation("MaskerBench.numbersLine", 1),
            new Budget.MaxPerCharRatio(
                    "MaskerBench.proseText",
                    BenchInputs.PROSE_TEXT.length(),
                    "MaskerBench.charLoop",
                    BenchInputs.NUMBERS_LINE.length(),
                    PROSE_PER_CHAR_LOOP),
            new Budget.MaxPerCharRatio(
                    "MaskerBench.jsonLine",
                    BenchInputs.JSON_LINE.length(),
                    "MaskerBench.proseText",
                    BenchInputs.PROSE_TEXT.length(),
                    JSON_PER_PROSE),
            new Budget.MaxPerCharRatio(
                    "MaskerBench.numbersLine",
                    BenchInputs.NUMBERS_LINE.length(),
                    "MaskerBench.proseText",
                    BenchInputs.PROSE_TEXT.length(),
                    NUMBERS_PER_PROSE),
            // the same two lines against the charAt loop directly, so that a slower prose scan cannot carry them
            new Budget.MaxPerCharRatio(
                    "MaskerBench.jsonLine",
                    BenchInputs.JSON_LINE.length(),
                    "MaskerBench.charLoop",
                    BenchInputs.NUMBERS_LINE.length(),
                    JSON_PER_LOOP),
            new Budget.MaxPerCharRatio(
                    "MaskerBench.numbersLine",
                    BenchInputs.NUMBERS_LINE.length(),
                    "MaskerBench.charLoop",
                    BenchInputs.NUMBERS_LINE.length(),
                    NUMBERS_PER_LOOP),
            // an HTTP record is a timer record plus a counter increment
            new Budget.MaxSlowdown("HttpBench.routeRecord", "HttpBench.rawRecord", 1.25),
            // masked JSON log encoding against plain LogstashEncoder.encode of the same event (issue 6)
            new Budget.MaxSlowdown("LoggingBench.obsClean", "LoggingBench.plainClean", 1.5));

    /** The budgets only the full tier ({@code gate.sh --full}) checks: every other module hot path. */
    static final List<Budget> FULL_ONLY = List.of(
            new Budget.NoAllocation("FacadeBench.guardedCounterByName", 1),
            new Budget.NoAllocation("FacadeBench.guardedTimerByName", 1),
            // a string-keyed lookup per call costs about one uncontended counter increment on its own
            new Budget.MaxSlowdown("FacadeBench.guardedCounterByName", "RawMicrometer.counterIncrement", 2.5),
            new Budget.MaxSlowdown("FacadeBench.guardedTimerByName", "RawMicrometer.timerRecord", 1.5),
            new Budget.NoAllocation("HttpBench.routeRecordByName", 1),
            new Budget.NoAllocation("HttpBench.peerRecord", 1),
            new Budget.MaxSlowdown("HttpBench.routeRecordByName", "HttpBench.rawRecord", 1.5),
            new Budget.MaxSlowdown("HttpBench.peerRecord", "HttpBench.rawRecord", 1.25),
            // a Spring MVC request of a Boot application with obs-spring-boot's handler against the same request
            // observed by Boot alone (issue 14): 1.29-1.52x in JMH runs under load, 1.30-1.35x in CPU time (2.3 against
            // 1.7 us, 460 of 3 440 B/op), so 1.6x fails a doubling of what obs adds. Boot's side allocates ~3 KB per
            // request, so what obs allocates is bounded as the difference: 342-510 B measured (a context entry, the
            // exchange, the request id), at most 640
            new Budget.MaxSlowdown("ObservationHttpBench.obsObservation", "ObservationHttpBench.bootObservation", 1.6),
            new Budget.MaxExtraAllocation(
                    "ObservationHttpBench.obsObservation", "ObservationHttpBench.bootObservation", 640),
            new Budget.NoAllocation("SecurityBench.suspiciousActivity", 1),
            new Budget.NoAllocation("SecurityBench.endpointHit", 1),
            new Budget.NoAllocation("SecurityBench.rateLimitHitByName", 1),
            new Budget.NoAllocation("SecurityBench.permissionDenied", 1),
            new Budget.MaxSlowdown("SecurityBench.suspiciousActivity", "RawMicrometer.counterIncrement", 1.5),
            new Budget.MaxSlowdown("SecurityBench.endpointHit", "RawMicrometer.counterIncrement", 1.5),
            new Budget.MaxSlowdown("SecurityBench.rateLimitHitByName", "RawMicrometer.counterIncrement", 2.5),
            // a denied check and a blocked contact increment two counters: at most 1.5x each
            new Budget.MaxSlowdown("SecurityBench.permissionDenied", "RawMicrometer.counterIncrement", 3.0),
            new Budget.NoAllocation("TcpaBench.allowed", 1),
            new Budget.NoAllocation("TcpaBench.blocked", 1),
            new Budget.MaxSlowdown("TcpaBench.allowed", "RawMicrometer.counterIncrement", 1.5),
            new Budget.MaxSlowdown("TcpaBench.blocked", "RawMicrometer.counterIncrement", 3.0),
            new Budget.NoAllocation("LlmBench.retry", 1),
            new Budget.NoAllocation("LlmBench.timeToFirstToken", 1),
            new Budget.NoAllocation("LlmBench.usage", 1),
            new Budget.NoAllocation("LlmBench.usageByName", 1),
            new Budget.NoAllocation("LlmBench.request", 1),
            new Budget.MaxSlowdown("LlmBench.retry", "RawMicrometer.counterIncrement", 1.5),
            new Budget.MaxSlowdown("LlmBench.timeToFirstToken", "RawMicrometer.timerRecord", 1.25),
            new Budget.NoAllocation("MemoryRagBench.reasoningStep", 1),
            new Budget.NoAllocation("MemoryRagBench.retrieval", 1),
            new Budget.NoAllocation("MemoryRagBench.qdrantSearch", 1),
            new Budget.MaxSlowdown("MemoryRagBench.reasoningStep", "RawMicrometer.counterIncrement", 1.5),
            new Budget.MaxSlowdown("MemoryRagBench.retrieval", "RawMicrometer.timerRecord", 1.25),
            new Budget.NoAllocation("DbBench.queryRecord", 1),
            new Budget.NoAllocation("DbBench.queryRecordByName", 1),
            new Budget.NoAllocation("DbBench.redisRecord", 1),
            new Budget.NoAllocation("DbBench.redisRecordByName", 1),
            // obs-db's calls increment a counter and record a timer: their floor is both, raw
            new Budget.MaxSlowdown("DbBench.queryRecord", "DbBench.rawQueryRecord", 1.25),
            new Budget.MaxSlowdown("DbBench.queryRecordByName", "DbBench.rawQueryRecord", 1.5),
            new Budget.MaxSlowdown("DbBench.redisRecord", "DbBench.rawRedisRecord", 1.25),
            new Budget.MaxSlowdown("DbBench.redisRecordByName", "DbBench.rawRedisRecord", 1.5),
            new Budget.NoAllocation("BusinessBench.contact", 1),
            new Budget.NoAllocation("BusinessBench.paymentCents", 1),
            new Budget.NoAllocation("BusinessBench.agentTaskCompleted", 1),
            new Budget.MaxSlowdown("BusinessBench.contact", "RawMicrometer.counterIncrement", 1.5),
            new Budget.MaxSlowdown("BusinessBench.agentTaskCompleted", "BusinessBench.rawAgentTaskCompleted", 1.25),
            // masked JSON log encoding with PII against plain LogstashEncoder.encode, and both against
            // the library's RegexValueMaskers with the same five patterns (issue 6)
            new Budget.MaxSlowdown("LoggingBench.obsPii", "LoggingBench.plainPii", 2.2),
            new Budget.MinSpeedup("LoggingBench.obsClean", "LoggingBench.regexClean", 20),
            new Budget.MinSpeedup("LoggingBench.obsPii", "LoggingBench.regexPii", 20),
            // the audit hash chain (issue 18): seq, prev and an HMAC-SHA256 per record, against the same
            // record written unchained; both are a file write, so the ratio is the chain's share
            new Budget.MaxSlowdown("AuditChainBench.chainedRecord", "AuditChainBench.unchainedRecord", 1.5),
            // a line with a value to mask every ~30 characters, of every default type, against clean prose
            new Budget.MaxPerCharRatio(
                    "MaskerBench.piiDenseLine",
                    BenchInputs.PII_DENSE_LINE.length(),
                    "MaskerBench.proseText",
                    BenchInputs.PROSE_TEXT.length(),
                    DENSE_PER_PROSE),
            // its masked copy is built in one StringBuilder sized once: no intermediate strings, no regrowth
            new Budget.NoAllocation(
                    "MaskerBench.piiDenseLine", DENSE_BYTES_PER_CHAR * BenchInputs.PII_DENSE_LINE.length()));

    /** Every budget: the full tier; see the README for why each exists. */
    static final List<Budget> BUDGETS =
            Stream.concat(SHORT.stream(), FULL_ONLY.stream()).toList();

    private static final String PACKAGE = Gate.class.getPackageName();

    private Gate() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The gate without {@code System.exit}: returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path markdown = null;
        Path rerunRegex = null;
        boolean skipMissing = false;
        boolean printRegex = false;
        List<Budget> budgets = BUDGETS;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("--markdown") || arg.equals("--rerun-regex")) && i + 1 < args.length) {
                Path path = Path.of(args[++i]);
                if (arg.equals("--markdown")) {
                    markdown = path;
                } else {
                    rerunRegex = path;
                }
            } else if (arg.equals("--skip-missing")) {
                skipMissing = true;
            } else if (arg.equals("--budgeted-regex")) {
                printRegex = true;
            } else if (arg.equals("--tier") && i + 1 < args.length) {
                String tier = args[++i];
                if (!tier.equals("short") && !tier.equals("full")) {
                    err.println("Gate: --tier is short or full, not " + tier);
                    return usage(err);
                }
                budgets = tier.equals("short") ? SHORT : BUDGETS;
            } else if (arg.startsWith("--")) {
                err.println("Gate: unknown option " + arg);
                return usage(err);
            } else {
                inputs.add(Path.of(arg));
            }
        }
        if (printRegex) {
            out.println(budgetedRegex(budgets));
            return 0;
        }
        if (inputs.isEmpty()) {
            return usage(err);
        }
        try {
            List<Figure> figures = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                figures.addAll(Figure.fromJmhJson(Files.readString(inputs.get(i), StandardCharsets.UTF_8), i + 1));
            }
            Map<String, Figure> byName = latest(figures);
            List<Budget.Verdict> verdicts = evaluate(budgets, byName, skipMissing);
            String report = report(byName, verdicts);
            out.print(report);
            if (markdown != null) {
                Files.writeString(markdown, report, StandardCharsets.UTF_8);
            }
            if (rerunRegex != null) {
                Files.writeString(rerunRegex, rerunRegex(verdicts), StandardCharsets.UTF_8);
            }
            return verdicts.stream().allMatch(Budget.Verdict::pass) ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("Gate: " + e.getMessage());
            return 2;
        }
    }

    /** Figures by {@code Class.method}; a later run's figure replaces an earlier one. */
    static Map<String, Figure> latest(List<Figure> figures) {
        Map<String, Figure> byName = new TreeMap<>();
        for (Figure figure : figures) {
            byName.merge(figure.name(), figure, (old, neu) -> neu.run() >= old.run() ? neu : old);
        }
        return byName;
    }

    static List<Budget.Verdict> evaluate(List<Budget> budgets, Map<String, Figure> figures, boolean skipMissing) {
        List<Budget.Verdict> verdicts = new ArrayList<>();
        for (Budget budget : budgets) {
            Budget.Verdict verdict = budget.evaluate(figures);
            // skipped when its subject (the first benchmark) was not selected; a missing baseline still fails
            boolean subjectMissing = !figures.containsKey(budget.benchmarks().get(0));
            verdicts.add(skipMissing && subjectMissing ? verdict.skip() : verdict);
        }
        return verdicts;
    }

    /** A JMH include regex of the failed budgets' benchmarks and baselines; empty when none failed. */
    static String rerunRegex(List<Budget.Verdict> verdicts) {
        Set<String> names = new LinkedHashSet<>();
        for (Budget.Verdict verdict : verdicts) {
            if (!verdict.pass()) {
                names.addAll(verdict.budget().benchmarks());
            }
        }
        return regexOf(names);
    }

    /** The JMH include regex of every benchmark the given budgets read: what a gate tier runs. */
    static String budgetedRegex(List<Budget> budgets) {
        Set<String> names = new LinkedHashSet<>();
        for (Budget budget : budgets) {
            names.addAll(budget.benchmarks());
        }
        return regexOf(names);
    }

    private static String regexOf(Set<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        List<String> quoted = new ArrayList<>();
        for (String name : names) {
            quoted.add(name.replace(".", "\\."));
        }
        return "^" + PACKAGE.replace(".", "\\.") + "\\.(?:" + String.join("|", quoted) + ")$";
    }

    /** Both Markdown tables and the overall result. */
    static String report(Map<String, Figure> figures, List<Budget.Verdict> verdicts) {
        StringBuilder out = new StringBuilder();
        boolean rerun = figures.values().stream().anyMatch(f -> f.run() > 1);
        out.append("## Figures\n\n");
        out.append("| benchmark | score | ± error (99.9%) | unit | B/op |")
                .append(rerun ? " run |" : "")
                .append('\n');
        out.append("|---|---:|---:|---|---:|").append(rerun ? "---:|" : "").append('\n');
        for (Figure f : figures.values()) {
            out.append("| ")
                    .append(f.name())
                    .append(" | ")
                    .append(Budget.format(f.score()))
                    .append(" | ")
                    .append(Budget.format(f.error()))
                    .append(" | ")
                    .append(f.unit())
                    .append(" | ")
                    .append(Budget.format(f.bytesPerOp()))
                    .append(" |");
            if (rerun) {
                out.append(' ').append(f.run()).append(" |");
            }
            out.append('\n');
        }
        out.append("\n## Budgets\n\n");
        out.append("| budget | measured | limit | verdict |\n");
        out.append("|---|---|---|---|\n");
        int failed = 0;
        int skipped = 0;
        for (Budget.Verdict v : verdicts) {
            out.append("| ")
                    .append(v.title())
                    .append(" | ")
                    .append(v.measured())
                    .append(" | ")
                    .append(v.limit())
                    .append(" | ")
                    .append(v.label())
                    .append(" |\n");
            if (!v.pass()) {
                failed++;
            }
            if (v.skipped()) {
                skipped++;
            }
        }
        out.append('\n');
        String skips = skipped == 0 ? "" : ", " + skipped + " skipped";
        out.append(
                failed == 0
                        ? "Result: PASS (" + verdicts.size() + " budgets" + skips + ")\n"
                        : "Result: FAIL (" + failed + " of " + verdicts.size() + " budgets" + skips + ")\n");
        return out.toString();
    }

    private static int usage(PrintStream err) {
        err.println("usage: Gate [--tier short|full] [--markdown FILE] [--rerun-regex FILE] [--skip-missing]"
                + " RESULTS.json [RERUN.json ...]\n       Gate [--tier short|full] --budgeted-regex");
        return 2;
    }
}
