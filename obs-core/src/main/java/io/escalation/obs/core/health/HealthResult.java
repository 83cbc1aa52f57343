package io.escalation.obs.core.health;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link HealthCheck} returned: {@link HealthStatus#UP} or {@link HealthStatus#DOWN} and
 * an optional detail. Details are masked before they are exposed, but should still say what
 * failed rather than echo data.
 *
 * <pre>{@code
 * return pong ? HealthResult.up() : HealthResult.down("PING answered " + reply);
 * }</pre>
 */
public final class HealthResult {

    private static final HealthResult UP = new HealthResult(HealthStatus.UP, null);

    private final HealthStatus status;
    private final @Nullable String detail;

    private HealthResult(HealthStatus status, @Nullable String detail) {
        this.status = status;
        this.detail = detail;
    }

    /**
     * A pass without detail.
     *
     * @return an UP result
     */
    public static HealthResult up() {
        return UP;
    }

    /**
     * A pass with a short detail, e.g. {@code "replica lag 2s"}.
     *
     * @param detail the detail, masked before it is shown
     * @return an UP result
     */
    public static HealthResult up(String detail) {
        return new HealthResult(HealthStatus.UP, Objects.requireNonNull(detail, "detail"));
    }

    /**
     * A failure with a short detail saying what is wrong, e.g. {@code "connection refused"}.
     *
     * @param detail the detail, masked before it is shown
     * @return a DOWN result
     */
    public static HealthResult down(String detail) {
        return new HealthResult(HealthStatus.DOWN, Objects.requireNonNull(detail, "detail"));
    }

    /**
     * UP or DOWN.
     *
     * @return the status
     */
    public HealthStatus status() {
        return status;
    }

    /**
     * True when the status is UP.
     *
     * @return true for UP
     */
    public boolean isUp() {
        return status == HealthStatus.UP;
    }

    /**
     * The detail, if one was given.
     *
     * @return the detail, or empty
     */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof HealthResult
                && status == ((HealthResult) o).status
                && Objects.equals(detail, ((HealthResult) o).detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, detail);
    }

    @Override
    public String toString() {
        return detail == null ? status.name() : status + " (" + detail + ")";
    }
}
