package cn.degreehub.console;

import cn.degreehub.admin.RouteControl;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.UtcTime;
import java.sql.Date;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** The figures of the console's dashboard, read when the page is asked for. */
public class Dashboard {

    static final List<String> STATUSES = List.of("RECEIVED", "REVIEW", "CHECKING", "COMPLETED", "REJECTED", "CANCELLED");

    private final JdbcTemplate jdbc;
    private final Queues queues;
    private final RouteControl routes;
    private final Clock clock;

    public Dashboard(JdbcTemplate jdbc, Queues queues, RouteControl routes, Clock clock) {
        this.jdbc = jdbc;
        this.queues = queues;
        this.routes = routes;
        this.clock = clock;
    }

    public record UnitChecks(String unitCode, int dueToday, int overdue, int open) {
    }

    public record Figures(LocalDate today, Map<String, Integer> applicationsToday, Map<String, Integer> applicationsThisWeek,
                          int receivedThisWeek, int instantThisWeek, List<UnitChecks> checks, int filingsToday,
                          int recordsAcceptedToday, int recordsRejectedToday, Map<String, Integer> deadLetters,
                          int routeFailuresLastHour) {

        /** Share of this week's applications answered at once, in percent (0 when none came). */
        public int instantSharePercent() {
            return receivedThisWeek == 0 ? 0 : Math.round(100f * instantThisWeek / receivedThisWeek);
        }
    }

    public Figures figures() {
        LocalDate today = ChinaTime.today(clock);
        var dayStart = UtcTime.column(today.atStartOfDay(ChinaTime.ZONE).toInstant());
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        var weekStart = UtcTime.column(monday.atStartOfDay(ChinaTime.ZONE).toInstant());
        int received = receivedSince(weekStart);
        int instant = instantSince(weekStart);
        List<UnitChecks> checks = jdbc.query("SELECT unit_code, SUM(CASE WHEN due_date = ? THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN due_date < ? THEN 1 ELSE 0 END), COUNT(*) FROM check_task WHERE status = 'OPEN'"
                + " GROUP BY unit_code ORDER BY unit_code", (rs, i) -> new UnitChecks(rs.getString(1), rs.getInt(2),
                rs.getInt(3), rs.getInt(4)), Date.valueOf(today), Date.valueOf(today));
        Map<String, Object> filings = jdbc.queryForMap("SELECT COUNT(*) AS n, COALESCE(SUM(accepted), 0) AS a,"
                + " COALESCE(SUM(rejected), 0) AS r FROM filing_batch WHERE received_at >= ?", dayStart);
        return new Figures(today, byStatus(dayStart), byStatus(weekStart), received, instant, checks,
                ((Number) filings.get("N")).intValue(), ((Number) filings.get("A")).intValue(),
                ((Number) filings.get("R")).intValue(), queues.deadLetterDepths(), routes.failuresInLastHour());
    }

    int receivedSince(Object since) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM verification_application WHERE received_at >= ?", Integer.class,
                since);
    }

    /** Applications answered at once: completed without ever being in review. */
    int instantSince(Object since) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM verification_application a WHERE a.received_at >= ?"
                + " AND a.status = 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM application_history h"
                + " WHERE h.application_no = a.application_no AND h.status = 'REVIEW')", Integer.class, since);
    }

    Map<String, Integer> byStatus(Object since) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String s : STATUSES) {
            m.put(s, 0);
        }
        jdbc.query("SELECT status, COUNT(*) FROM verification_application WHERE received_at >= ? GROUP BY status",
                rs -> {
                    m.put(rs.getString(1), rs.getInt(2));
                }, since);
        return m;
    }
}
