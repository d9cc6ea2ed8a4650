package cn.degreehub.deadline;

import cn.degreehub.calendar.CalendarHealth;
import cn.degreehub.calendar.WorkingDayCalendar;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.SqlDialect;
import cn.degreehub.common.UtcTime;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The working-day clock's watch (routes/time-limits.xml): open applications (the center's 8 days) and open
 * check tasks (the unit's 10 days) get a REMINDER when their due date is near and an OVERDUE escalation
 * once it has passed, each recorded once in deadline_alert for the console; overdue counts are metrics.
 */
public class TimeLimitWatch {

    private static final Logger log = LoggerFactory.getLogger(TimeLimitWatch.class);

    private final JdbcTemplate jdbc;
    private final List<TimeLimited> sources;
    private final WorkingDayCalendar calendar;
    private final CalendarHealth calendarHealth;
    private final Clock clock;
    private final int reminderWorkingDays;

    public TimeLimitWatch(JdbcTemplate jdbc, List<TimeLimited> sources, WorkingDayCalendar calendar,
                          CalendarHealth calendarHealth, Clock clock, int reminderWorkingDays, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.sources = List.copyOf(sources);
        this.calendar = calendar;
        this.calendarHealth = calendarHealth;
        this.clock = clock;
        this.reminderWorkingDays = reminderWorkingDays;
        Gauge.builder("degreehub.checks.overdue", this, w -> w.overdue(TimeLimited.CHECK_TASK, w.today()))
                .description("open check tasks past their due date").register(meters);
        Gauge.builder("degreehub.applications.overdue", this, w -> w.overdue(TimeLimited.APPLICATION, w.today()))
                .description("applications past the center's due date, not yet sent to a unit or decided").register(meters);
    }

    /** One open item with a due date: an application awaiting the center, or a check task awaiting a unit. */
    /** {@code provisionalYear}: the due date was counted across that year without its official holiday notice. */
    public record OpenItem(String subject, String ref, String applicationNo, String unitCode, String department,
                           LocalDate dueDate, Integer provisionalYear, boolean overdue, int workingDaysLeft) {
    }

    public record ScanResult(LocalDate today, int reminders, int overdue) {
    }

    public ScanResult scan() {
        return scan(today());
    }

    /** @param today the day to judge by (the hub's China date; a test may pass another) */
    public ScanResult scan(LocalDate today) {
        calendarAlert();
        int reminders = 0;
        int overdue = 0;
        for (OpenItem item : open(today, null)) {
            if (item.overdue()) {
                if (alert("OVERDUE", item)) {
                    overdue++;
                    log.warn("Overdue: {} {} (unit {}) was due {}", item.subject(), item.ref(), item.unitCode(), item.dueDate());
                }
            } else if (item.workingDaysLeft() <= reminderWorkingDays && alert("REMINDER", item)) {
                reminders++;
                log.info("Reminder: {} {} (unit {}) is due {}", item.subject(), item.ref(), item.unitCode(), item.dueDate());
            }
        }
        return new ScanResult(today, reminders, overdue);
    }

    /** Open applications and tasks with their due dates, soonest first; optionally of one unit. */
    public List<OpenItem> open(LocalDate today, String unitCode) {
        List<OpenItem> items = new ArrayList<>();
        for (TimeLimited source : sources) {
            for (TimeLimited.Due d : source.open(unitCode)) {
                items.add(item(source.subject(), d.ref(), d.applicationNo(), d.unitCode(), d.department(), d.dueDate(),
                        d.provisionalYear(), today));
            }
        }
        items.sort(java.util.Comparator.comparing(OpenItem::dueDate).thenComparing(OpenItem::ref));
        return items;
    }

    public record Alert(String kind, String subject, String ref, String unitCode, LocalDate dueDate, java.time.Instant at) {
    }

    public List<Alert> alerts(int max) {
        return jdbc.query("SELECT kind, subject, ref, unit_code, due_date, created_at FROM deadline_alert ORDER BY id DESC"
                + " FETCH FIRST " + max + " ROWS ONLY", (rs, i) -> new Alert(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getDate(5).toLocalDate(), UtcTime.instant(rs.getTimestamp(6).toLocalDateTime())));
    }

    private int overdue(String subject, LocalDate today) {
        return sources.stream().filter(t -> t.subject().equals(subject)).mapToInt(t -> t.overdue(today)).sum();
    }

    private OpenItem item(String subject, String ref, String applicationNo, String unit, String department, LocalDate due,
                          Integer provisionalYear, LocalDate today) {
        boolean overdue = today.isAfter(due);
        int left = overdue ? 0 : calendar.workingDaysBetween(today, due);
        return new OpenItem(subject, ref, applicationNo, unit, department, due, provisionalYear, overdue, left);
    }

    /**
     * The hub's own time limit: fewer official holiday days left than the warning threshold is an alert on the
     * time-limits page, once per last official day (ref: the year whose notice is missing).
     */
    private void calendarAlert() {
        CalendarHealth.State state = calendarHealth.state();
        if (!state.warning()) {
            return;
        }
        LocalDate last = state.lastOfficialDay() == null ? state.today() : state.lastOfficialDay();
        // told once per last official day
        if (record("CALENDAR", "CALENDAR", String.valueOf(state.nextYear()), null, last)) {
            log.warn("Official holiday data ends {} ({} days left): load the {} notice; until then due dates are"
                    + " counted provisionally", last, state.daysLeft(), state.nextYear());
        }
    }

    /** Records the alert once per item, kind and due date (a delay moves the due date: a new reminder is due). */
    private boolean alert(String kind, OpenItem item) {
        return record(kind, item.subject(), item.ref(), item.unitCode(), item.dueDate());
    }

    /**
     * An alert for the time-limits page, recorded once per kind, subject, reference and date; false when it
     * was there already. Other watches (deliveries given up) record theirs here too.
     */
    public boolean record(String kind, String subject, String ref, String unitCode, LocalDate date) {
        return SqlDialect.insertUnlessPresent(jdbc, "INSERT INTO deadline_alert (id, kind, subject, ref, unit_code, due_date,"
                        + " created_at) VALUES (" + SqlDialect.of(jdbc).nextValue("seq_deadline_alert") + ", ?, ?, ?, ?, ?, ?)",
                kind, subject, ref, unitCode, Date.valueOf(date), UtcTime.column(clock.instant()));
    }

    /** The hub's China date. */
    public LocalDate today() {
        return ChinaTime.today(clock);
    }
}
