package cn.degreehub.review;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.check.CheckService;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.verification.Applications;
import cn.degreehub.verification.VerificationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class ReviewConfiguration {

    @Bean
    MaterialReview materialReview(Applications applications, VerificationService verification, CheckService checks,
                                  DegreeRecords records, AuditLog audit, TransactionTemplate tx) {
        return new MaterialReview(applications, verification, checks, records, audit, tx);
    }
}
