package cn.degreehub.check;

import cn.degreehub.partner.Account;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Database change records (docs/domain-rules.md, "Database changes"; roles REVIEWER, ADMIN): listed by status
 * ({@code ?status=open} lists every one not closed), confirmed (every differing field applied, or refused with the
 * reason) or rejected with a reason.
 */
@RestController
@RequestMapping("/admin/api/degree-changes")
public class DegreeChangeController {

    private final DegreeChanges changes;
    private final TransactionTemplate tx;

    public DegreeChangeController(DegreeChanges changes, TransactionTemplate tx) {
        this.changes = changes;
        this.tx = tx;
    }

    @GetMapping
    public List<DegreeChanges.Change> list(@RequestParam(defaultValue = "PROPOSED") String status) {
        return changes.list(status);
    }

    @GetMapping("/{id}")
    public DegreeChanges.Change one(@PathVariable long id) {
        return changes.find(id).orElseThrow(() -> cn.degreehub.common.DegreeHubException.notFound("数据库变更", "Database change"));
    }

    /** Body {"reason": "..."}. */
    @PostMapping("/{id}/reject")
    public DegreeChanges.Change reject(@PathVariable long id, @org.springframework.web.bind.annotation.RequestBody Map<String, String> body,
                                       @AuthenticationPrincipal Account reviewer) {
        return tx.execute(s -> changes.reject(id, body.get("reason"), reviewer.username()));
    }

    @PostMapping("/{id}/confirm")
    public DegreeChanges.Change confirm(@PathVariable long id, @AuthenticationPrincipal Account reviewer) {
        return tx.execute(s -> changes.confirm(id, reviewer.username()));
    }
}
