package cn.degreehub.console;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.check.CheckTasks;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.UnitClosures;
import cn.degreehub.report.ReportService;
import cn.degreehub.review.SpotChecks;
import cn.degreehub.verification.Verifications;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Console pages over the hub's records: reports (search, revoke, spot-check runs), partners (with delivery health),
 * the units' closures, audit log.
 */
@Controller
public class RecordsPages {

    private final ReportService reports;
    private final PartnerRegistry registry;
    private final CheckTasks tasks;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final SpotChecks spotChecks;
    private final Verifications verifications;
    private final UnitClosures closures;
    private final Clock clock;

    public RecordsPages(ReportService reports, PartnerRegistry registry, CheckTasks tasks, AuditLog audit,
                        TransactionTemplate tx, SpotChecks spotChecks, Verifications verifications, UnitClosures closures,
                        Clock clock) {
        this.closures = closures;
        this.clock = clock;
        this.spotChecks = spotChecks;
        this.verifications = verifications;
        this.reports = reports;
        this.registry = registry;
        this.tasks = tasks;
        this.audit = audit;
        this.tx = tx;
    }

    @GetMapping("/admin/reports")
    public String reports(@RequestParam(required = false) String q, Model model) {
        if (q != null && !q.isBlank()) {
            model.addAttribute("q", q.trim());
            model.addAttribute("found", reports.search(q));
        }
        model.addAttribute("spotRuns", spotChecks.recent(10));
        model.addAttribute("defaultSharePercent", spotChecks.defaultShare() * 100);
        model.addAttribute("page", "reports");
        return "console/reports";
    }

    @PostMapping("/admin/reports/{reportNo}/revoke")
    public String revoke(@PathVariable String reportNo, @RequestParam String reason, @AuthenticationPrincipal Account user,
                         RedirectAttributes flash) throws Exception {
        Flash.outcome(flash, () -> {
            if (reason == null || reason.isBlank()) {
                throw DegreeHubException.invalid("reason", "撤销须说明理由", "Revoking needs a reason");
            }
            tx.executeWithoutResult(s -> {
                verifications.revokeReport(reportNo, "管理控制台撤销：" + reason.trim(), user.username());
                audit.record(user.username(), "REPORT_REVOKE", reportNo, reason.trim());
            });
            return reportNo + " → REVOKED";
        });
        return "redirect:/admin/reports?q=" + reportNo;
    }

    /** One unit of the registry with the health of its check channel. */
    public record UnitHealth(String code, String name, String province, String channel, String endpoint, int departments,
                             Instant lastDelivered, int retrying, int dead, int open) {
    }

    @GetMapping("/admin/partners")
    public String partners(Model model) {
        Map<String, CheckTasks.UnitDelivery> health = tasks.deliveryByUnit();
        List<UnitHealth> units = new ArrayList<>();
        registry.units().forEach(u -> {
            CheckTasks.UnitDelivery h = health.getOrDefault(u.code(), new CheckTasks.UnitDelivery(null, 0, 0, 0));
            units.add(new UnitHealth(u.code(), u.name(), u.province(), u.channel() == null ? "QUEUE" : u.channel().type(),
                    u.channel() == null ? null : u.channel().endpoint(), u.departments().size(),
                    h.lastDelivered(), h.retrying(), h.dead(), h.open()));
        });
        model.addAttribute("units", units);
        model.addAttribute("provinces", registry.provinces());
        model.addAttribute("page", "partners");
        return "console/partners";
    }

    /** One closure of a unit as the closures page lists it; {@code over} when its last day has passed. */
    public record ClosureRow(String unitCode, String unitName, LocalDate from, LocalDate to, String reason, String source,
                             String announcedBy, Instant announcedAt, boolean over) {
    }

    /** Every unit's closures, registry and announced (docs/domain-rules.md, "Closures"): reviewers see why a date moved. */
    @GetMapping("/admin/closures")
    public String closures(Model model) {
        LocalDate today = ChinaTime.today(clock);
        List<ClosureRow> rows = new ArrayList<>();
        closures.all().forEach((code, list) -> {
            String name = registry.unit(code).map(u -> u.name()).orElse(code);
            list.forEach(c -> rows.add(new ClosureRow(code, name, c.from(), c.to(), c.reason(), c.source().name(),
                    c.announcedBy(), c.announcedAt(), c.to().isBefore(today))));
        });
        model.addAttribute("rows", rows);
        model.addAttribute("page", "closures");
        return "console/closures";
    }

    @GetMapping("/admin/audit")
    public String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                        @RequestParam(defaultValue = "1") int page, Model model) {
        int p = Math.max(1, page);
        AuditLog.Page entries = audit.page(actor, action, (p - 1) * 50, 50);
        model.addAttribute("rows", entries.entries());
        model.addAttribute("total", entries.total());
        model.addAttribute("p", p);
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("actions", audit.actions());
        model.addAttribute("page", "audit");
        return "console/audit";
    }
}
