package cn.degreehub.audit;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditLog auditLog(JdbcTemplate jdbc, Clock clock) {
        return new AuditLog(jdbc, clock);
    }
}
