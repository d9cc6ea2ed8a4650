package cn.degreehub.review;

import cn.degreehub.partner.Account;
import java.time.LocalDate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Spot checks of issued reports (roles REVIEWER, ADMIN). */
@RestController
@RequestMapping("/admin/api/spot-checks")
public class SpotCheckController {

    private final SpotChecks spotChecks;

    public SpotCheckController(SpotChecks spotChecks) {
        this.spotChecks = spotChecks;
    }

    public record SampleRequest(LocalDate from, LocalDate to, Double share) {
    }

    public record Decision(String verdict, String reason) {
    }

    @PostMapping
    public SpotChecks.Run sample(@RequestBody SampleRequest request, @AuthenticationPrincipal Account reviewer) {
        return spotChecks.sample(request.from(), request.to(), request.share(), reviewer.username());
    }

    @GetMapping("/{id}")
    public SpotChecks.Run run(@PathVariable long id) {
        return spotChecks.run(id);
    }

    @PostMapping("/items/{id}/decision")
    public SpotChecks.Item decide(@PathVariable long id, @RequestBody Decision decision,
                                  @AuthenticationPrincipal Account reviewer) {
        return spotChecks.decide(id, decision.verdict(), decision.reason(), reviewer.username());
    }
}
