package io.escalation.obs.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.catalog.CoreLabels;
import io.escalation.obs.core.fault.FaultReason;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The catalogue's vocabularies name exactly the values the code can emit. */
class CoreVocabularyTest {

    @Test
    void reasonVocabularyListsEveryFaultReason() {
        assertThat(CoreLabels.REASON.vocabulary().split(", "))
                .containsExactly(Arrays.stream(FaultReason.values()).map(FaultReason::label).toArray(String[]::new));
    }

    @Test
    void severityVocabularyListsEveryErrorSeverity() {
        assertThat(CoreLabels.SEVERITY.vocabulary().split(", "))
                .containsExactly(Arrays.stream(ErrorSeverity.values()).map(ErrorSeverity::label).toArray(String[]::new));
    }
}
