package cn.degreehub.check;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.partner.Account;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Database changes proposed by units' CORRECTED answers, confirmed by the center (roles REVIEWER, ADMIN). */
@RestController
@RequestMapping("/admin/api/degree-changes")
public class DegreeChangeController {

    private final DegreeChanges changes;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    public DegreeChangeController(DegreeChanges changes, TransactionTemplate tx, AuditLog audit) {
        this.changes = changes;
        this.tx = tx;
        this.audit = audit;
    }

    @GetMapping
    public List<DegreeChanges.Change> list(@RequestParam(defaultValue = "PROPOSED") String status) {
        return changes.list(status);
    }

    @PostMapping("/{id}/confirm")
    public DegreeChanges.Change confirm(@PathVariable long id, @AuthenticationPrincipal Account reviewer) {
        return tx.execute(s -> {
            DegreeChanges.Change c = changes.confirm(id, reviewer.username());
            audit.record(reviewer.username(), "DEGREE_CHANGE_CONFIRM", c.certificateNumber(), "change " + id + " of task " + c.taskId());
            return c;
        });
    }
}
