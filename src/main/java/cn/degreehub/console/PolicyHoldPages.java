package cn.degreehub.console;

import cn.degreehub.filing.PolicyHolds;
import cn.degreehub.partner.Account;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 政策审查 on the console (REVIEWER or ADMIN; docs/domain-rules.md, "Policy holds"): open holds and filers' reports,
 * holding a record, the unit's written explanation with its PDF scan, the decision to publish or to revoke.
 */
@Controller
public class PolicyHoldPages {

    private final PolicyHolds holds;
    private final TransactionTemplate tx;

    public PolicyHoldPages(PolicyHolds holds, TransactionTemplate tx) {
        this.holds = holds;
        this.tx = tx;
    }

    @GetMapping("/admin/policy-holds")
    public String list(Model model) {
        model.addAttribute("page", "policy-holds");
        model.addAttribute("holds", holds.open());
        return "console/policy-holds";
    }

    @PostMapping("/admin/policy-holds")
    public String open(@RequestParam String certificateNumber, @RequestParam(required = false) String reason,
                       @AuthenticationPrincipal Account user, RedirectAttributes flash) throws Exception {
        String number = certificateNumber.trim().toUpperCase(Locale.ROOT);
        Flash.outcome(flash, () -> {
            tx.execute(s -> holds.open(number, reason, user.username()));
            return number + " → 政策审查 / on hold";
        });
        return "redirect:/admin/policy-holds";
    }

    @PostMapping("/admin/policy-holds/{number}/explanation")
    public String explain(@PathVariable String number, @RequestParam(required = false) String explanation,
                          @RequestParam(required = false) MultipartFile scan, @AuthenticationPrincipal Account user,
                          RedirectAttributes flash) throws Exception {
        Flash.outcome(flash, () -> {
            byte[] pdf = scan == null || scan.isEmpty() ? null : scan.getBytes();
            tx.execute(s -> holds.explain(number, explanation, pdf, user.username()));
            return number + " → 书面说明已登记 / explanation recorded";
        });
        return "redirect:/admin/policy-holds";
    }

    @PostMapping("/admin/policy-holds/{number}/decision")
    public String decide(@PathVariable String number, @RequestParam String decision,
                         @RequestParam(required = false) String reason, @AuthenticationPrincipal Account user,
                         RedirectAttributes flash) throws Exception {
        Flash.outcome(flash, () -> {
            PolicyHolds.Decision d = PolicyHolds.Decision.parse(decision);
            tx.execute(s -> holds.decide(number, d, reason, user.username()));
            return number + " → " + d;
        });
        return "redirect:/admin/policy-holds";
    }
}
