package io.escalation.obs.core.spi.catalog;

import java.util.Objects;

/**
 * The facts of one catalogued label, as the {@link Label} factories set them.
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
