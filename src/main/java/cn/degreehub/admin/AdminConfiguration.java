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
}
