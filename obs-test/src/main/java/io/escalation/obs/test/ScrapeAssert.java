package io.escalation.obs.test;

import io.escalation.obs.core.pii.PiiMasker;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a Prometheus text scrape, by series name and label subset.
 *
 * <pre>{@code
 * assertThatScrape(test)
 *         .hasSample("app_errors_total", 2, "type", "Timeout", "severity", "error")
 *         .hasNoPiiInLabels()
 *         .hasNoInstrumentationErrors();
 * }</pre>
 */
public final class ScrapeAssert extends AbstractAssert<ScrapeAssert, String> {

    private final List<Sample> samples;
    private final PiiMasker masker;

    ScrapeAssert(String scrape, PiiMasker masker) {
        super(scrape, ScrapeAssert.class);
        this.samples = ScrapeParser.parse(scrape);
        this.masker = masker;
    }

    /**
     * Every sample of the scrape.
     *
     * @return the samples in scrape order
     */
    public List<Sample> samples() {
        return samples;
    }

    /**
     * Exactly one sample named {@code name} has these labels (name/value pairs, a subset of its
     * labels), and its value is {@code value}. Several matches fail: name more labels.
     *
     * @param name the series name, e.g. {@code app_errors_total}
     * @param value the expected value
     * @param labelPairs label names and values, alternating
     * @return this assertion, for chaining
     */
    public ScrapeAssert hasSample(String name, double value, String... labelPairs) {
        Map<String, String> wanted = pairs(labelPairs);
        List<Sample> matches = samples.stream()
                .filter(s -> s.name().equals(name) && s.hasLabels(wanted))
                .toList();
        if (matches.isEmpty()) {
            failWithMessage(
                    "Expected a sample %s%s but the scrape has none; samples named %s: %s",
                    name, wanted, name, named(name));
        } else if (matches.size() > 1) {
            failWithMessage(
                    "Expected one sample %s%s but %d match: %s; name more labels",
                    name, wanted, matches.size(), matches);
        } else if (Double.compare(matches.get(0).value(), value) != 0) {
            failWithMessage(
                    "Expected %s%s to be %s but was %s",
                    name, wanted, value, matches.get(0).value());
        }
        return this;
    }

    /**
     * No sample named {@code name} has these labels.
     *
     * @param name the series name
     * @param labelPairs label names and values, alternating
     * @return this assertion, for chaining
     */
    public ScrapeAssert hasNoSample(String name, String... labelPairs) {
        Map<String, String> wanted = pairs(labelPairs);
        for (Sample sample : samples) {
            if (sample.name().equals(name) && sample.hasLabels(wanted)) {
                failWithMessage("Expected no sample %s%s but found %s", name, wanted, sample);
            }
        }
        return this;
    }

    /**
     * The scrape has exactly this line (without its newline). Pins label order, common tags and the
     * value's format; prefer {@link #hasSample} elsewhere, which names only the labels that matter.
     *
     * @param line the whole exposition line, name, labels and value
     * @return this assertion, for chaining
     */
    public ScrapeAssert hasLine(String line) {
        for (String candidate : actual.split("\n")) {
            if (candidate.equals(line)) {
                return this;
            }
        }
        failWithMessage("Expected the scrape to have the line%n  %s%nbut it has none", line);
        return this;
    }

    /**
     * The scrape declares the metric family {@code name} with this Prometheus type, i.e. it has the
     * line {@code # TYPE name type}.
     *
     * @param name the family name, e.g. {@code http_requests_total} or {@code db_query_duration_seconds}
     * @param type {@code counter}, {@code gauge}, {@code histogram}, {@code summary} or {@code untyped}
     * @return this assertion, for chaining
     */
    public ScrapeAssert hasType(String name, String type) {
        String line = "# TYPE " + name + " " + type;
        for (String candidate : actual.split("\n")) {
            if (candidate.equals(line)) {
                return this;
            }
        }
        failWithMessage(
                "Expected the scrape to declare%n  %s%nbut it has %s",
                line,
                actual.lines().filter(l -> l.startsWith("# TYPE " + name + " ")).toList());
        return this;
    }

    /**
     * {@code promtool check metrics} (Prometheus's linter, Debian package {@code prometheus}) accepts the scrape: it
     * exits 0 and prints nothing, neither a format error (exit 1) nor a lint finding (exit 3).
     *
     * @return this assertion, for chaining
     */
    public ScrapeAssert passesPromtool() {
        isNotNull();
        String output;
        int exit;
        try {
            Process promtool = new ProcessBuilder("promtool", "check", "metrics")
                    .redirectErrorStream(true)
                    .start();
            try (OutputStream in = promtool.getOutputStream()) {
                in.write(actual.getBytes(StandardCharsets.UTF_8));
            }
            output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!promtool.waitFor(60, TimeUnit.SECONDS)) {
                promtool.destroyForcibly();
                failWithMessage("promtool check metrics did not finish within 60 s");
            }
            exit = promtool.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run promtool (Debian package prometheus)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for promtool", e);
        }
        if (exit != 0 || !output.isBlank()) {
            failWithMessage(
                    "Expected promtool check metrics to accept the scrape, but it exited %d:%n%s", exit, output);
        }
        return this;
    }

    /**
     * No label value of any sample is something the masker would mask.
     *
     * @return this assertion, for chaining
     */
    public ScrapeAssert hasNoPiiInLabels() {
        for (Sample sample : samples) {
            for (Map.Entry<String, String> label : sample.labels().entrySet()) {
                if (masker.containsPii(label.getValue())) {
                    failWithMessage(
                            "Expected no PII in labels but %s has %s=%s",
                            sample.name(), label.getKey(), masker.mask(label.getValue()));
                }
            }
        }
        return this;
    }

    /**
     * No recording call had its input dropped, clamped or masked.
     *
     * @return this assertion, for chaining
     */
    public ScrapeAssert hasNoInstrumentationErrors() {
        for (Sample sample : samples) {
            if (sample.name().equals("obs_instrumentation_errors_total") && sample.value() > 0) {
                failWithMessage("Expected no instrumentation errors but found %s", sample);
            }
        }
        return this;
    }

    /**
     * {@code count} faults of {@code reason} were counted for the meter exposed as {@code metric}.
     *
     * @param metric the exposed meter name, the {@code metric} label
     * @param reason the {@code reason} label, e.g. {@code pii_redacted}
     * @param count the expected count
     * @return this assertion, for chaining
     */
    public ScrapeAssert hasInstrumentationErrors(String metric, String reason, double count) {
        return hasSample("obs_instrumentation_errors_total", count, "metric", metric, "reason", reason);
    }

    private List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    private static Map<String, String> pairs(String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("label pairs come as name, value, name, value...");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            map.put(labelPairs[i], labelPairs[i + 1]);
        }
        return map;
    }
}
