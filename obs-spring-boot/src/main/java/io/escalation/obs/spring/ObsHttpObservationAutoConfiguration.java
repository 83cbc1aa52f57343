package io.escalation.obs.spring;

import io.escalation.obs.http.HttpMetrics;
import io.micrometer.observation.ObservationHandler;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.DispatcherHandler;

/**
 * obs's {@code http_*} series of a Spring MVC or Spring WebFlux application from Spring's server request observations,
 * and its {@code http_client_*{peer}} series from the client request observations of RestClient, RestTemplate and
 * WebClient (Boot registers every {@link ObservationHandler} bean with the application's {@code
 * ObservationRegistry}). Each stack's handler is in its own configuration, conditional on that stack's classes, so an
 * application without spring-webflux or without the servlet API starts. Off with {@code
 * obs.http.observations.enabled=false}.
 */
@AutoConfiguration(after = ObsFacadesAutoConfiguration.class)
@ConditionalOnClass({HttpMetrics.class, ObservationHandler.class})
@ConditionalOnBean(HttpMetrics.class)
@ConditionalOnProperty(name = "obs.http.observations.enabled", matchIfMissing = true)
class ObsHttpObservationAutoConfiguration {

    /** Spring MVC's requests: a servlet web application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ServerRequestObservationContext.class, HttpServletRequest.class})
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Servlet {

        @Bean
        ObservationHandler<ServerRequestObservationContext> obsServerRequestObservations(HttpMetrics http) {
            return new ServerRequestObservations(http);
        }
    }

    /** Spring WebFlux's requests: a reactive web application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({
        org.springframework.http.server.reactive.observation.ServerRequestObservationContext.class,
        DispatcherHandler.class
    })
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    static class Reactive {

        @Bean
        ObservationHandler<org.springframework.http.server.reactive.observation.ServerRequestObservationContext>
                obsReactiveServerRequestObservations(HttpMetrics http) {
            return new ReactiveServerRequestObservations(http);
        }
    }

    /** RestClient's and RestTemplate's calls to the hosts of {@code obs.http.peers}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ClientRequestObservationContext.class)
    static class RestClients {

        @Bean
        ObservationHandler<ClientRequestObservationContext> obsClientRequestObservations(
                HttpMetrics http, ObsProperties properties) {
            return new ClientRequestObservations(
                    new PeerHosts(http, properties.getHttp().getPeers()));
        }
    }

    /** WebClient's calls to the hosts of {@code obs.http.peers}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(org.springframework.web.reactive.function.client.ClientRequestObservationContext.class)
    static class WebClients {

        @Bean
        ObservationHandler<org.springframework.web.reactive.function.client.ClientRequestObservationContext>
                obsWebClientRequestObservations(HttpMetrics http, ObsProperties properties) {
            return new WebClientRequestObservations(
                    new PeerHosts(http, properties.getHttp().getPeers()));
        }
    }
}
