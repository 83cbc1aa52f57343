package io.escalation.obs.core.health;

/** Whether a health check, or a whole report, passed. */
public enum HealthStatus {
    /** The check passed. */
    UP,
    /** The check failed, threw or timed out. */
    DOWN
}
