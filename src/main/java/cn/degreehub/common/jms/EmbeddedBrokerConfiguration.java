package cn.degreehub.common.jms;

import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.SmartInitializingSingleton;
import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded broker of the default profile: reachable from other processes on a loopback TCP port
 * (partner simulators, benchmarks), and with the hub's redelivery and dead-letter settings. An external
 * broker (profiles production, cluster) needs the same address settings in its broker.xml (config/broker/). Security (on,
 * partners by their registry accounts) is set by the partner package.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded")
public class EmbeddedBrokerConfiguration {

    @Bean
    ArtemisConfigurationCustomizer hubBrokerSettings(@Value("${degreehub.broker.tcp-url}") String tcpUrl,
                                                     @Value("${degreehub.queues.names}") List<String> queues,
                                                     @Value("${degreehub.queues.max-deliveries}") int maxDeliveries,
                                                     @Value("${degreehub.queues.redelivery-delay-ms}") long delay) {
        return config -> {
            try {
                config.addAcceptorConfiguration("tcp", tcpUrl);
            } catch (Exception e) {
                throw new IllegalStateException("Bad broker URL " + tcpUrl, e);
            }
            for (String queue : queues) {
                // the routes give up after maxDeliveries and dead-letter with a reason; the broker's own
                // limit is one more, a backstop for a hub that dies mid-delivery
                config.addAddressSetting(queue, new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of("DLQ." + queue))
                        .setMaxDeliveryAttempts(maxDeliveries + 1)
                        .setRedeliveryDelay(delay)
                        .setRedeliveryMultiplier(2.0)
                        .setMaxRedeliveryDelay(delay * 16));
            }
        };
    }

    /**
     * Artemis only logs an acceptor that cannot bind and runs on without it; the hub would then say "Started"
     * with every partner's queue connection refused. It stops at start instead, with one clear message
     * ({@link BrokerPortUnavailable.Analyzer}).
     */
    @Bean
    SmartInitializingSingleton brokerPortCheck(EmbeddedActiveMQ broker, @Value("${degreehub.broker.tcp-url}") String tcpUrl) {
        return () -> {
            var server = broker.getActiveMQServer();
            var remoting = server == null ? null : server.getRemotingService();
            var acceptor = remoting == null ? null : remoting.getAcceptor("tcp");
            // a failed bind makes Artemis stop the whole server ("Failure in initialisation"), not just the acceptor
            if (!server.isActive() || acceptor == null || !acceptor.isStarted()) {
                throw new BrokerPortUnavailable(tcpUrl);
            }
        };
    }
}
