/**
 * JMH benchmarks of obs-core's recording paths, their raw-Micrometer baselines, and {@link
 * io.escalation.obs.benchmarks.Gate}, which checks the results against the budgets in the README.
 */
@NullMarked
package io.escalation.obs.benchmarks;

import org.jspecify.annotations.NullMarked;
