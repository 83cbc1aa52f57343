package io.escalation.obs.llm;

import org.jspecify.annotations.Nullable;

/**
 * One model's prices in picodollars per token, which is the same number as micro-dollars per
 * million tokens: exact for every price with at most six decimals of a dollar per million.
 */
final class ModelPrice {

    /** One picodollar is 10^-12 USD. */
    static final int PICO_SCALE = 12;

    final long inputPicos;
    final long outputPicos;
    final long cachedPicos;

    ModelPrice(long inputPicos, long outputPicos, long cachedPicos) {
        this.inputPicos = inputPicos;
        this.outputPicos = outputPicos;
        this.cachedPicos = cachedPicos;
    }

    /**
     * Cost of one request in picodollars. Token counts are capped by the caller at
     * {@link PriceTable#MAX_TOKENS} and prices at {@link PriceTable#MAX_PRICE_USD_PER_MILLION}, so
     * each product stays below 10^17 and the sum cannot overflow.
     */
    long costPicos(long input, long output, long cached, long reasoning) {
        return input * inputPicos + (output + reasoning) * outputPicos + cached * cachedPicos;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ModelPrice
                && ((ModelPrice) o).inputPicos == inputPicos
                && ((ModelPrice) o).outputPicos == outputPicos
                && ((ModelPrice) o).cachedPicos == cachedPicos;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(inputPicos) * 961 + Long.hashCode(outputPicos) * 31 + Long.hashCode(cachedPicos);
    }
}
