/**
 * Test helpers for services that use obs: an in-memory {@link io.escalation.obs.test.TestObservability}
 * and AssertJ assertions on the scrape, the meters and the spans it captured.
 */
@NullMarked
package io.escalation.obs.test;

import org.jspecify.annotations.NullMarked;
