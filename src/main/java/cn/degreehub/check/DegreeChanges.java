package cn.degreehub.check;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.SqlDialect;
import cn.degreehub.common.UtcTime;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.degree.Degree;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.filing.RecordField;
import cn.degreehub.verification.Applications;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 数据库信息变更: a unit's CORRECTED answer proposes the degree as it really is. Once the center confirms
 * the proposal, the national record is changed (and goes back to APPROVED, so the next publication run
 * publishes it): the next application for the degree then matches at once.
 */
public class DegreeChanges {

    private final JdbcTemplate jdbc;
    private final DegreeRecords records;
    private final Clock clock;

    public DegreeChanges(JdbcTemplate jdbc, DegreeRecords records, Clock clock) {
        this.jdbc = jdbc;
        this.records = records;
        this.clock = clock;
    }

    public record Change(long id, String taskId, String unitCode, String certificateNumber, String holderName,
                         String idType, String idNumber, String level, LocalDate awardDate, String status) {
    }

    void propose(String taskId, Applications.Stored applied, Corrections c) {
        Map<String, String> corrected = c.fields(); // normalised as the task stores them
        jdbc.update("INSERT INTO degree_change (id, task_id, unit_code, certificate_number, holder_name, id_type, id_number,"
                        + " degree_level, award_date, status, created_at)"
                        + " VALUES (" + SqlDialect.of(jdbc).nextValue("seq_degree_change") + ", ?, ?, ?, ?, ?, ?, ?, ?, 'PROPOSED', ?)",
                taskId, applied.unitCode(),
                corrected.getOrDefault("certificateNumber", applied.certificateNumber()),
                corrected.getOrDefault("holderName", applied.holderName()),
                corrected.getOrDefault("idType", applied.idType()),
                corrected.getOrDefault("idNumber", applied.idNumber()),
                corrected.getOrDefault("level", applied.level()),
                Date.valueOf(c.awardDate() != null ? c.awardDate() : applied.awardDate()),
                UtcTime.column(clock.instant()));
    }

    public List<Change> list(String status) {
        return jdbc.query("SELECT * FROM degree_change WHERE status = ? ORDER BY id", (rs, i) -> map(rs), status);
    }

    /** In the caller's transaction: applies a proposed change to the national record. */
    public Change confirm(long id, String actor) {
        Change c = jdbc.query("SELECT * FROM degree_change WHERE id = ? FOR UPDATE", (rs, i) -> map(rs), id).stream().findFirst().orElseThrow(() -> DegreeHubException.notFound("数据库变更", "Database change"));
        if (!"PROPOSED".equals(c.status())) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "该变更已处理", "The change was already decided");
        }
        DegreeRecords.Stored record = records.lock(c.certificateNumber()).orElseThrow(() -> new DegreeHubException(
                FaultCode.INVALID_STATE, "数据库中无此证书编号的记录，须由学位授予单位经省级学位委员会补报",
                "No record has this certificate number: the unit must file it through its province"));
        Map<RecordField, String> changes = new LinkedHashMap<>();
        Degree onRecord = record.degree();
        if (!c.holderName().equals(onRecord.holderName())) changes.put(RecordField.XM, c.holderName());
        if (!c.idType().equals(onRecord.idType())) changes.put(RecordField.ZJLXM, c.idType());
        if (!c.idNumber().equals(onRecord.idNumber())) changes.put(RecordField.ZJHM, c.idNumber());
        if (!c.awardDate().equals(onRecord.awardDate())) {
            changes.put(RecordField.HXWRQ, c.awardDate().format(DateTimeFormatter.BASIC_ISO_DATE));
        }
        if (!changes.isEmpty()) {
            records.update(c.certificateNumber(), changes);
            records.history(c.certificateNumber(), "CHECK_CORRECTION", actor, "change-" + id,
                    changes.keySet().toString() + " from check task " + c.taskId());
        }
        jdbc.update("UPDATE degree_change SET status = 'CONFIRMED', decided_by = ?, decided_at = ? WHERE id = ?", actor,
                UtcTime.column(clock.instant()), id);
        return c;
    }

    private static Change map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Change(rs.getLong("id"), rs.getString("task_id"), rs.getString("unit_code"),
                rs.getString("certificate_number"), rs.getString("holder_name"), rs.getString("id_type"),
                rs.getString("id_number"), rs.getString("degree_level"), rs.getDate("award_date").toLocalDate(),
                rs.getString("status"));
    }
}
