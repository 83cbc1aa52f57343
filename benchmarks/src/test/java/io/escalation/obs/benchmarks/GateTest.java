package io.escalation.obs.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest {

    private static final int CLEAN_CHARS = BenchInputs.CLEAN_LINE.length();
    private static final int LONG_CHARS = BenchInputs.LONG_TOKEN_LINE.length();
    private static final int PROSE_CHARS = BenchInputs.PROSE_TEXT.length();
    private static final int JSON_CHARS = BenchInputs.JSON_LINE.length();
    private static final int NUMBERS_CHARS = BenchInputs.NUMBERS_LINE.length();
    private static final int DENSE_CHARS = BenchInputs.PII_DENSE_LINE.length();

    @TempDir
    Path dir;

    /** Figures that meet every budget: ns/op and B/op per benchmark. */
    /** Budget counts as the gate reports them; derived, so that adding a budget only adds figures here. */
    private static final int TOTAL = Gate.BUDGETS.size();

    private static final long NO_ALLOCATION = Gate.BUDGETS.stream()
            .filter(b -> b instanceof Budget.NoAllocation || b instanceof Budget.MaxExtraAllocation)
            .count();

    private static Map<String, double[]> passing() {
        Map<String, double[]> figures = new LinkedHashMap<>();
        figures.put("RawMicrometer.counterIncrement", new double[] {5.0, 0});
        figures.put("RawMicrometer.timerRecord", new double[] {60.0, 0.002});
        figures.put("RawMicrometer.timerRecordExemplars", new double[] {62.0, 0.002});
        figures.put("RawMicrometer.naiveCounterLookup", new double[] {220.0, 168});
        figures.put("FacadeBench.guardedCounter", new double[] {7.0, 0});
        figures.put("FacadeBench.guardedCounterByName", new double[] {11.0, 0});
        figures.put("FacadeBench.guardedTimer", new double[] {70.0, 0.003});
        figures.put("FacadeBench.guardedTimerByName", new double[] {80.0, 0.003});
        figures.put("LabelGuardBench.knownValue", new double[] {5.0, 0});
        figures.put("LabelGuardBench.newValueUnderCap", new double[] {600.0, 118});
        figures.put("LabelGuardBench.overflowValue", new double[] {35.0, 0});
        figures.put("MaskerBench.cleanLine", new double[] {100.0, 0});
        figures.put("SecurityBench.suspiciousActivity", new double[] {6.0, 0});
        figures.put("SecurityBench.endpointHit", new double[] {6.5, 0});
        figures.put("SecurityBench.rateLimitHitByName", new double[] {11.0, 0});
        figures.put("SecurityBench.permissionDenied", new double[] {12.0, 0});
        figures.put("TcpaBench.allowed", new double[] {6.0, 0});
        figures.put("TcpaBench.blocked", new double[] {12.0, 0});
        figures.put("MaskerBench.piiLine", new double[] {1_000.0, 600});
        figures.put("MaskerBench.longTokenLine", new double[] {100.0 * LONG_CHARS / CLEAN_CHARS * 1.5, 0});
        figures.put("MaskerBench.proseText", new double[] {1_000.0 * PROSE_CHARS / 1_000, 0});
        figures.put("MaskerBench.jsonLine", new double[] {2.0 * JSON_CHARS, 0});
        figures.put("MaskerBench.numbersLine", new double[] {2.5 * NUMBERS_CHARS, 0});
        figures.put("MaskerBench.piiDenseLine", new double[] {8.0 * DENSE_CHARS, 6_800});
        figures.put("MaskerBench.indexOfScan", new double[] {80.0, 0});
        figures.put("MaskerBench.charLoop", new double[] {0.4 * NUMBERS_CHARS, 0});
        figures.put("NaiveMasker.cleanLine", new double[] {5_000.0, 8_000});
        figures.put("NaiveMasker.piiLine", new double[] {25_000.0, 9_000});
        figures.put("LlmBench.retry", new double[] {6.5, 0});
        figures.put("LlmBench.timeToFirstToken", new double[] {70.0, 0.003});
        figures.put("LlmBench.usage", new double[] {150.0, 0.004});
        figures.put("LlmBench.usageByName", new double[] {160.0, 0.004});
        figures.put("LlmBench.request", new double[] {75.0, 0.003});
        figures.put("MemoryRagBench.reasoningStep", new double[] {6.0, 0});
        figures.put("MemoryRagBench.retrieval", new double[] {65.0, 0.003});
        figures.put("MemoryRagBench.qdrantSearch", new double[] {140.0, 0.004});
        figures.put("HttpBench.routeRecord", new double[] {72.0, 0.003});
        figures.put("HttpBench.routeRecordByName", new double[] {85.0, 0.003});
        figures.put("HttpBench.peerRecord", new double[] {72.0, 0.003});
        figures.put("HttpBench.rawRecord", new double[] {68.0, 0.003});
        figures.put("ObservationHttpBench.bootObservation", new double[] {1_800.0, 2_976});
        figures.put("ObservationHttpBench.obsObservation", new double[] {2_400.0, 3_440});
        figures.put("DbBench.queryRecord", new double[] {80.0, 0});
        figures.put("DbBench.queryRecordByName", new double[] {95.0, 0});
        figures.put("DbBench.rawQueryRecord", new double[] {70.0, 0});
        figures.put("DbBench.redisRecord", new double[] {75.0, 0});
        figures.put("DbBench.redisRecordByName", new double[] {85.0, 0});
        figures.put("DbBench.rawRedisRecord", new double[] {70.0, 0});
        figures.put("BusinessBench.contact", new double[] {6.0, 0});
        figures.put("BusinessBench.paymentCents", new double[] {12.0, 0});
        figures.put("BusinessBench.agentTaskCompleted", new double[] {80.0, 0});
        figures.put("BusinessBench.rawAgentTaskCompleted", new double[] {72.0, 0});
        figures.put("LoggingBench.plainClean", new double[] {1_200.0, 776});
        figures.put("LoggingBench.plainPii", new double[] {1_200.0, 800});
        figures.put("LoggingBench.obsClean", new double[] {1_700.0, 2_064});
        figures.put("LoggingBench.obsPii", new double[] {2_500.0, 2_624});
        figures.put("LoggingBench.regexClean", new double[] {90_000.0, 14_500});
        figures.put("LoggingBench.regexPii", new double[] {80_000.0, 16_000});
        figures.put("LoggingBench.noopMaskerClean", new double[] {1_600.0, 2_208});
        figures.put("LoggingBench.unmaskedFieldsClean", new double[] {900.0, 296});
        figures.put("LoggingBench.obsMaskingClean", new double[] {1_600.0, 1_328});
        figures.put("LoggingBench.obsMaskingPii", new double[] {2_600.0, 1_888});
        figures.put("AuditChainBench.unchainedRecord", new double[] {20_000.0, 1_500});
        figures.put("AuditChainBench.chainedRecord", new double[] {22_000.0, 1_700});
        figures.put("LoggingBench.regexMaskingClean", new double[] {80_000.0, 13_569});
        figures.put("LoggingBench.regexMaskingPii", new double[] {95_000.0, 15_265});
        return figures;
    }

    @Test
    void passesWhenEveryBudgetIsMet() throws IOException {
        Path results = write("pass.json", jmhJson(passing()));
        Path markdown = dir.resolve("latest.md");
        Path regex = dir.resolve("rerun.regex");

        Run run = run("--markdown", markdown.toString(), "--rerun-regex", regex.toString(), results.toString());

        assertThat(run.status).isZero();
        assertThat(run.out).contains("Result: PASS (" + TOTAL + " budgets)").doesNotContain("FAIL");
        assertThat(run.out)
                .contains("| FacadeBench.guardedCounter / RawMicrometer.counterIncrement | 1.40x | <= 1.5x"
                        + " | PASS |");
        assertThat(run.out)
                .contains("| NaiveMasker.cleanLine / MaskerBench.cleanLine (speed-up) | 50.00x | >= 30x" + " | PASS |");
        assertThat(Files.readString(markdown)).isEqualTo(run.out);
        assertThat(Files.readString(regex)).isEmpty();
    }

    @Test
    void listsEveryFigureWithErrorAndBytes() throws IOException {
        Run run = run(write("pass.json", jmhJson(passing())).toString());

        for (String name : passing().keySet()) {
            assertThat(run.out).contains("| " + name + " | ");
        }
        assertThat(run.out).contains("| RawMicrometer.naiveCounterLookup | 220 | 4.40 | ns/op | 168 |");
    }

    @Test
    void comparesMediansSoThatOneSlowForkDoesNotDecide() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("LoggingBench.obsClean")[0] = 2_500.0; // the mean: 2.08x plain, over the 1.5x budget
        String json = jmhJson(figures);
        int entry = json.indexOf("\"io.escalation.obs.benchmarks.LoggingBench.obsClean\"");
        String percentiles = "\"scorePercentiles\" : { \"0.0\" : 1.0, \"100.0\" : 2.0 }";
        int at = json.indexOf(percentiles, entry);
        json = json.substring(0, at) + "\"scorePercentiles\" : { \"0.0\" : 1500.0, \"50.0\" : 1620.0,"
                + " \"100.0\" : 3100.0 }" + json.substring(at + percentiles.length());

        Run run = run(write("median.json", json).toString());

        assertThat(run.status).isZero();
        assertThat(run.out)
                .contains("| LoggingBench.obsClean | 1620 | ")
                .contains("| LoggingBench.obsClean / LoggingBench.plainClean | 1.35x | <= 1.5x | PASS |");
    }

    @Test
    void failsWhenAGuardedHotPathAllocates() throws IOException {
        for (String name : List.of(
                "LabelGuardBench.knownValue",
                "FacadeBench.guardedCounter",
                "FacadeBench.guardedCounterByName",
                "FacadeBench.guardedTimer",
                "FacadeBench.guardedTimerByName",
                "RawMicrometer.timerRecordExemplars",
                "MaskerBench.cleanLine",
                "MaskerBench.proseText",
                "MaskerBench.jsonLine",
                "MaskerBench.numbersLine",
                "LlmBench.retry",
                "LlmBench.timeToFirstToken",
                "LlmBench.usage",
                "LlmBench.usageByName",
                "LlmBench.request",
                "MemoryRagBench.reasoningStep",
                "MemoryRagBench.retrieval",
                "MemoryRagBench.qdrantSearch",
                "HttpBench.routeRecord",
                "HttpBench.routeRecordByName",
                "HttpBench.peerRecord",
                "DbBench.queryRecord",
                "DbBench.queryRecordByName",
                "DbBench.redisRecord",
                "DbBench.redisRecordByName",
                "BusinessBench.contact",
                "BusinessBench.paymentCents",
                "BusinessBench.agentTaskCompleted",
                "SecurityBench.suspiciousActivity",
                "SecurityBench.endpointHit",
                "SecurityBench.rateLimitHitByName",
                "SecurityBench.permissionDenied",
                "TcpaBench.allowed",
                "TcpaBench.blocked")) {
            Map<String, double[]> figures = passing();
            figures.get(name)[1] = 24;

            Run run = run(write("alloc.json", jmhJson(figures)).toString());

            assertThat(run.status).as(name).isEqualTo(1);
            assertThat(run.out)
                    .contains("| " + name + " allocates nothing | 24.00 B/op | <= 1 B/op | FAIL |")
                    .contains("Result: FAIL (1 of " + TOTAL + " budgets)");
        }
    }

    @Test
    void failsWhenTheGuardedCounterIsTooSlow() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("FacadeBench.guardedCounter")[0] = 7.6; // 1.52x of 5.0

        Run run = run(write("counter.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains("| FacadeBench.guardedCounter / RawMicrometer.counterIncrement | 1.52x | <= 1.5x"
                        + " | FAIL |");
    }

    @Test
    void failsWhenASecurityOrTcpaCounterIsTooSlow() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("TcpaBench.allowed")[0] = 7.6; // 1.52x of 5.0
        figures.get("SecurityBench.rateLimitHitByName")[0] = 12.6; // 2.52x of 5.0

        Run run = run(write("domain.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains("| TcpaBench.allowed / RawMicrometer.counterIncrement | 1.52x | <= 1.5x | FAIL |")
                .contains(
                        "| SecurityBench.rateLimitHitByName / RawMicrometer.counterIncrement | 2.52x | <= 2.5x | FAIL |")
                .contains("| SecurityBench.endpointHit / RawMicrometer.counterIncrement | 1.30x | <= 1.5x | PASS |")
                .contains("Result: FAIL (2 of " + TOTAL + " budgets)");
    }

    @Test
    void failsWhenTheGuardedTimerIsTooSlow() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("FacadeBench.guardedTimer")[0] = 76.0; // 1.27x of 60.0

        Run run = run(write("timer.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains("| FacadeBench.guardedTimer / RawMicrometer.timerRecord | 1.27x | <= 1.25x | FAIL |");
    }

    @Test
    void failsWhenADomainFacadeIsTooSlow() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("LlmBench.retry")[0] = 8.0; // 1.60x of 5.0
        figures.get("MemoryRagBench.retrieval")[0] = 78.0; // 1.30x of 60.0

        Run run = run(write("domain.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains("| LlmBench.retry / RawMicrometer.counterIncrement | 1.60x | <= 1.5x | FAIL |")
                .contains("| MemoryRagBench.retrieval / RawMicrometer.timerRecord | 1.30x | <= 1.25x | FAIL |")
                .contains("| LlmBench.timeToFirstToken / RawMicrometer.timerRecord | 1.17x | <= 1.25x | PASS |")
                .contains("Result: FAIL (2 of " + TOTAL + " budgets)");
    }

    @Test
    void failsWhenObsAllocatesTooMuchMoreThanBootsRequestObservation() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("ObservationHttpBench.obsObservation")[1] = 3_700; // 724 B more than Boot's 2 976

        Run run = run(write("observation-bytes.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains("| ObservationHttpBench.obsObservation - ObservationHttpBench.bootObservation allocation"
                        + " | +724 B/op (3700 vs 2976) | <= +640 B/op | FAIL |")
                .contains("Result: FAIL (1 of " + TOTAL + " budgets)");
    }

    @Test
    void failsWhenObsAddsTooMuchToBootsRequestObservation() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("ObservationHttpBench.obsObservation")[0] = 2_970.0; // 1.65x of 1 800

        Run run = run(write("observation.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains(
                        "| ObservationHttpBench.obsObservation / ObservationHttpBench.bootObservation | 1.65x | <= 1.6x"
                                + " | FAIL |")
                .contains("Result: FAIL (1 of " + TOTAL + " budgets)");
        // the full tier's budget: the short tier neither runs nor reads it
        assertThat(run("--tier", "short", "--budgeted-regex").out).doesNotContain("ObservationHttpBench");
    }

    @Test
    void failsWhenTheMaskerIsNotFarEnoughAheadOfTheNaiveOneOnTheCleanLine() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("NaiveMasker.cleanLine")[0] = 2_900.0; // 29x of 100

        Run run = run(write("clean.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains("| NaiveMasker.cleanLine / MaskerBench.cleanLine (speed-up) | 29.00x | >= 30x" + " | FAIL |");
    }

    @Test
    void failsWhenTheMaskerIsNotFarEnoughAheadOfTheNaiveOneOnThePiiLine() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("MaskerBench.piiLine")[0] = 1_300.0; // 25000 / 1300 = 19.2x

        Run run = run(write("pii.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains("| NaiveMasker.piiLine / MaskerBench.piiLine (speed-up) | 19.23x | >= 20x | FAIL |");
    }

    @Test
    void failsWhenTheLongLineCostsMorePerCharacter() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("MaskerBench.longTokenLine")[0] = 100.0 * LONG_CHARS / CLEAN_CHARS * 2.1;

        Run run = run(write("long.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains("| MaskerBench.longTokenLine ns/char (" + LONG_CHARS
                        + " chars) / MaskerBench.cleanLine ns/char (" + CLEAN_CHARS + " chars) | 2.10x")
                .contains("| FAIL |");
    }

    @Test
    void failsWhenCleanJsonOrNumberLinesCostMorePerCharacterThanProse() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("MaskerBench.jsonLine")[0] = 3.2 * JSON_CHARS; // 3.2x prose's 1 ns/char
        figures.get("MaskerBench.numbersLine")[0] = 4.2 * NUMBERS_CHARS; // 4.2x

        Run run = run(write("lines.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains("| MaskerBench.jsonLine ns/char (" + JSON_CHARS + " chars) / MaskerBench.proseText"
                        + " ns/char (" + PROSE_CHARS + " chars) | 3.20x (3.20 vs 1.00 ns/char) | <= 3x | FAIL |")
                .contains("| MaskerBench.numbersLine ns/char (" + NUMBERS_CHARS + " chars) / MaskerBench.proseText"
                        + " ns/char (" + PROSE_CHARS + " chars) | 4.20x (4.20 vs 1.00 ns/char) | <= 4x | FAIL |")
                // against the charAt loop's 0.4 ns/char too: 8x and 10.5x
                .contains("| MaskerBench.jsonLine ns/char (" + JSON_CHARS + " chars) / MaskerBench.charLoop"
                        + " ns/char (" + NUMBERS_CHARS + " chars) | 8.00x (3.20 vs 0.400 ns/char) | <= 7x | FAIL |")
                .contains("| MaskerBench.numbersLine ns/char (" + NUMBERS_CHARS + " chars) / MaskerBench.charLoop"
                        + " ns/char (" + NUMBERS_CHARS + " chars) | 10.50x (4.20 vs 0.400 ns/char) | <= 10x | FAIL |")
                .contains("Result: FAIL (4 of " + TOTAL + " budgets)");
    }

    @Test
    void failsWhenThePiiDenseLineAllocatesMoreThanOneBuilderAndItsResult() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("MaskerBench.piiDenseLine")[1] = 14_000; // a builder regrown once, or a copy per value

        Run run = run(write("dense-alloc.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains(
                        "| MaskerBench.piiDenseLine allocation | 14000 B/op | <= " + 2 * DENSE_CHARS + " B/op | FAIL |")
                .contains("Result: FAIL (1 of " + TOTAL + " budgets)");
    }

    @Test
    void failsWhenProseCostsTooMuchPerCharacterAgainstAPlainCharLoop() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("MaskerBench.charLoop")[0] = 0.2 * NUMBERS_CHARS; // prose's 1 ns/char is 5x

        Run run = run("--tier", "short", write("prose.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains("| MaskerBench.proseText ns/char (" + PROSE_CHARS + " chars) / MaskerBench.charLoop"
                        + " ns/char (" + NUMBERS_CHARS + " chars) | 5.00x (1.00 vs 0.200 ns/char) | <= 4x | FAIL |");
    }

    @Test
    void failsWhenPiiDenseTextCostsTooMuchPerCharacter() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("MaskerBench.piiDenseLine")[0] = 20.5 * DENSE_CHARS;

        Run run = run(write("dense.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains("| MaskerBench.piiDenseLine ns/char (" + DENSE_CHARS + " chars) / MaskerBench.proseText"
                        + " ns/char (" + PROSE_CHARS + " chars) | 20.50x (20.50 vs 1.00 ns/char) | <= 20x | FAIL |");
        assertThat(run("--tier", "short", write("dense.json", jmhJson(figures)).toString()).status)
                .isZero();
    }

    @Test
    void failsWhenMaskedLogEncodingIsTooSlowAgainstPlainEncoding() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("LoggingBench.obsClean")[0] = 1_830.0; // 1.53x of 1200
        figures.get("LoggingBench.obsPii")[0] = 2_700.0; // 2.25x of 1200

        Run run = run(write("logging.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains("| LoggingBench.obsClean / LoggingBench.plainClean | 1.53x | <= 1.5x | FAIL |")
                .contains("| LoggingBench.obsPii / LoggingBench.plainPii | 2.25x | <= 2.2x | FAIL |")
                .contains("| LoggingBench.regexClean / LoggingBench.obsClean (speed-up) | 49.18x | >= 20x | PASS |")
                .contains("Result: FAIL (2 of " + TOTAL + " budgets)");
    }

    @Test
    void failsWhenMaskedLogEncodingIsNotFarEnoughAheadOfTheRegexValueMaskers() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("LoggingBench.regexPii")[0] = 47_500.0; // 19x of 2500

        Run run = run(write("regex.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains("| LoggingBench.regexPii / LoggingBench.obsPii (speed-up) | 19.00x | >= 20x | FAIL |")
                .contains("| LoggingBench.obsPii / LoggingBench.plainPii | 2.08x | <= 2.2x | PASS |")
                .contains("Result: FAIL (1 of " + TOTAL + " budgets)");
    }

    @Test
    void failsWhenABudgetedBenchmarkIsMissing() throws IOException {
        Map<String, double[]> figures = passing();
        figures.remove("RawMicrometer.timerRecord");

        Run run = run(write("missing.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out).contains("| missing RawMicrometer.timerRecord | <= 1.25x | FAIL |");
    }

    @Test
    void failsTheAllocationBudgetsWithoutTheGcProfiler() throws IOException {
        Map<String, double[]> figures = passing();
        figures.values().forEach(f -> f[1] = Double.NaN);

        Run run = run(write("nogc.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out)
                .contains("| LabelGuardBench.knownValue allocates nothing | no gc.alloc.rate.norm"
                        + " (run with -prof gc) | <= 1 B/op | FAIL |")
                .contains("Result: FAIL (" + NO_ALLOCATION + " of " + TOTAL + " budgets)");
    }

    @Test
    void skipsBudgetsNoneOfWhoseBenchmarksRanWhenAskedTo() throws IOException {
        Map<String, double[]> figures = new LinkedHashMap<>();
        figures.put("MaskerBench.cleanLine", passing().get("MaskerBench.cleanLine"));
        Path results = write("narrow.json", jmhJson(figures));

        Run skipping = run("--skip-missing", results.toString());

        assertThat(skipping.status).isEqualTo(1); // the clean-line speed-up lacks its baseline
        assertThat(skipping.out)
                .contains("| MaskerBench.cleanLine allocates nothing | 0.00 B/op | <= 1 B/op | PASS |")
                .contains("| FacadeBench.guardedTimer / RawMicrometer.timerRecord | not run | <= 1.25x | SKIP |")
                .contains("| missing NaiveMasker.cleanLine | >= 30x | FAIL |")
                .contains("Result: FAIL (1 of " + TOTAL + " budgets, " + (TOTAL - 2) + " skipped)");
        assertThat(run(results.toString()).out).contains("Result: FAIL (" + (TOTAL - 1) + " of " + TOTAL + " budgets)");
    }

    @Test
    void writesARerunRegexOfTheFailedBudgetsAndTheirBaselines() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("FacadeBench.guardedCounter")[0] = 9.0;
        Path regex = dir.resolve("rerun.regex");

        run(
                "--rerun-regex",
                regex.toString(),
                write("fail.json", jmhJson(figures)).toString());

        String pattern = Files.readString(regex);
        assertThat(pattern)
                .isEqualTo("^io\\.escalation\\.obs\\.benchmarks\\.(?:FacadeBench\\.guardedCounter"
                        + "|RawMicrometer\\.counterIncrement)$");
        assertThat("io.escalation.obs.benchmarks.FacadeBench.guardedCounter").containsPattern(pattern);
        assertThat("io.escalation.obs.benchmarks.FacadeBench.guardedTimer").doesNotContainPattern(pattern);
    }

    @Test
    void aRerunReplacesTheFiguresOfTheFirstRun() throws IOException {
        Map<String, double[]> first = passing();
        first.get("FacadeBench.guardedCounter")[0] = 9.0;
        Map<String, double[]> rerun = new LinkedHashMap<>();
        rerun.put("FacadeBench.guardedCounter", new double[] {6.5, 0});
        rerun.put("RawMicrometer.counterIncrement", new double[] {5.0, 0});

        Run run = run(
                write("first.json", jmhJson(first)).toString(),
                write("rerun.json", jmhJson(rerun)).toString());

        assertThat(run.status).isZero();
        assertThat(run.out)
                .contains("| FacadeBench.guardedCounter | 6.50 | 0.130 | ns/op | 0.00 | 2 |")
                .contains("| FacadeBench.guardedTimer | 70.00 | 1.40 | ns/op | 0.003 | 1 |")
                .contains("Result: PASS");
    }

    @Test
    void rejectsInputThatIsNotJmhJson() throws IOException {
        Run run = run(write("broken.json", "[{\"benchmark\": ").toString());

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("not valid JSON");
    }

    @Test
    void rejectsAMissingResultsFile() {
        assertThat(run().status).isEqualTo(2);
        assertThat(run(dir.resolve("absent.json").toString()).status).isEqualTo(2);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Gate.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {}

    /**
     * JMH 1.37's {@code -rf json} layout, trimmed to what the gate reads plus a few fields it must
     * skip: score error is 2% of the score; a NaN byte count leaves out the gc profiler's metrics.
     */
    private static String jmhJson(Map<String, double[]> figures) {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, double[]> figure : figures.entrySet()) {
            double ns = figure.getValue()[0];
            double bytes = figure.getValue()[1];
            String secondary = Double.isNaN(bytes) ? "{}" : String.format(Locale.ROOT, """
                    {
                        "gc.alloc.rate" : { "score" : 1.5, "scoreError" : "NaN", "scoreUnit" : "MB/sec" },
                        "gc.alloc.rate.norm" : {
                            "score" : %s,
                            "scoreError" : 0.001,
                            "scoreConfidence" : [ 0.0, 0.002 ],
                            "scoreUnit" : "B/op",
                            "rawData" : [ [ 0.0, 0.0 ], [ 0.0, 0.0 ] ]
                        },
                        "gc.count" : { "score" : "\u2248 0", "scoreUnit" : "counts" }
                    }""", bytes);
            entries.add(String.format(Locale.ROOT, """
                    {
                        "jmhVersion" : "1.37",
                        "benchmark" : "io.escalation.obs.benchmarks.%s",
                        "mode" : "avgt",
                        "threads" : 1,
                        "forks" : 2,
                        "jvmArgs" : [ "-Xms1g", "-Xmx1g" ],
                        "primaryMetric" : {
                            "score" : %s,
                            "scoreError" : %s,
                            "scoreConfidence" : [ 1.0, 2.0 ],
                            "scorePercentiles" : { "0.0" : 1.0, "100.0" : 2.0 },
                            "scoreUnit" : "ns/op",
                            "rawData" : [ [ 1.0, 2.0 ], [ 1.5, 1.25e0 ] ]
                        },
                        "secondaryMetrics" : %s
                    }""", figure.getKey(), ns, ns * 0.02, secondary));
        }
        return "[\n" + String.join(",\n", entries) + "\n]\n";
    }

    @Test
    void theFullTierIncludesExactlyTheBenchmarksBudgetsRead() {
        String regex = Gate.budgetedRegex(Gate.BUDGETS);
        assertThat("io.escalation.obs.benchmarks.RawMicrometer.counterIncrement")
                .containsPattern(regex);
        assertThat("io.escalation.obs.benchmarks.FacadeBench.guardedCounter").containsPattern(regex);
        assertThat("io.escalation.obs.benchmarks.SecurityBench.endpointHit").containsPattern(regex);
        assertThat("io.escalation.obs.benchmarks.FacadeBench.guardedCounterX").doesNotContainPattern(regex);
        assertThat("io.escalation.obs.benchmarks.RawMicrometer.naiveCounterLookup")
                .doesNotContainPattern(regex);
    }

    @Test
    void theShortTierRunsEighteenBenchmarksAndNoneOfTheOtherModules() {
        Run run = run("--tier", "short", "--budgeted-regex");
        String regex = run.out.strip();

        assertThat(run.status).isZero();
        List<String> selected = passing().keySet().stream()
                .filter(name -> ("io.escalation.obs.benchmarks." + name).matches(regex))
                .toList();
        assertThat(selected)
                .containsExactlyInAnyOrder(
                        "RawMicrometer.counterIncrement",
                        "RawMicrometer.timerRecord",
                        "RawMicrometer.timerRecordExemplars",
                        "FacadeBench.guardedCounter",
                        "FacadeBench.guardedTimer",
                        "LabelGuardBench.knownValue",
                        "MaskerBench.cleanLine",
                        "MaskerBench.piiLine",
                        "MaskerBench.longTokenLine",
                        "MaskerBench.proseText",
                        "MaskerBench.jsonLine",
                        "MaskerBench.numbersLine",
                        "MaskerBench.charLoop",
                        "NaiveMasker.cleanLine",
                        "NaiveMasker.piiLine",
                        "HttpBench.routeRecord",
                        "HttpBench.rawRecord",
                        "LoggingBench.obsClean",
                        "LoggingBench.plainClean");
        assertThat(Gate.BUDGETS).containsAll(Gate.SHORT);
    }

    @Test
    void theShortTierPassesOnItsOwnBenchmarksWhichTheFullTierDoesNot() throws IOException {
        Map<String, double[]> figures = passing();
        String regex = Gate.budgetedRegex(Gate.SHORT);
        figures.keySet().removeIf(name -> !("io.escalation.obs.benchmarks." + name).matches(regex));
        Path results = write("short.json", jmhJson(figures));

        Run shortTier = run("--tier", "short", results.toString());
        Run fullTier = run(results.toString());

        assertThat(shortTier.status).isZero();
        assertThat(shortTier.out)
                .contains("Result: PASS (" + Gate.SHORT.size() + " budgets)")
                .doesNotContain("SecurityBench");
        assertThat(fullTier.status).isEqualTo(1);
        assertThat(fullTier.out)
                .contains(
                        "| SecurityBench.endpointHit / RawMicrometer.counterIncrement | missing SecurityBench.endpointHit |");
    }

    @Test
    void theShortTierStillFailsABrokenBudget() throws IOException {
        Map<String, double[]> figures = passing();
        figures.get("HttpBench.routeRecord")[0] = 90.0; // 1.32x the raw route record
        Run run = run("--tier", "short", write("slow.json", jmhJson(figures)).toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out).contains("| HttpBench.routeRecord / HttpBench.rawRecord | 1.32x | <= 1.25x | FAIL |");
    }

    @Test
    void rejectsAnUnknownTier() {
        Run run = run("--tier", "nightly", "--budgeted-regex");

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("--tier is short or full, not nightly");
    }
}
