package cn.degreehub.audit;

import cn.degreehub.common.Masking;
import cn.degreehub.common.SqlDialect;
import cn.degreehub.common.UtcTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Who did what to which object, kept in the database (part of the caller's transaction when there is one). */
public class AuditLog {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String actor, String action, String target, String detail) {
        String masked = Masking.idNumbersIn(detail);
        jdbc.update("INSERT INTO audit_log (id, at, actor, action, target, detail) VALUES (" + SqlDialect.of(jdbc).nextValue("seq_audit_log") + ", ?, ?, ?, ?, ?)",
                UtcTime.column(clock.instant()), actor, action, target,
                masked == null || masked.length() <= 2000 ? masked : masked.substring(0, 2000));
    }

    public record Entry(long id, Instant at, String actor, String action, String target, String detail) {
    }

    public record Page(int total, List<Entry> entries) {
    }

    /** Newest first; actor and action filter when given. */
    public Page page(String actor, String action, int offset, int size) {
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
        int total = jdbc.queryForObject("SELECT COUNT(*) FROM audit_log" + where, Integer.class, args.toArray());
        args.add(offset);
        args.add(size);
        List<Entry> rows = jdbc.query("SELECT * FROM audit_log" + where + " ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                (rs, i) -> new Entry(rs.getLong("id"), UtcTime.instant(rs.getTimestamp("at").toLocalDateTime()),
                        rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("detail")),
                args.toArray());
        return new Page(total, rows);
    }

    /** The actions recorded so far, for a filter list. */
    public List<String> actions() {
        return jdbc.queryForList("SELECT DISTINCT action FROM audit_log ORDER BY action", String.class);
    }
}
