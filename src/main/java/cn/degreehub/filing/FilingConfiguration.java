package cn.degreehub.filing;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.calendar.WorkingDayCalendar;
import cn.degreehub.common.IdempotentRequests;
import cn.degreehub.common.soap.SoapEndpointFactory;
import cn.degreehub.contract.filing.DegreeFilingPortType;
import cn.degreehub.partner.PartnerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.xml.namespace.QName;
import cn.degreehub.common.soap.ContractEdge;
import cn.degreehub.common.soap.Namespaces;
import java.util.Map;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class FilingConfiguration {

    static final String NS = Namespaces.FILING_V1;

    @Bean
    CxfEndpoint filingCxfEndpoint(SoapEndpointFactory soap) {
        return soap.endpoint("/filing", DegreeFilingPortType.class, "wsdl/DegreeFilingService.wsdl",
                new QName(NS, "DegreeFilingService"), new QName(NS, "DegreeFilingPort"), false);
    }

    /** Contract v2 of the service, beside v1 (docs/partner-interfaces.md, "Contract versions"). */
    @Bean
    CxfEndpoint filingV2CxfEndpoint(SoapEndpointFactory soap) {
        String ns = Namespaces.FILING_V2;
        return soap.endpoint("/v2/filing", cn.degreehub.contract.v2.filing.DegreeFilingPortType.class, "wsdl/v2/DegreeFilingService.wsdl",
                new QName(ns, "DegreeFilingService"), new QName(ns, "DegreeFilingPort"), false);
    }

    /** The v2 endpoint's requests as v1, the answers back as v2. */
    @Bean
    ContractEdge filingV2() {
        return ContractEdge.v2(cn.degreehub.contract.filing.ObjectFactory.class, cn.degreehub.contract.v2.filing.ObjectFactory.class,
                Map.of(Namespaces.FILING_V2, Namespaces.FILING_V1), d -> { });
    }

    @Bean
    FilingRecordValidator filingRecordValidator(PartnerRegistry registry) {
        return new FilingRecordValidator(registry);
    }

    @Bean
    FilingRepository filingRepository(JdbcTemplate jdbc) {
        return new FilingRepository(jdbc);
    }

    @Bean
    FilingIntake filingIntake(FilingRepository repository, FilingRecordValidator validator, PartnerRegistry registry,
                              TransactionTemplate tx, Clock clock, AuditLog audit, MeterRegistry meters,
                              @Value("${degreehub.filing.chunk-size}") int chunkSize,
                              org.springframework.context.ApplicationEventPublisher events) {
        return new FilingIntake(repository, validator, registry, tx, clock, audit, chunkSize, meters, events);
    }

    @Bean
    FilingQueueIntake filingQueueIntake(FilingIntake intake, FilingRepository repository,
                                        cn.degreehub.partner.BrokerSecurity brokerSecurity,
                                        jakarta.jms.ConnectionFactory connectionFactory, Clock clock,
                                        @Value("${degreehub.filing.queue.receipt-grace}") java.time.Duration grace) {
        return new FilingQueueIntake(intake, repository, brokerSecurity, new org.springframework.jms.core.JmsTemplate(connectionFactory),
                clock, grace);
    }

    @Bean
    DegreeRecords degreeRecords(JdbcTemplate jdbc, Clock clock) {
        return new DegreeRecords(jdbc, clock);
    }

    @Bean
    RecordMaintenance recordMaintenance(org.springframework.context.ApplicationEventPublisher events, DegreeRecords records,
                                        FilingRecordValidator validator, WorkingDayCalendar calendar, Clock clock) {
        return new RecordMaintenance(events, records, validator, calendar, clock);
    }

    /** The SOAP operations (called from the routes of filingCxfEndpoint). */
    @Bean
    FilingEndpoint filingEndpoint(FilingIntake intake, RecordMaintenance maintenance, IdempotentRequests idempotent) {
        return new FilingEndpoint(intake, maintenance, idempotent);
    }

    @Bean
    PolicyHolds policyHolds(JdbcTemplate jdbc, DegreeRecords records, cn.degreehub.audit.AuditLog audit,
                            org.springframework.context.ApplicationEventPublisher events, Clock clock) {
        return new PolicyHolds(jdbc, records, audit, events, clock);
    }
}
