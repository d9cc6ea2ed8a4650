package cn.degreehub.binding;

import cn.degreehub.partner.Account;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service desk's binding API (REVIEWER or ADMIN, docs/operations.md "Degree binding"): an account's attempts and
 * bound degrees, and more attempts granted with a reason (audited as BINDING_GRANT).
 */
@RestController
@RequestMapping("/admin/api/bindings")
public class BindingController {

    private final Bindings bindings;
    private final TransactionTemplate tx;

    public BindingController(Bindings bindings, TransactionTemplate tx) {
        this.bindings = bindings;
        this.tx = tx;
    }

    /** A grant: how many attempts more, and why. */
    public record Grant(Integer attempts, String reason) {
    }

    @GetMapping("/{holderAccount}")
    public Map<String, Object> allowance(@PathVariable String holderAccount) {
        return view(bindings.allowance(holderAccount));
    }

    @PostMapping("/{holderAccount}/attempts")
    public Map<String, Object> grant(@PathVariable String holderAccount, @RequestBody Grant grant,
                                     @AuthenticationPrincipal Account user) {
        int attempts = grant.attempts() == null ? 0 : grant.attempts();
        return view(tx.execute(s -> bindings.grant(holderAccount, attempts, user.username(), grant.reason())));
    }

    static Map<String, Object> view(Bindings.Allowance a) {
        return Map.of("holderAccount", a.holderAccount(), "maxAttempts", a.maxAttempts(),
                "failedAttempts", a.failedAttempts(), "grantedAttempts", a.grantedAttempts(),
                "attemptsLeft", a.attemptsLeft(), "bound", a.boundCertificates());
    }
}
