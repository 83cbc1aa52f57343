/** Runnable examples of the obs suite. */
@NullMarked
package io.escalation.obs.examples;

import org.jspecify.annotations.NullMarked;
