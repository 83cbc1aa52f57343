package io.escalation.obs.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.spi.catalog.CoreCatalogue;
import io.escalation.obs.core.spi.record.FaultReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The catalogue's vocabularies name exactly the values the code can emit. */
class CoreVocabularyTest {

    @Test
    void reasonVocabularyListsEveryFaultReason() {
        assertThat(CoreCatalogue.REASON.vocabulary().split(", "))
                .containsExactly(Arrays.stream(FaultReason.values())
                        .map(FaultReason::label)
                        .toArray(String[]::new));
    }

    @Test
    void severityVocabularyListsEveryErrorSeverity() {
        assertThat(CoreCatalogue.SEVERITY.vocabulary().split(", "))
                .containsExactly(Arrays.stream(ErrorSeverity.values())
                        .map(ErrorSeverity::label)
                        .toArray(String[]::new));
    }
}
