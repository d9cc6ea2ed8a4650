package cn.degreehub.common.jms;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.core.JmsTemplate;

@Configuration(proxyBeanMethods = false)
public class JmsConfiguration {

    /** Camel's "jms" component on the hub's broker connection; routes choose transacted consumers. */
    @Bean("jms")
    JmsComponent jmsComponent(ConnectionFactory connectionFactory) {
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(connectionFactory);
        return jms;
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
