package cn.degreehub.console;

import cn.degreehub.admin.AdminJobs;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.Role;
import cn.degreehub.publication.Publication;
import cn.degreehub.review.SpotChecks;
import java.time.LocalDate;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's long operations: a publication run (ADMIN), spot-check sampling (REVIEWER, ADMIN) and the
 * replay of a whole dead-letter queue (ADMIN) start in the background and open a page that shows their
 * progress and counts until they end; the spot-check run's items are decided on its own page.
 */
@Controller
public class JobPages {

    private final AdminJobs jobs;
    private final ProducerTemplate camel;
    private final SpotChecks spotChecks;
    private final Queues queues;

    public JobPages(AdminJobs jobs, ProducerTemplate camel, SpotChecks spotChecks, Queues queues) {
        this.jobs = jobs;
        this.camel = camel;
        this.spotChecks = spotChecks;
        this.queues = queues;
    }

    @GetMapping("/admin/jobs")
    public String list(@AuthenticationPrincipal Account user, Model model) {
        model.addAttribute("jobs", jobs.recent(isAdmin(user) ? null : user.username(), 50));
        model.addAttribute("page", "jobs");
        return "console/jobs";
    }

    @GetMapping("/admin/jobs/{id}")
    public String job(@PathVariable long id, @AuthenticationPrincipal Account user, Model model) {
        AdminJobs.Job job = jobs.job(id);
        if (!isAdmin(user) && !job.actor().equals(user.username())) {
            throw DegreeHubException.notFound("后台操作", "Job");
        }
        model.addAttribute("job", job);
        if (job.running()) {
            model.addAttribute("refreshSeconds", 1);
        }
        model.addAttribute("page", "jobs");
        return "console/job";
    }

    /** Runs a publication now (ADMIN), through the same route as the schedule. */
    @PostMapping("/admin/filings/publication")
    public String publish(@AuthenticationPrincipal Account admin, RedirectAttributes flash) {
        return started(flash, "/admin/filings", () -> jobs.start("PUBLICATION", null, admin.username(), progress -> {
            Publication.RunResult r = camel.requestBodyAndHeaders("direct:publication-run", null,
                    Map.of("degreehubTriggeredBy", admin.username(), "degreehubProgress", progress),
                    Publication.RunResult.class);
            return new AdminJobs.Outcome("发布运行 " + r.runId() + "：审核 " + r.examined() + " 条，公开 " + r.published()
                    + " 条，暂不公开 " + r.withheld() + " 条 / run " + r.runId() + ": examined " + r.examined() + ", published "
                    + r.published() + ", withheld " + r.withheld() + " " + r.withheldByReason(), "/admin/filings");
        }));
    }

    @PostMapping("/admin/spot-checks")
    public String sample(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                         @RequestParam(required = false) Double sharePercent, @AuthenticationPrincipal Account user,
                         RedirectAttributes flash) {
        Double share = sharePercent == null ? null : sharePercent / 100;
        return started(flash, "/admin/reports", () -> {
            spotChecks.checkRequest(from, to, share);
            return jobs.start("SPOT_CHECK", from + ".." + to, user.username(), progress -> {
            SpotChecks.Run run = spotChecks.sample(from, to, share, user.username(), progress);
            return new AdminJobs.Outcome("抽查批次 " + run.id() + "：从 " + run.population() + " 份有效报告中抽中 " + run.sampled()
                    + " 份 / run " + run.id() + ": " + run.sampled() + " of " + run.population() + " reports drawn",
                    "/admin/spot-checks/" + run.id());
            });
        });
    }

    @GetMapping("/admin/spot-checks/{id}")
    public String spotCheck(@PathVariable long id, Model model) {
        model.addAttribute("run", spotChecks.run(id));
        model.addAttribute("page", "reports");
        return "console/spot-check";
    }

    @PostMapping("/admin/spot-checks/{runId}/items/{id}")
    public String decide(@PathVariable long runId, @PathVariable long id, @RequestParam String verdict,
                         @RequestParam(required = false) String reason, @AuthenticationPrincipal Account user,
                         RedirectAttributes flash) throws Exception {
        Flash.outcome(flash, () -> {
            SpotChecks.Item item = spotChecks.decide(id, verdict, reason, user.username());
            return item.reportNo() + " → " + item.status() + (item.newReportNo() == null ? "" : " " + item.newReportNo());
        });
        return "redirect:/admin/spot-checks/" + runId;
    }

    @PostMapping("/admin/queues/replay-all")
    public String replayAll(@RequestParam String queue, @AuthenticationPrincipal Account admin, RedirectAttributes flash) {
        return started(flash, "/admin/queues?queue=" + java.net.URLEncoder.encode(queue, java.nio.charset.StandardCharsets.UTF_8),
                () -> jobs.start("DLQ_REPLAY", queue, admin.username(),
                        progress -> new AdminJobs.Outcome(queues.replayAll(queue, admin.username(), progress),
                                "/admin/queues?queue=" + queue)));
    }

    /** Opens the new job's page, or goes back with the refusal (one already running, a bad period...). */
    private static String started(RedirectAttributes flash, String back, java.util.function.LongSupplier start) {
        try {
            return "redirect:/admin/jobs/" + start.getAsLong();
        } catch (DegreeHubException e) {
            flash.addFlashAttribute("failed", e.messageZh() + " / " + e.messageEn());
            return "redirect:" + back;
        }
    }

    private static boolean isAdmin(Account user) {
        return user.role() == Role.ADMIN;
    }
}
