package io.escalation.obs.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The catalogue's vocabularies name the values the code can emit. */
class DbVocabularyTest {

    @Test
    void statusVocabularyListsEveryQueryStatus() {
        assertThat(DbLabels.STATUS.vocabulary().split(", "))
                .containsExactly(Arrays.stream(QueryStatus.values()).map(QueryStatus::label).toArray(String[]::new));
    }

    @Test
    void openLabelsAreExactlyQueryAndTable() {
        assertThat(Arrays.stream(DbLabels.values()).filter(DbLabels::isOpen))
                .containsExactly(DbLabels.QUERY, DbLabels.TABLE);
    }
}
