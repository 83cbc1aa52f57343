package io.escalation.obs.architecture;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Writes deploy/prometheus/rules/slo.yml from the SLO spec deploy/prometheus/slo/slos.yml: per SLO
 * the error ratio over every window the burn-rate tiers need, the objective, the error budget, the
 * burn rates and the budget remaining (Sloth's recording-rule names, labels {@code slo} and the
 * spec's {@code by}), and one alert per tier. {@code main} writes the file; {@link SloRulesTest}
 * fails while the committed file differs from what the spec generates.
 */
final class SloRules {

    static final Path SPEC = BomTest.ROOT.resolve("deploy/prometheus/slo/slos.yml");
    static final Path OUTPUT = BomTest.ROOT.resolve("deploy/prometheus/rules/slo.yml");
    static final String RUNBOOK_BASE = "https://github.com/your-org/obs/blob/main/deploy/runbooks/";

    /** Evaluation interval of the alerting group (windows up to 3 days) and of the period group. */
    private static final String INTERVAL = "30s";

    private static final String PERIOD_INTERVAL = "5m";
    private static final Pattern DURATION = Pattern.compile("(\\d+)([mhd])");

    private SloRules() {}

    /** One burn-rate tier: alert when the error ratio over both windows exceeds factor x budget. */
    record BurnRate(
            String alert, String severity, BigDecimal factor, String longWindow, String shortWindow, String pending) {}

    /** One SLO: an error ratio from errors / total, or 1 - good / total. */
    record Slo(
            String name,
            String alert,
            String title,
            BigDecimal objective,
            String errors,
            String good,
            String total,
            BigDecimal threshold) {

        BigDecimal budget() {
            return BigDecimal.ONE.subtract(objective);
        }
    }

    /** The whole spec file. */
    record Spec(String period, List<String> by, List<BurnRate> burnRates, List<Slo> slos) {}

    public static void main(String[] args) throws IOException {
        Files.writeString(OUTPUT, generate(read(SPEC)), StandardCharsets.UTF_8);
        System.out.println("wrote " + OUTPUT);
    }

    static Spec read(Path file) throws IOException {
        Map<String, Object> yaml;
        try (Reader reader = Files.newBufferedReader(file)) {
            yaml = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
        }
        List<BurnRate> burnRates = new ArrayList<>();
        for (Object item : list(yaml.get("burn_rates"))) {
            Map<String, Object> b = map(item);
            burnRates.add(new BurnRate(
                    text(b, "alert"),
                    text(b, "severity"),
                    number(b.get("factor")),
                    text(b, "long"),
                    text(b, "short"),
                    text(b, "for")));
        }
        List<Slo> slos = new ArrayList<>();
        for (Object item : list(yaml.get("slos"))) {
            Map<String, Object> s = map(item);
            Slo slo = new Slo(
                    text(s, "name"),
                    text(s, "alert"),
                    text(s, "title"),
                    number(s.get("objective")),
                    (String) s.get("errors"),
                    (String) s.get("good"),
                    text(s, "total"),
                    s.containsKey("threshold") ? number(s.get("threshold")) : null);
            if ((slo.errors() == null) == (slo.good() == null)) {
                throw new IllegalArgumentException(slo.name() + ": give either errors or good, not both");
            }
            if (slo.threshold() != null && !slo.good().contains("le=\"" + plain(slo.threshold()) + "\"")) {
                throw new IllegalArgumentException(
                        slo.name() + ": good must select le=\"" + plain(slo.threshold()) + "\", the threshold");
            }
            slos.add(slo);
        }
        @SuppressWarnings("unchecked")
        List<String> by = (List<String>) yaml.get("by");
        return new Spec(text(yaml, "period"), by, burnRates, slos);
    }

    static String generate(Spec spec) {
        String by = String.join(", ", spec.by());
        TreeMap<Long, String> windows = new TreeMap<>();
        windows.put(seconds("5m"), "5m"); // slo:current_burn_rate:ratio
        for (BurnRate b : spec.burnRates()) {
            windows.put(seconds(b.longWindow()), b.longWindow());
            windows.put(seconds(b.shortWindow()), b.shortWindow());
        }
        StringBuilder out = new StringBuilder();
        out.append("# GENERATED from deploy/prometheus/slo/slos.yml by SloRules (architecture-tests): do not edit.\n")
                .append("# Change the spec and regenerate (deploy/README.md, \"SLOs\"):\n")
                .append("#   mvn -B -o -q test -pl architecture-tests -am -Dtest=SloRulesTest")
                .append(" -Dsurefire.failIfNoSpecifiedTests=false -Dobs.updateSlo=true\n")
                .append("# Recording rules named as Sloth names them; every series carries `slo` and ")
                .append(by)
                .append(".\n")
                .append("groups:\n")
                .append("  - name: slo\n")
                .append("    interval: ")
                .append(INTERVAL)
                .append("\n    rules:\n");
        for (Slo slo : spec.slos()) {
            String sel = "{slo=\"" + slo.name() + "\"}";
            out.append("      # ")
                    .append(slo.name())
                    .append(": ")
                    .append(slo.title())
                    .append(", objective ")
                    .append(percent(slo.objective()))
                    .append(" over ")
                    .append(spec.period())
                    .append(", error budget ")
                    .append(percent(slo.budget()))
                    .append("\n");
            for (String window : windows.values()) {
                record(out, "slo:sli_error:ratio_rate" + window, errorRatio(slo, by, window), slo);
            }
            String present = "0 * count by (" + by + ") (" + slo.total() + ")";
            record(out, "slo:objective:ratio", plain(slo.objective()) + " + " + present, slo);
            record(out, "slo:error_budget:ratio", plain(slo.budget()) + " + " + present, slo);
            record(
                    out,
                    "slo:current_burn_rate:ratio",
                    "slo:sli_error:ratio_rate5m" + sel + " / " + plain(slo.budget()),
                    slo);
            for (BurnRate b : spec.burnRates()) {
                alert(out, spec, slo, b, sel);
            }
        }
        out.append("\n  # The error ratio over the whole period and what is left of the budget: slow to compute,\n")
                .append("  # slow to change, so evaluated less often. Dashboards read these; no alert does.\n")
                .append("  - name: slo-period\n")
                .append("    interval: ")
                .append(PERIOD_INTERVAL)
                .append("\n    rules:\n");
        for (Slo slo : spec.slos()) {
            String sel = "{slo=\"" + slo.name() + "\"}";
            record(out, "slo:sli_error:ratio_rate" + spec.period(), errorRatio(slo, by, spec.period()), slo);
            record(
                    out,
                    "slo:period_burn_rate:ratio",
                    "slo:sli_error:ratio_rate" + spec.period() + sel + " / " + plain(slo.budget()),
                    slo);
            record(out, "slo:period_error_budget_remaining:ratio", "1 - slo:period_burn_rate:ratio" + sel, slo);
        }
        return out.toString();
    }

    /**
     * Errors / total, 0 (not absent) when there were requests but no error series, NaN (never
     * alerting) when there were none; or 1 - good / total.
     */
    private static String errorRatio(Slo slo, String by, String window) {
        String total = "sum by (" + by + ") (rate(" + slo.total() + "[" + window + "]))";
        if (slo.errors() != null) {
            return "(\n  sum by (" + by + ") (rate(" + slo.errors() + "[" + window + "]))\n  or 0 * " + total
                    + "\n)\n/ " + total + "\n";
        }
        return "1 - (\n  sum by (" + by + ") (rate(" + slo.good() + "[" + window + "]))\n  / " + total + "\n)\n";
    }

    private static void record(StringBuilder out, String name, String expr, Slo slo) {
        out.append("      - record: ").append(name).append('\n');
        expr(out, expr);
        out.append("        labels:\n          slo: ").append(slo.name()).append('\n');
    }

    private static void alert(StringBuilder out, Spec spec, Slo slo, BurnRate b, String sel) {
        String name = slo.alert() + b.alert();
        String threshold = plain(b.factor().multiply(slo.budget()));
        String longRatio = "slo:sli_error:ratio_rate" + b.longWindow() + sel;
        String shortRatio = "slo:sli_error:ratio_rate" + b.shortWindow() + sel;
        long exhausted = seconds(spec.period()) / 3600;
        BigDecimal hours = BigDecimal.valueOf(exhausted).divide(b.factor(), 0, RoundingMode.HALF_UP);
        String gone = hours.remainder(BigDecimal.valueOf(24)).signum() == 0
                ? hours.divide(BigDecimal.valueOf(24)).toPlainString() + " days"
                : hours.toPlainString() + " hours";
        out.append("      # ")
                .append(plain(b.factor()))
                .append(" x the budget over ")
                .append(b.longWindow())
                .append(" and ")
                .append(b.shortWindow())
                .append(" (the smaller of the two ratios above ")
                .append(threshold)
                .append(")\n      - alert: ")
                .append(name)
                .append('\n');
        expr(out, "(\n  " + longRatio + " < " + shortRatio + "\n  or " + shortRatio + "\n)\n> " + threshold + "\n");
        out.append("        for: ").append(b.pending()).append('\n');
        out.append("        labels:\n");
        out.append("          severity: ").append(b.severity()).append('\n');
        out.append("          slo: ").append(slo.name()).append('\n');
        out.append("          long: ").append(b.longWindow()).append('\n');
        out.append("          short: ").append(b.shortWindow()).append('\n');
        out.append("        annotations:\n");
        out.append("          summary: \"")
                .append(slo.title())
                .append(" SLO: error budget burning ")
                .append(b.alert().equals("FastBurn") ? "fast" : "slowly")
                .append("\"\n");
        out.append("          description: \"{{ $labels.service }}: {{ $value | humanizePercentage }} of ")
                .append(
                        slo.threshold() == null
                                ? "requests failed"
                                : "requests were slower than " + plain(slo.threshold()) + "s")
                .append(" over the last ")
                .append(b.longWindow())
                .append(" and over the last ")
                .append(b.shortWindow())
                .append(" (the lower of the two), more than ")
                .append(plain(b.factor()))
                .append(" x the error budget of ")
                .append(percent(slo.budget()))
                .append(" (objective ")
                .append(percent(slo.objective()))
                .append("): at that pace the ")
                .append(spec.period())
                .append(" budget is gone in under ")
                .append(gone)
                .append("\"\n");
        out.append("          runbook_url: \"")
                .append(RUNBOOK_BASE)
                .append(name)
                .append(".md\"\n");
    }

    private static void expr(StringBuilder out, String expr) {
        if (expr.contains("\n")) {
            out.append("        expr: |\n");
            for (String line : expr.strip().split("\n")) {
                out.append("          ").append(line).append('\n');
            }
        } else {
            out.append("        expr: ").append(expr).append('\n');
        }
    }

    static long seconds(String duration) {
        Matcher m = DURATION.matcher(duration);
        if (!m.matches()) {
            throw new IllegalArgumentException("duration " + duration + ": write <n>m, <n>h or <n>d");
        }
        long n = Long.parseLong(m.group(1));
        return n * (m.group(2).equals("m") ? 60 : m.group(2).equals("h") ? 3600 : 86400);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String percent(BigDecimal ratio) {
        return plain(ratio.movePointRight(2)) + "%";
    }

    private static BigDecimal number(Object value) {
        return new BigDecimal(String.valueOf(Objects.requireNonNull(value, "a number")));
    }

    private static String text(Map<String, Object> yaml, String key) {
        return String.valueOf(Objects.requireNonNull(yaml.get(key), key));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object yaml) {
        return (List<Object>) yaml;
    }
}
