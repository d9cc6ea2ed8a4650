package cn.degreehub.filing;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.PdfScans;
import cn.degreehub.common.SqlDialect;
import cn.degreehub.common.UtcTime;
import cn.degreehub.contract.types.FaultCode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 政策审查 (docs/domain-rules.md, "Policy holds"; 细则 第七条): withholding a record because it is suspected of
 * violating national degree policy is the center's, not the filer's. The center opens a hold (the record goes offline
 * at once), keeps the unit's written explanation (text and a PDF scan), and decides: PUBLISH (the record is released
 * to the next publication run) or REVOKE (the degree is revoked, with its reports). A filer's ZCSC = 1 reports a
 * suspicion: the record is withheld and listed for the center, which alone clears it. Every step is audited. Callers
 * run each method in a transaction.
 */
public class PolicyHolds {

    /** A hold, or a filer's report without one yet (id null, status REPORTED). */
    public record Hold(Long id, String certificateNumber, String holderName, String unitCode, String status, String reason,
                       String openedBy, Instant openedAt, String explanation, boolean hasScan, String decidedBy,
                       Instant decidedAt, String decisionReason) {
    }

    /** A hold's columns without its scan's bytes (only {@link #scan} reads those). */
    private static final String HOLD = "SELECT h.id, h.xwzsbh, h.status, h.reason, h.opened_by, h.opened_at, h.explanation,"
            + " h.decided_by, h.decided_at, h.decision_reason, CASE WHEN h.explanation_pdf IS NULL THEN 0 ELSE 1 END AS has_scan,"
            + " r.xm, r.xwsydwm FROM policy_hold h JOIN degree_record r ON r.xwzsbh = h.xwzsbh";

    public enum Decision {
        PUBLISH, REVOKE;

        /** A decision as a caller names it; anything else is INVALID_REQUEST. */
        public static Decision parse(String value) {
            try {
                return valueOf(value == null ? "" : value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw DegreeHubException.invalid("decision", "决定应为 PUBLISH 或 REVOKE", "The decision is PUBLISH or REVOKE");
            }
        }
    }

    private final JdbcTemplate jdbc;
    private final DegreeRecords records;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public PolicyHolds(JdbcTemplate jdbc, DegreeRecords records, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.records = records;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The center holds a record: it goes offline at once and stays so until the center decides. */
    public Hold open(String certificateNumber, String reason, String actor) {
        require(reason, "reason", "须说明政策审查的理由", "A policy hold needs a reason");
        lockRecord(certificateNumber);
        if (openHold(certificateNumber).isPresent()) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "该记录已在政策审查中", "The record is on hold already");
        }
        long id = insert(certificateNumber, reason.trim(), actor);
        records.hold(certificateNumber, reason.trim());
        records.history(certificateNumber, "POLICY_HOLD", actor, null, "reason: " + reason.trim());
        audit.record(actor, "POLICY_HOLD_OPEN", certificateNumber, reason.trim());
        return byId(id).orElseThrow();
    }

    /** The unit's written explanation, entered by the center: its text and, if given, the scan (a PDF). */
    public Hold explain(String certificateNumber, String text, byte[] scan, String actor) {
        require(text, "explanation", "须填写单位的书面说明", "The unit's written explanation is required");
        if (scan != null && scan.length > 0) {
            PdfScans.check(scan, "scan");
        }
        lockRecord(certificateNumber);
        Hold hold = openHold(certificateNumber).orElseGet(() -> reported(certificateNumber, actor));
        jdbc.update("UPDATE policy_hold SET explanation = ?, explanation_pdf = COALESCE(?, explanation_pdf), explained_by = ?,"
                        + " explained_at = ? WHERE id = ?", text.trim(), scan == null || scan.length == 0 ? null : scan, actor,
                UtcTime.column(clock.instant()), hold.id());
        audit.record(actor, "POLICY_HOLD_EXPLANATION", certificateNumber,
                text.trim() + (scan == null || scan.length == 0 ? "" : " [PDF " + scan.length + " bytes]"));
        return byId(hold.id()).orElseThrow();
    }

    /** The center's decision: PUBLISH releases the record to publication; REVOKE revokes the degree and its reports. */
    public Hold decide(String certificateNumber, Decision decision, String reason, String actor) {
        require(reason, "reason", "须说明决定的理由", "A decision needs a reason");
        lockRecord(certificateNumber);
        Hold hold = openHold(certificateNumber).orElseGet(() -> reported(certificateNumber, actor));
        Instant now = clock.instant();
        if (decision == Decision.PUBLISH) {
            records.release(certificateNumber);
        } else {
            records.revoke(certificateNumber, LocalDate.now(clock), reason.trim(), false);
            events.publishEvent(new DegreeRevoked(certificateNumber, reason.trim(), actor));
        }
        jdbc.update("UPDATE policy_hold SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ?",
                decision == Decision.PUBLISH ? "PUBLISHED" : "REVOKED", actor, UtcTime.column(now), reason.trim(), hold.id());
        records.history(certificateNumber, "POLICY_" + decision.name(), actor, null, "reason: " + reason.trim());
        audit.record(actor, "POLICY_HOLD_" + decision.name(), certificateNumber, reason.trim());
        return byId(hold.id()).orElseThrow();
    }

    /** Open holds and the filers' reports the center has not taken up, oldest first. */
    public List<Hold> open() {
        List<Hold> held = jdbc.query(HOLD + " WHERE h.status = 'OPEN' ORDER BY h.opened_at", (rs, i) -> hold(rs));
        List<Hold> reports = jdbc.query("SELECT xwzsbh, xm, xwsydwm, created_at FROM degree_record r WHERE zcsc = '1'"
                + " AND status <> 'REVOKED' AND NOT EXISTS (SELECT 1 FROM policy_hold h WHERE h.xwzsbh = r.xwzsbh AND h.status = 'OPEN')"
                + " ORDER BY created_at", (rs, i) -> new Hold(null, rs.getString("xwzsbh"), rs.getString("xm"),
                rs.getString("xwsydwm"), "REPORTED", "报送单位标记（ZCSC）/ flagged by the filer", null,
                UtcTime.instant(rs.getObject("created_at", java.time.LocalDateTime.class)), null, false, null, null, null));
        return java.util.stream.Stream.concat(held.stream(), reports.stream()).toList();
    }

    /** A record's holds, newest first. */
    public List<Hold> of(String certificateNumber) {
        return jdbc.query(HOLD + " WHERE h.xwzsbh = ? ORDER BY h.id DESC", (rs, i) -> hold(rs), certificateNumber);
    }

    /** The scan of a record's latest hold, if it has one. */
    public Optional<byte[]> scan(String certificateNumber) {
        return jdbc.query("SELECT explanation_pdf FROM policy_hold WHERE xwzsbh = ? AND explanation_pdf IS NOT NULL"
                + " ORDER BY id DESC", (rs, i) -> rs.getBytes(1), certificateNumber).stream().findFirst();
    }

    /** A filer's ZCSC report taken up: it becomes a hold the center owns. */
    private Hold reported(String certificateNumber, String actor) {
        if (!"1".equals(records.detail(certificateNumber).map(d -> d.fields().get(RecordField.ZCSC)).orElse(null))) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "该记录不在政策审查中", "The record is not on hold");
        }
        long id = insert(certificateNumber, "报送单位标记（ZCSC）/ flagged by the filer", actor);
        return byId(id).orElseThrow();
    }

    private DegreeRecords.Stored lockRecord(String certificateNumber) {
        DegreeRecords.Stored record = records.lock(certificateNumber)
                .orElseThrow(() -> DegreeHubException.notFound("学位记录 " + certificateNumber, "Degree record " + certificateNumber));
        if ("REVOKED".equals(record.status())) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "学位已撤销", "The degree is revoked");
        }
        return record;
    }

    private long insert(String certificateNumber, String reason, String actor) {
        long id = SqlDialect.of(jdbc).next(jdbc, "seq_policy_hold");
        jdbc.update("INSERT INTO policy_hold (id, xwzsbh, status, reason, opened_by, opened_at) VALUES (?, ?, 'OPEN', ?, ?, ?)",
                id, certificateNumber, reason, actor, UtcTime.column(clock.instant()));
        return id;
    }

    private Optional<Hold> openHold(String certificateNumber) {
        return jdbc.query(HOLD + " WHERE h.xwzsbh = ? AND h.status = 'OPEN'", (rs, i) -> hold(rs), certificateNumber).stream().findFirst();
    }

    private Optional<Hold> byId(long id) {
        return jdbc.query(HOLD + " WHERE h.id = ?", (rs, i) -> hold(rs), id).stream().findFirst();
    }

    private static Hold hold(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.time.LocalDateTime decided = rs.getObject("decided_at", java.time.LocalDateTime.class);
        return new Hold(rs.getLong("id"), rs.getString("xwzsbh"), rs.getString("xm"), rs.getString("xwsydwm"),
                rs.getString("status"), rs.getString("reason"), rs.getString("opened_by"),
                UtcTime.instant(rs.getObject("opened_at", java.time.LocalDateTime.class)), rs.getString("explanation"),
                rs.getInt("has_scan") == 1, rs.getString("decided_by"),
                decided == null ? null : UtcTime.instant(decided), rs.getString("decision_reason"));
    }

    private static void require(String value, String field, String zh, String en) {
        if (value == null || value.isBlank()) {
            throw DegreeHubException.invalid(field, zh, en);
        }
    }
}
