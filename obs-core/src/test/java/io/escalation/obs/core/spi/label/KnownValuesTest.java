package io.escalation.obs.core.spi.label;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownValuesTest {

    @Test
    void findsByReferenceAndByEqualContent() {
        KnownValues<Integer> table = KnownValues.<Integer>empty().with("gpt-4o", 1);
        assertThat(table.get("gpt-4o")).isEqualTo(1);
        assertThat(table.get(new String("gpt-4o"))).isEqualTo(1);
        assertThat(table.get("gpt-4o-mini")).isNull();
    }

    @Test
    void growsAndKeepsEveryEntryIncludingHashCollisions() {
        // "Aa" and "BB" have the same String.hashCode
        KnownValues<Integer> table = KnownValues.<Integer>empty().with("Aa", 1).with("BB", 2);
        for (int i = 0; i < 500; i++) {
            table = table.with("value-" + i, i);
        }
        assertThat(table.size()).isEqualTo(502);
        assertThat(table.get("Aa")).isEqualTo(1);
        assertThat(table.get("BB")).isEqualTo(2);
        for (int i = 0; i < 500; i++) {
            assertThat(table.get("value-" + i)).isEqualTo(i);
        }
    }

    @Test
    void writesCopyAndReplaceWithoutChangingEarlierTables() {
        KnownValues<Integer> before = KnownValues.<Integer>empty().with("a", 1);
        KnownValues<Integer> after = before.with("a", 9).with("b", 2);
        assertThat(before.get("a")).isEqualTo(1);
        assertThat(before.get("b")).isNull();
        assertThat(after.get("a")).isEqualTo(9);
        assertThat(after.size()).isEqualTo(2);
    }
}
