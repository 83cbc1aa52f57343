/**
 * TCPA and Regulation F compliance observability: check decisions, violations prevented, opt-outs
 * and their deadlines, compliance audit events, and the calling-window and business-day helpers
 * that make those records trustworthy. The library observes and records; it does not decide
 * compliance.
 */
@NullMarked
package io.escalation.obs.tcpa;

import org.jspecify.annotations.NullMarked;
