package io.escalation.obs.spring;

import io.escalation.obs.business.AgentMetrics;
import io.escalation.obs.business.BusinessSpans;
import io.escalation.obs.business.CampaignMetrics;
import io.escalation.obs.business.ContactMetrics;
import io.escalation.obs.business.PaymentMetrics;
import io.escalation.obs.core.AppErrors;
import io.escalation.obs.core.Observability;
import io.escalation.obs.core.QueueMetrics;
import io.escalation.obs.core.health.HealthChecks;
import io.escalation.obs.db.DbMetrics;
import io.escalation.obs.db.RedisMetrics;
import io.escalation.obs.http.HttpMetrics;
import io.escalation.obs.llm.LlmMetrics;
import io.escalation.obs.memory.EmbeddingMetrics;
import io.escalation.obs.memory.MemoryMetrics;
import io.escalation.obs.memory.QdrantMetrics;
import io.escalation.obs.memory.RagMetrics;
import io.escalation.obs.security.SecurityMetrics;
import io.escalation.obs.tcpa.TcpaMetrics;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The facades of obs, one bean each for the modules on the classpath, bound to the context's {@link Observability}
 * (whether {@link ObsAutoConfiguration} built it or the application did); each backs off when the application defines
 * its own.
 */
@AutoConfiguration(after = ObsAutoConfiguration.class)
@ConditionalOnClass(Observability.class)
@ConditionalOnBean(Observability.class)
class ObsFacadesAutoConfiguration {

    /** obs-core's facades. */
    @Configuration(proxyBeanMethods = false)
    static class CoreFacades {

        @Bean
        @ConditionalOnMissingBean
        AppErrors obsAppErrors(Observability obs) {
            return AppErrors.create(obs);
        }

        @Bean
        @ConditionalOnMissingBean
        QueueMetrics obsQueueMetrics(Observability obs) {
            return QueueMetrics.create(obs);
        }

        @Bean
        @ConditionalOnMissingBean
        HealthChecks obsHealthChecks(Observability obs) {
            return HealthChecks.create(obs);
        }
    }

    /** obs-http's facade. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HttpMetrics.class)
    static class HttpFacades {

        @Bean
        @ConditionalOnMissingBean
        HttpMetrics obsHttpMetrics(Observability obs, ObsProperties properties) {
            Set<String> peers = properties.getHttp().getPeers().keySet();
            return peers.isEmpty()
                    ? HttpMetrics.create(obs)
                    : HttpMetrics.builder(obs)
                            .peers(peers.toArray(String[]::new))
                            .build();
        }
    }

    /** obs-db's facades. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DbMetrics.class)
    static class DbFacades {

        @Bean
        @ConditionalOnMissingBean
        DbMetrics obsDbMetrics(Observability obs) {
            return DbMetrics.create(obs);
        }

        @Bean
        @ConditionalOnMissingBean
        RedisMetrics obsRedisMetrics(Observability obs) {
            return RedisMetrics.create(obs);
        }
    }

    /** obs-business's facades. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(CampaignMetrics.class)
    static class BusinessFacades {

        @Bean
        @ConditionalOnMissingBean
        CampaignMetrics obsCampaignMetrics(Observability obs) {
            return CampaignMetrics.create(obs);
        }

        @Bean
        @ConditionalOnMissingBean
        ContactMetrics obsContactMetrics(Observability obs) {
            return ContactMetrics.create(obs);
        }

        @Bean
        @ConditionalOnMissingBean
        PaymentMetrics obsPaymentMetrics(Observability obs) {
            return PaymentMetrics.create(obs);
        }

        @Bean
        @ConditionalOnMissingBean
        AgentMetrics obsAgentMetrics(Observability obs) {
            return AgentMetrics.create(obs);
        }

        @Bean
        @ConditionalOnMissingBean
        BusinessSpans obsBusinessSpans(Observability obs) {
            return BusinessSpans.create(obs);
        }
    }

    /** obs-llm's facade. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(LlmMetrics.class)
    static class LlmFacades {

        @Bean
        @ConditionalOnMissingBean
        LlmMetrics obsLlmMetrics(Observability obs) {
            return LlmMetrics.create(obs);
        }
    }

    /** obs-memory-rag's facades. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RagMetrics.class)
    static class MemoryRagFacades {

        @Bean
        @ConditionalOnMissingBean
        EmbeddingMetrics obsEmbeddingMetrics(Observability obs) {
            return EmbeddingMetrics.create(obs);
        }

        @Bean
        @ConditionalOnMissingBean
        QdrantMetrics obsQdrantMetrics(Observability obs) {
            return QdrantMetrics.create(obs);
        }

        @Bean
        @ConditionalOnMissingBean
        MemoryMetrics obsMemoryMetrics(Observability obs) {
            return MemoryMetrics.create(obs);
        }

        @Bean
        @ConditionalOnMissingBean
        RagMetrics obsRagMetrics(Observability obs) {
            return RagMetrics.create(obs);
        }
    }

    /** obs-security's facade. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SecurityMetrics.class)
    static class SecurityFacades {

        @Bean
        @ConditionalOnMissingBean
        SecurityMetrics obsSecurityMetrics(Observability obs) {
            return SecurityMetrics.create(obs);
        }
    }

    /** obs-tcpa's facade. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TcpaMetrics.class)
    static class TcpaFacades {

        @Bean
        @ConditionalOnMissingBean
        TcpaMetrics obsTcpaMetrics(Observability obs) {
            return TcpaMetrics.create(obs);
        }
    }
}
