package cn.degreehub.report;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.RateLimiter;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.Masking;
import java.time.OffsetDateTime;
import java.util.Optional;
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
        Optional<Report> found;
        try {
            webLookups.acquire(http.getRemoteAddr());
            found = reports.find(null, code);
        } catch (DegreeHubException e) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .body(Map.of("error", e.code().value(), "messageZh", e.messageZh(), "messageEn", e.messageEn()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reportStatus", found.map(r -> reports.state(r).value()).orElse("NOT_FOUND"));
        found.ifPresent(r -> {
            // the same masked summary as verifyReport over SOAP
            body.put("reportNo", r.reportNo());
            body.put("result", r.result());
            body.put("issuedAt", OffsetDateTime.ofInstant(r.issuedAt(), ChinaTime.ZONE).toString());
            body.put("validUntil", r.validUntil().toString());
            body.put("holderName", Masking.name(r.holderName()));
            body.put("idNumber", Masking.idNumber(r.idNumber()));
            body.put("unit", r.unitName() + " (" + r.unitCode() + ")");
            body.put("level", r.level().name());
            body.put("awardDate", r.awardDate().toString());
            body.put("certificateNumber", r.certificateNumber());
        });
        return ResponseEntity.ok(body);
    }
}
