package io.escalation.obs.core.label;

/**
 * The {@code type} label of {@code system_errors_total}: conditions of the machine rather than of a
 * request, each a reason to page whatever the request was.
 */
public enum SystemErrorType implements LabelValue {
    /** The JVM threw an {@link OutOfMemoryError}. */
    OUT_OF_MEMORY("out_of_memory"),
    /** A write failed because the file system is full ({@code ENOSPC}, "No space left on device"). */
    DISK_FULL("disk_full");

    private final String label;

    SystemErrorType(String label) {
        this.label = label;
    }

    /**
     * The label value.
     *
     * @return the value of the {@code type} label, e.g. {@code out_of_memory}
     */
    @Override
    public String label() {
        return label;
    }
}
