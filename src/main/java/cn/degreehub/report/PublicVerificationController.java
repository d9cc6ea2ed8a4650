package cn.degreehub.report;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.RateLimiter;
import cn.degreehub.contract.verification.VerifyReportRequest;
import cn.degreehub.contract.verification.VerifyReportResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The verification address of a report (printed and in its QR code): anyone holding the code sees the
 * report's status and a masked summary, free of charge; look-ups are rate-limited per client address.
 */
@RestController
public class PublicVerificationController {

    private final ReportService reports;
    private final RateLimiter webLookups;

    public PublicVerificationController(ReportService reports, @Qualifier("webLookupRateLimiter") RateLimiter webLookups) {
        this.reports = reports;
        this.webLookups = webLookups;
    }

    @GetMapping(path = "/verify/{code}", produces = "application/json;charset=UTF-8")
    public ResponseEntity<Map<String, Object>> verify(@PathVariable String code, HttpServletRequest http) {
        if (!code.matches("[0-9A-Za-z]{8,32}")) {
            return ResponseEntity.badRequest().body(Map.of("error", "INVALID_REQUEST"));
        }
        VerifyReportRequest request = new VerifyReportRequest();
        request.setVerificationCode(code);
        VerifyReportResponse r;
        try {
            webLookups.acquire(http.getRemoteAddr());
            r = reports.verify(request);
        } catch (DegreeHubException e) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .body(Map.of("error", e.code().value(), "messageZh", e.messageZh(), "messageEn", e.messageEn()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reportStatus", r.getReportStatus().value());
        if (r.getReportNo() != null) {
            body.put("reportNo", r.getReportNo());
            body.put("result", r.getResult().value());
            body.put("issuedAt", r.getIssuedAt().toString());
            body.put("validUntil", r.getValidUntil().toString());
            body.put("holderName", r.getSummary().getHolderName());
            body.put("idNumber", r.getSummary().getIdNumber());
            body.put("unit", r.getSummary().getUnitName() + " (" + r.getSummary().getUnitCode() + ")");
            body.put("level", r.getSummary().getLevel().value());
            body.put("awardDate", r.getSummary().getAwardDate().toString());
            body.put("certificateNumber", r.getSummary().getCertificateNumber());
        }
        return ResponseEntity.ok(body);
    }
}
