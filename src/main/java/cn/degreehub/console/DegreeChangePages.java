package cn.degreehub.console;

import cn.degreehub.check.DegreeChanges;
import cn.degreehub.common.Masking;
import cn.degreehub.partner.Account;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 数据库信息变更 on the console (REVIEWER or ADMIN; docs/domain-rules.md, "Database changes"): the open change records,
 * confirming one (every differing field applied, or the reason it cannot be) or rejecting it with a reason.
 */
@Controller
public class DegreeChangePages {

    private final DegreeChanges changes;
    private final TransactionTemplate tx;

    public DegreeChangePages(DegreeChanges changes, TransactionTemplate tx) {
        this.changes = changes;
        this.tx = tx;
    }

    /** A change record as the console lists it: the holder's name and ID number masked. */
    public record Row(long id, String status, String kind, String taskId, String applicationNo, String unitCode,
                      String certificateNumber, String holderName, String idNumber, String level, String awardDate,
                      String unitAnswer, String note, String linkedBatchId) {
    }

    @GetMapping("/admin/degree-changes")
    public String list(Model model) {
        List<Row> rows = changes.list("open").stream().map(c -> new Row(c.id(), c.status(), c.kind(), c.taskId(),
                c.applicationNo(), c.unitCode(), c.certificateNumber(), Masking.name(c.holderName()),
                Masking.idNumber(c.idNumber()), c.level(), c.awardDate().toString(), c.unitAnswer(), c.note(),
                c.linkedBatchId())).toList();
        model.addAttribute("page", "degree-changes");
        model.addAttribute("changes", rows);
        return "console/degree-changes";
    }

    @PostMapping("/admin/degree-changes/{id}/confirm")
    public String confirm(@PathVariable long id, @AuthenticationPrincipal Account user, RedirectAttributes flash)
            throws Exception {
        Flash.outcome(flash, () -> {
            DegreeChanges.Change c = tx.execute(s -> changes.confirm(id, user.username()));
            return "#" + id + " " + c.certificateNumber() + " → " + c.status();
        });
        return "redirect:/admin/degree-changes";
    }

    @PostMapping("/admin/degree-changes/{id}/reject")
    public String reject(@PathVariable long id, @RequestParam(required = false) String reason,
                         @AuthenticationPrincipal Account user, RedirectAttributes flash) throws Exception {
        Flash.outcome(flash, () -> {
            DegreeChanges.Change c = tx.execute(s -> changes.reject(id, reason, user.username()));
            return "#" + id + " " + c.certificateNumber() + " → " + c.status();
        });
        return "redirect:/admin/degree-changes";
    }
}
