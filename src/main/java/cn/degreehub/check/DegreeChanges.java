package cn.degreehub.check;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.SqlDialect;
import cn.degreehub.common.UtcTime;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.degree.Degree;
import cn.degreehub.filing.BatchFiled;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.filing.RecordCorrected;
import cn.degreehub.filing.RecordField;
import cn.degreehub.verification.Applications;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 数据库信息变更 (细则 第十一条; docs/domain-rules.md, "Database changes"): a change record opens together with every check
 * of a mismatch or a missing record, for the degree as applied. The unit's answer sets what the national record must
 * say (its corrections, or the application as it confirmed it); the record closes only when the national record agrees:
 * CONFIRMED (the center applied every differing field), CORRECTED (the province corrected the record), FILED (the
 * missing record was filed, the batch linked) or NO_DEGREE (the unit says there is no such degree and the database has
 * none). A field the hub cannot apply refuses the confirmation with the reason; the record stays open.
 */
public class DegreeChanges {

    private static final Logger LOG = LoggerFactory.getLogger(DegreeChanges.class);

    /** CHECKING: the check is with the unit; PROPOSED: the center is to apply the fields; AWAIT_FILING: no record yet. */
    static final Set<String> OPEN_STATES = Set.of("CHECKING", "PROPOSED", "AWAIT_FILING");
    /** Every status a change record may have (docs/domain-rules.md, "Database changes"). */
    public static final Set<String> STATES = Set.of("CHECKING", "PROPOSED", "AWAIT_FILING", "CONFIRMED", "CORRECTED", "FILED",
            "NO_DEGREE", "REJECTED");
    /** degree_change.note */
    static final int MAX_NOTE = 400;

    private final JdbcTemplate jdbc;
    private final DegreeRecords records;
    private final TransactionTemplate tx;
    private final cn.degreehub.audit.AuditLog audit;
    private final Clock clock;

    public DegreeChanges(JdbcTemplate jdbc, DegreeRecords records, TransactionTemplate tx, cn.degreehub.audit.AuditLog audit,
                         Clock clock) {
        this.jdbc = jdbc;
        this.records = records;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** A change record: the degree as the national record must carry it, and where the process stands. */
    public record Change(long id, String taskId, String applicationNo, String kind, String unitCode,
                         String certificateNumber, String holderName, String idType, String idNumber, String level,
                         LocalDate awardDate, String unitAnswer, String status, String note, String linkedBatchId) {
    }

    /**
     * With a check task (in its transaction): a change record for the degree as applied, kind MISMATCH (the database
     * has the certificate number, differing) or MISSING. A re-check of the same application takes over its open record.
     */
    void open(String taskId, Applications.Stored a, boolean recordOnFile) {
        String kind = recordOnFile ? "MISMATCH" : "MISSING";
        int taken = jdbc.update("UPDATE degree_change SET task_id = ?, status = 'CHECKING', kind = ?, unit_answer = NULL,"
                + " note = NULL WHERE application_no = ? AND status IN ('CHECKING', 'PROPOSED', 'AWAIT_FILING')", taskId, kind,
                a.applicationNo());
        if (taken > 0) {
            return;
        }
        jdbc.update("INSERT INTO degree_change (id, task_id, application_no, kind, unit_code, certificate_number, holder_name,"
                        + " id_type, id_number, degree_level, award_date, status, created_at)"
                        + " VALUES (" + SqlDialect.of(jdbc).nextValue("seq_degree_change") + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CHECKING', ?)",
                taskId, a.applicationNo(), kind, a.unitCode(), a.certificateNumber(), a.holderName(), a.idType(),
                a.idNumber(), a.level(), Date.valueOf(a.awardDate()), UtcTime.column(clock.instant()));
    }

    /**
     * The unit answered the task (in the answer's transaction): CONFIRMED keeps the degree as applied, CORRECTED sets it
     * as corrected ({@code degree}), NO_RECORD says there is none, OTHER leaves the record open for the center.
     */
    void answered(String taskId, CheckAnswer.Outcome outcome, Degree degree) {
        Optional<Change> found = byTask(taskId);
        if (found.isEmpty()) {
            return; // a task opened before change records opened with checks (V24)
        }
        Change c = found.get();
        if (outcome == CheckAnswer.Outcome.OTHER) {
            jdbc.update("UPDATE degree_change SET unit_answer = ?, note = ? WHERE id = ?", outcome.value(),
                    "单位答复“其他”，待中心审查 / the unit answered OTHER: for the center's review", c.id());
            return;
        }
        if (outcome == CheckAnswer.Outcome.NO_RECORD) {
            boolean onFile = records.find(c.certificateNumber()).isPresent();
            jdbc.update("UPDATE degree_change SET unit_answer = ?, status = ?, note = ?, closed_at = ? WHERE id = ?",
                    outcome.value(), onFile ? "PROPOSED" : "NO_DEGREE", onFile
                            ? "单位答复查无此学位，而数据库有此证书编号的记录：须经省级学位委员会撤销 / the unit knows no such degree,"
                            + " the database has the number: to be revoked through the province" : null,
                    onFile ? null : UtcTime.column(clock.instant()), c.id());
            return;
        }
        jdbc.update("UPDATE degree_change SET unit_answer = ?, certificate_number = ?, holder_name = ?, id_type = ?,"
                        + " id_number = ?, degree_level = ?, award_date = ? WHERE id = ?", outcome.value(),
                degree.certificateNumber(), degree.holderName(), degree.idType(), degree.idNumber(), degree.level().name(),
                Date.valueOf(degree.awardDate()), c.id());
        Optional<DegreeRecords.Stored> record = records.find(degree.certificateNumber());
        if (record.isEmpty()) {
            moveTo(c.id(), "AWAIT_FILING", "数据库无此证书编号的记录，须由学位授予单位经省级学位委员会补报 / no record has"
                    + " this number: the unit files it through its province", null);
        } else if (differences(find(c.id()).orElseThrow(), record.get()).isEmpty()) {
            moveTo(c.id(), "CONFIRMED", "数据库记录已一致 / the national record already agrees", null);
        } else {
            moveTo(c.id(), "PROPOSED", null, null);
        }
    }

    /** By status (any case), or "open" for every one not yet closed; an unknown status is refused. */
    public List<Change> list(String status) {
        String asked = status == null ? "" : status.strip().toUpperCase(java.util.Locale.ROOT);
        if (!asked.equals("OPEN") && !STATES.contains(asked)) {
            throw DegreeHubException.invalid("status", "状态应为 open 或 " + new java.util.TreeSet<>(STATES),
                    "status is open or one of " + new java.util.TreeSet<>(STATES));
        }
        return byStatus(asked.equals("OPEN") ? "open" : asked);
    }

    private List<Change> byStatus(String status) {
        if ("open".equals(status)) {
            return jdbc.query("SELECT * FROM degree_change WHERE status IN ('CHECKING', 'PROPOSED', 'AWAIT_FILING') ORDER BY id",
                    (rs, i) -> map(rs));
        }
        return jdbc.query("SELECT * FROM degree_change WHERE status = ? ORDER BY id", (rs, i) -> map(rs), status);
    }

    public Optional<Change> find(long id) {
        return jdbc.query("SELECT * FROM degree_change WHERE id = ?", (rs, i) -> map(rs), id).stream().findFirst();
    }

    Optional<Change> byTask(String taskId) {
        return jdbc.query("SELECT * FROM degree_change WHERE task_id = ? ORDER BY id DESC", (rs, i) -> map(rs), taskId)
                .stream().findFirst();
    }

    /**
     * In the caller's transaction: applies a proposed change to the national record, every differing field, or
     * refuses (INVALID_STATE, with the reason) when one cannot be applied here: the record stays as it was. Audited.
     */
    public Change confirm(long id, String actor) {
        Change c = jdbc.query("SELECT * FROM degree_change WHERE id = ? FOR UPDATE", (rs, i) -> map(rs), id).stream()
                .findFirst().orElseThrow(() -> DegreeHubException.notFound("数据库变更", "Database change"));
        if (!"PROPOSED".equals(c.status())) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "该变更不在待确认状态（" + c.status() + "）",
                    "The change is not waiting for confirmation (" + c.status() + ")");
        }
        if ("NO_RECORD".equals(c.unitAnswer())) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "单位答复查无此学位：须经省级学位委员会撤销该记录，本变更不能直接应用",
                    "The unit knows no such degree: the record is revoked through its province, not changed here");
        }
        DegreeRecords.Stored record = records.lock(c.certificateNumber()).orElseThrow(() -> new DegreeHubException(
                FaultCode.INVALID_STATE, "数据库中无此证书编号的记录，须由学位授予单位经省级学位委员会补报",
                "No record has this certificate number: the unit must file it through its province"));
        Map<RecordField, String> changes = differences(c, record);
        if (changes.containsKey(RecordField.XWLBM)) {
            // the level is the first digit of the degree type code (学位类别码) and, since 2006, a digit of the
            // certificate number: neither is in the answer, and a new number is a new record
            throw new DegreeHubException(FaultCode.INVALID_STATE, "学位层次（" + record.degree().level() + " → " + c.level()
                    + "）由学位类别码和证书编号决定：须由省级学位委员会更正或撤销后以正确的证书编号重新报送，本变更未应用",
                    "The degree level (" + record.degree().level() + " → " + c.level() + ") follows the degree type code and"
                            + " the certificate number: the province corrects the record, or revokes it and files it under"
                            + " the right number; nothing was applied", "level");
        }
        if (!changes.isEmpty()) {
            records.update(c.certificateNumber(), changes);
            records.history(c.certificateNumber(), "CHECK_CORRECTION", actor, "change-" + id,
                    changes.keySet() + " from check task " + c.taskId());
        }
        jdbc.update("UPDATE degree_change SET status = 'CONFIRMED', decided_by = ?, decided_at = ?, closed_at = ?,"
                + " note = ? WHERE id = ?", actor, UtcTime.column(clock.instant()), UtcTime.column(clock.instant()),
                "已应用 / applied: " + changes.keySet(), id);
        audit.record(actor, "DEGREE_CHANGE_CONFIRM", c.certificateNumber(), "change " + id + " of task " + c.taskId()
                + ": " + changes.keySet());
        return find(id).orElseThrow();
    }

    /** In the caller's transaction: the center closes a change without applying it (REJECTED), with its reason; audited. */
    public Change reject(long id, String reason, String actor) {
        Change c = jdbc.query("SELECT * FROM degree_change WHERE id = ? FOR UPDATE", (rs, i) -> map(rs), id).stream()
                .findFirst().orElseThrow(() -> DegreeHubException.notFound("数据库变更", "Database change"));
        if (!OPEN_STATES.contains(c.status())) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "该变更已关闭（" + c.status() + "）",
                    "The change is closed (" + c.status() + ")");
        }
        if (reason == null || reason.isBlank()) {
            throw DegreeHubException.invalid("reason", "须说明不予变更的理由", "Say why the change is rejected");
        }
        if (reason.strip().length() > MAX_NOTE) {
            throw DegreeHubException.invalid("reason", "理由至多 " + MAX_NOTE + " 字", "A reason has at most " + MAX_NOTE
                    + " characters");
        }
        jdbc.update("UPDATE degree_change SET status = 'REJECTED', decided_by = ?, decided_at = ?, closed_at = ?, note = ?"
                + " WHERE id = ?", actor, UtcTime.column(clock.instant()), UtcTime.column(clock.instant()),
                reason.strip(), id);
        audit.record(actor, "DEGREE_CHANGE_REJECT", c.certificateNumber(), "change " + id + ": " + reason.strip());
        return find(id).orElseThrow();
    }

    /** A batch was stored: records awaiting filing that it now holds, as the change says, are closed FILED with it. */
    @TransactionalEventListener(fallbackExecution = true)
    public void batchFiled(BatchFiled filed) {
        settle("AWAIT_FILING", "FILED", filed.batchId(), "补报已备案 / filed in batch " + filed.batchId());
    }

    /** A province corrected a record: a change it now agrees with is closed CORRECTED. */
    @TransactionalEventListener(fallbackExecution = true)
    public void recordCorrected(RecordCorrected corrected) {
        settle("PROPOSED", "CORRECTED", null, "省级学位委员会已更正记录 / corrected by the province ("
                + corrected.actor() + ")");
    }

    /** After the filer's commit, in a transaction of its own: a failure here never undoes a filing. */
    private void settle(String from, String to, String batchId, String note) {
        try {
            tx.executeWithoutResult(s -> {
                for (Change c : list(from)) {
                    Optional<DegreeRecords.Stored> record = records.find(c.certificateNumber());
                    if (record.isEmpty() || "NO_RECORD".equals(c.unitAnswer())) {
                        continue;
                    }
                    Map<RecordField, String> differing = differences(c, record.get());
                    if (differing.isEmpty()) {
                        moveTo(c.id(), to, note, batchId);
                        LOG.info("Database change {} for {} closed {}: {}", c.id(), c.certificateNumber(), to, note);
                    } else if (batchId != null) {
                        // filed, but not as the unit said: the center applies the rest
                        moveTo(c.id(), "PROPOSED", "已备案（批次 " + batchId + "）但仍有不一致 / filed, still differing: "
                                + differing.keySet(), batchId);
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Database changes awaiting {} not settled now (they stay open and are settled next time): {}", from,
                    e.toString());
        }
    }

    private void moveTo(long id, String status, String note, String batchId) {
        boolean closed = !OPEN_STATES.contains(status);
        jdbc.update("UPDATE degree_change SET status = ?, note = ?, linked_batch_id = COALESCE(?, linked_batch_id),"
                        + " closed_at = ? WHERE id = ?", status, note, batchId,
                closed ? UtcTime.column(clock.instant()) : null, id);
    }

    /** The fields of the national record that differ from the change, as record fields with the change's values. */
    static Map<RecordField, String> differences(Change c, DegreeRecords.Stored record) {
        Map<RecordField, String> changes = new LinkedHashMap<>();
        Degree onRecord = record.degree();
        if (!c.holderName().equals(onRecord.holderName())) changes.put(RecordField.XM, c.holderName());
        if (!c.idType().equals(onRecord.idType())) changes.put(RecordField.ZJLXM, c.idType());
        if (!c.idNumber().equals(onRecord.idNumber())) changes.put(RecordField.ZJHM, c.idNumber());
        if (!c.awardDate().equals(onRecord.awardDate())) {
            changes.put(RecordField.HXWRQ, c.awardDate().format(DateTimeFormatter.BASIC_ISO_DATE));
        }
        if (!c.level().equals(onRecord.level().name())) changes.put(RecordField.XWLBM, c.level());
        return changes;
    }

    private static Change map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Change(rs.getLong("id"), rs.getString("task_id"), rs.getString("application_no"), rs.getString("kind"),
                rs.getString("unit_code"), rs.getString("certificate_number"), rs.getString("holder_name"),
                rs.getString("id_type"), rs.getString("id_number"), rs.getString("degree_level"),
                rs.getDate("award_date").toLocalDate(), rs.getString("unit_answer"), rs.getString("status"),
                rs.getString("note"), rs.getString("linked_batch_id"));
    }
}
