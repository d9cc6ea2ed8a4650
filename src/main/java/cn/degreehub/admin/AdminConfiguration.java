package cn.degreehub.admin;

import cn.degreehub.audit.AuditLog;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    @Bean
    RouteControl routeControl(CamelContext camel, AuditLog audit, Clock clock) {
        return new RouteControl(camel, audit, clock);
    }

    @Bean
    AdminJobs adminJobs(org.springframework.jdbc.core.JdbcTemplate jdbc,
                        org.springframework.transaction.PlatformTransactionManager transactions, AuditLog audit, Clock clock,
                        @org.springframework.beans.factory.annotation.Value("${degreehub.console.job-threads:2}") int threads) {
        return new AdminJobs(jdbc, transactions, audit, clock, threads);
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
