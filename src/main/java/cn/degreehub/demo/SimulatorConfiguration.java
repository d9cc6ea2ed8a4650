package cn.degreehub.demo;

import cn.degreehub.common.soap.SoapClients;
import cn.degreehub.contract.check.DegreeCheckPortType;
import jakarta.jms.ConnectionFactory;
import java.util.function.Supplier;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

/**
 * The demo's partners, inside the hub but talking to it as outside systems would (SOAP over HTTP, the broker
 * over TCP with their registry accounts): the national portal's notification service and two units, one on
 * the queue and one on SOAP. Off unless degreehub.demo.* says so.
 */
@Configuration(proxyBeanMethods = false)
public class SimulatorConfiguration {

    /** The portal's notification service, simulated inside the hub at /services/portal-simulator. */
    @Bean
    @ConditionalOnProperty(name = "degreehub.demo.portal-simulator", havingValue = "true")
    PortalSimulator portalSimulator() {
        return new PortalSimulator();
    }

    @Bean
    @ConditionalOnProperty(name = "degreehub.demo.portal-simulator", havingValue = "true")
    EndpointImpl portalSimulatorEndpoint(Bus bus, PortalSimulator simulator) {
        EndpointImpl endpoint = new EndpointImpl(bus, simulator);
        endpoint.publish("/portal-simulator");
        return endpoint;
    }

    @Bean
    EndpointImpl portalSimulatorV2Endpoint(Bus bus, PortalSimulator simulator) {
        EndpointImpl endpoint = new EndpointImpl(bus, simulator.new V2());
        endpoint.publish("/v2/portal-simulator");
        return endpoint;
    }

    @Bean
    @ConditionalOnProperty(name = "degreehub.demo.unit-simulator.enabled", havingValue = "true")
    UnitSimulator unitSimulator(@Value("${degreehub.broker.tcp-url}") String brokerUrl,
                                @Value("${degreehub.demo.unit-simulator.soap-unit}") String soapUnit,
                                @Value("${server.port}") int port,
                                @Value("${degreehub.demo.unit-simulator.queue-unit}") String queueUnit,
                                @Value("${degreehub.demo.unit-simulator.answer-delay-ms}") long delayMs) {
        String account = "unit-" + queueUnit;
        Supplier<DegreeCheckPortType> service = new Supplier<>() {
            private volatile DegreeCheckPortType proxy;

            @Override
            public DegreeCheckPortType get() {
                if (proxy == null) {
                    synchronized (this) {
                        if (proxy == null) {
                            // the demo unit's lead account with its demo password, a token as node-soap sends
                            // it by default (PasswordText beside a wsu:Timestamp)
                            proxy = SoapClients.withUsernameToken(DegreeCheckPortType.class, "http://127.0.0.1:" + port + "/services/check",
                                    account, account + "-pass", new SoapClients.CallSecurity(SoapClients.PasswordType.TEXT,
                                            true, java.time.Duration.ofMinutes(10)), 10_000);
                        }
                    }
                }
                return proxy;
            }
        };
        // the SOAP unit answers on the queue as an outside unit would: over TCP with its broker account
        return new UnitSimulator(service, new JmsTemplate(unitBrokerConnection(brokerUrl, soapUnit)), delayMs);
    }

    /** A simulated unit's own broker connection: its registry account with the demo password. */
    private static ConnectionFactory unitBrokerConnection(String brokerUrl, String unitCode) {
        return new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(brokerUrl, "unit-" + unitCode,
                "unit-" + unitCode + "-pass");
    }

    /** The queue unit reads its queue like an outside system would: a plain JMS listener, not a hub route. */
    @Bean
    @ConditionalOnProperty(name = "degreehub.demo.unit-simulator.enabled", havingValue = "true")
    DefaultMessageListenerContainer unitSimulatorListener(@Value("${degreehub.broker.tcp-url}") String brokerUrl,
                                                          UnitSimulator simulator,
                                                          @Value("${degreehub.demo.unit-simulator.queue-unit}") String queueUnit) {
        DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
        container.setConnectionFactory(unitBrokerConnection(brokerUrl, queueUnit));
        container.setDestinationName("degreehub.check." + queueUnit);
        container.setSessionTransacted(true);
        container.setMessageListener((jakarta.jms.MessageListener) message -> {
            try {
                simulator.receivedOnQueue(((jakarta.jms.TextMessage) message).getText());
            } catch (Exception e) {
                throw new IllegalStateException("Unit simulator cannot read a check request", e);
            }
        });
        return container;
    }

    @Bean
    @ConditionalOnProperty(name = "degreehub.demo.unit-simulator.enabled", havingValue = "true")
    EndpointImpl unitSimulatorEndpoint(Bus bus, UnitSimulator simulator,
                                       @Value("${degreehub.demo.unit-simulator.soap-unit}") String soapUnit) {
        EndpointImpl endpoint = new EndpointImpl(bus, simulator);
        endpoint.publish("/unit-simulator/" + soapUnit);
        return endpoint;
    }

    /** Both simulated units' withheld-feedback receivers (docs/partner-interfaces.md, "Withheld feedback"). */
    @Bean
    @ConditionalOnProperty(name = "degreehub.demo.unit-simulator.enabled", havingValue = "true")
    UnitFeedbackSimulator unitFeedbackSimulator() {
        return new UnitFeedbackSimulator();
    }

    @Bean
    @ConditionalOnProperty(name = "degreehub.demo.unit-simulator.enabled", havingValue = "true")
    EndpointImpl unitFeedbackSimulatorEndpoint(Bus bus, UnitFeedbackSimulator simulator,
                                               @Value("${degreehub.demo.unit-simulator.soap-unit}") String soapUnit) {
        EndpointImpl endpoint = new EndpointImpl(bus, simulator);
        endpoint.publish("/unit-simulator/" + soapUnit + "/feedback");
        return endpoint;
    }

    /** The queue unit reads its feedback queue as an outside system would: its broker account, a plain JMS listener. */
    @Bean
    @ConditionalOnProperty(name = "degreehub.demo.unit-simulator.enabled", havingValue = "true")
    DefaultMessageListenerContainer unitFeedbackSimulatorListener(@Value("${degreehub.broker.tcp-url}") String brokerUrl,
                                                                  UnitFeedbackSimulator simulator,
                                                                  @Value("${degreehub.demo.unit-simulator.queue-unit}") String queueUnit) {
        DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
        container.setConnectionFactory(unitBrokerConnection(brokerUrl, queueUnit));
        container.setDestinationName("degreehub.feedback." + queueUnit);
        container.setSessionTransacted(true);
        container.setMessageListener((jakarta.jms.MessageListener) message -> {
            try {
                simulator.receivedOnQueue(((jakarta.jms.TextMessage) message).getText());
            } catch (Exception e) {
                throw new IllegalStateException("Unit simulator cannot read a withheld feedback", e);
            }
        });
        return container;
    }

    @Bean
    @ConditionalOnProperty(name = "degreehub.demo.unit-simulator.enabled", havingValue = "true")
    UnitSimulatorV2 unitSimulatorV2(@Value("${degreehub.demo.unit-simulator.soap-unit-v2}") String unit,
                                    @Value("${server.port}") int port,
                                    @Value("${degreehub.demo.unit-simulator.answer-delay-ms}") long delayMs) {
        String account = "unit-" + unit;
        return new UnitSimulatorV2(() -> SoapClients.withUsernameToken(cn.degreehub.contract.v2.check.DegreeCheckPortType.class,
                "http://127.0.0.1:" + port + "/services/v2/check", account, account + "-pass",
                SoapClients.CallSecurity.DEFAULT, 10_000), delayMs);
    }

    @Bean
    @ConditionalOnProperty(name = "degreehub.demo.unit-simulator.enabled", havingValue = "true")
    EndpointImpl unitSimulatorV2Endpoint(Bus bus, UnitSimulatorV2 simulator,
                                         @Value("${degreehub.demo.unit-simulator.soap-unit-v2}") String unit) {
        EndpointImpl endpoint = new EndpointImpl(bus, simulator);
        endpoint.publish("/v2/unit-simulator/" + unit);
        return endpoint;
    }
}
