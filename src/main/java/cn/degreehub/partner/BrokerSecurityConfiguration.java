package cn.degreehub.partner;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Broker security of the embedded broker: on, with the registry's accounts ({@link BrokerSecurity}). An
 * external broker gets the same rules from its own configuration.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerSecurityConfiguration {

    @Bean
    BrokerSecurity brokerSecurity(PartnerRegistry registry, Credentials credentials, LoginThrottle throttle) {
        return new BrokerSecurity(registry, credentials, throttle);
    }

    @Bean
    @ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded")
    ArtemisConfigurationCustomizer brokerSecuritySettings(BrokerSecurity security, PartnerRegistry registry) {
        return config -> {
            config.setSecurityEnabled(true);
            // Artemis caches a login by user name and password: an anonymous TCP client would match the hub's
            // in-VM login (no name, no password) and pass as the hub. Every connection is checked instead
            // (partners connect rarely; their password check is cached by the registry's credentials).
            config.setAuthenticationCacheSize(0);
            // the consumers check the stamped sender against the content: a province files only for itself
            config.setPopulateValidatedUser(true);
            security.securitySettings().forEach(config::putSecurityRoles);
            // partners read queues they may not create: they exist from the start
            registry.provinces().forEach(p -> anycastQueue(config, BrokerSecurity.receiptQueue(p.code())));
            registry.units().stream()
                    .filter(u -> u.channel() != null && "QUEUE".equals(u.channel().type()))
                    .forEach(u -> {
                        anycastQueue(config, BrokerSecurity.checkQueue(u.code()));
                        anycastQueue(config, BrokerSecurity.feedbackQueue(u.code()));
                    });
        };
    }

    /** Spring Boot builds the embedded broker without a hook for the security manager: set before it starts. */
    @Bean
    @ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded")
    static BeanPostProcessor brokerSecurityManager(ObjectProvider<BrokerSecurity> security) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof EmbeddedActiveMQ broker) {
                    broker.setSecurityManager(security.getObject());
                }
                return bean;
            }
        };
    }

    private static void anycastQueue(org.apache.activemq.artemis.core.config.Configuration config, String name) {
        config.addAddressConfiguration(new CoreAddressConfiguration().setName(name).addRoutingType(RoutingType.ANYCAST)
                .addQueueConfiguration(QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST).setDurable(true)));
    }
}
