package io.escalation.obs.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {

    @TempDir
    Path dir;

    @Test
    void defaultsHoldCommonModels() {
        PriceTable defaults = PriceTable.defaults();
        assertThat(defaults.contains(LlmProvider.OPENAI, "gpt-4o")).isTrue();
        assertThat(defaults.contains(LlmProvider.ANTHROPIC, "claude-sonnet-4-20250514"))
                .isTrue();
        assertThat(defaults.contains(LlmProvider.OPENAI, "gpt-4")).isFalse(); // no guessing by prefix
        assertThat(defaults.contains(LlmProvider.ANTHROPIC, "gpt-4o")).isFalse();
        assertThat(defaults.costUsd(LlmProvider.OPENAI, "gpt-4o", 1_000_000, 1_000_000, 1_000_000, 1_000_000))
                .hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("23.75")); // 2.5 + 10 + 1.25 + 10
    }

    @Test
    void parsesCommentsBlankLinesAndSpaces() {
        PriceTable table = PriceTable.parse("# provider,model,input,output,cached_input\n\n"
                + " openai , ft:gpt-4o-mini:acme , 0.30 , 1.20 , 0.15 \r\n"
                + "anthropic,claude-x,3,15,0.3\n");
        assertThat(table.size()).isEqualTo(2);
        assertThat(table.costUsd(LlmProvider.OPENAI, "ft:gpt-4o-mini:acme", 1, 1, 1, 0))
                .hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("0.00000165"));
        assertThat(table.costUsd(LlmProvider.OPENAI, "claude-x", 1, 1, 1, 1)).isEmpty();
    }

    @Test
    void overridesReplaceAndAdd() {
        PriceTable merged = PriceTable.defaults()
                .overriddenBy(PriceTable.parse("openai,gpt-4o,2.00,8.00,1.00\nopenai,ft:acme,1,1,1\n"));
        assertThat(merged.costUsd(LlmProvider.OPENAI, "gpt-4o", 1_000_000, 0, 0, 0))
                .hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("2"));
        assertThat(merged.contains(LlmProvider.OPENAI, "ft:acme")).isTrue();
        assertThat(merged.contains(LlmProvider.OPENAI, "gpt-4o-mini")).isTrue();
        assertThat(merged.size()).isEqualTo(PriceTable.defaults().size() + 1);
    }

    @Test
    void loadsFromAFileAndTheClassPath() throws Exception {
        Path file = Files.writeString(dir.resolve("prices.csv"), "mistral,mistral-large,2,6,2\n");
        assertThat(PriceTable.fromFile(file).contains(LlmProvider.MISTRAL, "mistral-large"))
                .isTrue();
        assertThat(PriceTable.fromClasspath("test-prices.csv").contains(LlmProvider.OPENAI, "house-model"))
                .isTrue();
        assertThatThrownBy(() -> PriceTable.fromClasspath("absent.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'absent.csv' is not on the class path");
    }

    @Test
    void malformedLinesFailNamingTheLineAndTheFix() {
        assertThatThrownBy(() -> PriceTable.parse("# header\nopenai,gpt-4o,2.5,10\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("price table line 2: expected 5 comma-separated fields provider,model,input,output,"
                        + "cached_input (USD per million tokens), found 4");
        assertThatThrownBy(() -> PriceTable.parse("openia,gpt-4o,1,1,1"))
                .hasMessageStartingWith("price table line 1: unknown provider 'openia': use one of [openai, anthropic");
        assertThatThrownBy(() -> PriceTable.parse("openai,gpt-4o,two,1,1"))
                .hasMessageContaining("input price 'two' is not a decimal number");
        assertThatThrownBy(() -> PriceTable.parse("openai,gpt-4o,1,-1,1"))
                .hasMessageContaining("output price -1 must be between 0 and 10000");
        assertThatThrownBy(() -> PriceTable.parse("openai,gpt-4o,1,1,0.0000001"))
                .hasMessageContaining("cached_input price 0.0000001 has more than 6 decimals");
        assertThatThrownBy(() -> PriceTable.parse("openai,,1,1,1")).hasMessageContaining("model name is empty");
        assertThatThrownBy(() -> PriceTable.parse("openai,a,1,1,1\nopenai,a,2,2,2"))
                .hasMessageContaining("line 2: openai model 'a' is listed twice");
    }

    @Test
    void emptyTablePricesNothing() {
        assertThat(PriceTable.empty().size()).isZero();
        assertThat(PriceTable.empty().costUsd(LlmProvider.OPENAI, "gpt-4o", 1, 1, 1, 1))
                .isEmpty();
    }
}
