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
    void theScanInputsHaveTheirLengthsAndOnlyTheDenseLineHoldsPii() {
        assertThat(BenchInputs.JSON_LINE.length()).isBetween(1_000, 1_300);
        assertThat(BenchInputs.JSON_LINE).startsWith("{").endsWith("}");
        for (String text :
                new String[] {BenchInputs.PROSE_TEXT, BenchInputs.NUMBERS_LINE, BenchInputs.PII_DENSE_LINE}) {
            assertThat(text.length()).isBetween(3_900, 4_000);
        }
        assertThat(BenchInputs.NUMBERS_LINE.chars().filter(Character::isDigit).count())
                .as("digits in the number line")
                .isGreaterThan(1_500);
        for (String clean : new String[] {BenchInputs.PROSE_TEXT, BenchInputs.JSON_LINE, BenchInputs.NUMBERS_LINE}) {
            assertThat(PiiMasker.defaults().mask(clean)).isSameAs(clean);
        }
        String dense = PiiMasker.defaults().mask(BenchInputs.PII_DENSE_LINE);
        assertThat(dense)
                .contains("[EMAIL]", "[PHONE]", "[CARD ****1111]", "[SSN]", "[IP]", "[IBAN]", "[SECRET]")
                .doesNotContain(
                        "jane.doe",
                        "555-0142",
                        "4111 1111",
                        "078-05-1120",
                        "203.0.113.9",
                        "hunter2",
                        "sk-proj",
                        "pa55w0rd",
                        "123456789");
        // one mask about every 40 chars
        assertThat(dense.split("\\[[A-Z]").length).isGreaterThan(BenchInputs.PII_DENSE_LINE.length() / 40);
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
