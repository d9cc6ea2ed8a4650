package cn.degreehub.verification;

import cn.degreehub.deadline.TimeLimited;
import java.util.Map;
import java.util.HashMap;
import cn.degreehub.calendar.DueDate;
import cn.degreehub.common.Paging;
import cn.degreehub.common.SqlDialect;
import cn.degreehub.common.UtcTime;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeLevel;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stored verification applications, their status history and attachments. */
public class Applications implements TimeLimited {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Applications(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record Stored(String applicationNo, String submittedBy, String holderName, String idType, String idNumber,
                         String unitCode, String level, LocalDate awardDate, String certificateNumber,
                         String discipline, List<String> languages, boolean urgent, ApplicationState status,
                         String result, List<String> differingFields, String reportNo, LocalDate receivedDate,
                         DueDate centerDue, DueDate unitDue) {

        /** The degree as (now) on the application. */
        public Degree degree() {
            return new Degree(holderName, null, idType, idNumber, unitCode, null, DegreeLevel.valueOf(level), null,
                    awardDate, certificateNumber, new Degree.Discipline(null, discipline, null), null);
        }
    }

    public record HistoryRow(Instant at, ApplicationState status, String noteZh, String noteEn) {
    }

    public long nextNumber() {
        return SqlDialect.of(jdbc).next(jdbc, "seq_application");
    }

    public void insert(String applicationNo, String account, NewApplication r, LocalDate receivedDate, DueDate centerDue,
                       DueDate unitDue) {
        Degree d = r.degree();
        Instant now = clock.instant();
        jdbc.update("INSERT INTO verification_application (application_no, request_id, submitted_by, applicant_name,"
                        + " applicant_id_type, applicant_id_no, applicant_phone, applicant_email, holder_name, id_type,"
                        + " id_number, unit_code, degree_level, award_date, certificate_number, discipline, honorary,"
                        + " languages, urgent, status, received_at, received_date, center_due_date, unit_due_date,"
                        + " center_due_provisional, unit_due_provisional, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?, ?, ?, ?, ?, ?)",
                applicationNo, r.requestId(), account, r.applicant().name(), r.applicant().idType(),
                r.applicant().idNumber(), r.applicant().phone(), r.applicant().email(),
                d.holderName(), d.idType(), d.idNumber(), d.unitCode(), d.level().name(), Date.valueOf(d.awardDate()),
                d.certificateNumber(), d.discipline().name(), r.honorary() ? "Y" : "N", String.join(",", r.languages()),
                r.urgent() ? "Y" : "N", UtcTime.column(now), Date.valueOf(receivedDate),
                Date.valueOf(centerDue.date()), Date.valueOf(unitDue.date()), centerDue.provisionalYear(),
                unitDue.provisionalYear(), UtcTime.column(now));
    }

    public void addAttachment(String applicationNo, AttachmentInspector.Inspected a, String sha256) {
        jdbc.update("INSERT INTO application_attachment (id, application_no, kind, file_name, declared_type, content_type,"
                        + " size_bytes, sha256, content) VALUES (" + SqlDialect.of(jdbc).nextValue("seq_application_attachment") + ", ?, ?, ?, ?, ?, ?, ?, ?)",
                applicationNo, a.upload().kind(), a.upload().fileName(), a.upload().declaredType(), a.contentType(),
                a.content().length, sha256, a.content());
    }

    public void changeStatus(String applicationNo, ApplicationState status, String result, List<String> differing,
                             String reportNo, String actor, String noteZh, String noteEn) {
        Instant now = clock.instant();
        String fields = differing == null || differing.isEmpty() ? null : String.join(",", differing);
        // a completed verification carries exactly the differences its report names (none when consistent);
        // other changes keep what the last match found
        jdbc.update("UPDATE verification_application SET status = ?, result = COALESCE(?, result),"
                        + " differing_fields = " + (status == ApplicationState.COMPLETED ? "?" : "COALESCE(?, differing_fields)")
                        + ", report_no = COALESCE(?, report_no), updated_at = ? WHERE application_no = ?",
                status.value(), result, fields, reportNo, UtcTime.column(now), applicationNo);
        history(applicationNo, status, actor, noteZh, noteEn);
    }

    public void history(String applicationNo, ApplicationState status, String actor, String noteZh, String noteEn) {
        jdbc.update("INSERT INTO application_history (id, application_no, at, status, actor, note_zh, note_en)"
                        + " VALUES (" + SqlDialect.of(jdbc).nextValue("seq_application_history") + ", ?, ?, ?, ?, ?, ?)",
                applicationNo, UtcTime.column(clock.instant()), status.value(), actor, cut(noteZh), cut(noteEn));
    }

    public Optional<Stored> find(String applicationNo) {
        return jdbc.query("SELECT * FROM verification_application WHERE application_no = ?", (rs, i) -> map(rs),
                applicationNo).stream().findFirst();
    }

    public Optional<Stored> lock(String applicationNo) {
        return jdbc.query("SELECT * FROM verification_application WHERE application_no = ? FOR UPDATE",
                (rs, i) -> map(rs), applicationNo).stream().findFirst();
    }

    public List<HistoryRow> history(String applicationNo) {
        return jdbc.query("SELECT at, status, note_zh, note_en FROM application_history WHERE application_no = ? ORDER BY id",
                (rs, i) -> new HistoryRow(UtcTime.instant(rs.getTimestamp(1).toLocalDateTime()),
                        ApplicationState.fromValue(rs.getString(2)), rs.getString(3), rs.getString(4)), applicationNo);
    }

    /** Applications in one status, oldest first: the reviewers' work list. */
    public List<Stored> inStatus(ApplicationState status, Paging paging) {
        return jdbc.query("SELECT * FROM verification_application WHERE status = ? ORDER BY received_at, application_no"
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", (rs, i) -> map(rs), status.value(), paging.offset(), paging.size());
    }

    public int countInStatus(ApplicationState status) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM verification_application WHERE status = ?", Integer.class,
                status.value());
    }

    /** A reviewer's correction of one mis-typed field (the caller keeps it in the history). */
    public void correct(String applicationNo, String column, Object value) {
        jdbc.update("UPDATE verification_application SET " + column + " = ?, updated_at = ? WHERE application_no = ?",
                value, UtcTime.column(clock.instant()), applicationNo);
    }

    /** A date the unit chose (an announced delay): a plain date, never provisional. */
    public void unitDueDate(String applicationNo, LocalDate due) {
        jdbc.update("UPDATE verification_application SET unit_due_date = ?, unit_due_provisional = NULL, updated_at = ?"
                + " WHERE application_no = ?", Date.valueOf(due), UtcTime.column(clock.instant()), applicationNo);
    }

    /** Open applications with a due date counted provisionally across {@code year}. */
    public List<Stored> openWithProvisionalDueDates(int year) {
        return jdbc.query("SELECT * FROM verification_application WHERE status IN ('RECEIVED', 'REVIEW', 'CHECKING')"
                        + " AND (center_due_provisional = ? OR unit_due_provisional = ?) ORDER BY application_no",
                (rs, i) -> map(rs), year, year);
    }

    public void dueDates(String applicationNo, DueDate centerDue, DueDate unitDue) {
        jdbc.update("UPDATE verification_application SET center_due_date = ?, center_due_provisional = ?,"
                        + " unit_due_date = ?, unit_due_provisional = ?, updated_at = ? WHERE application_no = ?",
                Date.valueOf(centerDue.date()), centerDue.provisionalYear(), Date.valueOf(unitDue.date()),
                unitDue.provisionalYear(), UtcTime.column(clock.instant()), applicationNo);
    }

    public record AttachmentInfo(long id, String kind, String fileName, String contentType, long sizeBytes, String sha256) {
    }

    public List<AttachmentInfo> attachments(String applicationNo) {
        return jdbc.query("SELECT id, kind, file_name, content_type, size_bytes, sha256 FROM application_attachment"
                        + " WHERE application_no = ? ORDER BY id", (rs, i) -> new AttachmentInfo(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6)), applicationNo);
    }

    /** An attachment's sniffed content type and its bytes. */
    public record AttachmentFile(String contentType, byte[] content) {
    }

    public Optional<AttachmentFile> attachment(String applicationNo, long id) {
        return jdbc.query("SELECT content_type, content FROM application_attachment WHERE application_no = ? AND id = ?",
                (rs, i) -> new AttachmentFile(rs.getString(1), rs.getBytes(2)), applicationNo, id).stream().findFirst();
    }

    private static Stored map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Stored(rs.getString("application_no"), rs.getString("submitted_by"), rs.getString("holder_name"),
                rs.getString("id_type"), rs.getString("id_number"), rs.getString("unit_code"),
                rs.getString("degree_level"), rs.getDate("award_date").toLocalDate(),
                rs.getString("certificate_number"), rs.getString("discipline"), split(rs.getString("languages")),
                "Y".equals(rs.getString("urgent")), ApplicationState.fromValue(rs.getString("status")),
                rs.getString("result"), split(rs.getString("differing_fields")), rs.getString("report_no"),
                rs.getDate("received_date").toLocalDate(),
                new DueDate(rs.getDate("center_due_date").toLocalDate(), rs.getObject("center_due_provisional", Integer.class)),
                new DueDate(rs.getDate("unit_due_date").toLocalDate(), rs.getObject("unit_due_provisional", Integer.class)));
    }

    private static List<String> split(String v) {
        return v == null || v.isEmpty() ? List.of() : Arrays.asList(v.split(","));
    }

    private static String cut(String s) {
        return s == null || s.length() <= 400 ? s : s.substring(0, 400);
    }

    public int receivedSince(Instant since) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM verification_application WHERE received_at >= ?", Integer.class,
                UtcTime.column(since));
    }

    /** Applications answered at once: completed without ever being in review. */
    public int answeredAtOnceSince(Instant since) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM verification_application a WHERE a.received_at >= ?"
                + " AND a.status = 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM application_history h"
                + " WHERE h.application_no = a.application_no AND h.status = 'REVIEW')", Integer.class,
                UtcTime.column(since));
    }

    /** Applications received since an instant, by their status now (statuses without any left out). */
    public Map<String, Integer> countByStatusSince(Instant since) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query("SELECT status, COUNT(*) FROM verification_application WHERE received_at >= ? GROUP BY status",
                rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                }, UtcTime.column(since));
        return counts;
    }

    /** Applications awaiting the center: received or in review, with the center's due date. */
    @Override
    public String subject() {
        return APPLICATION;
    }

    @Override
    public List<Due> open(String unitCode) {
        String unitFilter = unitCode == null ? "" : " AND unit_code = ?";
        Object[] args = unitCode == null ? new Object[0] : new Object[] {unitCode};
        return jdbc.query("SELECT application_no, unit_code, center_due_date, center_due_provisional FROM verification_application"
                + " WHERE status IN ('RECEIVED', 'REVIEW')" + unitFilter, (rs, i) -> new Due(rs.getString(1), rs.getString(1),
                rs.getString(2), null, rs.getDate(3).toLocalDate(), rs.getObject(4, Integer.class)), args);
    }

    @Override
    public int overdue(LocalDate today) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM verification_application WHERE status IN ('RECEIVED', 'REVIEW')"
                + " AND center_due_date < ?", Integer.class, Date.valueOf(today));
    }
}
