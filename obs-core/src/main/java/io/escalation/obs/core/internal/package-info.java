/**
 * Implementation details of obs-core: not API, may change in any release. Other obs modules must
 * not use these classes (an architecture test enforces it).
 */
@NullMarked
package io.escalation.obs.core.internal;

import org.jspecify.annotations.NullMarked;
