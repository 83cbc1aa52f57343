package io.escalation.obs.core.health;

/**
 * One probe of a dependency, run by {@link HealthChecks} on its own thread with a timeout.
 *
 * <pre>{@code
 * HealthCheck database = () -> dataSource.getConnection().isValid(1)
 *         ? HealthResult.up()
 *         : HealthResult.down("connection is not valid");
 * }</pre>
 *
 * <p>A check passes by returning {@link HealthResult#up()} and fails by returning
 * {@link HealthResult#down(String)} or by throwing; the exception's message, masked, becomes the
 * detail. A check that overruns its timeout is interrupted, so blocking calls should respond to
 * interruption.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Probes the dependency.
     *
     * @return the result; never {@code null} ({@code null} is reported as DOWN)
     * @throws Exception any failure, reported as DOWN with the masked message
     */
    HealthResult check() throws Exception;
}
