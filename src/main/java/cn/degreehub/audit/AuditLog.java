package cn.degreehub.audit;

import cn.degreehub.common.Masking;
import cn.degreehub.common.UtcTime;
import java.time.Clock;
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
        jdbc.update("INSERT INTO audit_log (id, at, actor, action, target, detail) VALUES (seq_audit_log.NEXTVAL, ?, ?, ?, ?, ?)",
                UtcTime.column(clock.instant()), actor, action, target,
                masked == null || masked.length() <= 2000 ? masked : masked.substring(0, 2000));
    }
}
