package cn.degreehub.console;

import cn.degreehub.binding.Bindings;
import cn.degreehub.partner.Account;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * 学位绑定 for the service desk (REVIEWER or ADMIN): a holder account's binding attempts and bound degrees, and more
 * attempts granted with a reason (audited as BINDING_GRANT; docs/domain-rules.md, "Binding a degree").
 */
@Controller
public class BindingPages {

    private final Bindings bindings;
    private final TransactionTemplate tx;

    public BindingPages(Bindings bindings, TransactionTemplate tx) {
        this.bindings = bindings;
        this.tx = tx;
    }

    @GetMapping("/admin/bindings")
    public String bindings(@RequestParam(required = false) String account, Model model) {
        model.addAttribute("page", "bindings");
        model.addAttribute("maxAttempts", bindings.maxAttempts());
        if (account != null && !account.isBlank()) {
            model.addAttribute("account", account.trim());
            model.addAttribute("allowance", bindings.allowance(account.trim()));
        }
        return "console/bindings";
    }

    @PostMapping("/admin/bindings/{account}/attempts")
    public String grant(@PathVariable String account, @RequestParam(defaultValue = "0") int attempts,
                        @RequestParam(required = false) String reason, @AuthenticationPrincipal Account user,
                        RedirectAttributes flash) throws Exception {
        Flash.outcome(flash, () -> {
            Bindings.Allowance a = tx.execute(s -> bindings.grant(account, attempts, user.username(), reason));
            return account + ": +" + attempts + " → " + a.attemptsLeft();
        });
        return "redirect:/admin/bindings?account=" + UriUtils.encodeQueryParam(account, java.nio.charset.StandardCharsets.UTF_8);
    }
}
