/**
 * Spring Boot 4 auto-configuration of obs: {@link io.escalation.obs.spring.ObsAutoConfiguration} builds one
 * {@code Observability} on the application's {@code MeterRegistry}, tags every meter with the
 * {@link io.escalation.obs.spring.ObsProperties} ({@code obs.*}) and exposes the facades of the modules on the
 * classpath as beans (docs/spring-boot.md).
 */
@NullMarked
package io.escalation.obs.spring;

import org.jspecify.annotations.NullMarked;
