package io.escalation.obs.core.spi.catalog;

import io.escalation.obs.core.label.LabelValue;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One label (tag key) of catalogued metrics, declared once as a constant of its module's catalogue.
 * A bounded label takes its vocabulary from an enum of {@link LabelValue}s; an open one takes
 * caller-supplied text, which facades pass through the label guard.
 *
 * <pre>{@code
 * public static final Label PROVIDER = Label.of("provider", LlmProvider.class);
 * public static final Label MODEL = Label.open("model", "model name as the service requests it");
 * }</pre>
 */
public final class Label implements ObsLabel {

    private final LabelSpec spec;
    private final List<String> values;

    private Label(String key, String vocabulary, boolean open, List<String> values) {
        this.spec = new LabelSpec(key, vocabulary, open);
        this.values = values;
    }

    /**
     * A bounded label whose values are the labels of {@code values}' constants.
     *
     * @param <E> the enum type
     * @param key the tag key, e.g. {@code provider}
     * @param values the enum listing every value
     * @return the label
     */
    public static <E extends Enum<E> & LabelValue> Label of(String key, Class<E> values) {
        List<String> labels = labels(values);
        return new Label(key, String.join(", ", labels), false, labels);
    }

    /**
     * A bounded label whose values are the labels of {@code values}' constants, with what they mean
     * for this key (two keys over one enum, e.g. a fallback's {@code from} and {@code to}).
     *
     * @param <E> the enum type
     * @param key the tag key, e.g. {@code from}
     * @param meaning what the value names, e.g. {@code provider given up}
     * @param values the enum listing every value
     * @return the label
     */
    public static <E extends Enum<E> & LabelValue> Label of(String key, String meaning, Class<E> values) {
        List<String> labels = labels(values);
        return new Label(key, meaning + ": " + String.join(", ", labels), false, labels);
    }

    /**
     * A label whose values the caller supplies: facades guard them (PII, length, cardinality).
     *
     * @param key the tag key, e.g. {@code model}
     * @param vocabulary what the values are, for the catalogue
     * @return the label
     */
    public static Label open(String key, String vocabulary) {
        return new Label(key, vocabulary, true, List.of());
    }

    /**
     * A bounded label whose values are not an enum: names fixed in code or at registration, such as
     * a queue's or a health check's.
     *
     * @param key the tag key, e.g. {@code queue}
     * @param vocabulary what the values are, for the catalogue
     * @return the label
     */
    public static Label closed(String key, String vocabulary) {
        return new Label(key, vocabulary, false, List.of());
    }

    private static <E extends Enum<E> & LabelValue> List<String> labels(Class<E> values) {
        Objects.requireNonNull(values, "values");
        return Arrays.stream(values.getEnumConstants()).map(LabelValue::label).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public LabelSpec spec() {
        return spec;
    }

    /**
     * The values of a label declared from an enum, in declaration order; empty for other labels.
     *
     * @return the allowed values
     */
    public List<String> values() {
        return values;
    }

    @Override
    public String toString() {
        return spec.key();
    }
}
