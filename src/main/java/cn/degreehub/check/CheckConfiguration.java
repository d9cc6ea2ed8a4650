package cn.degreehub.check;

import cn.degreehub.common.IdempotentRequests;
import cn.degreehub.delivery.DeliveryConfiguration.Outboxes;
import cn.degreehub.delivery.Outbox;
import cn.degreehub.common.soap.SoapEndpointFactory;
import cn.degreehub.contract.check.DegreeCheckPortType;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.UnitClosures;
import cn.degreehub.verification.ApplicationLifecycle;
import cn.degreehub.verification.Applications;
import cn.degreehub.verification.Deadlines;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.math.BigDecimal;
import java.time.Clock;
import javax.xml.namespace.QName;
import cn.degreehub.common.soap.ContractEdge;
import cn.degreehub.common.soap.Namespaces;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;

@Configuration(proxyBeanMethods = false)
public class CheckConfiguration {

    static final String NS = Namespaces.CHECK_V1;

    /** The SOAP service's CXF endpoint (cxf:bean:checkCxfEndpoint); the bean checkEndpoint is its adapter. */
    @Bean
    CxfEndpoint checkCxfEndpoint(SoapEndpointFactory soap) {
        return soap.endpoint("/check", DegreeCheckPortType.class, "wsdl/DegreeCheckService.wsdl",
                new QName(NS, "DegreeCheckService"), new QName(NS, "DegreeCheckPort"), false);
    }

    /** Contract v2 of the service, beside v1 (docs/partner-interfaces.md, "Contract versions"). */
    @Bean
    CxfEndpoint checkV2CxfEndpoint(SoapEndpointFactory soap) {
        String ns = Namespaces.CHECK_V2;
        return soap.endpoint("/v2/check", cn.degreehub.contract.v2.check.DegreeCheckPortType.class, "wsdl/v2/DegreeCheckService.wsdl",
                new QName(ns, "DegreeCheckService"), new QName(ns, "DegreeCheckPort"), false);
    }

    /** The v2 endpoint's requests as v1, the answers back as v2 (with the national record typed). */
    @Bean
    ContractEdge checkV2() {
        return ContractEdge.v2(cn.degreehub.contract.check.ObjectFactory.class, cn.degreehub.contract.v2.check.ObjectFactory.class,
                CheckDocuments.V2_TO_V1, CheckDocuments::typeRecordsForV2);
    }

    @Bean
    CheckTasks checkTasks(JdbcTemplate jdbc, Clock clock) {
        return new CheckTasks(jdbc, clock);
    }

    @Bean
    DegreeChanges degreeChanges(JdbcTemplate jdbc, DegreeRecords records,
                                org.springframework.transaction.support.TransactionTemplate tx,
                                cn.degreehub.audit.AuditLog audit, Clock clock) {
        return new DegreeChanges(jdbc, records, tx, audit, clock);
    }

    @Bean
    CheckDocuments checkDocuments() {
        return new CheckDocuments();
    }

    @Bean
    Checks checks(CheckTasks tasks, Applications applications, DegreeRecords records, ApplicationLifecycle lifecycle,
                  PartnerRegistry registry, UnitClosures closures, Deadlines deadlines, DegreeChanges changes, CheckDocuments documents,
                  Clock clock, MeterRegistry meters,
                  @Value("${degreehub.checks.fee-per-check-yuan}") BigDecimal fee,
                  @Value("${degreehub.checks.max-delay-working-days}") int maxDelay) {
        return new Checks(tasks, applications, records, lifecycle, registry, closures, deadlines, changes, documents, clock,
                new Checks.Settings(fee, maxDelay), meters);
    }

    /** The routes' bean for DegreeCheckService and the results queue (routes/checks.xml). */
    @Bean
    CheckEndpoint checkEndpoint(Checks checks, CheckTasks tasks, CheckDocuments documents, PartnerRegistry registry,
                                IdempotentRequests idempotent) {
        return new CheckEndpoint(checks, tasks, documents, registry, idempotent);
    }

    @Bean
    CheckDelivery checkDelivery(CheckTasks tasks, CheckDocuments documents, PartnerRegistry registry,
                                ConnectionFactory connectionFactory,
                                @Value("${degreehub.checks.username}") String username,
                                @Value("${degreehub.checks.password}") String password,
                                @Value("${degreehub.checks.timeout-ms}") long timeoutMs, MeterRegistry meters) {
        return new CheckDelivery(tasks, documents, registry, new JmsTemplate(connectionFactory),
                channel -> CheckDelivery.receiver(channel.contract(), channel.endpoint(), username, password,
                        channel.security(), timeoutMs),
                meters);
    }

    /** The outbox relay to the units (routes/checks.xml). */
    @Bean
    Outbox checkOutbox(CheckDelivery delivery, Outboxes outboxes,
                       @Value("${degreehub.checks.timeout-ms}") long timeoutMs,
                       @Value("${degreehub.checks.consumers}") int threads) {
        return outboxes.create("units", "degreehub.check.dispatch", CheckDelivery.TABLE, delivery, timeoutMs, threads);
    }
}
