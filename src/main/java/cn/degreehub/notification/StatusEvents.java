package cn.degreehub.notification;

import cn.degreehub.common.UtcTime;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox of application status changes for the portal: written in the same transaction as the
 * change, so a change is never lost nor announced without having happened. Each change of an application
 * gets the next sequence number of that application: the order the portal receives them in.
 */
public class StatusEvents {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public StatusEvents(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public String changed(String applicationNo, String status, String reportNo, String result) {
        return changed(applicationNo, status, reportNo, result, null);
    }

    /**
     * @param reportStatus the report's status when the change is the report's (REVOKED), else null
     */
    public String changed(String applicationNo, String status, String reportNo, String result, String reportStatus) {
        String eventId = UUID.randomUUID().toString();
        // the application's row is locked by the change being recorded; the unique index guards the rest
        jdbc.update("INSERT INTO portal_notification (event_id, application_no, status, report_no, result, report_status,"
                        + " changed_at, state, seq) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', (SELECT COALESCE(MAX(seq), 0) + 1"
                        + " FROM portal_notification WHERE application_no = ?))",
                eventId, applicationNo, status, reportNo, result, reportStatus, UtcTime.column(clock.instant()), applicationNo);
        return eventId;
    }
}
