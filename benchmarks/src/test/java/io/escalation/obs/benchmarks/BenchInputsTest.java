package io.escalation.obs.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.pii.PiiMasker;
import java.util.Arrays;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/** The inputs have the shapes the benchmarks and budgets assume. */
class BenchInputsTest {

    @Test
    void cleanAndPiiLinesAreAbout200CharactersOfTheSameLength() {
        assertThat(BenchInputs.CLEAN_LINE.length()).isBetween(190, 220);
        assertThat(BenchInputs.PII_LINE).hasSameSizeAs(BenchInputs.CLEAN_LINE);
    }

    @Test
    void theLongLineIsAbout4KilobytesOfOneToken() {
        assertThat(BenchInputs.LONG_TOKEN_LINE.length()).isBetween(4_000, 4_096);
        assertThat(BenchInputs.LONG_TOKEN_LINE.split(" ")).hasSize(4);
    }

    @Test
    void theNaiveMaskerFindsTheEmailAndPhoneOfThePiiLine() {
        assertThat(NaiveMasker.mask(BenchInputs.PII_LINE))
                .contains("[EMAIL]", "[PHONE]")
                .doesNotContain("jane.doe", "555-0142");
    }

    @Test
    void cleanAndLongLinesHoldNothingShapedLikePii() {
        assertThat(NaiveMasker.mask(BenchInputs.CLEAN_LINE)).isEqualTo(BenchInputs.CLEAN_LINE);
        assertThat(NaiveMasker.mask(BenchInputs.LONG_TOKEN_LINE)).isEqualTo(BenchInputs.LONG_TOKEN_LINE);
        assertThat(PiiMasker.defaults().mask(BenchInputs.CLEAN_LINE)).isEqualTo(BenchInputs.CLEAN_LINE);
        assertThat(PiiMasker.defaults().mask(BenchInputs.LONG_TOKEN_LINE)).isEqualTo(BenchInputs.LONG_TOKEN_LINE);
    }

    @Test
    void generatedLabelValuesAreDistinctLettersOnly() {
        String[] values = BenchInputs.distinctValues("FreshError", LabelGuardBench.FRESH_CAP);

        assertThat(new HashSet<>(Arrays.asList(values))).hasSize(LabelGuardBench.FRESH_CAP);
        assertThat(values).allMatch(v -> v.matches("[A-Za-z]+") && v.length() <= 128);
        assertThat(values).noneMatch(v -> PiiMasker.defaults().containsPii(v));
    }

    @Test
    void everyRotationCoversEightSeries() {
        assertThat(BenchInputs.ERROR_TYPES).hasSize(BenchInputs.SERIES).doesNotHaveDuplicates();
        assertThat(BenchInputs.OPERATIONS).hasSize(BenchInputs.SERIES).doesNotHaveDuplicates();
        assertThat(BenchInputs.DURATIONS_NANOS).hasSize(BenchInputs.SERIES);
        assertThat(Integer.bitCount(BenchInputs.SERIES)).isEqualTo(1);
    }
}
