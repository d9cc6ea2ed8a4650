package cn.degreehub.check;

import cn.degreehub.common.IdempotentRequests;
import cn.degreehub.common.soap.SoapClients;
import cn.degreehub.delivery.DeliveryConfiguration.Outboxes;
import cn.degreehub.delivery.Outbox;
import cn.degreehub.common.soap.SoapEndpointFactory;
import cn.degreehub.contract.check.DegreeCheckPortType;
import cn.degreehub.contract.check.UnitCheckReceiverPortType;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.notification.StatusEvents;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.report.ReportService;
import cn.degreehub.verification.Applications;
import cn.degreehub.verification.Deadlines;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.function.Supplier;
import javax.xml.namespace.QName;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
public class CheckConfiguration {

    static final String NS = "urn:degreehub:check:v1";

    @Bean
    CxfEndpoint checkEndpoint(SoapEndpointFactory soap) {
        return soap.endpoint("/check", DegreeCheckPortType.class, "wsdl/DegreeCheckService.wsdl",
                new QName(NS, "DegreeCheckService"), new QName(NS, "DegreeCheckPort"), false);
    }

    @Bean
    CheckTasks checkTasks(JdbcTemplate jdbc, Clock clock) {
        return new CheckTasks(jdbc, clock);
    }

    @Bean
    DegreeChanges degreeChanges(JdbcTemplate jdbc, DegreeRecords records, Clock clock) {
        return new DegreeChanges(jdbc, records, clock);
    }

    @Bean
    CheckService checkService(CheckTasks tasks, Applications applications, DegreeRecords records, ReportService reports,
                              StatusEvents events, PartnerRegistry registry, Deadlines deadlines,
                              IdempotentRequests idempotent, DegreeChanges changes, Clock clock,
                              MeterRegistry meters, @Value("${degreehub.checks.fee-per-check-yuan}") BigDecimal fee,
                              @Value("${degreehub.checks.max-delay-working-days}") int maxDelay) {
        return new CheckService(tasks, applications, records, reports, events, registry, deadlines, idempotent, changes,
                clock, new CheckService.Settings(fee, maxDelay), meters);
    }

    @Bean
    CheckDelivery checkDelivery(CheckTasks tasks, CheckService checks, PartnerRegistry registry,
                                ConnectionFactory connectionFactory,
                                @Value("${degreehub.checks.username}") String username,
                                @Value("${degreehub.checks.password}") String password,
                                @Value("${degreehub.checks.timeout-ms}") long timeoutMs, MeterRegistry meters) {
        return new CheckDelivery(tasks, checks, registry, new JmsTemplate(connectionFactory),
                endpoint -> SoapClients.withUsernameToken(UnitCheckReceiverPortType.class, endpoint, username, password, "PasswordDigest", timeoutMs),
                meters);
    }

    /** The outbox relay to the units (routes/checks.xml). */
    @Bean
    Outbox checkOutbox(CheckDelivery delivery, Outboxes outboxes,
                       @Value("${degreehub.checks.timeout-ms}") long timeoutMs,
                       @Value("${degreehub.checks.consumers}") int threads) {
        return outboxes.create("units", "degreehub.check.dispatch", CheckDelivery.TABLE, delivery, timeoutMs, threads);
    }

    // ---- demo: simulated units ----

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
                            // the demo unit's lead account with its demo password
                            proxy = SoapClients.withUsernameToken(DegreeCheckPortType.class, "http://127.0.0.1:" + port + "/services/check",
                                    account, account + "-pass", "PasswordText", 10_000);
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
}
