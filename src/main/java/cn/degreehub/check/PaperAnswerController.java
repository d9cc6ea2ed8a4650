package cn.degreehub.check;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.PdfScans;
import cn.degreehub.common.UtcTime;
import cn.degreehub.degree.DegreeLevel;
import cn.degreehub.partner.Account;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * 书面答复 (细则 第十四条; docs/domain-rules.md, "Check tasks"): a unit that cannot log in answers a check on paper;
 * a reviewer enters the answer with the scan of the signed form (a PDF, at most 5 MB). The answer is taken as a unit's
 * answer (report, or back to review for OTHER), recorded as entered by the reviewer on paper, and audited.
 */
@RestController
@RequestMapping("/admin/api/check-tasks")
public class PaperAnswerController {

    private final Checks checks;
    private final CheckTasks tasks;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final cn.degreehub.audit.AuditLog audit;
    private final Clock clock;

    public PaperAnswerController(Checks checks, CheckTasks tasks, JdbcTemplate jdbc, TransactionTemplate tx,
                                 cn.degreehub.audit.AuditLog audit, Clock clock) {
        this.checks = checks;
        this.tasks = tasks;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    @PostMapping(path = "/{taskId}/paper-answer", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public Map<String, Object> paperAnswer(@PathVariable String taskId, @RequestParam String outcome,
                                           @RequestParam(required = false) String remarks,
                                           @RequestParam(required = false) String checker,
                                           @RequestParam(required = false) String holderName,
                                           @RequestParam(required = false) String idType,
                                           @RequestParam(required = false) String idNumber,
                                           @RequestParam(required = false) String level,
                                           @RequestParam(required = false) LocalDate awardDate,
                                           @RequestParam(required = false) String certificateNumber,
                                           @RequestParam(required = false) MultipartFile scan,
                                           @AuthenticationPrincipal Account reviewer) throws IOException {
        byte[] pdf = scan == null ? new byte[0] : scan.getBytes();
        if (pdf.length == 0) {
            throw DegreeHubException.invalid("scan", "须上传单位书面答复的扫描件（PDF）", "The scan of the unit's signed answer (a PDF) is required");
        }
        PdfScans.check(pdf, "scan");
        CheckAnswer.Outcome chosen;
        try {
            chosen = CheckAnswer.Outcome.valueOf(outcome.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DegreeHubException.invalid("outcome", "结论应为 CONFIRMED、CORRECTED、NO_RECORD 或 OTHER",
                    "The outcome is CONFIRMED, CORRECTED, NO_RECORD or OTHER");
        }
        Corrections corrections = holderName == null && idType == null && idNumber == null && level == null
                && awardDate == null && certificateNumber == null ? null
                : new Corrections(holderName, idType, idNumber, level == null ? null : DegreeLevel.valueOf(level.trim().toUpperCase(Locale.ROOT)),
                awardDate, certificateNumber);
        String actor = "paper:" + reviewer.username();
        CheckAnswer.Answered answered = tx.execute(s -> {
            CheckTasks.Task t = tasks.lock(taskId).orElseThrow(() -> DegreeHubException.notFound("核查任务", "Check task"));
            CheckAnswer.Answered a = checks.answer(t, new CheckAnswer(chosen, corrections,
                    remarks == null ? "书面答复 / answered on paper" : remarks, checker), actor);
            jdbc.update("INSERT INTO check_paper_answer (task_id, scan, entered_by, entered_at) VALUES (?, ?, ?, ?)",
                    taskId, pdf, reviewer.username(), UtcTime.column(clock.instant()));
            audit.record(reviewer.username(), "CHECK_PAPER_ANSWER", taskId, chosen.value()
                    + (remarks == null ? "" : ": " + remarks) + " [PDF " + pdf.length + " bytes]");
            return a;
        });
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("taskId", answered.taskId());
        body.put("applicationNo", answered.applicationNo());
        body.put("reportNo", answered.reportNo());
        body.put("result", answered.result());
        body.put("answeredBy", actor);
        return body;
    }

    @GetMapping("/{taskId}/paper-answer/scan")
    public ResponseEntity<byte[]> scan(@PathVariable String taskId) {
        byte[] pdf = jdbc.query("SELECT scan FROM check_paper_answer WHERE task_id = ?", (rs, i) -> rs.getBytes(1), taskId)
                .stream().findFirst().orElseThrow(() -> DegreeHubException.notFound("书面答复扫描件", "Paper answer scan"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(pdf);
    }
}
