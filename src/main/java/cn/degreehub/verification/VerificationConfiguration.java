package cn.degreehub.verification;

import cn.degreehub.calendar.WorkingDayCalendar;
import cn.degreehub.common.IdempotentRequests;
import cn.degreehub.common.RateLimiter;
import cn.degreehub.common.soap.ContractEdge;
import cn.degreehub.common.soap.MimePartLimitInterceptor;
import cn.degreehub.common.soap.Namespaces;
import cn.degreehub.common.soap.SoapEndpointFactory;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.notification.StatusEvents;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.report.ReportService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.xml.namespace.QName;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import java.util.HashMap;
import java.util.Map;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
public class VerificationConfiguration {

    static final String NS = Namespaces.VERIFICATION_V1;

    @Bean
    CxfEndpoint verificationCxfEndpoint(SoapEndpointFactory soap, AttachmentInspector attachments) {
        return withAttachments(soap.endpoint("/verification", DegreeVerificationPortType.class, "wsdl/DegreeVerificationService.wsdl",
                new QName(NS, "DegreeVerificationService"), new QName(NS, "DegreeVerificationPort"), true), attachments);
    }

    /** Contract v2 of the service, beside v1 (docs/partner-interfaces.md, "Contract versions"). */
    @Bean
    CxfEndpoint verificationV2CxfEndpoint(SoapEndpointFactory soap, AttachmentInspector attachments) {
        String ns = Namespaces.VERIFICATION_V2;
        return withAttachments(soap.endpoint("/v2/verification", cn.degreehub.contract.v2.verification.DegreeVerificationPortType.class,
                "wsdl/v2/DegreeVerificationService.wsdl", new QName(ns, "DegreeVerificationService"),
                new QName(ns, "DegreeVerificationPort"), true), attachments);
    }

    /** The v2 endpoint's requests as v1, the answers back as v2. */
    @Bean
    ContractEdge verificationV2() {
        return ContractEdge.v2(cn.degreehub.contract.verification.ObjectFactory.class,
                cn.degreehub.contract.v2.verification.ObjectFactory.class,
                Map.of(Namespaces.VERIFICATION_V2, Namespaces.VERIFICATION_V1), d -> { });
    }

    private static CxfEndpoint withAttachments(CxfEndpoint endpoint, AttachmentInspector attachments) {
        endpoint.getInInterceptors().add(new MimePartLimitInterceptor(attachments::checkCount));
        // CXF keeps a part over its threshold (100 KiB by default) in a temporary file, which its schema validation
        // releases once it has read it: the service then read an empty scan (any MTOM part over 100 KiB was refused
        // as "empty"). Parts up to the attachment limit stay in memory (an inline base64 request of the same size
        // is held in memory anyway; degreehub.soap.max-in-flight-bytes bounds both across all callers), and a
        // larger part is refused while CXF reads it.
        Map<String, Object> properties = endpoint.getProperties() == null ? new HashMap<>() : new HashMap<>(endpoint.getProperties());
        properties.put("attachment-memory-threshold", String.valueOf(attachments.maxBytes() + 1));
        properties.put("attachment-max-size", String.valueOf(attachments.maxBytes()));
        endpoint.setProperties(properties);
        return endpoint;
    }

    @Bean
    Applications applications(JdbcTemplate jdbc, Clock clock) {
        return new Applications(jdbc, clock);
    }

    @Bean
    AttachmentInspector attachmentInspector(@Value("${degreehub.verification.attachment-max-size}") DataSize max,
                                            @Value("${degreehub.verification.max-attachments}") int maxCount) {
        return new AttachmentInspector(max.toBytes(), maxCount);
    }

    @Bean
    ApplicationLifecycle applicationLifecycle(Applications applications, StatusEvents events, ReportService reports,
                                              PartnerRegistry registry) {
        return new ApplicationLifecycle(applications, events, reports, registry);
    }

    @Bean
    Verifications verifications(Applications applications, DegreeRecords records, ApplicationLifecycle lifecycle,
                                Clock clock, MeterRegistry meters, Deadlines deadlines, Rechecks rechecks) {
        return new Verifications(applications, records, lifecycle, clock, deadlines, rechecks, meters);
    }

    @Bean
    VerificationEndpoint verificationEndpoint(cn.degreehub.binding.Bindings bindings, Verifications verifications,
                                              DegreeQuery query, AttachmentInspector attachments,
                                              IdempotentRequests idempotent, Clock clock) {
        return new VerificationEndpoint(bindings, verifications, query, attachments, idempotent, clock);
    }

    @Bean
    Deadlines deadlines(WorkingDayCalendar calendar,
                        @Value("${degreehub.verification.center-days}") int centerDays,
                        @Value("${degreehub.verification.unit-days}") int unitDays,
                        @Value("${degreehub.verification.urgent-center-days}") int urgentCenterDays,
                        @Value("${degreehub.verification.urgent-unit-days}") int urgentUnitDays) {
        return new Deadlines(calendar, centerDays, unitDays, urgentCenterDays, urgentUnitDays);
    }

    @Bean
    DegreeQuery degreeQuery(DegreeRecords records, PartnerRegistry registry, @Qualifier("lookupRateLimiter") RateLimiter lookupRateLimiter) {
        return new DegreeQuery(records, registry, lookupRateLimiter);
    }
}
