package cn.degreehub.filing;

import cn.degreehub.degree.DegreeLevel;
import java.util.ArrayList;
import java.time.Instant;
import cn.degreehub.common.SqlDialect;
import cn.degreehub.common.UtcTime;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeLevel;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads and changes stored degree records; every change is written to record_history. */
public class DegreeRecords {

    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DegreeRecords(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A stored record: the degree plus its filing and publication status. */
    public record Stored(Degree degree, String provinceCode, String semester, String status, int version,
                         String withheldReason) {
    }

    /** A stored record with every field as filed, for correctRecord, which merges and validates the whole record. */
    record Filed(FiledRecord fields, Stored stored) {
    }

    public Optional<Stored> find(String certificateNumber) {
        return jdbc.query("SELECT * FROM degree_record WHERE xwzsbh = ?", (rs, i) -> stored(rs, degree(rs)),
                certificateNumber).stream().findFirst();
    }

    /** Locks the row for the rest of the transaction (SELECT ... FOR UPDATE). */
    public Optional<Stored> lock(String certificateNumber) {
        return jdbc.query("SELECT * FROM degree_record WHERE xwzsbh = ? FOR UPDATE", (rs, i) -> stored(rs, degree(rs)),
                certificateNumber).stream().findFirst();
    }

    /** A record as the center's staff read it: every field as filed, its status and its history. */
    public record Detail(Map<RecordField, String> fields, Stored stored, String batchId, List<HistoryEntry> history) {
    }

    public Optional<Detail> detail(String certificateNumber) {
        return jdbc.query("SELECT * FROM degree_record WHERE xwzsbh = ?", (rs, i) -> {
            FiledRecord filed = fields(rs);
            Map<RecordField, String> values = new java.util.LinkedHashMap<>();
            for (RecordField f : RecordField.values()) {
                if (filed.value(f) != null) {
                    values.put(f, filed.value(f));
                }
            }
            return new Detail(values, stored(rs, degree(rs)), rs.getString("batch_id"), List.of());
        }, certificateNumber).stream().findFirst()
                .map(d -> new Detail(d.fields(), d.stored(), d.batchId(), history(certificateNumber)));
    }

    /** {@link #lock} with the record's fields as filed. */
    Optional<Filed> lockFiled(String certificateNumber) {
        return jdbc.query("SELECT * FROM degree_record WHERE xwzsbh = ? FOR UPDATE",
                (rs, i) -> new Filed(fields(rs), stored(rs, degree(rs))), certificateNumber).stream().findFirst();
    }

    private static Stored stored(ResultSet rs, Degree degree) throws SQLException {
        return new Stored(degree, rs.getString("province_code"), rs.getString("semester"), rs.getString("status"),
                rs.getInt("record_version"), rs.getString("withheld_reason"));
    }

    private static Degree degree(ResultSet rs) throws SQLException {
        String levelCode = rs.getString(RecordField.XWLBM.column());
        Date awarded = rs.getDate(RecordField.HXWRQ.column());
        return new Degree(rs.getString(RecordField.XM.column()), rs.getString(RecordField.XMPY.column()),
                rs.getString(RecordField.ZJLXM.column()), rs.getString(RecordField.ZJHM.column()),
                rs.getString(RecordField.XWSYDWM.column()), rs.getString(RecordField.XWSYDW.column()),
                DegreeLevel.ofCategoryCode(levelCode).orElse(null), levelCode,
                awarded == null ? null : awarded.toLocalDate(), rs.getString(RecordField.XWZSBH.column()),
                new Degree.Discipline(rs.getString(RecordField.ZYDM.column()), rs.getString(RecordField.ZYMC.column()),
                        rs.getString(RecordField.ZSZYMC.column())),
                rs.getString(RecordField.XXXSM.column()));
    }

    private static FiledRecord fields(ResultSet rs) throws SQLException {
        Map<RecordField, String> values = new EnumMap<>(RecordField.class);
        for (RecordField f : RecordField.values()) {
            if (f.kind() == RecordField.Kind.DATE) {
                Date d = rs.getDate(f.column());
                values.put(f, d == null ? null : d.toLocalDate().format(CCYYMMDD));
            } else {
                values.put(f, rs.getString(f.column()));
            }
        }
        return FiledRecord.of(values::get);
    }

    /** Writes changed fields; the record goes back to APPROVED so the next publication run decides again. */
    public int update(String certificateNumber, Map<RecordField, String> changes) {
        String set = changes.keySet().stream().map(f -> f.column() + " = ?").collect(Collectors.joining(", "));
        // the level column follows the degree type code (the publication run withholds by level)
        Optional<DegreeLevel> level = Optional.ofNullable(changes.get(RecordField.XWLBM)).flatMap(DegreeLevel::ofCategoryCode);
        if (level.isPresent()) {
            set += ", degree_level = ?";
        }
        Object[] args = new Object[changes.size() + 2 + (level.isPresent() ? 1 : 0)];
        int i = 0;
        for (Map.Entry<RecordField, String> c : changes.entrySet()) {
            args[i++] = FilingRepository.columnValue(c.getKey(), c.getValue());
        }
        if (level.isPresent()) {
            args[i++] = level.get().name();
        }
        args[i++] = UtcTime.column(clock.instant());
        args[i] = certificateNumber;
        jdbc.update("UPDATE degree_record SET " + set + ", status = 'APPROVED', withheld_reason = NULL,"
                + " withheld_detail = NULL, published_at = NULL, record_version = record_version + 1, updated_at = ?"
                + " WHERE xwzsbh = ?", args);
        return jdbc.queryForObject("SELECT record_version FROM degree_record WHERE xwzsbh = ?", Integer.class,
                certificateNumber);
    }

    /** A semester's records by status, and when the last of them was published (null when none was). */
    public record SemesterCounts(String semester, int approved, int published, int withheld, int revoked,
                                 java.time.Instant lastPublishedAt) {
    }

    /** Every semester on file with its records counted by status, newest semester first. */
    public List<SemesterCounts> semesterCounts() {
        return jdbc.query("SELECT semester,"
                + " SUM(CASE WHEN status = 'APPROVED' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN status = 'PUBLISHED' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN status = 'WITHHELD' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN status = 'REVOKED' THEN 1 ELSE 0 END), MAX(published_at)"
                + " FROM degree_record GROUP BY semester ORDER BY semester DESC", (rs, i) -> new SemesterCounts(
                rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                rs.getTimestamp(6) == null ? null : UtcTime.instant(rs.getTimestamp(6).toLocalDateTime())));
    }

    /** A policy hold opened (PolicyHolds): flagged, and offline at once if it was published or waiting. */
    void hold(String certificateNumber, String detail) {
        Object now = UtcTime.column(clock.instant());
        jdbc.update("UPDATE degree_record SET zcsc = '1', updated_at = ? WHERE xwzsbh = ?", now, certificateNumber);
        jdbc.update("UPDATE degree_record SET status = 'WITHHELD', withheld_reason = 'POLICY_REVIEW', withheld_detail = ?,"
                + " published_at = NULL, updated_at = ? WHERE xwzsbh = ? AND status IN ('APPROVED', 'PUBLISHED')",
                detail, now, certificateNumber);
    }

    /** A policy hold released to publication: unflagged and APPROVED again, so the next publication run decides. */
    void release(String certificateNumber) {
        Object now = UtcTime.column(clock.instant());
        jdbc.update("UPDATE degree_record SET zcsc = '0', updated_at = ? WHERE xwzsbh = ?", now, certificateNumber);
        jdbc.update("UPDATE degree_record SET status = 'APPROVED', withheld_reason = NULL, withheld_detail = NULL,"
                + " record_version = record_version + 1, updated_at = ? WHERE xwzsbh = ? AND status = 'WITHHELD'"
                + " AND withheld_reason = 'POLICY_REVIEW'", now, certificateNumber);
    }

    public void revoke(String certificateNumber, LocalDate decisionDate, String reason, boolean late) {
        jdbc.update("UPDATE degree_record SET status = 'REVOKED', revoked_at = ?, revocation_date = ?,"
                        + " revocation_reason = ?, revocation_late = ?, record_version = record_version + 1, updated_at = ?"
                        + " WHERE xwzsbh = ?", UtcTime.column(clock.instant()), Date.valueOf(decisionDate), reason,
                late ? "Y" : "N", UtcTime.column(clock.instant()), certificateNumber);
    }

    public void history(String certificateNumber, String action, String actor, String requestId, String changes) {
        jdbc.update("INSERT INTO record_history (id, xwzsbh, action, actor, request_id, at, changes)"
                        + " VALUES (" + SqlDialect.of(jdbc).nextValue("seq_record_history") + ", ?, ?, ?, ?, ?, ?)", certificateNumber, action, actor,
                requestId, UtcTime.column(clock.instant()), changes);
    }

    /** A record corrected in some period (its history says CORRECTED), with its status now. */
    public record Corrected(String certificateNumber, String unitCode, String provinceCode, String semester,
                            String status, String withheldReason, String withheldDetail) {
    }

    /** The records corrected at or after {@code from} and before {@code to}, by number. */
    public List<Corrected> correctedBetween(Instant from, Instant to) {
        return jdbc.query("SELECT xwzsbh, xwsydwm, province_code, semester, status, withheld_reason, withheld_detail"
                        + " FROM degree_record WHERE xwzsbh IN (SELECT xwzsbh FROM record_history WHERE action = 'CORRECTED'"
                        + " AND at >= ? AND at < ?) ORDER BY xwzsbh",
                (rs, i) -> new Corrected(rs.getString("xwzsbh"), rs.getString("xwsydwm"), rs.getString("province_code"),
                        rs.getString("semester"), rs.getString("status"), rs.getString("withheld_reason"),
                        rs.getString("withheld_detail")), UtcTime.column(from), UtcTime.column(to));
    }

    /** The earliest correction on record, if any (where the monthly correction cycles begin). */
    public java.util.Optional<Instant> firstCorrection() {
        java.time.LocalDateTime first = jdbc.queryForObject("SELECT MIN(at) FROM record_history WHERE action = 'CORRECTED'",
                java.time.LocalDateTime.class);
        return java.util.Optional.ofNullable(first).map(UtcTime::instant);
    }

    /** One history line. */
    public record HistoryEntry(String action, String actor, String requestId, java.time.Instant at, String changes) {
    }

    public List<HistoryEntry> history(String certificateNumber) {
        return jdbc.query("SELECT * FROM record_history WHERE xwzsbh = ? ORDER BY id", (rs, i) -> new HistoryEntry(
                rs.getString("action"), rs.getString("actor"), rs.getString("request_id"),
                UtcTime.instant(rs.getObject("at", java.time.LocalDateTime.class)), rs.getString("changes")),
                certificateNumber);
    }

    /** A record publication held back, with the reason (and the holder's ID number, unmasked: mask it to show it). */
    public record Withheld(String certificateNumber, String holderName, String unitCode, String semester, String reason,
                           String detail, String idNumber) {
    }

    private static Withheld withheld(ResultSet rs) throws SQLException {
        return new Withheld(rs.getString("xwzsbh"), rs.getString("xm"), rs.getString("xwsydwm"), rs.getString("semester"),
                rs.getString("withheld_reason"), rs.getString("withheld_detail"), rs.getString("zjhm"));
    }

    /** How many records of a semester are withheld for one unit. */
    public record WithheldCount(String semester, String unitCode, int count) {
    }

    /** Every semester and unit with withheld records, newest semester first. */
    public List<WithheldCount> withheldCounts() {
        return jdbc.query("SELECT semester, xwsydwm, COUNT(*) FROM degree_record WHERE status = 'WITHHELD'"
                + " GROUP BY semester, xwsydwm ORDER BY semester DESC, xwsydwm",
                (rs, i) -> new WithheldCount(rs.getString(1), rs.getString(2), rs.getInt(3)));
    }

    /** The most recently withheld records. */
    public List<Withheld> recentlyWithheld(int limit) {
        return jdbc.query("SELECT * FROM degree_record WHERE status = 'WITHHELD' ORDER BY updated_at DESC"
                + " FETCH FIRST ? ROWS ONLY", (rs, i) -> withheld(rs), limit);
    }

    /** Withheld records of a semester, of one unit or of one province's units (the other null), by number. */
    public List<Withheld> withheld(String semester, String unitCode, String provinceCode, int offset, int size) {
        return jdbc.query("SELECT * FROM degree_record" + withheldOf(unitCode) + " ORDER BY xwzsbh OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                (rs, i) -> withheld(rs), semester, unitCode == null ? provinceCode : unitCode, offset, size);
    }

    public int countWithheld(String semester, String unitCode, String provinceCode) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM degree_record" + withheldOf(unitCode), Integer.class, semester,
                unitCode == null ? provinceCode : unitCode);
    }

    private static String withheldOf(String unitCode) {
        return " WHERE status = 'WITHHELD' AND semester = ? AND " + (unitCode == null ? "province_code" : "xwsydwm") + " = ?";
    }

    /** Which approved records a publication run holds back. */
    public sealed interface Held {
        /** Records of this degree level. */
        record OfLevel(DegreeLevel level) implements Held {
        }

        /** Records with this flag set ('1'). */
        record Flagged(RecordField flag) implements Held {
        }

        /** Records where any of these fields is empty. */
        record Missing(List<RecordField> fields) implements Held {
        }
    }

    public int countApproved() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM degree_record WHERE status = 'APPROVED'", Integer.class);
    }

    /** Withholds the approved records that match; returns how many. */
    public int withholdApproved(Held which, String reason, String detail, Instant now) {
        String condition;
        List<Object> args = new ArrayList<>(List.of(reason, detail, UtcTime.column(now)));
        if (which instanceof Held.OfLevel l) {
            condition = "degree_level = ?";
            args.add(l.level().name());
        } else if (which instanceof Held.Flagged f) {
            condition = f.flag().column() + " = '1'";
        } else {
            List<RecordField> fields = ((Held.Missing) which).fields();
            if (fields.isEmpty()) {
                return 0;
            }
            condition = "(" + fields.stream().map(f -> f.column() + " IS NULL").collect(Collectors.joining(" OR ")) + ")";
        }
        return jdbc.update("UPDATE degree_record SET status = 'WITHHELD', withheld_reason = ?, withheld_detail = ?,"
                + " updated_at = ? WHERE status = 'APPROVED' AND " + condition, args.toArray());
    }

    /**
     * The certificate number that ends the next chunk of approved records after {@code after} (null: from the
     * start, as Oracle and H2 in its mode read '' as NULL), or null when none is left.
     */
    public String approvedChunkEnd(String after, int chunkSize) {
        String chunk = " ORDER BY xwzsbh FETCH FIRST " + chunkSize + " ROWS ONLY) c";
        return after == null
                ? jdbc.queryForObject("SELECT MAX(xwzsbh) FROM (SELECT xwzsbh FROM degree_record WHERE status = 'APPROVED'"
                        + chunk, String.class)
                : jdbc.queryForObject("SELECT MAX(xwzsbh) FROM (SELECT xwzsbh FROM degree_record WHERE status = 'APPROVED'"
                        + " AND xwzsbh > ?" + chunk, String.class, after);
    }

    /** Publishes the approved records numbered after {@code after} (null: from the first) up to {@code upTo}. */
    public int publishApproved(String after, String upTo, Instant now) {
        Object at = UtcTime.column(now);
        return after == null
                ? jdbc.update("UPDATE degree_record SET status = 'PUBLISHED', published_at = ?, updated_at = ?"
                        + " WHERE status = 'APPROVED' AND xwzsbh <= ?", at, at, upTo)
                : jdbc.update("UPDATE degree_record SET status = 'PUBLISHED', published_at = ?, updated_at = ?"
                        + " WHERE status = 'APPROVED' AND xwzsbh > ? AND xwzsbh <= ?", at, at, after, upTo);
    }
}
