package cn.degreehub.console;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.UtcTime;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.report.ReportService;
import cn.degreehub.review.SpotChecks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Console pages over the hub's records: reports (search, revoke, spot-check runs), partners (with delivery health), audit log. */
@Controller
public class RecordsPages {

    private final ReportService reports;
    private final PartnerRegistry registry;
    private final JdbcTemplate jdbc;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final SpotChecks spotChecks;

    public RecordsPages(ReportService reports, PartnerRegistry registry, JdbcTemplate jdbc, AuditLog audit,
                        TransactionTemplate tx, SpotChecks spotChecks) {
        this.spotChecks = spotChecks;
        this.reports = reports;
        this.registry = registry;
        this.jdbc = jdbc;
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
                reports.revoke(reportNo, "管理控制台撤销：" + reason.trim(), null);
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
        Map<String, Object[]> health = new HashMap<>();
        jdbc.query("SELECT unit_code, MAX(delivered_at), SUM(CASE WHEN delivery = 'RETRYING' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN delivery = 'DEAD' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'OPEN' THEN 1 ELSE 0 END)"
                + " FROM check_task GROUP BY unit_code", rs -> {
                    health.put(rs.getString(1), new Object[] {rs.getTimestamp(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)});
                });
        List<UnitHealth> units = new ArrayList<>();
        registry.units().forEach(u -> {
            Object[] h = health.getOrDefault(u.code(), new Object[] {null, 0, 0, 0});
            java.sql.Timestamp last = (java.sql.Timestamp) h[0];
            units.add(new UnitHealth(u.code(), u.name(), u.province(), u.channel() == null ? "QUEUE" : u.channel().type(),
                    u.channel() == null ? null : u.channel().endpoint(), u.departments().size(),
                    last == null ? null : UtcTime.instant(last.toLocalDateTime()), (Integer) h[1], (Integer) h[2], (Integer) h[3]));
        });
        model.addAttribute("units", units);
        model.addAttribute("provinces", registry.provinces());
        model.addAttribute("page", "partners");
        return "console/partners";
    }

    public record AuditRow(long id, Instant at, String actor, String action, String target, String detail) {
    }

    @GetMapping("/admin/audit")
    public String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                        @RequestParam(defaultValue = "1") int page, Model model) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (actor != null && !actor.isBlank()) {
            where.append(" AND actor = ?");
            args.add(actor.trim());
        }
        if (action != null && !action.isBlank()) {
            where.append(" AND action = ?");
            args.add(action.trim());
        }
        int p = Math.max(1, page);
        int total = jdbc.queryForObject("SELECT COUNT(*) FROM audit_log" + where, Integer.class, args.toArray());
        args.add((p - 1) * 50);
        List<AuditRow> rows = jdbc.query("SELECT * FROM audit_log" + where + " ORDER BY id DESC OFFSET ? ROWS FETCH NEXT 50 ROWS ONLY",
                (rs, i) -> new AuditRow(rs.getLong("id"), UtcTime.instant(rs.getTimestamp("at").toLocalDateTime()),
                        rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("detail")),
                args.toArray());
        model.addAttribute("rows", rows);
        model.addAttribute("total", total);
        model.addAttribute("p", p);
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("actions", jdbc.queryForList("SELECT DISTINCT action FROM audit_log ORDER BY action", String.class));
        model.addAttribute("page", "audit");
        return "console/audit";
    }
}
