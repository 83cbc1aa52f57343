package io.escalation.obs.core.label;

/**
 * A value of a bounded label, usually an enum constant: its {@link #label()} is the text the
 * series carries. A label declared from such an enum takes its vocabulary from the constants, so
 * the values are written once.
 *
 * <pre>{@code
 * public enum Channel implements LabelValue {
 *     VOICE("voice"), SMS("sms"), EMAIL("email");
 *     ...
 *     public String label() { return label; }
 * }
 * }</pre>
 */
public interface LabelValue {

    /**
     * The label value as exposed, e.g. {@code voice}.
     *
     * @return the label value
     */
    String label();
}
