package cn.degreehub.check;

import cn.degreehub.deadline.TimeLimited;
import cn.degreehub.calendar.DueDate;
import cn.degreehub.common.Paging;
import cn.degreehub.common.SqlDialect;
import cn.degreehub.common.UtcTime;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stored check tasks, their delivery state and events. */
public class CheckTasks implements TimeLimited {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CheckTasks(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Task(String taskId, String applicationNo, String unitCode, String department, String channel,
                       String status, String delivery, int attempts, String lastError, String document, boolean urgent,
                       LocalDate dueDate, Instant createdAt, String outcome, String corrected, String remarks,
                       String checker, String answeredBy, Instant answeredAt, String delayReason,
                       LocalDate originalDueDate, Integer dueProvisionalYear) {
    }

    /** Who may see what: a lead department its whole unit, a check department its own tasks. */
    public record Scope(String unitCode, String department) {
        static Scope unit(String unitCode) {
            return new Scope(unitCode, null);
        }
    }

    public record Page(int total, List<Task> tasks) {
    }

    public String nextTaskId(LocalDate today) {
        long n = SqlDialect.of(jdbc).next(jdbc, "seq_check_task");
        return "T" + today.toString().replace("-", "") + String.format("%07d", n);
    }

    public void insert(String taskId, String applicationNo, String unitCode, String department, String channel,
                       String document, boolean urgent, DueDate due, String createdBy) {
        jdbc.update("INSERT INTO check_task (task_id, application_no, unit_code, department, channel, status, delivery,"
                        + " document, urgent, due_date, due_provisional, created_at, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, 'OPEN', 'PENDING', ?, ?, ?, ?, ?, ?)",
                taskId, applicationNo, unitCode, department, channel, document, urgent ? "Y" : "N",
                Date.valueOf(due.date()), due.provisionalYear(), UtcTime.column(clock.instant()), createdBy);
        event(taskId, "CREATED", createdBy, "→ " + unitCode + "/" + department + " (" + channel + ")");
    }

    public Optional<Task> find(String taskId) {
        return jdbc.query("SELECT * FROM check_task WHERE task_id = ?", (rs, i) -> map(rs), taskId).stream().findFirst();
    }

    public Optional<Task> lock(String taskId) {
        return jdbc.query("SELECT * FROM check_task WHERE task_id = ? FOR UPDATE", (rs, i) -> map(rs), taskId)
                .stream().findFirst();
    }

    public List<Task> ofApplication(String applicationNo) {
        return jdbc.query("SELECT * FROM check_task WHERE application_no = ? ORDER BY created_at", (rs, i) -> map(rs),
                applicationNo);
    }

    public Page list(Scope scope, String status, Paging paging) {
        StringBuilder where = new StringBuilder(" WHERE unit_code = ?");
        List<Object> args = new ArrayList<>(List.of(scope.unitCode()));
        if (scope.department() != null) {
            where.append(" AND department = ?");
            args.add(scope.department());
        }
        if (status != null) {
            where.append(" AND status = ?");
            args.add(status);
        }
        int total = jdbc.queryForObject("SELECT COUNT(*) FROM check_task" + where, Integer.class, args.toArray());
        args.add(paging.offset());
        args.add(paging.size());
        List<Task> tasks = jdbc.query("SELECT * FROM check_task" + where + " ORDER BY due_date, task_id"
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", (rs, i) -> map(rs), args.toArray());
        return new Page(total, tasks);
    }

    public void reassign(String taskId, String department, String document, String actor, String from) {
        jdbc.update("UPDATE check_task SET department = ?, document = ? WHERE task_id = ?", department, document, taskId);
        event(taskId, "REASSIGNED", actor, from + " → " + department);
    }

    public void answer(String taskId, String outcome, String corrected, String remarks, String checker, String actor) {
        jdbc.update("UPDATE check_task SET status = 'ANSWERED', outcome = ?, corrected = ?, remarks = ?, checker = ?,"
                        + " answered_by = ?, answered_at = ? WHERE task_id = ?",
                outcome, corrected, remarks, checker, actor, UtcTime.column(clock.instant()), taskId);
        event(taskId, "ANSWERED", actor, outcome + (remarks == null ? "" : ": " + remarks));
    }

    /** A unit's announced delay: the new due date, the reason, and the date it replaces. */
    public void delay(String taskId, LocalDate newDue, String reason, String actor) {
        // a date the unit chose: a plain date, never provisional
        jdbc.update("UPDATE check_task SET original_due_date = due_date, due_date = ?, due_provisional = NULL,"
                + " delay_reason = ? WHERE task_id = ?", Date.valueOf(newDue), reason, taskId);
        event(taskId, "DELAYED", actor, "→ " + newDue + ": " + reason);
    }

    /** A unit's open tasks, locked: their due dates are counted again (a closure announced). */
    public List<Task> lockOpenOfUnit(String unitCode) {
        return jdbc.query("SELECT * FROM check_task WHERE unit_code = ? AND status = 'OPEN' ORDER BY task_id FOR UPDATE",
                (rs, i) -> map(rs), unitCode);
    }

    /** Open tasks whose due date was counted provisionally across {@code year}. */
    public List<Task> openWithProvisionalDue(int year) {
        return jdbc.query("SELECT * FROM check_task WHERE status = 'OPEN' AND due_provisional = ? ORDER BY task_id",
                (rs, i) -> map(rs), year);
    }

    /** The due date counted again (a new official calendar year, a closure), in the row and in the stored request. */
    public void moveDue(String taskId, DueDate due, String document, String actor, String note) {
        jdbc.update("UPDATE check_task SET due_date = ?, due_provisional = ?, document = ? WHERE task_id = ?",
                Date.valueOf(due.date()), due.provisionalYear(), document, taskId);
        event(taskId, "DUE_RECOUNTED", actor, note);
    }

    public void event(String taskId, String event, String actor, String note) {
        jdbc.update("INSERT INTO check_task_event (id, task_id, at, event, actor, note)"
                        + " VALUES (" + SqlDialect.of(jdbc).nextValue("seq_check_event") + ", ?, ?, ?, ?, ?)", taskId, UtcTime.column(clock.instant()), event,
                actor, note == null || note.length() <= 400 ? note : note.substring(0, 400));
    }

    /** Answered checks of a unit in [from, to), per department: for the labour fee statement. */
    public List<Object[]> answeredPerDepartment(String unitCode, Instant from, Instant to) {
        return jdbc.query("SELECT department, COUNT(*) FROM check_task WHERE unit_code = ? AND status = 'ANSWERED'"
                        + " AND answered_at >= ? AND answered_at < ? GROUP BY department ORDER BY department",
                (rs, i) -> new Object[] {rs.getString(1), rs.getInt(2)}, unitCode, UtcTime.column(from), UtcTime.column(to));
    }

    private static Task map(ResultSet rs) throws SQLException {
        return new Task(rs.getString("task_id"), rs.getString("application_no"), rs.getString("unit_code"),
                rs.getString("department"), rs.getString("channel"), rs.getString("status"), rs.getString("delivery"),
                rs.getInt("attempts"), rs.getString("last_error"), rs.getString("document"),
                "Y".equals(rs.getString("urgent")), rs.getDate("due_date").toLocalDate(),
                UtcTime.instant(rs.getTimestamp("created_at").toLocalDateTime()), rs.getString("outcome"),
                rs.getString("corrected"), rs.getString("remarks"), rs.getString("checker"), rs.getString("answered_by"),
                rs.getTimestamp("answered_at") == null ? null : UtcTime.instant(rs.getTimestamp("answered_at").toLocalDateTime()),
                rs.getString("delay_reason"),
                rs.getDate("original_due_date") == null ? null : rs.getDate("original_due_date").toLocalDate(),
                rs.getObject("due_provisional", Integer.class));
    }

    /** The check channel of a unit as its tasks show it. */
    public record UnitDelivery(Instant lastDelivered, int retrying, int dead, int open) {
    }

    public Map<String, UnitDelivery> deliveryByUnit() {
        Map<String, UnitDelivery> health = new HashMap<>();
        jdbc.query("SELECT unit_code, MAX(delivered_at), SUM(CASE WHEN delivery = 'RETRYING' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN delivery = 'DEAD' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'OPEN' THEN 1 ELSE 0 END)"
                + " FROM check_task GROUP BY unit_code", rs -> {
                    java.sql.Timestamp last = rs.getTimestamp(2);
                    health.put(rs.getString(1), new UnitDelivery(last == null ? null : UtcTime.instant(last.toLocalDateTime()),
                            rs.getInt(3), rs.getInt(4), rs.getInt(5)));
                });
        return health;
    }

    /** Open tasks per unit: due on {@code today}, overdue, all open. */
    public record UnitOpen(String unitCode, int dueToday, int overdue, int open) {
    }

    public List<UnitOpen> openByUnit(LocalDate today) {
        return jdbc.query("SELECT unit_code, SUM(CASE WHEN due_date = ? THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN due_date < ? THEN 1 ELSE 0 END), COUNT(*) FROM check_task WHERE status = 'OPEN'"
                + " GROUP BY unit_code ORDER BY unit_code", (rs, i) -> new UnitOpen(rs.getString(1), rs.getInt(2),
                rs.getInt(3), rs.getInt(4)), Date.valueOf(today), Date.valueOf(today));
    }

    /** Open tasks awaiting a unit, with the unit's due date. */
    @Override
    public String subject() {
        return CHECK_TASK;
    }

    @Override
    public List<Due> open(String unitCode) {
        String unitFilter = unitCode == null ? "" : " AND unit_code = ?";
        Object[] args = unitCode == null ? new Object[0] : new Object[] {unitCode};
        return jdbc.query("SELECT task_id, application_no, unit_code, department, due_date, due_provisional FROM check_task"
                + " WHERE status = 'OPEN'" + unitFilter, (rs, i) -> new Due(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getDate(5).toLocalDate(), rs.getObject(6, Integer.class)), args);
    }

    @Override
    public int overdue(LocalDate today) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM check_task WHERE status = 'OPEN' AND due_date < ?", Integer.class,
                Date.valueOf(today));
    }
}
