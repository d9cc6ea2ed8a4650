package cn.degreehub.report;

import java.util.function.BiConsumer;
import java.time.Instant;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.degree.Degree;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verification reports: issues them (render → sign → store), finds, extends, closes and revokes them, and says
 * what each is worth today. The portal's report operations reach this class through {@link ReportEndpoint}.
 */
public class ReportService {

    /** Crockford-style alphabet without 0/1/I/O: 16 characters = 80 random bits. */
    private static final char[] CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();

    private final Reports reports;
    private final ReportRenderer renderer;
    private final ReportSigner signer;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ReportSettings settings;
    private final Timer renderTimer;
    private final SecureRandom random = new SecureRandom();

    /** @param renderOnIssue false: the PDFs are rendered at the first getReport instead (see application.yml) */
    public record ReportSettings(int defaultValidityDays, int maxValidityDays, String verifyUrl, String reasonZh,
                                 boolean renderOnIssue) {
    }

    /** A unit's English name by unit code, from the partner registry (registry data: looked up at render time). */
    public interface EnglishUnitNames {
        Optional<String> of(String unitCode);
    }

    private final EnglishUnitNames englishUnitNames;

    public ReportService(Reports reports, ReportRenderer renderer, ReportSigner signer, TransactionTemplate tx, Clock clock, ReportSettings settings,
                         EnglishUnitNames englishUnitNames, MeterRegistry meters) {
        this.reports = reports;
        this.englishUnitNames = englishUnitNames;
        this.renderer = renderer;
        this.signer = signer;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.renderTimer = Timer.builder("degreehub.report.render").description("render + sign of one report language")
                .register(meters);
    }

    /** Data of a new report; the caller's transaction stores it with the application's new status. */
    public record NewReport(String applicationNo, String result, List<String> differingFields, String holderName,
                            String holderNamePinyin, String idType, String idNumber, String unitCode, String unitName,
                            cn.degreehub.degree.DegreeLevel level, Degree.Discipline discipline, LocalDate awardDate,
                            String certificateNumber, List<String> languages) {

        /** A report naming {@code degree}: the national record's when it matched, else the degree as applied. */
        public static NewReport of(String applicationNo, String result, List<String> differingFields, Degree degree,
                                   String unitName, List<String> languages) {
            return new NewReport(applicationNo, result, differingFields, degree.holderName(), degree.holderNamePinyin(),
                    degree.idType(), degree.idNumber(), degree.unitCode(), unitName, degree.level(),
                    degree.discipline(), degree.awardDate(), degree.certificateNumber(), languages);
        }
    }

    /** Renders, signs and stores the report in every language asked for (Chinese always). Returns its number. */
    public Report issue(NewReport n) {
        var now = clock.instant();
        LocalDate today = now.atZone(ChinaTime.ZONE).toLocalDate();
        String reportNo = "R" + today.toString().replace("-", "") + String.format("%07d", reports.nextNumber());
        Report report = new Report(reportNo, newCode(), n.applicationNo(), n.result(), n.differingFields(),
                n.holderName(), n.holderNamePinyin(), n.idType(), n.idNumber(), n.unitCode(), n.unitName(), n.level(),
                n.discipline(), n.awardDate(), n.certificateNumber(), n.languages(), now, today,
                today.plusDays(settings.defaultValidityDays()), "VALID", null);
        reports.insert(report);
        if (settings.renderOnIssue()) {
            for (String language : n.languages()) {
                renderAndStore(report, ReportLanguage.fromValue(language));
            }
        }
        return report;
    }

    /** The report with this number; NOT_FOUND when there is none. */
    public Report byNumber(String reportNo) {
        return reports.byNumber(reportNo).orElseThrow(() -> DegreeHubException.notFound("报告", "Report"));
    }

    /** The report a number or, when none is given, a verification code names. */
    public Optional<Report> find(String reportNo, String verificationCode) {
        return reportNo != null ? reports.byNumber(reportNo) : reports.byCode(verificationCode.toUpperCase());
    }

    /** The stored PDF; a language not rendered at issue is rendered now, once. */
    public byte[] pdf(Report report, ReportLanguage language) {
        return reports.document(report.reportNo(), language.value())
                .orElseGet(() -> tx.execute(s -> reports.document(report.reportNo(), language.value())
                        .orElseGet(() -> renderAndStore(reports.lock(report.reportNo()).orElseThrow(), language))));
    }

    /**
     * In the caller's transaction: the validity of a report still valid or expired runs {@code days} more from
     * its last valid day (from today when expired), at most to the longest validity. Returns the new last day.
     */
    public LocalDate extend(String reportNo, int days) {
        Report r = reports.lock(reportNo).orElseThrow(() -> DegreeHubException.notFound("报告", "Report"));
        ReportState state = state(r);
        if (state == ReportState.CLOSED || state == ReportState.REVOKED) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "报告已关闭或已撤销，不能延期",
                    "A closed or revoked report cannot be extended");
        }
        LocalDate today = ChinaTime.today(clock);
        LocalDate from = r.validUntil().isBefore(today) ? today : r.validUntil();
        LocalDate until = from.plusDays(days);
        LocalDate max = today.plusDays(settings.maxValidityDays());
        if (until.isAfter(max)) {
            throw new DegreeHubException(FaultCode.INVALID_REQUEST,
                    "有效期最长至 " + max, "Validity may not reach beyond " + max, "days");
        }
        reports.extend(r.reportNo(), until);
        return until;
    }

    /** In the caller's transaction: the holder closes a report; it then verifies as CLOSED. */
    public void close(String reportNo) {
        Report r = reports.lock(reportNo).orElseThrow(() -> DegreeHubException.notFound("报告", "Report"));
        if ("REVOKED".equals(r.status())) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "报告已撤销", "The report has been revoked");
        }
        reports.close(r.reportNo());
    }

    /**
     * In the caller's transaction: a report found wrong (objection re-check, spot check) is revoked; it still
     * verifies, as REVOKED, with a pointer to the report that replaces it, if any.
     */
    public void revoke(String reportNo, String reason, String supersededBy) {
        Report r = reports.lock(reportNo).orElseThrow(() -> DegreeHubException.notFound("报告", "Report"));
        if ("REVOKED".equals(r.status())) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "报告已撤销", "The report has been revoked already");
        }
        reports.revoke(reportNo, reason, supersededBy);
    }

    /** The reports about a degree that still count (valid, or expired and so still extendable). */
    public List<String> openReportsOf(String certificateNumber) {
        return reports.openOf(certificateNumber);
    }

    /** Why a revoked report was revoked, when the revocation said; empty for any other report. */
    public Optional<String> revocationReason(Report r) {
        return "REVOKED".equals(r.status()) ? reports.revocationReason(r.reportNo()) : Optional.empty();
    }

    /** For the console: the reports a term names, with their status as verifyReport would give it. */
    public List<Map.Entry<Report, ReportState>> search(String term) {
        return reports.search(term, 50).stream().map(r -> Map.entry(r, state(r))).toList();
    }

    /** What the report is worth today (China time). */
    public ReportState state(Report r) {
        return switch (r.status()) {
            case "REVOKED" -> ReportState.REVOKED;
            case "CLOSED" -> ReportState.CLOSED;
            default -> r.validUntil().isBefore(ChinaTime.today(clock)) ? ReportState.EXPIRED : ReportState.VALID;
        };
    }

    private byte[] renderAndStore(Report report, ReportLanguage language) {
        byte[] signed = renderTimer.record(() -> signer.sign(
                renderer.render(document(report, language)), settings.reasonZh()));
        reports.storeDocument(report.reportNo(), language.value(), signed, sha256(signed));
        return signed;
    }

    public String verifyUrl(Report report) {
        return settings.verifyUrl() + report.verificationCode();
    }

    /** For start-up warm-up and benchmarks: render and sign a sample without storing it. */
    public byte[] renderSample(Report sample, ReportLanguage language) {
        return signer.sign(renderer.render(document(sample, language)), settings.reasonZh());
    }

    private org.w3c.dom.Document document(Report report, ReportLanguage language) {
        String unitNameEn = language == ReportLanguage.EN ? englishUnitNames.of(report.unitCode()).orElse(null) : null;
        return ReportDocument.build(report, language, verifyUrl(report), unitNameEn);
    }

    private String newCode() {
        char[] code = new char[16];
        for (int i = 0; i < code.length; i++) {
            code[i] = CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)];
        }
        return new String(code);
    }

    /** Hex SHA-256 of stored documents and attachments. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid reports issued in [from, to) (a spot check's population). */
    public int countValidIssued(Instant from, Instant to) {
        return reports.countValidIssued(from, to);
    }

    public void eachValidIssued(Instant from, Instant to, BiConsumer<String, String> reportAndApplication) {
        reports.eachValidIssued(from, to, reportAndApplication);
    }
}
