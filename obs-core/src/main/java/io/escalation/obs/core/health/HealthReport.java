package io.escalation.obs.core.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one {@link HealthChecks#runAll()}: the overall status and every check's result
 * in registration order.
 *
 * <pre>{@code
 * HealthReport report = checks.runAll();
 * response.status(report.httpStatus()).body(report.toJson());
 * }</pre>
 *
 * <p>The overall status is UP when every <em>critical</em> check is UP; a report without checks is
 * UP. Non-critical checks show their own status but never make the whole report DOWN.
 */
public final class HealthReport {

    private final HealthStatus status;
    private final List<CheckResult> checks;

    HealthReport(List<CheckResult> checks) {
        this.checks = Collections.unmodifiableList(new ArrayList<>(checks));
        HealthStatus overall = HealthStatus.UP;
        for (CheckResult check : checks) {
            if (check.critical() && check.status() == HealthStatus.DOWN) {
                overall = HealthStatus.DOWN;
                break;
            }
        }
        this.status = overall;
    }

    /**
     * UP when every critical check is UP.
     *
     * @return the overall status
     */
    public HealthStatus status() {
        return status;
    }

    /**
     * True when {@link #status()} is UP.
     *
     * @return true when UP
     */
    public boolean isUp() {
        return status == HealthStatus.UP;
    }

    /**
     * Every check's result, in registration order.
     *
     * @return the results
     */
    public List<CheckResult> checks() {
        return checks;
    }

    /**
     * The result of the check registered as {@code name}, if there is one.
     *
     * @param name the check's name
     * @return the result, or empty
     */
    public Optional<CheckResult> check(String name) {
        for (CheckResult check : checks) {
            if (check.name().equals(name)) {
                return Optional.of(check);
            }
        }
        return Optional.empty();
    }

    /**
     * 200 when the report is UP, 503 when it is DOWN.
     *
     * @return the HTTP status for {@code /health}
     */
    public int httpStatus() {
        return status == HealthStatus.UP ? 200 : 503;
    }

    /**
     * The report as compact JSON, e.g.
     * {@code {"status":"DOWN","checks":{"database":{"status":"UP","durationMs":3},
     * "redis":{"status":"DOWN","durationMs":1000,"detail":"timed out after 1000ms"}}}}.
     * Non-critical checks carry {@code "critical":false}; {@code detail} is present only when set.
     *
     * @return the JSON text
     */
    public String toJson() {
        StringBuilder out = new StringBuilder(64 + 64 * checks.size());
        out.append("{\"status\":\"").append(status.name()).append("\",\"checks\":{");
        for (int i = 0; i < checks.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            checks.get(i).appendJson(out);
        }
        return out.append("}}").toString();
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** One check's result within a report. */
    public static final class CheckResult {

        private final String name;
        private final HealthStatus status;
        private final boolean critical;
        private final Duration duration;
        private final @Nullable String detail;

        CheckResult(String name, HealthStatus status, boolean critical, Duration duration, @Nullable String detail) {
            this.name = name;
            this.status = status;
            this.critical = critical;
            this.duration = duration;
            this.detail = detail;
        }

        /**
         * The name the check was registered with.
         *
         * @return the check's name
         */
        public String name() {
            return name;
        }

        /**
         * UP or DOWN; DOWN also for a check that threw or timed out.
         *
         * @return the check's status
         */
        public HealthStatus status() {
            return status;
        }

        /**
         * Whether a DOWN of this check makes the whole report DOWN.
         *
         * @return true for a critical check
         */
        public boolean critical() {
            return critical;
        }

        /**
         * How long the check ran; its timeout when it timed out.
         *
         * @return the run's duration
         */
        public Duration duration() {
            return duration;
        }

        /**
         * The masked detail: the check's own, the exception's message, or the timeout.
         *
         * @return the detail, or empty
         */
        public Optional<String> detail() {
            return Optional.ofNullable(detail);
        }

        void appendJson(StringBuilder out) {
            Json.appendString(out, name);
            out.append(":{\"status\":\"")
                    .append(status.name())
                    .append("\",\"durationMs\":")
                    .append(duration.toMillis());
            if (!critical) {
                out.append(",\"critical\":false");
            }
            if (detail != null) {
                out.append(",\"detail\":");
                Json.appendString(out, detail);
            }
            out.append('}');
        }

        @Override
        public boolean equals(@Nullable Object o) {
            if (!(o instanceof CheckResult)) {
                return false;
            }
            CheckResult other = (CheckResult) o;
            return name.equals(other.name)
                    && status == other.status
                    && critical == other.critical
                    && duration.equals(other.duration)
                    && Objects.equals(detail, other.detail);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, status, critical, duration, detail);
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            appendJson(out);
            return out.toString();
        }
    }
}
