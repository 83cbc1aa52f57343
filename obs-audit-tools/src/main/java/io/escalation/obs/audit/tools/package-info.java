/**
 * The audit trail verifier: {@link io.escalation.obs.audit.tools.AuditTool} (the command line) and
 * {@link io.escalation.obs.audit.tools.TrailVerifier}, which checks the hash chain that obs-logging's
 * {@code ObsAuditAppender} writes (obs-core's {@code AuditChain}), and
 * {@link io.escalation.obs.audit.tools.ComplianceReport}, the TCPA report built from a verified trail.
 */
@NullMarked
package io.escalation.obs.audit.tools;

import org.jspecify.annotations.NullMarked;
