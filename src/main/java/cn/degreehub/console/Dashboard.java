package cn.degreehub.console;

import cn.degreehub.admin.RouteControl;
import cn.degreehub.check.CheckTasks;
import cn.degreehub.filing.FilingRepository;
import cn.degreehub.verification.Applications;
import cn.degreehub.common.ChinaTime;
import java.time.Clock;
import java.time.Instant;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of the console's dashboard, read when the page is asked for. */
public class Dashboard {

    static final List<String> STATUSES = List.of("RECEIVED", "REVIEW", "CHECKING", "COMPLETED", "REJECTED", "CANCELLED");

    private final Applications applications;
    private final CheckTasks tasks;
    private final FilingRepository filing;
    private final Queues queues;
    private final RouteControl routes;
    private final Clock clock;

    public Dashboard(Applications applications, CheckTasks tasks, FilingRepository filing, Queues queues,
                     RouteControl routes, Clock clock) {
        this.applications = applications;
        this.tasks = tasks;
        this.filing = filing;
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
        Instant dayStart = today.atStartOfDay(ChinaTime.ZONE).toInstant();
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant weekStart = monday.atStartOfDay(ChinaTime.ZONE).toInstant();
        List<UnitChecks> checks = tasks.openByUnit(today).stream()
                .map(u -> new UnitChecks(u.unitCode(), u.dueToday(), u.overdue(), u.open())).toList();
        FilingRepository.Totals filings = filing.totalsSince(dayStart);
        return new Figures(today, byStatus(dayStart), byStatus(weekStart), receivedSince(weekStart),
                answeredAtOnceSince(weekStart), checks, filings.batches(), filings.accepted(),
                filings.rejected(), queues.deadLetterDepths(), routes.failuresInLastHour());
    }

    Map<String, Integer> byStatus(Instant since) {
        Map<String, Integer> counts = applications.countByStatusSince(since);
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String s : STATUSES) {
            m.put(s, counts.getOrDefault(s, 0));
        }
        return m;
    }

    int receivedSince(Instant since) {
        return applications.receivedSince(since);
    }

    int answeredAtOnceSince(Instant since) {
        return applications.answeredAtOnceSince(since);
    }
}
