package cn.degreehub.common;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.jms.DeadLetters;
import cn.degreehub.common.jms.MessageSpool;
import cn.degreehub.common.soap.UnwrapSoapRequest;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.connection.JmsTransactionManager;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

    @Bean
    AuditLog auditLog(JdbcTemplate jdbc, Clock clock) {
        return new AuditLog(jdbc, clock);
    }

    /** Camel's "jms" component on the hub's broker connection; routes choose transacted consumers. */
    @Bean("jms")
    JmsComponent jmsComponent(ConnectionFactory connectionFactory) {
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(connectionFactory);
        return jms;
    }

    /** Routes from a CXF endpoint: the operation's request object as the body. */
    @Bean
    UnwrapSoapRequest unwrapSoapRequest() {
        return new UnwrapSoapRequest();
    }

    /**
     * For outbox routes: all messages of one poll are sent in one JMS transaction, so the broker syncs its
     * journal once per poll rather than once per message. Not a PlatformTransactionManager bean, so the
     * database's transaction manager stays the only one.
     */
    @Bean("jmsBatch")
    SpringTransactionPolicy jmsBatch(ConnectionFactory connectionFactory) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(new JmsTransactionManager(connectionFactory));
        policy.setPropagationBehaviorName("PROPAGATION_REQUIRED");
        return policy;
    }

    @Bean
    MessageSpool messageSpool(@Value("${degreehub.data-dir}") String dataDir) throws java.io.IOException {
        MessageSpool spool = new MessageSpool(Path.of(dataDir, "spool"));
        spool.removeLeftovers();
        return spool;
    }

    @Bean
    DeadLetters deadLetters(ConnectionFactory connectionFactory,
                            @Value("${degreehub.queues.max-deliveries}") int maxDeliveries) {
        JmsTemplate template = new JmsTemplate(connectionFactory);
        template.setSessionTransacted(true);
        return new DeadLetters(template, maxDeliveries);
    }
}
