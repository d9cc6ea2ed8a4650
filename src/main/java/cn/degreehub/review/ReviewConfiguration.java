package cn.degreehub.review;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.check.Checks;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.report.ReportService;
import cn.degreehub.verification.ApplicationLifecycle;
import cn.degreehub.verification.Applications;
import cn.degreehub.verification.Verifications;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class ReviewConfiguration {

    @Bean
    MaterialReview materialReview(Applications applications, ApplicationLifecycle lifecycle,
                                  Verifications verification, Checks checks, DegreeRecords records,
                                  AuditLog audit, TransactionTemplate tx, Clock clock) {
        return new MaterialReview(applications, lifecycle, verification, checks, records, audit, tx, clock);
    }

    @Bean
    SpotChecks spotChecks(JdbcTemplate jdbc, ReportService reports, Verifications verification, AuditLog audit,
                          TransactionTemplate tx, Clock clock, @Value("${degreehub.spot-checks.share}") double share) {
        return new SpotChecks(jdbc, reports, verification, audit, tx, clock, share);
    }
}
