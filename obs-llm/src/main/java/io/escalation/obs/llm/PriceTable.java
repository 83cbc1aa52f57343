package io.escalation.obs.llm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Prices of LLM models in US dollars per million tokens (input, output, cached input), from which
 * {@link LlmMetrics} computes {@code llm_cost_usd_total} with exact decimal arithmetic. Models are
 * matched by exact name: a model missing from the table is priced at zero and reported, never
 * guessed from a similar name.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.defaults()                          // bundled list prices
 *         .overriddenBy(PriceTable.fromClasspath("llm-prices.csv"));  // the service's contract prices
 * }</pre>
 *
 * <p>The format is CSV, one model per line, {@code #} comments and blank lines ignored:
 * <pre>
 * # provider,model,input,output,cached_input   (USD per million tokens)
 * openai,gpt-4o,2.50,10.00,1.25
 * </pre>
 * {@code provider} is an {@link LlmProvider#label()}; prices have at most six decimals and are at
 * most {@value #MAX_PRICE_USD_PER_MILLION} USD per million tokens. Reasoning tokens are billed at
 * the output price. Every malformed line fails with its number and what to change.
 */
public final class PriceTable {

    /** Highest accepted price, in USD per million tokens. */
    public static final int MAX_PRICE_USD_PER_MILLION = 10_000;
    /** Token counts of one request above this are clamped (and counted as a fault). */
    static final long MAX_TOKENS = 10_000_000L;

    private static final String DEFAULTS = "io/escalation/obs/llm/default-prices.csv";
    private static final BigDecimal MAX_PRICE = BigDecimal.valueOf(MAX_PRICE_USD_PER_MILLION);
    private static final PriceTable EMPTY = new PriceTable(new EnumMap<>(LlmProvider.class));

    /** Per provider ordinal, model name to price; lookups allocate nothing. */
    private final List<Map<String, ModelPrice>> byProvider;

    private PriceTable(EnumMap<LlmProvider, Map<String, ModelPrice>> prices) {
        List<Map<String, ModelPrice>> maps = new ArrayList<>();
        for (LlmProvider provider : LlmProvider.values()) {
            Map<String, ModelPrice> models = prices.get(provider);
            maps.add(models == null ? Map.of() : Map.copyOf(models));
        }
        this.byProvider = List.copyOf(maps);
    }

    /**
     * The bundled table: list prices of common OpenAI, Anthropic and Gemini models at the time of
     * the release. Contract prices differ: override them with {@link #overriddenBy}.
     *
     * @return the bundled table
     */
    public static PriceTable defaults() {
        return fromClasspath(DEFAULTS);
    }

    /**
     * A table without prices: every model is unpriced.
     *
     * @return an empty table
     */
    public static PriceTable empty() {
        return EMPTY;
    }

    /**
     * The table in the class-path resource {@code resource} (e.g. {@code llm-prices.csv}).
     *
     * @param resource the resource name
     * @return the table
     * @throws IllegalArgumentException when the resource is missing or malformed
     */
    public static PriceTable fromClasspath(String resource) {
        Objects.requireNonNull(resource, "resource");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(resource);
        if (in == null) {
            in = PriceTable.class.getClassLoader().getResourceAsStream(resource);
        }
        if (in == null) {
            throw new IllegalArgumentException("price table resource '" + resource + "' is not on the class path:"
                    + " add it (e.g. src/main/resources/" + resource + ") or pass another name");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(resource, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read price table resource '" + resource + "'", e);
        }
    }

    /**
     * The table in {@code file}.
     *
     * @param file the CSV file
     * @return the table
     * @throws IllegalArgumentException when the file is malformed
     * @throws UncheckedIOException when it cannot be read
     */
    public static PriceTable fromFile(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read price table " + file, e);
        }
    }

    /**
     * The table in {@code csv} (the format above).
     *
     * @param csv the CSV text
     * @return the table
     * @throws IllegalArgumentException naming the malformed line
     */
    public static PriceTable parse(String csv) {
        try {
            return parse("price table", new StringReader(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /**
     * This table with every model of {@code overrides} added or replacing this one's price.
     *
     * @param overrides the prices that win
     * @return a new table; this one is unchanged
     */
    public PriceTable overriddenBy(PriceTable overrides) {
        EnumMap<LlmProvider, Map<String, ModelPrice>> merged = new EnumMap<>(LlmProvider.class);
        for (LlmProvider provider : LlmProvider.values()) {
            Map<String, ModelPrice> models = new HashMap<>(byProvider.get(provider.ordinal()));
            models.putAll(overrides.byProvider.get(provider.ordinal()));
            merged.put(provider, models);
        }
        return new PriceTable(merged);
    }

    /**
     * True when {@code model} of {@code provider} has a price.
     *
     * @param provider the provider of the model
     * @param model the model name as the provider lists it, e.g. {@code gpt-4o}
     * @return true when priced
     */
    public boolean contains(LlmProvider provider, String model) {
        return find(provider, model) != null;
    }

    /**
     * Number of priced models.
     *
     * @return the number of priced models
     */
    public int size() {
        int size = 0;
        for (Map<String, ModelPrice> models : byProvider) {
            size += models.size();
        }
        return size;
    }

    /**
     * The exact cost in USD of a request with these (disjoint) token counts, or empty when the
     * model has no price.
     *
     * @param provider the provider of the model
     * @param model the model name as the provider lists it, e.g. {@code gpt-4o}
     * @param input the input tokens not read from the cache
     * @param output the output tokens other than reasoning
     * @param cached the input tokens read from the cache
     * @param reasoning the reasoning tokens
     * @return the cost, or empty
     */
    public Optional<BigDecimal> costUsd(
            LlmProvider provider, String model, long input, long output, long cached, long reasoning) {
        ModelPrice price = find(provider, model);
        if (price == null) {
            return Optional.empty();
        }
        BigDecimal picos = BigDecimal.valueOf(input)
                .multiply(BigDecimal.valueOf(price.inputPicos))
                .add(BigDecimal.valueOf(output)
                        .add(BigDecimal.valueOf(reasoning))
                        .multiply(BigDecimal.valueOf(price.outputPicos)))
                .add(BigDecimal.valueOf(cached).multiply(BigDecimal.valueOf(price.cachedPicos)));
        return Optional.of(picos.movePointLeft(ModelPrice.PICO_SCALE).stripTrailingZeros());
    }

    /** The price of {@code model}, or null; allocates nothing. */
    @Nullable
    ModelPrice find(@Nullable LlmProvider provider, @Nullable String model) {
        if (provider == null || model == null) {
            return null;
        }
        return byProvider.get(provider.ordinal()).get(model);
    }

    private static PriceTable parse(String source, Reader reader) throws IOException {
        EnumMap<LlmProvider, Map<String, ModelPrice>> prices = new EnumMap<>(LlmProvider.class);
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String where = source + " line " + number + ": ";
            String[] fields = trimmed.split(",", -1);
            if (fields.length != 5) {
                throw new IllegalArgumentException(where + "expected 5 comma-separated fields"
                        + " provider,model,input,output,cached_input (USD per million tokens), found " + fields.length);
            }
            LlmProvider provider = provider(where, fields[0].strip());
            String model = fields[1].strip();
            if (model.isEmpty()) {
                throw new IllegalArgumentException(where + "the model name is empty");
            }
            ModelPrice price = new ModelPrice(
                    picos(where, "input", fields[2]),
                    picos(where, "output", fields[3]),
                    picos(where, "cached_input", fields[4]));
            if (prices.computeIfAbsent(provider, p -> new HashMap<>()).put(model, price) != null) {
                throw new IllegalArgumentException(
                        where + provider.label() + " model '" + model + "' is listed twice: keep one line");
            }
        }
        return new PriceTable(prices);
    }

    private static LlmProvider provider(String where, String label) {
        for (LlmProvider provider : LlmProvider.values()) {
            if (provider.label().equals(label)) {
                return provider;
            }
        }
        List<String> known = new ArrayList<>();
        for (LlmProvider provider : LlmProvider.values()) {
            known.add(provider.label());
        }
        throw new IllegalArgumentException(where + "unknown provider '" + label + "': use one of " + known);
    }

    private static long picos(String where, String column, String text) {
        BigDecimal usd;
        try {
            usd = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + column + " price '" + text.strip()
                    + "' is not a decimal number of USD per million tokens, e.g. 2.50");
        }
        if (usd.signum() < 0 || usd.compareTo(MAX_PRICE) > 0) {
            throw new IllegalArgumentException(where + column + " price " + usd.toPlainString()
                    + " must be between 0 and " + MAX_PRICE_USD_PER_MILLION + " USD per million tokens");
        }
        if (usd.stripTrailingZeros().scale() > 6) {
            throw new IllegalArgumentException(where + column + " price " + usd.toPlainString()
                    + " has more than 6 decimals: round it to a micro-dollar per million tokens");
        }
        return usd.movePointRight(6).longValueExact();
    }

    /** Equal when both price the same models at the same prices: two loads of one file are equal. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof PriceTable other && other.byProvider.equals(byProvider);
    }

    @Override
    public int hashCode() {
        return byProvider.hashCode();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PriceTable[%d models]", size());
    }
}
