package io.escalation.obs.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.escalation.obs.core.spi.catalog.ObsLabel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The catalogue's open labels are the caller-supplied ones, and only those. */
class DbVocabularyTest {

    @Test
    void openLabelsAreExactlyQueryAndTable() {
        assertThat(new DbCatalogue()
                        .meters().stream()
                                .flatMap(meter -> Arrays.stream(meter.getLabels()))
                                .filter(ObsLabel::isOpen)
                                .map(ObsLabel::asString)
                                .distinct())
                .containsExactly("query", "table");
    }
}
