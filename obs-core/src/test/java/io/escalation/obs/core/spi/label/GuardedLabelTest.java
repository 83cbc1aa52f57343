package io.escalation.obs.core.spi.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.label.LabelPolicy;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardedLabelTest {

    private final Observability obs = Observability.builder()
            .serviceName("svc")
            .environment("test")
            .labelPolicy(LabelPolicy.builder()
                    .maxValuesPerLabel(3)
                    .maxValueLength(16)
                    .build())
            .jvmMetrics(false)
            .build();
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void close() {
        obs.close();
    }

    private GuardedLabel<String> guard() {
        return ModuleKit.of(obs).labels().guard(CoreCatalogue.APP_ERRORS, CoreCatalogue.ERROR_TYPE, value -> {
            created.add(value);
            return value;
        });
    }

    @Test
    void knownValuesReturnTheSameResolvedObject() {
        GuardedLabel<String> label = guard();
        String first = label.resolve("gpt-4o");
        assertThat(label.resolve(new String("gpt-4o"))).isSameAs(first);
        assertThat(created).containsExactly("gpt-4o");
    }

    @Test
    void knownAnswersOnlyForValuesResolvedBeforeWithoutCleaning() {
        GuardedLabel<String> label = guard();
        assertThat(label.known("gpt-4o")).isNull();
        assertThat(label.known(null)).isNull();
        assertThat(created).isEmpty(); // known() admits nothing

        String resolved = label.resolve("gpt-4o");
        label.resolve("abcdefghijklmnopqrstuvwxyz"); // truncated: cleaned values are not remembered
        label.resolve("jane@example.com"); // PII: redacted, not remembered

        assertThat(label.known(new String("gpt-4o"))).isSameAs(resolved);
        assertThat(label.known("abcdefghijklmnopqrstuvwxyz")).isNull();
        assertThat(label.known("jane@example.com")).isNull();
        assertThat(label.size()).isEqualTo(2);
    }

    @Test
    void theOverflowCounterIsScrapedAtZeroFromTheGuardsCreation() {
        // the alert MetricLabelOverflow uses increase(): the first fold must not create its series
        GuardedLabel<String> label = guard();
        assertThat(obs.prometheusText())
                .contains("obs_label_overflow_total{environment=\"test\",label=\"type\","
                        + "metric=\"app_errors_total\",service=\"svc\"} 0.0\n");
        label.resolve("a");
        assertThat(obs.prometheusText()).contains("metric=\"app_errors_total\",service=\"svc\"} 0.0\n");
    }

    @Test
    void capFoldsNewValuesIntoOtherBeforeAnyMeterIsBuiltAndCountsOverflow() {
        GuardedLabel<String> label = guard();
        label.resolve("a");
        label.resolve("b");
        label.resolve("c");
        assertThat(label.resolve("d")).isEqualTo("other");
        assertThat(label.resolve("e")).isEqualTo("other");
        assertThat(label.resolve("a")).isEqualTo("a");

        assertThat(created).containsExactly("a", "b", "c", "other");
        assertThat(label.size()).isEqualTo(3);
        assertThat(obs.prometheusText())
                .contains("obs_label_overflow_total{environment=\"test\",label=\"type\","
                        + "metric=\"app_errors_total\",service=\"svc\"} 2.0\n");
    }

    @Test
    void beyondTheCapValuesAreStillCleanedAndTheirFaultsCounted() {
        GuardedLabel<String> label = guard();
        label.resolve("a");
        label.resolve("b");
        label.resolve("c");

        assertThat(label.resolve("jane@example.com")).isEqualTo("redacted");
        assertThat(label.resolve(" a ")).isEqualTo("a"); // its cleaned form was admitted
        assertThat(label.resolve("d\r\n")).isEqualTo("other");
        assertThat(label.resolve("e")).isEqualTo("other");

        assertThat(created).containsExactly("a", "b", "c", "redacted", "other");
        assertThat(obs.prometheusText())
                .contains("reason=\"label_pii\",service=\"svc\"} 1.0\n")
                .contains("reason=\"label_control_chars\",service=\"svc\"} 1.0\n")
                .contains("obs_label_overflow_total{environment=\"test\",label=\"type\","
                        + "metric=\"app_errors_total\",service=\"svc\"} 2.0\n");
    }

    @Test
    void longValuesAreTruncatedAndCounted() {
        GuardedLabel<String> label = guard();
        assertThat(label.resolve("abcdefghijklmnopqrstuvwxyz")).isEqualTo("abcdefghijklmnop");
        assertThat(obs.prometheusText()).contains("reason=\"label_too_long\",service=\"svc\"} 1.0\n");
    }

    @Test
    void tenMegabyteValueIsTruncatedAndNeverKeptAsAKey() {
        GuardedLabel<String> label = guard();
        String huge = "x".repeat(10 * 1024 * 1024);
        assertThat(label.resolve(huge)).isEqualTo("xxxxxxxxxxxxxxxx");
        assertThat(label.resolve(huge)).isEqualTo("xxxxxxxxxxxxxxxx");
        assertThat(created).containsExactly("xxxxxxxxxxxxxxxx");
    }

    @Test
    void controlCharactersCannotForgeExpositionLines() {
        GuardedLabel<String> label = guard();
        assertThat(label.resolve("a\r\nb\u2028c")).isEqualTo("a__b_c");
        assertThat(obs.prometheusText()).contains("reason=\"label_control_chars\",service=\"svc\"} 1.0\n");
    }

    @Test
    void percentEncodedPiiIsRedactedToo() {
        GuardedLabel<String> label = guard();
        assertThat(label.resolve("a%40b.io")).isEqualTo("redacted");
        assertThat(label.resolve("/c/%2B14155552671")).isEqualTo("redacted");
        assertThat(label.resolve("%7Bid%7D")).isEqualTo("%7Bid%7D"); // {id}: nothing to mask
        assertThat(label.resolve("100%")).isEqualTo("100%");
        assertThat(obs.prometheusText()).contains("reason=\"label_pii\",service=\"svc\"} 2.0\n");
    }

    @Test
    void percentDecodingKeepsMalformedEscapesAndDecodesUtf8() {
        assertThat(LabelText.percentDecoded("/a/b")).isEqualTo("/a/b");
        assertThat(LabelText.percentDecoded("jane%40example.com")).isEqualTo("jane@example.com");
        assertThat(LabelText.percentDecoded("%E2%82%AC5 %zz %4 %")).isEqualTo("\u20ac5 %zz %4 %");
        assertThat(LabelText.percentDecoded("%2b1%20415%20555%202671")).isEqualTo("+1 415 555 2671");
    }

    @Test
    void piiBecomesRedactedAndNullBecomesUnknown() {
        GuardedLabel<String> label = guard();
        assertThat(label.resolve("a@b.io")).isEqualTo("redacted");
        assertThat(label.resolve(null)).isEqualTo("unknown");
        assertThat(label.resolve("   ")).isEqualTo("unknown");
        assertThat(label.size()).isZero();
        assertThat(obs.prometheusText())
                .contains("reason=\"label_pii\",service=\"svc\"} 1.0\n")
                .contains("reason=\"null_value\",service=\"svc\"} 2.0\n");
    }

    @Test
    void boundedVocabularyCannotBeGuarded() {
        assertThatThrownBy(() -> ModuleKit.of(obs).labels().guard(CoreCatalogue.APP_ERRORS, CoreCatalogue.SEVERITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bounded vocabulary");
    }

    @Test
    void concurrentNewValuesNeverExceedTheCap() throws Exception {
        Set<String> built = ConcurrentHashMap.newKeySet();
        AtomicInteger factoryCalls = new AtomicInteger();
        GuardedLabel<String> label = ModuleKit.of(obs)
                .labels()
                .guard(CoreCatalogue.APP_ERRORS, CoreCatalogue.ERROR_TYPE, v -> {
                    factoryCalls.incrementAndGet();
                    built.add(v);
                    return v;
                });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 1000; i++) {
                    label.resolve("v" + thread + "-" + i);
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(label.size()).isEqualTo(3);
        assertThat(built).hasSize(4).contains("other");
        assertThat(factoryCalls.get()).isEqualTo(4);
    }

    @Test
    void policyRejectsNonsenseLimits() {
        assertThatThrownBy(() -> LabelPolicy.builder().maxValuesPerLabel(0).build())
                .hasMessageContaining("maxValuesPerLabel must be between 1 and 10000");
        assertThatThrownBy(() -> LabelPolicy.builder().maxValueLength(4).build())
                .hasMessageContaining("maxValueLength must be between 8 and 1024");
    }

    @Test
    void piiCutInHalfByTheLengthCapIsStillRedacted() {
        GuardedLabel<String> label = guard(); // max length 16
        assertThat(label.resolve("xxxxxxxx jane.doe@example.com")).isEqualTo("redacted");
        assertThat(obs.prometheusText()).doesNotContain("jane").doesNotContain("xxxxxxxx ");
    }

    @Test
    void theCapIsSharedByEveryGuardOfTheSameMeterAndLabel() {
        GuardedLabel<String> first = guard();
        GuardedLabel<String> second = guard();
        first.resolve("a");
        first.resolve("b");
        second.resolve("c");
        assertThat(second.resolve("d")).isEqualTo("other");
        assertThat(first.resolve("e")).isEqualTo("other");
        assertThat(second.resolve("a")).isEqualTo("a");
        assertThat(first.size()).isEqualTo(3);
    }

    @Test
    void everyOccurrenceOfBadInputAndOfOverflowIsCounted() {
        GuardedLabel<String> label = guard();
        for (int i = 0; i < 3; i++) {
            label.resolve("a@b.io");
            label.resolve("x\ny");
        }
        label.resolve("a"); // admitted so far: x_y, a, b (cap 3); c and five more overflow
        label.resolve("b");
        label.resolve("c");
        for (int i = 0; i < 5; i++) {
            label.resolve("overflow-" + i);
        }
        assertThat(obs.prometheusText())
                .contains("reason=\"label_pii\",service=\"svc\"} 3.0\n")
                .contains("reason=\"label_control_chars\",service=\"svc\"} 3.0\n")
                .contains("obs_label_overflow_total{environment=\"test\",label=\"type\","
                        + "metric=\"app_errors_total\",service=\"svc\"} 6.0\n");
    }
}
