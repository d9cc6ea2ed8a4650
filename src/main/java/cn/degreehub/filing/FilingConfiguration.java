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
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class FilingConfiguration {

    static final String NS = "urn:degreehub:filing:v1";

    @Bean
    CxfEndpoint filingCxfEndpoint(SoapEndpointFactory soap) {
        return soap.endpoint("/filing", DegreeFilingPortType.class, "wsdl/DegreeFilingService.wsdl",
                new QName(NS, "DegreeFilingService"), new QName(NS, "DegreeFilingPort"), false);
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
                              @Value("${degreehub.filing.chunk-size}") int chunkSize) {
        return new FilingIntake(repository, validator, registry, tx, clock, audit, chunkSize, meters);
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
    RecordMaintenance recordMaintenance(DegreeRecords records, FilingRecordValidator validator,
                                        WorkingDayCalendar calendar, Clock clock) {
        return new RecordMaintenance(records, validator, calendar, clock);
    }

    /** The SOAP operations (called from the routes of filingCxfEndpoint). */
    @Bean
    FilingEndpoint filingEndpoint(FilingIntake intake, RecordMaintenance maintenance, IdempotentRequests idempotent) {
        return new FilingEndpoint(intake, maintenance, idempotent);
    }
}
