package cn.degreehub.review;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.Progress;
import cn.degreehub.common.SqlDialect;
import cn.degreehub.common.UtcTime;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.report.Report;
import cn.degreehub.report.ReportService;
import cn.degreehub.verification.Verifications;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 抽查 (docs/domain-rules.md, "Spot checks (抽查)"): a random share of the valid reports issued in a period is drawn for re-review
 * (reservoir sampling over the period, so a large period is never held in memory); each drawn report is
 * confirmed, revoked, or re-issued from the national record as it stands. verifyReport shows the outcome.
 */
public class SpotChecks {


    private final JdbcTemplate jdbc;
    private final ReportService reports;
    private final Verifications verification;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final double defaultShare;
    private final Random random = new SecureRandom();

    public SpotChecks(JdbcTemplate jdbc, ReportService reports, Verifications verification, AuditLog audit,
                      TransactionTemplate tx, Clock clock, double defaultShare) {
        this.jdbc = jdbc;
        this.reports = reports;
        this.verification = verification;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.defaultShare = defaultShare;
    }

    /** The share drawn when none is given (degreehub.spot-checks.share). */
    public double defaultShare() {
        return defaultShare;
    }

    public record Run(long id, LocalDate from, LocalDate to, BigDecimal share, int population, int sampled,
                      List<Item> items) {
    }

    public record Item(long id, String reportNo, String applicationNo, String status, String reason, String newReportNo,
                       String decidedBy) {
    }

    public Run sample(LocalDate from, LocalDate to, Double share, String actor) {
        return sample(from, to, share, actor, Progress.NONE);
    }

    /** Draws the sample, reporting the reports scanned of the period's population as it goes. */
    public Run sample(LocalDate from, LocalDate to, Double share, String actor, Progress progress) {
        double s = checkRequest(from, to, share);
        Instant start = from.atStartOfDay(ChinaTime.ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant();
        int population = reports.countValidIssued(start, end);
        int size = population == 0 ? 0 : Math.max(1, (int) Math.ceil(population * s));
        progress.total(population);
        progress.step("scan " + from + ".." + to);
        List<String[]> reservoir = new ArrayList<>(size);
        int[] seen = {0};
        reports.eachValidIssued(start, end, (reportNo, applicationNo) -> {
            String[] row = {reportNo, applicationNo};
            int i = seen[0]++;
            progress.counts(i + 1, 0);
            if (i < size) {
                reservoir.add(row);
            } else {
                int j = random.nextInt(i + 1);
                if (j < size) {
                    reservoir.set(j, row);
                }
            }
        });
        progress.step("record " + reservoir.size() + " of " + population);
        return tx.execute(status -> {
            long id = SqlDialect.of(jdbc).next(jdbc, "seq_spot_check_run");
            jdbc.update("INSERT INTO spot_check_run (id, period_from, period_to, share, population, sampled, created_by,"
                            + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, Date.valueOf(from), Date.valueOf(to),
                    BigDecimal.valueOf(s), population, reservoir.size(), actor, UtcTime.column(clock.instant()));
            for (String[] row : reservoir) {
                jdbc.update("INSERT INTO spot_check_item (id, run_id, report_no, application_no, status)"
                        + " VALUES (" + SqlDialect.of(jdbc).nextValue("seq_spot_check_item") + ", ?, ?, ?, 'PENDING')", id, row[0], row[1]);
            }
            audit.record(actor, "SPOT_CHECK_SAMPLE", "run " + id, from + ".." + to + " share " + s + ": " + reservoir.size()
                    + " of " + population);
            return run(id);
        });
    }

    /** Refuses a sample without a period (from ≤ to) or with a share outside (0, 1]; answers the share to draw. */
    public double checkRequest(LocalDate from, LocalDate to, Double share) {
        double s = share == null ? defaultShare : share;
        if (from == null || to == null || to.isBefore(from) || s <= 0 || s > 1) {
            throw DegreeHubException.invalid("period", "须给出期间（起 ≤ 止）和抽查比例（0 < 比例 ≤ 100%）",
                    "Give a period (from ≤ to) and a share (0 < share ≤ 100 %)");
        }
        return s;
    }

    /** The latest runs (without their items), newest first. */
    public List<Run> recent(int limit) {
        return jdbc.query("SELECT * FROM spot_check_run ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY",
                (rs, i) -> head(rs));
    }

    public Run run(long id) {
        Run head = jdbc.query("SELECT * FROM spot_check_run WHERE id = ?", (rs, i) -> head(rs), id).stream().findFirst()
                .orElseThrow(() -> DegreeHubException.notFound("抽查批次", "Spot check run"));
        List<Item> items = jdbc.query("SELECT * FROM spot_check_item WHERE run_id = ? ORDER BY id", (rs, i) -> item(rs), id);
        return new Run(head.id(), head.from(), head.to(), head.share(), head.population(), head.sampled(), items);
    }

    /**
     * CONFIRMED (the report is right), REVOKE (wrong, withdrawn), REISSUE (wrong, replaced from the record) or
     * ASK_UNIT (the unit is asked to check, 细则 第十五条: a check task; its answer issues the report that replaces it).
     */
    public Item decide(long itemId, String verdict, String reason, String actor) {
        if (verdict == null || !List.of("CONFIRMED", "REVOKE", "REISSUE", "ASK_UNIT").contains(verdict)) {
            throw DegreeHubException.invalid("verdict", "结论须为 CONFIRMED、REVOKE、REISSUE 或 ASK_UNIT",
                    "The verdict is CONFIRMED, REVOKE, REISSUE or ASK_UNIT");
        }
        if (!"CONFIRMED".equals(verdict) && (reason == null || reason.isBlank())) {
            throw DegreeHubException.invalid("reason", "撤销、重新出具或请单位核查须说明理由",
                    "Revoking, re-issuing or asking the unit needs a reason");
        }
        return tx.execute(status -> {
            Item item = jdbc.query("SELECT * FROM spot_check_item WHERE id = ? FOR UPDATE", (rs, i) -> item(rs), itemId)
                    .stream().findFirst().orElseThrow(() -> DegreeHubException.notFound("抽查项", "Spot check item"));
            if (!"PENDING".equals(item.status())) {
                throw new DegreeHubException(FaultCode.INVALID_STATE, "该抽查项已处理", "The item was already decided");
            }
            String newStatus;
            String newReport = null;
            switch (verdict) {
                case "REVOKE" -> {
                    verification.revokeReport(item.reportNo(), "抽查撤销：" + reason.trim(), actor);
                    newStatus = "REVOKED";
                }
                case "REISSUE" -> {
                    Report r = verification.reissue(item.applicationNo(), reason.trim(), actor);
                    newReport = r.reportNo();
                    newStatus = "REISSUED";
                }
                case "ASK_UNIT" -> {
                    verification.askUnit(item.applicationNo(), reason.trim(), actor);
                    newStatus = "ASKED_UNIT";
                }
                default -> newStatus = "CONFIRMED";
            }
            jdbc.update("UPDATE spot_check_item SET status = ?, reason = ?, new_report_no = ?, decided_by = ?, decided_at = ?"
                    + " WHERE id = ?", newStatus, reason == null ? null : reason.trim(), newReport, actor,
                    UtcTime.column(clock.instant()), itemId);
            audit.record(actor, "SPOT_CHECK_" + newStatus, item.reportNo(), reason);
            return jdbc.query("SELECT * FROM spot_check_item WHERE id = ?", (rs, i) -> item(rs), itemId).get(0);
        });
    }

    private static Run head(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Run(rs.getLong("id"), rs.getDate("period_from").toLocalDate(), rs.getDate("period_to").toLocalDate(),
                rs.getBigDecimal("share"), rs.getInt("population"), rs.getInt("sampled"), List.of());
    }

    private static Item item(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Item(rs.getLong("id"), rs.getString("report_no"), rs.getString("application_no"), rs.getString("status"),
                rs.getString("reason"), rs.getString("new_report_no"), rs.getString("decided_by"));
    }
}
