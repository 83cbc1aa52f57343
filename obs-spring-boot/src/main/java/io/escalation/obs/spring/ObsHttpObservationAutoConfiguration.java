package io.escalation.obs.spring;

import io.escalation.obs.http.HttpMetrics;
import io.micrometer.observation.ObservationHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * obs's {@code http_*} series of a Spring MVC application from Spring's server request observations, and its {@code
 * http_client_*{peer}} series from RestClient's and RestTemplate's client request observations (Boot registers every
 * {@link ObservationHandler} bean with the application's {@code ObservationRegistry}). Off with {@code
 * obs.http.observations.enabled=false}.
 */
@AutoConfiguration(after = ObsFacadesAutoConfiguration.class)
@ConditionalOnClass({HttpMetrics.class, ServerRequestObservationContext.class, ObservationHandler.class})
@ConditionalOnBean(HttpMetrics.class)
@ConditionalOnProperty(name = "obs.http.observations.enabled", matchIfMissing = true)
class ObsHttpObservationAutoConfiguration {

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    ObservationHandler<ServerRequestObservationContext> obsServerRequestObservations(HttpMetrics http) {
        return new ServerRequestObservations(http);
    }

    /** RestClient's and RestTemplate's calls to the hosts of {@code obs.http.peers}. */
    @Bean
    ObservationHandler<ClientRequestObservationContext> obsClientRequestObservations(
            HttpMetrics http, ObsProperties properties) {
        return new ClientRequestObservations(http, properties.getHttp().getPeers());
    }
}
