/**
 * Database metrics and spans: connection pools, PostgreSQL queries, deadlocks, table sizes and
 * Redis commands. {@link io.escalation.obs.db.DbMetrics} and {@link io.escalation.obs.db.RedisMetrics}
 * are the entry points.
 */
@NullMarked
package io.escalation.obs.db;

import org.jspecify.annotations.NullMarked;
