package cn.degreehub.publication;

import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.audit.AuditLog;
import cn.degreehub.calendar.WorkingDayCalendar;
import cn.degreehub.partner.PartnerRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class PublicationConfiguration {

    @Bean
    Publication publication(JdbcTemplate jdbc, DegreeRecords records, TransactionTemplate tx, Clock clock, AuditLog audit,
                            @Value("${degreehub.publication.required-fields}") List<String> requiredFields) {
        return new Publication(jdbc, records, tx, clock, audit, requiredFields);
    }

    @Bean
    WithheldFeedback withheldFeedback(DegreeRecords records, PartnerRegistry registry) {
        return new WithheldFeedback(records, registry);
    }

    @Bean
    WithheldFeedbackEndpoint withheldFeedbackEndpoint(WithheldFeedback feedback) {
        return new WithheldFeedbackEndpoint(feedback);
    }

    @Bean
    CorrectionCycle correctionCycle(JdbcTemplate jdbc, DegreeRecords records, WorkingDayCalendar calendar,
                                    TransactionTemplate tx, AuditLog audit, Clock clock) {
        return new CorrectionCycle(jdbc, records, calendar, tx, audit, clock);
    }

    @Bean
    PublicationSchedule publicationSchedule(DegreeRecords records, Clock clock) {
        return new PublicationSchedule(records, clock);
    }
}
