/**
 * Test helpers that need logback-classic as the SLF4J backend: capture what a logger received.
 * obs-test declares logback {@code provided}; tests that use this package add it with test scope.
 */
@NullMarked
package io.escalation.obs.test.logback;

import org.jspecify.annotations.NullMarked;
