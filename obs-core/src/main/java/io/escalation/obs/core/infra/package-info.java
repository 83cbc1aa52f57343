/**
 * Infrastructure metrics of the seed's USE section on the JVM: Micrometer's JVM and process
 * binders, resident memory, a scheduling-lag probe standing in for Node.js event-loop lag, and
 * queue depths.
 */
@NullMarked
package io.escalation.obs.core.infra;

import org.jspecify.annotations.NullMarked;
