/** The example client-escalation-calls service on Spring Boot, obs wired by obs-spring-boot. */
@NullMarked
package io.escalation.obs.examples.spring;

import org.jspecify.annotations.NullMarked;
