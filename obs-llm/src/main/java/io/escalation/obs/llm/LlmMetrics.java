package io.escalation.obs.llm;

import io.escalation.obs.core.Observability;
import io.escalation.obs.core.spi.ModuleKit;
import io.escalation.obs.core.spi.catalog.Metric;
import io.escalation.obs.core.spi.label.GuardedLabel;
import io.escalation.obs.core.spi.record.FaultReason;
import io.escalation.obs.core.spi.record.Faults;
import io.escalation.obs.core.spi.record.MeterTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference architecture's AI/LLM metrics: tokens, cost from a {@link PriceTable}, an optional {@link LlmBudget},
 * requests, latency, time to first token, retries, fallbacks and response quality. {@code model}
 * is an open vocabulary and goes through the label guard; everything else is an enum.
 *
 * <pre>{@code
 * LlmMetrics llm = LlmMetrics.builder(obs)
 *         .prices(PriceTable.defaults().overriddenBy(PriceTable.fromClasspath("llm-prices.csv")))
 *         .budget(LlmBudget.builder(new BigDecimal("5000")))          // monthly, UTC
 *         .build();
 *
 * try (LlmCall call = llm.start(LlmProvider.OPENAI, "gpt-4o")) {    // GenAI client span + timer
 *     ChatResponse r = openAi.chat(request);
 *     call.response(r.text()).success(r.promptTokens() - r.cachedTokens(), r.completionTokens(),
 *             r.cachedTokens(), 0);
 * } // closed without an outcome: counted as a cancelled failure
 *
 * LlmModel mini = llm.model(LlmProvider.OPENAI, "gpt-4o-mini");   // hot path: guarded once
 * mini.recordUsage(1_200, 350);                                    // tokens, cost, budget
 * }</pre>
 *
 * <p>Recording methods never throw: null, negative, NaN or oversized input is dropped or clamped
 * and counted in {@code obs_instrumentation_errors_total}. One instance per
 * {@link Observability}: building it again with equal settings returns it, with other settings fails.
 */
public final class LlmMetrics {

    private static final Logger log = LoggerFactory.getLogger(LlmMetrics.class);

    private static final LlmProvider[] PROVIDERS = LlmProvider.values();
    private static final TokenType[] TOKEN_TYPES = TokenType.values();
    private static final LlmStatus[] STATUSES = LlmStatus.values();
    private static final LlmErrorReason[] REASONS = LlmErrorReason.values();
    /** Durations above a day are clamped: no LLM request takes that long, a bad clock does. */
    private static final long MAX_DURATION_NANOS = TimeUnit.DAYS.toNanos(1);

    final Observability obs;
    final Faults faults;
    final PriceTable prices;
    final @Nullable LlmBudget budget;
    final ContentCapture content;
    private final MeterRegistry registry;
    private final GuardedLabel<ModelSeries.ByProvider> models;
    private final MeterTable<ProviderMeters> providers;
    private final MeterTable<Counter> fallbacks;

    private LlmMetrics(Builder b) {
        this.obs = b.obs;
        ModuleKit kit = ModuleKit.of(obs);
        this.faults = kit.faults();
        this.registry = obs.registry();
        this.prices = b.prices;
        this.content = new ContentCapture(b.captureContent, b.maxContentChars, obs.masker());
        this.budget = b.budget == null ? null : LlmBudget.create(b.budget, obs.clock(), faults);
        this.models = kit.labels().guard(LlmCatalogue.REQUESTS, LlmCatalogue.MODEL, this::seriesFor);
        this.providers = MeterTable.of(LlmProvider.class, this::providerMeters);
        this.fallbacks = MeterTable.of(
                PROVIDERS.length * PROVIDERS.length,
                i -> fallbackCounter(PROVIDERS[i / PROVIDERS.length], PROVIDERS[i % PROVIDERS.length]));
        if (budget != null) {
            registerBudgetGauges(budget);
        }
    }

    /**
     * The LLM metrics of {@code obs} with the bundled {@link PriceTable#defaults() price table}, no budget,
     * no content capture: {@code builder(obs).build()}.
     *
     * @param obs the Observability whose registry holds the meters
     * @return the LLM metrics of {@code obs}
     * @throws IllegalStateException when {@code obs} has LLM metrics with other settings already
     */
    public static LlmMetrics create(Observability obs) {
        return builder(obs).build();
    }

    /**
     * Starts configuring LLM metrics recording into {@code obs}.
     *
     * @param obs the Observability whose registry holds the meters
     * @return a builder with the defaults
     */
    public static Builder builder(Observability obs) {
        return new Builder(Objects.requireNonNull(obs, "obs"));
    }

    /**
     * The budget, when one was configured: read it to stop spending.
     *
     * @return the budget, or empty
     */
    public Optional<LlmBudget> budget() {
        return Optional.ofNullable(budget);
    }

    /**
     * The prices in use.
     *
     * @return the price table
     */
    public PriceTable prices() {
        return prices;
    }

    /**
     * Starts a {@link LlmOperation#CHAT chat} call: a client span and a timer, ended by
     * {@link LlmCall#success}, {@link LlmCall#failure}, {@link LlmCall#fallback} or {@link LlmCall#close}.
     * Never throws.
     *
     * @param provider the provider called; null is counted as a fault
     * @param model the model requested
     * @return the started call; end it exactly once
     */
    public LlmCall start(@Nullable LlmProvider provider, @Nullable String model) {
        return start(provider, model, LlmOperation.CHAT);
    }

    /**
     * Starts a call of {@code operation}; see {@link #start(LlmProvider, String)}. Never throws.
     *
     * @param provider the provider called; null is counted as a fault
     * @param model the model requested
     * @param operation the operation; null is counted as a fault and taken as chat
     * @return the started call; end it exactly once
     */
    public LlmCall start(@Nullable LlmProvider provider, @Nullable String model, @Nullable LlmOperation operation) {
        return model(provider, model).start(operation);
    }

    /**
     * The meters of {@code model} at {@code provider}, guarded and priced once: what a hot path
     * keeps when its model is known in advance. Never throws.
     *
     * @param provider the provider; null is counted as a fault
     * @param model the model name as requested
     * @return the model's meters; keep it
     */
    public LlmModel model(@Nullable LlmProvider provider, @Nullable String model) {
        LlmProvider p = providerOrOther(provider, LlmCatalogue.REQUESTS);
        return new LlmModel(this, p, series(p, model), prices.find(p, model), model);
    }

    /**
     * Counts one request's tokens (input and output only), its cost and budget spending; see
     * {@link LlmModel#recordUsage(long, long, long, long)}. Never throws, allocates nothing for a known model.
     *
     * @param provider the provider; null is counted as a fault
     * @param model the model name as requested
     * @param input the input tokens
     * @param output the output tokens
     */
    public void recordUsage(@Nullable LlmProvider provider, @Nullable String model, long input, long output) {
        recordUsage(provider, model, input, output, 0, 0);
    }

    /**
     * Counts one request's disjoint token counts ({@link TokenType}), cost and budget spending. Never throws.
     *
     * @param provider the provider; null is counted as a fault
     * @param model the model name as requested
     * @param input the input tokens not read from the cache
     * @param output the output tokens other than reasoning
     * @param cached the input tokens read from the cache
     * @param reasoning the reasoning tokens
     */
    public void recordUsage(
            @Nullable LlmProvider provider,
            @Nullable String model,
            long input,
            long output,
            long cached,
            long reasoning) {
        LlmProvider p = providerOrOther(provider, LlmCatalogue.TOKENS);
        usage(series(p, model), prices.find(p, model), input, output, cached, reasoning);
    }

    /**
     * Counts one finished request and its duration. Never throws.
     *
     * @param provider the provider; null is counted as a fault
     * @param model the model name as requested
     * @param status the request's outcome; null is counted as a fault
     * @param durationNanos the request's duration in nanoseconds
     */
    public void recordRequest(
            @Nullable LlmProvider provider, @Nullable String model, @Nullable LlmStatus status, long durationNanos) {
        request(series(providerOrOther(provider, LlmCatalogue.REQUESTS), model), status, durationNanos);
    }

    /**
     * Counts one retry of a request to {@code provider}. Never throws.
     *
     * @param provider the provider; null is counted as a fault
     * @param reason why the request was retried; null is counted as a fault
     */
    public void recordRetry(@Nullable LlmProvider provider, @Nullable LlmErrorReason reason) {
        if (faults.rejectsNull(LlmCatalogue.RETRIES, provider) || faults.rejectsNull(LlmCatalogue.RETRIES, reason)) {
            return;
        }
        ProviderMeters meters = providers.get(provider.ordinal(), faults, LlmCatalogue.RETRIES);
        if (meters != null) { // the provider's registration registers its retry series
            faults.increment(LlmCatalogue.RETRIES, meters.retries[reason.ordinal()]);
        }
    }

    /**
     * Counts one request handed from {@code from} to {@code to}. Never throws.
     *
     * @param from the provider given up
     * @param to the provider called instead
     */
    public void recordFallback(@Nullable LlmProvider from, @Nullable LlmProvider to) {
        if (faults.rejectsNull(LlmCatalogue.FALLBACKS, from) || faults.rejectsNull(LlmCatalogue.FALLBACKS, to)) {
            return;
        }
        Counter counter =
                fallbacks.get(from.ordinal() * PROVIDERS.length + to.ordinal(), faults, LlmCatalogue.FALLBACKS);
        if (counter != null) {
            faults.increment(LlmCatalogue.FALLBACKS, counter);
        }
    }

    /**
     * Records the length in characters of one response. Never throws.
     *
     * @param provider the provider; null is counted as a fault
     * @param chars the length in characters
     */
    public void recordResponseLength(@Nullable LlmProvider provider, long chars) {
        if (faults.rejectsNull(LlmCatalogue.RESPONSE_LENGTH, provider)
                || faults.rejectsCount(LlmCatalogue.RESPONSE_LENGTH, chars)) {
            return;
        }
        ProviderMeters meters = providers.get(provider.ordinal(), faults, LlmCatalogue.RESPONSE_LENGTH);
        if (meters != null) {
            faults.record(LlmCatalogue.RESPONSE_LENGTH, meters.responseLength, chars, Double.MAX_VALUE);
        }
    }

    /**
     * Records a quality score between 0 and 1 the service gave one response (often later, by an
     * evaluator), exposed rounded to whole percent. Above 1 is clamped; negative or NaN is dropped.
     * Never throws.
     *
     * @param provider the provider; null is counted as a fault
     * @param score the score, 0 to 1
     */
    public void recordQuality(@Nullable LlmProvider provider, double score) {
        if (faults.rejectsNull(LlmCatalogue.QUALITY_SCORE, provider)
                || faults.rejectsAmount(LlmCatalogue.QUALITY_SCORE, score)) {
            return;
        }
        ProviderMeters meters = providers.get(provider.ordinal(), faults, LlmCatalogue.QUALITY_SCORE);
        if (meters != null) {
            double percent = Math.rint(faults.clamp(LlmCatalogue.QUALITY_SCORE, score, 1.0) * 100);
            faults.record(LlmCatalogue.QUALITY_SCORE, meters.quality, percent, 100);
        }
    }

    /**
     * Counts one response the service's checks flagged as hallucinated. Never throws.
     *
     * @param provider the provider; null is counted as a fault
     */
    public void recordHallucination(@Nullable LlmProvider provider) {
        if (faults.rejectsNull(LlmCatalogue.HALLUCINATIONS, provider)) {
            return;
        }
        ProviderMeters meters = providers.get(provider.ordinal(), faults, LlmCatalogue.HALLUCINATIONS);
        if (meters != null) {
            faults.increment(LlmCatalogue.HALLUCINATIONS, meters.hallucinations);
        }
    }

    // ---- shared by LlmModel and LlmCall ---------------------------------------------------------

    /** The series of {@code model} at {@code provider}, or null when the registry refused it (counted). */
    @Nullable
    ModelSeries series(LlmProvider provider, @Nullable String model) {
        return models.resolve(model).of(provider, faults);
    }

    LlmProvider providerOrOther(@Nullable LlmProvider provider, Metric meter) {
        return faults.rejectsNull(meter, provider) ? LlmProvider.OTHER : provider;
    }

    void usage(
            @Nullable ModelSeries series,
            @Nullable ModelPrice price,
            long input,
            long output,
            long cached,
            long reasoning) {
        if (series == null) {
            return;
        }
        long in = tokens(input);
        long out = tokens(output);
        long cache = tokens(cached);
        long reason = tokens(reasoning);
        ProviderMeters meters = providers.get(series.provider.ordinal(), faults, LlmCatalogue.TOKENS);
        count(series, meters, TokenType.INPUT, in);
        count(series, meters, TokenType.OUTPUT, out);
        if (cache > 0) {
            count(series, meters, TokenType.CACHED, cache);
        }
        if (reason > 0) {
            count(series, meters, TokenType.REASONING, reason);
        }
        spend(series, price, in, out, cache, reason);
    }

    void tokens(@Nullable ModelSeries series, @Nullable ModelPrice price, @Nullable TokenType type, long count) {
        if (series == null
                || faults.rejectsNull(LlmCatalogue.TOKENS, type)
                || faults.rejectsCount(LlmCatalogue.TOKENS, count)) {
            return;
        }
        long n = faults.clamp(LlmCatalogue.TOKENS, count, PriceTable.MAX_TOKENS);
        faults.increment(LlmCatalogue.TOKENS, series.tokens[type.ordinal()], n);
        if (price == null) { // a partial count is not a request: reported, not counted as unpriced
            reportUnpriced(series);
            return;
        }
        spend(
                series,
                price,
                type == TokenType.INPUT ? n : 0,
                type == TokenType.OUTPUT ? n : 0,
                type == TokenType.CACHED ? n : 0,
                type == TokenType.REASONING ? n : 0);
    }

    /** Counts {@code n} tokens of {@code type}: the model's total and, when registered, the per-request histogram. */
    private void count(ModelSeries series, @Nullable ProviderMeters meters, TokenType type, long n) {
        faults.increment(LlmCatalogue.TOKENS, series.tokens[type.ordinal()], n);
        if (meters != null) {
            DistributionSummary perRequest = meters.requestTokens.get(type.ordinal(), faults, LlmCatalogue.TOKENS);
            if (perRequest != null) {
                faults.record(LlmCatalogue.TOKENS, perRequest, n, Double.MAX_VALUE);
            }
        }
    }

    void request(@Nullable ModelSeries series, @Nullable LlmStatus status, long durationNanos) {
        if (series == null || faults.rejectsNull(LlmCatalogue.REQUESTS, status)) {
            return;
        }
        faults.increment(LlmCatalogue.REQUESTS, series.requests[status.ordinal()]);
        faults.record(LlmCatalogue.REQUEST_DURATION, series.duration, durationNanos, MAX_DURATION_NANOS);
    }

    void timeToFirstToken(@Nullable ModelSeries series, long nanos) {
        if (series == null || faults.rejectsCount(LlmCatalogue.TIME_TO_FIRST_TOKEN, nanos)) {
            return;
        }
        Timer timer = series.timeToFirstToken.get(0, faults, LlmCatalogue.TIME_TO_FIRST_TOKEN);
        if (timer != null) {
            faults.record(LlmCatalogue.TIME_TO_FIRST_TOKEN, timer, nanos, MAX_DURATION_NANOS);
        }
    }

    /** A token count, negative dropped to 0 and above {@link PriceTable#MAX_TOKENS} clamped, each counted. */
    private long tokens(long count) {
        if (count < 0) {
            faults.record(LlmCatalogue.TOKENS, FaultReason.NEGATIVE_VALUE);
            return 0;
        }
        return faults.clamp(LlmCatalogue.TOKENS, count, PriceTable.MAX_TOKENS);
    }

    private void spend(
            ModelSeries series, @Nullable ModelPrice price, long input, long output, long cached, long reasoning) {
        if (price == null) {
            unpriced(series);
            return;
        }
        long picos = price.costPicos(input, output, cached, reasoning);
        series.cost.add(picos);
        LlmBudget b = budget;
        if (b != null) {
            b.spend(picos);
        }
    }

    private void unpriced(ModelSeries series) {
        Counter counter = series.unpriced.get(0, faults, LlmCatalogue.UNPRICED_REQUESTS);
        if (counter != null) {
            faults.increment(LlmCatalogue.UNPRICED_REQUESTS, counter);
        }
        reportUnpriced(series);
    }

    private void reportUnpriced(ModelSeries series) {
        if (series.unpricedReported.compareAndSet(false, true)) {
            log.warn(
                    "obs: LLM model '{}' of {} is not in the price table: its cost is counted as zero"
                            + " (llm_unpriced_requests_total); add it to the service's price table",
                    series.model,
                    series.provider.label());
        }
    }

    // ---- registration ----------------------------------------------------------------------------

    private ModelSeries.ByProvider seriesFor(String model) {
        return new ModelSeries.ByProvider(MeterTable.of(LlmProvider.class, p -> newSeries(p, model)));
    }

    private ModelSeries newSeries(LlmProvider provider, String model) {
        String p = provider.label();
        Counter[] tokens = new Counter[TOKEN_TYPES.length];
        for (TokenType type : TOKEN_TYPES) {
            tokens[type.ordinal()] = LlmCatalogue.TOKENS
                    .counter()
                    .tag(LlmCatalogue.PROVIDER.asString(), p)
                    .tag(LlmCatalogue.MODEL.asString(), model)
                    .tag(LlmCatalogue.TOKEN_TYPE.asString(), type.label())
                    .register(registry);
        }
        Counter[] requests = new Counter[STATUSES.length];
        for (LlmStatus status : STATUSES) {
            requests[status.ordinal()] = LlmCatalogue.REQUESTS
                    .counter()
                    .tag(LlmCatalogue.PROVIDER.asString(), p)
                    .tag(LlmCatalogue.MODEL.asString(), model)
                    .tag(LlmCatalogue.STATUS.asString(), status.label())
                    .register(registry);
        }
        Timer duration = LlmCatalogue.REQUEST_DURATION
                .timer()
                .tag(LlmCatalogue.PROVIDER.asString(), p)
                .tag(LlmCatalogue.MODEL.asString(), model)
                .register(registry);
        MeterTable<Timer> firstToken = MeterTable.of(
                1,
                i -> LlmCatalogue.TIME_TO_FIRST_TOKEN
                        .timer()
                        .tag(LlmCatalogue.PROVIDER.asString(), p)
                        .tag(LlmCatalogue.MODEL.asString(), model)
                        .register(registry));
        MeterTable<Counter> unpriced = MeterTable.of(
                1,
                i -> LlmCatalogue.UNPRICED_REQUESTS
                        .counter()
                        .tag(LlmCatalogue.PROVIDER.asString(), p)
                        .tag(LlmCatalogue.MODEL.asString(), model)
                        .register(registry));
        ModelSeries series = new ModelSeries(provider, model, tokens, requests, duration, firstToken, unpriced);
        // A function counter holds its object weakly and its function strongly: the registry is the
        // object and the function captures the accumulator, so the cost outlives this facade.
        ExactUsd cost = series.cost;
        FunctionCounter.builder(LlmCatalogue.COST.getName(), registry, r -> cost.totalUsd())
                .description(LlmCatalogue.COST.getDescription())
                .tag(LlmCatalogue.PROVIDER.asString(), p)
                .tag(LlmCatalogue.MODEL.asString(), model)
                .register(registry);
        return series;
    }

    private ProviderMeters providerMeters(LlmProvider provider) {
        String p = provider.label();
        MeterTable<DistributionSummary> requestTokens = MeterTable.of(
                TokenType.class,
                type -> LlmCatalogue.REQUEST_TOKENS
                        .summary()
                        .tag(LlmCatalogue.PROVIDER.asString(), p)
                        .tag(LlmCatalogue.TOKEN_TYPE.asString(), type.label())
                        .register(registry));
        Counter[] retries = new Counter[REASONS.length];
        for (LlmErrorReason reason : REASONS) {
            retries[reason.ordinal()] = LlmCatalogue.RETRIES
                    .counter()
                    .tag(LlmCatalogue.PROVIDER.asString(), p)
                    .tag(LlmCatalogue.REASON.asString(), reason.label())
                    .register(registry);
        }
        DistributionSummary length = LlmCatalogue.RESPONSE_LENGTH
                .summary()
                .tag(LlmCatalogue.PROVIDER.asString(), p)
                .register(registry);
        DistributionSummary quality = LlmCatalogue.QUALITY_SCORE
                .summary()
                .tag(LlmCatalogue.PROVIDER.asString(), p)
                .register(registry);
        Counter hallucinations = LlmCatalogue.HALLUCINATIONS
                .counter()
                .tag(LlmCatalogue.PROVIDER.asString(), p)
                .register(registry);
        return new ProviderMeters(requestTokens, retries, length, quality, hallucinations);
    }

    private Counter fallbackCounter(LlmProvider from, LlmProvider to) {
        return LlmCatalogue.FALLBACKS
                .counter()
                .tag(LlmCatalogue.FROM.asString(), from.label())
                .tag(LlmCatalogue.TO.asString(), to.label())
                .register(registry);
    }

    private void registerBudgetGauges(LlmBudget b) {
        LlmCatalogue.BUDGET_REMAINING
                .gauge(b, LlmBudget::remainingUsdAsDouble)
                .strongReference(true)
                .register(registry);
        LlmCatalogue.BUDGET_UTILIZATION
                .gauge(b, LlmBudget::utilization)
                .strongReference(true)
                .register(registry);
    }

    /** Configures {@link LlmMetrics}; {@link #build()} checks every setting. */
    public static final class Builder {
        private final Observability obs;
        private PriceTable prices = PriceTable.defaults();
        private LlmBudget.@Nullable Builder budget;
        private boolean captureContent;
        private int maxContentChars = ContentCapture.DEFAULT_MAX_CHARS;

        private Builder(Observability obs) {
            this.obs = obs;
        }

        /**
         * The price table; default {@link PriceTable#defaults()}.
         *
         * @param prices the price table, e.g. {@code PriceTable.defaults().overriddenBy(contract)}
         * @return this builder
         */
        public Builder prices(PriceTable prices) {
            this.prices = Objects.requireNonNull(prices, "prices must not be null");
            return this;
        }

        /**
         * A spending budget; default none (no budget gauges).
         *
         * @param budget the budget's settings
         * @return this builder
         */
        public Builder budget(LlmBudget.Builder budget) {
            this.budget = Objects.requireNonNull(budget, "budget must not be null");
            return this;
        }

        /**
         * Whether {@link LlmCall#prompt} and {@link LlmCall#response} put the text on the span
         * ({@code gen_ai.input.messages}, {@code gen_ai.output.messages}), truncated and masked;
         * default false. Prompts of a debt-collection service hold personal data: the masker catches
         * the shapes it knows (phones, emails, cards, SSNs ...), not names or addresses.
         *
         * @param captureContent true to put prompts and completions on spans
         * @return this builder
         */
        public Builder captureContent(boolean captureContent) {
            this.captureContent = captureContent;
            return this;
        }

        /**
         * Characters of captured text kept per message, 64 to 1 048 576; default 4096.
         *
         * @param maxContentChars the number of characters kept
         * @return this builder
         */
        public Builder maxContentChars(int maxContentChars) {
            this.maxContentChars = maxContentChars;
            return this;
        }

        /**
         * The metrics of {@code obs}: made on the first call, then the same instance for equal settings
         * (price tables by content, the budget listener by identity).
         *
         * @return the LLM metrics of {@code obs}
         * @throws IllegalArgumentException naming the setting to change
         * @throws IllegalStateException when {@code obs} has LLM metrics with other settings already
         */
        public LlmMetrics build() {
            if (maxContentChars < 64 || maxContentChars > 1_048_576) {
                throw new IllegalArgumentException(
                        "LlmMetrics.maxContentChars must be between 64 and 1048576, was " + maxContentChars);
            }
            Map<String, @Nullable Object> settings = new LinkedHashMap<>();
            settings.put("prices", prices);
            settings.put("budget", budget == null ? null : budget.settings());
            settings.put("captureContent", captureContent);
            settings.put("maxContentChars", maxContentChars);
            return obs.component(LlmMetrics.class, settings, () -> new LlmMetrics(this));
        }
    }
}
