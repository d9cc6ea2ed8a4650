package cn.degreehub.admin;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.LoginThrottle;
import cn.degreehub.partner.PartnerRegistry;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An administrator lifts a lock: a console account locked after wrong passwords (or an account refused at
 * some address) may sign in again at once, without waiting for the lock to run out (role ADMIN, audited).
 */
@RestController
public class LoginsController {

    private final LoginThrottle throttle;
    private final PartnerRegistry registry;
    private final AuditLog audit;

    public LoginsController(LoginThrottle throttle, PartnerRegistry registry, AuditLog audit) {
        this.throttle = throttle;
        this.registry = registry;
        this.audit = audit;
    }

    @PostMapping("/admin/api/logins/{username}/unlock")
    public Map<String, Object> unlock(@PathVariable String username, @AuthenticationPrincipal Account admin) {
        registry.account(username).orElseThrow(() -> DegreeHubException.notFound("账号 " + username, "account " + username));
        throttle.unlock(username);
        audit.record(admin.username(), "LOGIN_UNLOCKED", username, "lock and refusals of the account lifted");
        return Map.of("username", username, "unlocked", true);
    }
}
