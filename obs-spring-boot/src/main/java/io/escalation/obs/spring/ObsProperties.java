package io.escalation.obs.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code obs.*} settings of the Spring Boot auto-configuration: the tags that the dashboards and alerts in
 * {@code deploy/} select obs's series by, on every meter of the application's registry.
 */
@ConfigurationProperties("obs")
public class ObsProperties {

    /**
     * The service tag, lower case, e.g. client-escalation-calls. Default: spring.application.name.
     */
    private @Nullable String service;

    /**
     * The environment tag, e.g. production. Required.
     */
    private @Nullable String environment;

    /**
     * The cluster tag, e.g. us-east-1. Optional: no cluster tag when unset.
     */
    private @Nullable String cluster;

    /**
     * The application's version, exposed as app_build_info{version}. Default: the version of Boot's build
     * information (META-INF/build-info.properties) when present, else unknown.
     */
    private @Nullable String version;

    /** obs-http's settings. */
    private final Http http = new Http();

    /** Settings with nothing set: the auto-configuration fills in the defaults. */
    public ObsProperties() {}

    /**
     * The {@code service} tag as set, without the default.
     *
     * @return the service name, or null
     */
    public @Nullable String getService() {
        return service;
    }

    /**
     * Sets the {@code service} tag.
     *
     * @param service the service name
     */
    public void setService(@Nullable String service) {
        this.service = service;
    }

    /**
     * The {@code environment} tag.
     *
     * @return the environment, or null when not set
     */
    public @Nullable String getEnvironment() {
        return environment;
    }

    /**
     * Sets the {@code environment} tag.
     *
     * @param environment the environment
     */
    public void setEnvironment(@Nullable String environment) {
        this.environment = environment;
    }

    /**
     * The {@code cluster} tag.
     *
     * @return the cluster, or null when not set
     */
    public @Nullable String getCluster() {
        return cluster;
    }

    /**
     * Sets the {@code cluster} tag.
     *
     * @param cluster the cluster
     */
    public void setCluster(@Nullable String cluster) {
        this.cluster = cluster;
    }

    /**
     * The application's version as set, without the default.
     *
     * @return the version, or null
     */
    public @Nullable String getVersion() {
        return version;
    }

    /**
     * Sets the application's version.
     *
     * @param version the version
     */
    public void setVersion(@Nullable String version) {
        this.version = version;
    }

    /**
     * obs-http's settings, {@code obs.http.*}.
     *
     * @return the HTTP settings
     */
    public Http getHttp() {
        return http;
    }

    /** obs-http's settings: the external APIs whose calls are recorded as {@code http_client_*{peer}}. */
    public static class Http {

        /**
         * The peers of http_client_*{peer}: each peer name (lower case, e.g. twilio) with the hosts that are that
         * peer (e.g. api.twilio.com). Calls of RestClient or RestTemplate to any other host are not recorded.
         */
        private Map<String, List<String>> peers = new LinkedHashMap<>();

        /** No peers. */
        public Http() {}

        /**
         * The peers and their hosts.
         *
         * @return peer name to hosts
         */
        public Map<String, List<String>> getPeers() {
            return peers;
        }

        /**
         * Sets the peers and their hosts.
         *
         * @param peers peer name to hosts
         */
        public void setPeers(Map<String, List<String>> peers) {
            this.peers = peers;
        }
    }
}
