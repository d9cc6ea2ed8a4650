package cn.degreehub.binding;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.filing.DegreeRecords;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class BindingConfiguration {

    @Bean
    Bindings bindings(JdbcTemplate jdbc, DegreeRecords records, AuditLog audit, Clock clock,
                      @Value("${degreehub.binding.max-attempts}") int maxAttempts) {
        return new Bindings(jdbc, records, audit, clock, maxAttempts);
    }
}
