package cn.degreehub.report;

import cn.degreehub.common.BytesDataSource;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.IdempotentRequests;
import cn.degreehub.common.Masking;
import cn.degreehub.common.RateLimiter;
import cn.degreehub.contract.verification.CloseReportRequest;
import cn.degreehub.contract.verification.CloseReportResponse;
import cn.degreehub.contract.verification.DegreeField;
import cn.degreehub.contract.verification.DegreeSummary;
import cn.degreehub.contract.verification.ExtendReportRequest;
import cn.degreehub.contract.verification.ExtendReportResponse;
import cn.degreehub.contract.verification.GetReportRequest;
import cn.degreehub.contract.verification.GetReportResponse;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.ReportResult;
import cn.degreehub.contract.verification.ReportStatus;
import cn.degreehub.contract.verification.VerifyReportRequest;
import cn.degreehub.contract.verification.VerifyReportResponse;
import cn.degreehub.partner.Account;
import jakarta.activation.DataHandler;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The portal's report operations of DegreeVerificationService (getReport, verifyReport, extendReport,
 * closeReport): the contract mapped to {@link ReportService} and back. Repeated requests are answered from
 * {@link IdempotentRequests}; look-ups are rate-limited per account.
 */
public class ReportEndpoint {

    private final ReportService reports;
    private final IdempotentRequests idempotent;
    private final RateLimiter lookups;

    public ReportEndpoint(ReportService reports, IdempotentRequests idempotent, RateLimiter lookups) {
        this.reports = reports;
        this.idempotent = idempotent;
        this.lookups = lookups;
    }

    /** The stored PDF; a language not rendered at issue is rendered now, once. */
    public GetReportResponse getReport(Account account, GetReportRequest request) {
        Language language = request.getLanguage() == null ? Language.ZH : request.getLanguage();
        Report report = reports.byNumber(request.getReportNo());
        byte[] pdf = reports.pdf(report, ReportLanguage.fromValue(language.value()));
        GetReportResponse response = new GetReportResponse();
        response.setReportNo(report.reportNo());
        response.setLanguage(language);
        response.setVerificationCode(report.verificationCode());
        response.setResult(ReportResult.fromValue(report.result()));
        response.setReportStatus(status(reports.state(report)));
        response.setIssuedAt(OffsetDateTime.ofInstant(report.issuedAt(), ChinaTime.ZONE));
        response.setValidUntil(report.validUntil());
        response.setPdf(new DataHandler(new BytesDataSource(pdf, "application/pdf", report.reportNo() + ".pdf")));
        return response;
    }

    /**
     * Anyone holding a report number or code may check it. The answer shows a masked summary only, and only while
     * the report is valid; the caller's look-ups are rate-limited.
     */
    public VerifyReportResponse verifyReport(Account account, VerifyReportRequest request) {
        lookups.acquire(account.username());
        Optional<Report> found = reports.find(request.getReportNo(), request.getVerificationCode());
        VerifyReportResponse response = new VerifyReportResponse();
        if (found.isEmpty()) {
            response.setReportStatus(ReportStatus.NOT_FOUND);
            return response;
        }
        Report r = found.get();
        ReportState state = reports.state(r);
        response.setReportStatus(status(state));
        response.setReportNo(r.reportNo());
        response.setSupersededBy(r.supersededBy());
        if (state != ReportState.VALID) {
            // a closed, expired or revoked report answers its status only: what it said no longer counts
            // (docs/domain-rules.md, "Reports"), as on /verify/{code}
            return response;
        }
        response.setResult(ReportResult.fromValue(r.result()));
        r.differingFields().forEach(f -> response.getDifferingField().add(DegreeField.fromValue(f)));
        response.setIssuedAt(OffsetDateTime.ofInstant(r.issuedAt(), ChinaTime.ZONE));
        response.setValidUntil(r.validUntil());
        response.setSummary(summary(r));
        return response;
    }

    public ExtendReportResponse extendReport(Account account, ExtendReportRequest request) {
        return idempotent.once(account.username(), "extendReport", request.getRequestId(), ExtendReportResponse.class,
                () -> {
                    LocalDate until = reports.extend(request.getReportNo(), request.getDays());
                    ExtendReportResponse response = new ExtendReportResponse();
                    response.setReportNo(request.getReportNo());
                    response.setReportStatus(ReportStatus.VALID);
                    response.setValidUntil(until);
                    return response;
                });
    }

    public CloseReportResponse closeReport(Account account, CloseReportRequest request) {
        return idempotent.once(account.username(), "closeReport", request.getRequestId(), CloseReportResponse.class,
                () -> {
                    reports.close(request.getReportNo());
                    CloseReportResponse response = new CloseReportResponse();
                    response.setReportNo(request.getReportNo());
                    response.setReportStatus(ReportStatus.CLOSED);
                    return response;
                });
    }

    private static ReportStatus status(ReportState state) {
        return ReportStatus.fromValue(state.value());
    }

    private static DegreeSummary summary(Report r) {
        DegreeSummary s = new DegreeSummary();
        s.setHolderName(Masking.name(r.holderName()));
        s.setIdNumber(Masking.idNumber(r.idNumber()));
        s.setUnitCode(r.unitCode());
        s.setUnitName(r.unitName());
        s.setLevel(cn.degreehub.contract.types.DegreeLevel.fromValue(r.level().name()));
        s.setDiscipline(r.discipline().display());
        s.setDisciplineCode(r.discipline().code());
        s.setDisciplineName(r.discipline().name());
        s.setAwardDate(r.awardDate());
        s.setCertificateNumber(r.certificateNumber());
        return s;
    }
}
