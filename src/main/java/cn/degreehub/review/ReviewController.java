package cn.degreehub.review;

import cn.degreehub.check.CheckTasks;
import cn.degreehub.common.Masking;
import cn.degreehub.common.Paging;
import cn.degreehub.verification.ApplicationState;
import cn.degreehub.partner.Account;
import cn.degreehub.verification.Applications;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Material review for the center's reviewers (roles REVIEWER, ADMIN): the admin REST API the console uses. */
@RestController
@RequestMapping("/admin/api/reviews")
public class ReviewController {

    private final MaterialReview review;

    public ReviewController(MaterialReview review) {
        this.review = review;
    }

    @GetMapping
    public MaterialReview.Page<Map<String, Object>> list(@RequestParam(defaultValue = "1") int page,
                                                        @RequestParam(defaultValue = "20") int size) {
        MaterialReview.Page<Applications.Stored> found = review.inReview(Paging.of(page, Math.min(200, Math.max(1, size)), 200));
        return new MaterialReview.Page<>(found.total(), found.page(), found.pageSize(),
                found.items().stream().map(ReviewController::summary).toList());
    }

    @GetMapping("/{applicationNo}")
    public Map<String, Object> detail(@PathVariable String applicationNo) {
        MaterialReview.Detail d = review.detail(applicationNo);
        Map<String, Object> body = summary(d.application());
        // a reviewer compares the fields with the scan: the full ID number is shown here, never logged
        body.put("idNumber", d.application().idNumber());
        body.put("attachments", d.attachments());
        body.put("history", d.history());
        body.put("databaseRecord", d.databaseRecord());
        body.put("checkTasks", d.checkTasks().stream().map(ReviewController::task).toList());
        return body;
    }

    @GetMapping("/{applicationNo}/attachments/{id}")
    public ResponseEntity<byte[]> attachment(@PathVariable String applicationNo, @PathVariable long id) {
        return asResponse(review.attachment(applicationNo, id));
    }

    /** The stored bytes with their sniffed type; the browser must not guess another. */
    public static ResponseEntity<byte[]> asResponse(Applications.AttachmentFile file) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.contentType()))
                .header("X-Content-Type-Options", "nosniff").body(file.content());
    }

    @PostMapping("/{applicationNo}/corrections")
    public Map<String, Object> correct(@PathVariable String applicationNo, @RequestBody Map<String, String> fields,
                                       @AuthenticationPrincipal Account reviewer) {
        return summary(review.correct(applicationNo, fields, reviewer.username()));
    }

    @PostMapping("/{applicationNo}/rematch")
    public Map<String, Object> rematch(@PathVariable String applicationNo, @AuthenticationPrincipal Account reviewer) {
        ApplicationState status = review.rematch(applicationNo, reviewer.username());
        return summary(review.detail(applicationNo).application(), Map.of("outcome", status.value()));
    }

    @PostMapping("/{applicationNo}/reject")
    public Map<String, Object> reject(@PathVariable String applicationNo, @RequestBody Map<String, String> body,
                                      @AuthenticationPrincipal Account reviewer) {
        review.reject(applicationNo, body.get("reason"), reviewer.username());
        return summary(review.detail(applicationNo).application());
    }

    @PostMapping("/{applicationNo}/check")
    public Map<String, Object> sendToUnit(@PathVariable String applicationNo, @AuthenticationPrincipal Account reviewer) {
        return task(review.sendToUnit(applicationNo, reviewer.username()));
    }

    private static Map<String, Object> summary(Applications.Stored a) {
        return summary(a, Map.of());
    }

    private static Map<String, Object> summary(Applications.Stored a, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("applicationNo", a.applicationNo());
        m.put("status", a.status().value());
        m.put("holderName", a.holderName());
        m.put("idType", a.idType());
        m.put("idNumber", Masking.idNumber(a.idNumber()));
        m.put("unitCode", a.unitCode());
        m.put("level", a.level());
        m.put("awardDate", a.awardDate().toString());
        m.put("certificateNumber", a.certificateNumber());
        m.put("discipline", a.discipline());
        m.put("urgent", a.urgent());
        m.put("differingFields", a.differingFields());
        m.put("result", a.result());
        m.put("reportNo", a.reportNo());
        m.put("receivedDate", a.receivedDate().toString());
        m.put("centerDueDate", a.centerDue().date().toString());
        m.put("centerDueProvisionalYear", a.centerDue().provisionalYear());
        m.put("unitDueDate", a.unitDue().date().toString());
        m.put("unitDueProvisionalYear", a.unitDue().provisionalYear());
        m.putAll(extra);
        return m;
    }

    static Map<String, Object> task(CheckTasks.Task t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taskId", t.taskId());
        m.put("applicationNo", t.applicationNo());
        m.put("unitCode", t.unitCode());
        m.put("department", t.department());
        m.put("channel", t.channel());
        m.put("status", t.status());
        m.put("delivery", t.delivery());
        m.put("attempts", t.attempts());
        m.put("lastError", t.lastError());
        m.put("dueDate", t.dueDate().toString());
        m.put("dueProvisionalYear", t.dueProvisionalYear());
        m.put("outcome", t.outcome());
        return m;
    }
}
