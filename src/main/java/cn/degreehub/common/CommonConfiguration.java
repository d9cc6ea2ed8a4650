package cn.degreehub.common;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Beans of the base package only: it depends on no other package of the hub (ArchitectureTest). */
@Configuration(proxyBeanMethods = false)
public class CommonConfiguration {

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager txManager) {
        return new TransactionTemplate(txManager);
    }

    @Bean
    IdempotentRequests idempotentRequests(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        return new IdempotentRequests(jdbc, tx, clock);
    }
}
