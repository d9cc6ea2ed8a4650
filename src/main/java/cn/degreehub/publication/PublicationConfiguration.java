package cn.degreehub.publication;

import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.audit.AuditLog;
import cn.degreehub.calendar.WorkingDayCalendar;
import cn.degreehub.delivery.DeliveryConfiguration.Outboxes;
import cn.degreehub.delivery.Outbox;
import cn.degreehub.partner.PartnerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
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
    FeedbackDocuments feedbackDocuments() {
        return new FeedbackDocuments();
    }

    @Bean
    WithheldFeedbackPush withheldFeedbackPush(JdbcTemplate jdbc, DegreeRecords records, PartnerRegistry registry,
                                              FeedbackDocuments documents, AuditLog audit, Clock clock,
                                              @Value("${degreehub.publication.feedback.lead-days}") int leadDays,
                                              @Value("${degreehub.publication.feedback.catch-up-days}") int catchUpDays) {
        return new WithheldFeedbackPush(jdbc, records, registry, documents, audit, clock, leadDays, catchUpDays);
    }

    /** The unit's call as the check requests' (the hub's UsernameToken degreehub.checks.username, the unit's security). */
    @Bean
    FeedbackDelivery feedbackDelivery(WithheldFeedbackPush pushes, FeedbackDocuments documents, PartnerRegistry registry,
                                      ConnectionFactory connectionFactory, MeterRegistry meters,
                                      @Value("${degreehub.checks.username}") String username,
                                      @Value("${degreehub.checks.password}") String password,
                                      @Value("${degreehub.checks.timeout-ms}") long timeoutMs) {
        return new FeedbackDelivery(pushes, documents, registry, new JmsTemplate(connectionFactory),
                channel -> FeedbackDelivery.receiver(channel.feedbackEndpoint(), username, password, channel.security(),
                        timeoutMs), meters);
    }

    /** The outbox relay of feedback pushes to the units (routes/publication.xml). */
    @Bean
    Outbox feedbackOutbox(FeedbackDelivery delivery, Outboxes outboxes,
                          @Value("${degreehub.checks.timeout-ms}") long timeoutMs,
                          @Value("${degreehub.publication.feedback.threads}") int threads) {
        return outboxes.create("unit-feedback", "degreehub.feedback.dispatch", WithheldFeedbackPush.TABLE, delivery,
                timeoutMs, threads);
    }

    @Bean
    PublicationSchedule publicationSchedule(DegreeRecords records, Clock clock) {
        return new PublicationSchedule(records, clock);
    }
}
