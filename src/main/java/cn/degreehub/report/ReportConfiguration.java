package cn.degreehub.report;

import cn.degreehub.common.IdempotentRequests;
import cn.degreehub.common.RateLimiter;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.PartnerRegistryProperties;
import cn.degreehub.degree.DegreeLevel;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class ReportConfiguration {

    @Bean
    ReportRenderer reportRenderer(@Value("${degreehub.report.fop-config}") Path fopConfig,
                                  @Value("${degreehub.report.template}") Path template) {
        return new ReportRenderer(fopConfig, template);
    }

    @Bean
    ReportSigner reportSigner(@Value("${degreehub.report.signing.keystore}") Path keystore,
                              @Value("${degreehub.report.signing.password}") String password,
                              @Value("${degreehub.report.signing.alias}") String alias,
                              @Value("${degreehub.report.signing.algorithm}") SigningKeys.Algorithm algorithm,
                              @Value("${degreehub.report.signing.generate-if-missing}") boolean generate,
                              @Value("${degreehub.report.signing.subject}") String subject,
                              @Value("${degreehub.report.signing.signer-name}") String signerName,
                              @Value("${degreehub.report.signing.location}") String location, Clock clock) {
        return new ReportSigner(SigningKeys.load(keystore, password.toCharArray(), alias, algorithm, generate, subject, clock),
                clock, signerName, location);
    }

    @Bean
    Reports reports(JdbcTemplate jdbc, Clock clock) {
        return new Reports(jdbc, clock);
    }

    @Bean
    RateLimiter lookupRateLimiter(Clock clock, @Value("${degreehub.verification.lookups.per-second}") double perSecond,
                                  @Value("${degreehub.verification.lookups.burst}") double burst,
                                  @Value("${degreehub.security.max-rate-limited-keys}") long maxKeys, MeterRegistry meters) {
        RateLimiter limiter = new RateLimiter(clock, perSecond, burst, maxKeys);
        limiter.publish(meters, "lookups");
        return limiter;
    }

    @Bean
    RateLimiter webLookupRateLimiter(Clock clock, @Value("${degreehub.verification.web-lookups.per-second}") double perSecond,
                                     @Value("${degreehub.verification.web-lookups.burst}") double burst,
                                     @Value("${degreehub.security.max-rate-limited-keys}") long maxKeys, MeterRegistry meters) {
        RateLimiter limiter = new RateLimiter(clock, perSecond, burst, maxKeys);
        limiter.publish(meters, "web-lookups");
        return limiter;
    }

    @Bean
    ReportService reportService(Reports reports, ReportRenderer renderer, ReportSigner signer, TransactionTemplate tx,
                                Clock clock, MeterRegistry meters, PartnerRegistry registry,
                                @Value("${degreehub.report.validity-days}") int validityDays,
                                @Value("${degreehub.report.max-validity-days}") int maxValidityDays,
                                @Value("${degreehub.report.verify-url}") String verifyUrl,
                                @Value("${degreehub.report.render-on-issue}") boolean renderOnIssue) {
        return new ReportService(reports, renderer, signer, tx, clock,
                new ReportService.ReportSettings(validityDays, maxValidityDays, verifyUrl, "学位在线验证报告 / degree verification report",
                        renderOnIssue),
                code -> registry.unit(code).map(PartnerRegistryProperties.Unit::nameEn), meters);
    }

    @Bean
    ReportEndpoint reportEndpoint(ReportService reports, IdempotentRequests idempotent,
                                  @Qualifier("lookupRateLimiter") RateLimiter lookupRateLimiter) {
        return new ReportEndpoint(reports, idempotent, lookupRateLimiter);
    }

    /** The first render costs over a second (classes, fonts): pay it at start-up, not in a citizen's request. */
    @Bean
    ApplicationRunner reportWarmUp(ReportService reports, @Value("${degreehub.report.warm-up}") boolean warmUp) {
        return args -> {
            if (!warmUp) {
                return;
            }
            Report sample = new Report("R000000000000", "WARMUP2345678923", "A000000000000", "CONSISTENT", List.of(),
                    "预热样例", "YU RE", "01", "110101199003074514", "10056", "天津大学", DegreeLevel.MASTER,
                    new cn.degreehub.degree.Degree.Discipline("0817", "化学工程与技术", null), LocalDate.of(2020, 6, 30), "1005632020000001", List.of("ZH", "EN"),
                    java.time.Instant.now(), LocalDate.now(), LocalDate.now().plusDays(90), "VALID", null);
            long start = System.nanoTime();
            reports.renderSample(sample, ReportLanguage.ZH);
            reports.renderSample(sample, ReportLanguage.EN);
            org.slf4j.LoggerFactory.getLogger(ReportConfiguration.class)
                    .info("Report rendering warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
        };
    }
}
