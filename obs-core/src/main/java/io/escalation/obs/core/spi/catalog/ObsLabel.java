package io.escalation.obs.core.spi.catalog;

import io.micrometer.common.docs.KeyName;

/**
 * A label (tag key) of a catalogued meter, with the vocabulary its values come from. Declare labels
 * as {@link Label} constants: bounded vocabularies come from enums and pass untouched; open ones
 * ({@link #isOpen()}) go through the {@link io.escalation.obs.core.spi.label.LabelGuard}.
 */
public interface ObsLabel extends KeyName {

    /**
     * The label's key, vocabulary and openness.
     *
     * @return the label's spec
     */
    LabelSpec spec();

    /** The tag key, e.g. {@code model}. */
    @Override
    default String asString() {
        return spec().key();
    }

    /**
     * Human-readable vocabulary for the catalogue, e.g. {@code "input, output, cached, reasoning"}.
     *
     * @return the vocabulary text
     */
    default String vocabulary() {
        return spec().vocabulary();
    }

    /**
     * True when callers pass free text (model names, routes) that must be guarded.
     *
     * @return true for an open label
     */
    default boolean isOpen() {
        return spec().open();
    }
}
