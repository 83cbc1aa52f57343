package io.escalation.obs.core.spi.catalog;

import java.util.Objects;

/**
 * The facts of one catalogued label, held by its {@link ObsLabel} enum constant so that the enum
 * carries data, not accessor boilerplate (as {@link MeterSpec} does for meters).
 *
 * <pre>{@code
 * enum LlmLabels implements ObsLabel {
 *     MODEL("model", "model names as the provider reports them", true);
 *
 *     private final LabelSpec spec;
 *
 *     LlmLabels(String key, String vocabulary, boolean open) {
 *         this.spec = new LabelSpec(key, vocabulary, open);
 *     }
 *
 *     public LabelSpec spec() { return spec; }
 * }
 * }</pre>
 *
 * @param key the tag key, e.g. {@code model}
 * @param vocabulary the values it takes, for the catalogue
 * @param open true when callers pass free text that must go through the label guard
 */
public record LabelSpec(String key, String vocabulary, boolean open) {

    /**
     * Checks that key and vocabulary are given.
     *
     * @param key the label key as exposed
     * @param vocabulary the values the label takes, for the catalogue
     * @param open true when callers pass free text that must be guarded
     */
    public LabelSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(vocabulary, "vocabulary");
    }
}
