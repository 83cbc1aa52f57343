package io.escalation.obs.spring;

import com.zaxxer.hikari.HikariDataSource;
import io.escalation.obs.db.DbMetrics;
import io.escalation.obs.db.HikariPoolStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The context's HikariCP pools in obs-db's {@code db_connections_active}, {@code db_connections_idle}, {@code
 * db_connections_waiting} and {@code db_pool_utilization_ratio} (the names {@code deploy/}'s pool alert and dashboards
 * read), under {@code pool} = the pool's name (an unnamed pool is named after its bean), the same value as Boot's
 * {@code hikaricp_*} series. Boot's three
 * series that say the same thing ({@code hikaricp_connections_active}, {@code _idle}, {@code _pending}) are not
 * registered, so a pool's counts are published once; Boot's others (max, min, total, timeouts, acquire, creation and
 * usage timers) stay. Off with {@code obs.db.hikari-pools.enabled=false}.
 */
@AutoConfiguration(
        after = ObsFacadesAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration"
        })
@ConditionalOnClass({HikariDataSource.class, DbMetrics.class, MeterRegistryCustomizer.class})
@ConditionalOnBean(DbMetrics.class)
@ConditionalOnProperty(name = "obs.db.hikari-pools.enabled", matchIfMissing = true)
class ObsHikariAutoConfiguration {

    /** Boot's Hikari meters that obs-db's pool gauges replace. */
    static final Set<String> REPLACED =
            Set.of("hikaricp.connections.active", "hikaricp.connections.idle", "hikaricp.connections.pending");

    /** Applied by Boot before any meter exists, like the common tags. */
    @Bean
    MeterRegistryCustomizer<MeterRegistry> obsHikariDuplicatesFilter() {
        return registry -> registry.config().meterFilter(MeterFilter.deny(id -> REPLACED.contains(id.getName())));
    }

    /** Once every singleton exists: each Hikari pool among the context's data sources, by its pool name. */
    @Bean
    SmartInitializingSingleton obsHikariPools(ListableBeanFactory beans, DbMetrics db) {
        return () -> {
            for (Map.Entry<String, DataSource> bean :
                    beans.getBeansOfType(DataSource.class, false, false).entrySet()) {
                HikariDataSource hikari = hikari(bean.getValue());
                if (hikari != null) {
                    db.registerPool(poolName(hikari, bean.getKey()), HikariPoolStats.of(hikari));
                }
            }
        };
    }

    /**
     * The pool's name; an unnamed pool that has not started yet is named after its bean ({@code dataSource}), so
     * that obs's and Boot's series carry the same {@code pool} value from the start, rather than Hikari's
     * generated {@code HikariPool-1} appearing in Boot's only.
     */
    static String poolName(HikariDataSource hikari, String beanName) {
        if (hikari.getPoolName() == null) {
            try {
                hikari.setPoolName(beanName);
            } catch (IllegalStateException started) { // the configuration is sealed once the pool runs
                return beanName;
            }
        }
        return hikari.getPoolName();
    }

    private static @Nullable HikariDataSource hikari(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            return hikari;
        }
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException notAWrapper) {
            return null;
        }
    }
}
