package io.escalation.obs.core.catalog;

import io.micrometer.common.docs.KeyName;

/**
 * A label (tag key) of a catalogued meter, with the vocabulary its values come from.
 *
 * <p>Bounded vocabularies are enums and pass untouched; open ones ({@link #isOpen()}) go through the
 * {@link io.escalation.obs.core.label.LabelGuard}.
 */
public interface ObsLabel extends KeyName {

    /** Human-readable vocabulary for the catalogue, e.g. {@code "input, output, cached, reasoning"}. */
    String vocabulary();

    /** True when callers pass free text (model names, routes) that must be guarded. */
    default boolean isOpen() {
        return false;
    }
}
