package cn.degreehub.filing;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.partner.Account;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * 政策审查 in the admin API (REVIEWER or ADMIN; docs/domain-rules.md, "Policy holds"): open holds and filers' reports,
 * a record's holds, opening one, the unit's written explanation (text and a PDF scan, multipart), the decision.
 */
@RestController
@RequestMapping("/admin/api/policy-holds")
public class PolicyHoldController {

    private final PolicyHolds holds;
    private final TransactionTemplate tx;

    public PolicyHoldController(PolicyHolds holds, TransactionTemplate tx) {
        this.holds = holds;
        this.tx = tx;
    }

    public record Open(String reason) {
    }

    public record Decide(String decision, String reason) {
    }

    @GetMapping
    public List<Map<String, Object>> open() {
        return holds.open().stream().map(PolicyHoldController::view).toList();
    }

    @GetMapping("/{certificateNumber}")
    public List<Map<String, Object>> of(@PathVariable String certificateNumber) {
        return holds.of(number(certificateNumber)).stream().map(PolicyHoldController::view).toList();
    }

    @PostMapping("/{certificateNumber}")
    public Map<String, Object> hold(@PathVariable String certificateNumber, @RequestBody Open open,
                                    @AuthenticationPrincipal Account user) {
        return view(tx.execute(s -> holds.open(number(certificateNumber), open.reason(), user.username())));
    }

    @PostMapping(path = "/{certificateNumber}/explanation", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public Map<String, Object> explain(@PathVariable String certificateNumber, @RequestParam(required = false) String explanation,
                                       @RequestParam(required = false) MultipartFile scan,
                                       @AuthenticationPrincipal Account user) throws IOException {
        byte[] pdf = scan == null || scan.isEmpty() ? null : scan.getBytes();
        return view(tx.execute(s -> holds.explain(number(certificateNumber), explanation, pdf, user.username())));
    }

    @PostMapping("/{certificateNumber}/decision")
    public Map<String, Object> decide(@PathVariable String certificateNumber, @RequestBody Decide decide,
                                      @AuthenticationPrincipal Account user) {
        PolicyHolds.Decision decision = PolicyHolds.Decision.parse(decide.decision());
        return view(tx.execute(s -> holds.decide(number(certificateNumber), decision, decide.reason(), user.username())));
    }

    @GetMapping("/{certificateNumber}/scan")
    public ResponseEntity<byte[]> scan(@PathVariable String certificateNumber) {
        byte[] pdf = holds.scan(number(certificateNumber))
                .orElseThrow(() -> DegreeHubException.notFound("书面说明扫描件", "Explanation scan"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(pdf);
    }

    private static String number(String certificateNumber) {
        return certificateNumber.trim().toUpperCase(Locale.ROOT);
    }

    static Map<String, Object> view(PolicyHolds.Hold h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("certificateNumber", h.certificateNumber());
        m.put("holderName", h.holderName());
        m.put("unitCode", h.unitCode());
        m.put("status", h.status());
        m.put("reason", h.reason());
        m.put("openedBy", h.openedBy());
        m.put("openedAt", h.openedAt() == null ? null : ChinaTime.timestamp(h.openedAt()));
        m.put("explanation", h.explanation());
        m.put("hasScan", h.hasScan());
        m.put("decidedBy", h.decidedBy());
        m.put("decidedAt", h.decidedAt() == null ? null : ChinaTime.timestamp(h.decidedAt()));
        m.put("decisionReason", h.decisionReason());
        return m;
    }
}
