/** The shared observability registry every obs module records through. */
@NullMarked
package io.escalation.obs.core;

import org.jspecify.annotations.NullMarked;
