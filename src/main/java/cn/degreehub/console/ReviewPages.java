package cn.degreehub.console;

import cn.degreehub.common.Paging;
import cn.degreehub.partner.Account;
import cn.degreehub.review.MaterialReview;
import cn.degreehub.review.ReviewController;
import cn.degreehub.verification.Applications;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The review queue of the console (REVIEWER, ADMIN): applications in REVIEW, each with its attachment
 * images beside the fields as applied and the database record; correct, rematch, reject, send to the unit.
 */
@Controller
public class ReviewPages {

    private final MaterialReview review;

    public ReviewPages(MaterialReview review) {
        this.review = review;
    }

    @GetMapping("/admin/review")
    public String list(@RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("found", review.inReview(Paging.of(page, 20, 20)));
        model.addAttribute("page", "review");
        return "console/review-list";
    }

    @GetMapping("/admin/review/{applicationNo}")
    public String detail(@PathVariable String applicationNo, Model model) {
        MaterialReview.Detail d = review.detail(applicationNo);
        model.addAttribute("d", d);
        model.addAttribute("a", d.application());
        model.addAttribute("page", "review");
        return "console/review";
    }

    @GetMapping("/admin/review/{applicationNo}/attachments/{id}")
    public ResponseEntity<byte[]> attachment(@PathVariable String applicationNo, @PathVariable long id) {
        return ReviewController.asResponse(review.attachment(applicationNo, id));
    }

    @PostMapping("/admin/review/{applicationNo}/corrections")
    public String correct(@PathVariable String applicationNo, @RequestParam Map<String, String> form,
                          @AuthenticationPrincipal Account reviewer, RedirectAttributes flash) throws Exception {
        Applications.Stored a = review.detail(applicationNo).application();
        Map<String, String> current = Map.of("holderName", a.holderName(), "idNumber", a.idNumber(),
                "awardDate", a.awardDate().toString(), "certificateNumber", a.certificateNumber());
        Map<String, String> changed = new LinkedHashMap<>();
        current.forEach((field, value) -> {
            String entered = form.get(field);
            if (entered != null && !entered.isBlank() && !entered.trim().equals(value)) {
                changed.put(field, entered.trim());
            }
        });
        return act(applicationNo, flash, () -> {
            review.correct(applicationNo, changed, reviewer.username());
            return changed.keySet().toString();
        });
    }

    @PostMapping("/admin/review/{applicationNo}/rematch")
    public String rematch(@PathVariable String applicationNo, @AuthenticationPrincipal Account reviewer,
                          RedirectAttributes flash) throws Exception {
        // the status as its name (the contract enumeration stays at the edges)
        return act(applicationNo, flash, () -> String.valueOf(review.rematch(applicationNo, reviewer.username())));
    }

    @PostMapping("/admin/review/{applicationNo}/check")
    public String sendToUnit(@PathVariable String applicationNo, @AuthenticationPrincipal Account reviewer,
                             RedirectAttributes flash) throws Exception {
        return act(applicationNo, flash, () -> review.sendToUnit(applicationNo, reviewer.username()).taskId());
    }

    @PostMapping("/admin/review/{applicationNo}/reject")
    public String reject(@PathVariable String applicationNo, @RequestParam String reason,
                         @AuthenticationPrincipal Account reviewer, RedirectAttributes flash) throws Exception {
        return act(applicationNo, flash, () -> {
            review.reject(applicationNo, reason, reviewer.username());
            return "REJECTED";
        });
    }

    private static String act(String applicationNo, RedirectAttributes flash, java.util.concurrent.Callable<String> action)
            throws Exception {
        Flash.outcome(flash, action);
        return "redirect:/admin/review/" + applicationNo;
    }
}
