package cn.degreehub.admin;

import cn.degreehub.audit.AuditLog;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    @Bean
    RouteControl routeControl(CamelContext camel, AuditLog audit, Clock clock, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        return new RouteControl(camel, audit, clock, jdbc);
    }

    /**
     * Every node applies the cluster's route pauses (route_pause) at its start and then every
     * degreehub.cluster.route-sync-ms (a node's own work, not run-once: each node has its own routes).
     */
    @Bean
    org.springframework.beans.factory.DisposableBean routePauseSync(RouteControl routes,
            @org.springframework.beans.factory.annotation.Value("${degreehub.cluster.route-sync-ms:10000}") long periodMs) {
        java.util.concurrent.ScheduledExecutorService sync = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                new org.springframework.scheduling.concurrent.CustomizableThreadFactory("route-pause-sync-"));
        sync.scheduleWithFixedDelay(() -> {
            try {
                routes.applySharedState();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(RouteControl.class).warn("Route pauses of the cluster not applied", e);
            }
        }, 0, periodMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        // not a ScheduledExecutorService bean: Spring's own scheduling would take it for its scheduler
        return () -> sync.shutdownNow();
    }

    @Bean
    AdminJobs adminJobs(org.springframework.jdbc.core.JdbcTemplate jdbc,
                        org.springframework.transaction.PlatformTransactionManager transactions, AuditLog audit, Clock clock,
                        @org.springframework.beans.factory.annotation.Value("${degreehub.console.job-threads:2}") int threads,
                        @org.springframework.beans.factory.annotation.Value("${degreehub.node-id}") String nodeId) {
        return new AdminJobs(jdbc, transactions, audit, clock, threads, nodeId);
    }

    /** What Hawtio may do through Jolokia, audited (the actuator's Jolokia servlet takes the Restrictor bean). */
    @Bean
    JolokiaPolicy jolokiaPolicy(AuditLog audit, RouteControl routes) {
        return new JolokiaPolicy(audit, routes);
    }

    /** Health group "routes" (management.endpoint.health.group.routes). */
    @Bean
    RoutesHealthIndicator routesHealthIndicator(RouteControl routes) {
        return new RoutesHealthIndicator(routes);
    }
}
