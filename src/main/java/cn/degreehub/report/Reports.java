package cn.degreehub.report;

import java.util.function.BiConsumer;
import java.time.Instant;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.SqlDialect;
import cn.degreehub.common.UtcTime;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeLevel;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Stored reports and their signed PDFs. */
public class Reports {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Reports(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public long nextNumber() {
        return SqlDialect.of(jdbc).next(jdbc, "seq_report");
    }

    public void insert(Report r) {
        jdbc.update("INSERT INTO verification_report (report_no, verification_code, application_no, result,"
                        + " differing_fields, holder_name, holder_name_py, id_type, id_number, unit_code, unit_name,"
                        + " degree_level, discipline, discipline_code, discipline_name, award_date, certificate_number,"
                        + " languages, issued_at, valid_until, status)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'VALID')",
                r.reportNo(), r.verificationCode(), r.applicationNo(), r.result(), join(r.differingFields()),
                r.holderName(), r.holderNamePinyin(), r.idType(), r.idNumber(), r.unitCode(), r.unitName(),
                r.level().name(), r.discipline().display(), r.discipline().code(), r.discipline().shownName(),
                Date.valueOf(r.awardDate()), r.certificateNumber(),
                join(r.languages()), UtcTime.column(r.issuedAt()), Date.valueOf(r.validUntil()));
    }

    public void storeDocument(String reportNo, String language, byte[] pdf, String sha256) {
        jdbc.update("INSERT INTO report_document (report_no, language, pdf, sha256, created_at) VALUES (?, ?, ?, ?, ?)",
                reportNo, language, pdf, sha256, UtcTime.column(clock.instant()));
    }

    public Optional<byte[]> document(String reportNo, String language) {
        return jdbc.query("SELECT pdf FROM report_document WHERE report_no = ? AND language = ?",
                (rs, i) -> rs.getBytes(1), reportNo, language).stream().findFirst();
    }

    /** The numbers of the reports about a certificate number that are not closed nor revoked (valid or expired). */
    public List<String> openOf(String certificateNumber) {
        return jdbc.queryForList("SELECT report_no FROM verification_report WHERE certificate_number = ? AND status = 'VALID'"
                + " ORDER BY issued_at", String.class, certificateNumber);
    }

    public Optional<Report> byNumber(String reportNo) {
        return jdbc.query("SELECT * FROM verification_report WHERE report_no = ?", (rs, i) -> map(rs), reportNo)
                .stream().findFirst();
    }

    public Optional<Report> byCode(String code) {
        return jdbc.query("SELECT * FROM verification_report WHERE verification_code = ?", (rs, i) -> map(rs), code)
                .stream().findFirst();
    }

    public Optional<Report> lock(String reportNo) {
        return jdbc.query("SELECT * FROM verification_report WHERE report_no = ? FOR UPDATE", (rs, i) -> map(rs), reportNo)
                .stream().findFirst();
    }

    public void extend(String reportNo, LocalDate validUntil) {
        jdbc.update("UPDATE verification_report SET valid_until = ? WHERE report_no = ?", Date.valueOf(validUntil), reportNo);
    }

    public void revoke(String reportNo, String reason, String supersededBy) {
        jdbc.update("UPDATE verification_report SET status = 'REVOKED', revoked_at = ?, revocation_reason = ?,"
                + " superseded_by = ? WHERE report_no = ?", UtcTime.column(clock.instant()), reason, supersededBy, reportNo);
    }

    /** Why a revoked report was revoked, as the staff or the re-check wrote it; empty when none was given. */
    public Optional<String> revocationReason(String reportNo) {
        return jdbc.query("SELECT revocation_reason FROM verification_report WHERE report_no = ?",
                (rs, i) -> rs.getString(1), reportNo).stream().filter(r -> r != null && !r.isBlank()).findFirst();
    }

    /** Reports by report number, verification code or certificate number (console search), newest first. */
    public List<Report> search(String term, int max) {
        String t = term.trim().toUpperCase();
        return jdbc.query("SELECT * FROM verification_report WHERE report_no = ? OR verification_code = ?"
                + " OR certificate_number = ? ORDER BY issued_at DESC FETCH FIRST " + max + " ROWS ONLY",
                (rs, i) -> map(rs), t, t, t);
    }

    public void close(String reportNo) {
        jdbc.update("UPDATE verification_report SET status = 'CLOSED', closed_at = ? WHERE report_no = ?",
                UtcTime.column(clock.instant()), reportNo);
    }

    private static Report map(ResultSet rs) throws SQLException {
        var issuedAt = UtcTime.instant(rs.getTimestamp("issued_at").toLocalDateTime());
        return new Report(rs.getString("report_no"), rs.getString("verification_code"), rs.getString("application_no"),
                rs.getString("result"), split(rs.getString("differing_fields")), rs.getString("holder_name"),
                rs.getString("holder_name_py"), rs.getString("id_type"), rs.getString("id_number"),
                rs.getString("unit_code"), rs.getString("unit_name"), DegreeLevel.valueOf(rs.getString("degree_level")),
                discipline(rs), rs.getDate("award_date").toLocalDate(), rs.getString("certificate_number"),
                split(rs.getString("languages")), issuedAt, issuedAt.atZone(ChinaTime.ZONE).toLocalDate(),
                rs.getDate("valid_until").toLocalDate(), rs.getString("status"), rs.getString("superseded_by"));
    }

    private static Degree.Discipline discipline(ResultSet rs) throws SQLException {
        String code = rs.getString("discipline_code");
        String name = rs.getString("discipline_name");
        if (code == null && name == null) {
            // issued before code and name were kept apart: only the printed text is known
            return new Degree.Discipline(null, null, rs.getString("discipline"));
        }
        return new Degree.Discipline(code, name, null);
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    private static List<String> split(String value) {
        return value == null || value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
    }

    /** Valid reports issued in [from, to). */
    public int countValidIssued(Instant from, Instant to) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM verification_report WHERE status = 'VALID'"
                + " AND issued_at >= ? AND issued_at < ?", Integer.class, UtcTime.column(from), UtcTime.column(to));
    }

    /** Each valid report issued in [from, to), by number, streamed (a period may hold very many). */
    public void eachValidIssued(Instant from, Instant to, BiConsumer<String, String> reportAndApplication) {
        jdbc.query("SELECT report_no, application_no FROM verification_report WHERE status = 'VALID'"
                + " AND issued_at >= ? AND issued_at < ? ORDER BY report_no",
                rs -> {
                    reportAndApplication.accept(rs.getString(1), rs.getString(2));
                }, UtcTime.column(from), UtcTime.column(to));
    }
}
