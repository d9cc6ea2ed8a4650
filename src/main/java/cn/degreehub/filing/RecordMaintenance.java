package cn.degreehub.filing;

import cn.degreehub.calendar.DueDate;
import cn.degreehub.calendar.WorkingDayCalendar;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.Masking;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.filing.FilingRecordValidator.BatchContext;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;

/**
 * correctRecord and revokeDegree: a province changes or revokes records of its own units, keeping history (who,
 * when, what changed). Both run inside the idempotent request of the SOAP operation ({@link FilingEndpoint}): its
 * transaction, once per requestId.
 */
public class RecordMaintenance {

    /** A revocation must be reported within this many working days of the decision (docs/domain-rules.md, "Corrections and revocation of records"). */
    static final int REVOCATION_REPORT_WORKING_DAYS = 10;

    private final ApplicationEventPublisher events;
    private final DegreeRecords records;
    private final FilingRecordValidator validator;
    private final WorkingDayCalendar calendar;
    private final Clock clock;

    public RecordMaintenance(ApplicationEventPublisher events, DegreeRecords records, FilingRecordValidator validator,
                             WorkingDayCalendar calendar, Clock clock) {
        this.events = events;
        this.records = records;
        this.validator = validator;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** One changed field, the ID number masked. */
    public record Change(String field, String oldValue, String newValue) {
    }

    /** A correction made: the record is APPROVED again at this version. */
    public record Corrected(String certificateNumber, int version, List<Change> changes) {
    }

    /** A revocation made, and when it had to be reported. */
    public record Revoked(String certificateNumber, Instant revokedAt, DueDate reportDue, int workingDaysAfterDecision,
                          boolean late) {
    }

    /**
     * A record the account may change: a province's of its own units; a unit lead's (revokeDegree only, seed 004
     * 第九条: the unit reports its revocations) of its own unit.
     */
    private DegreeRecords.Filed ownRecord(Account account, String certificateNumber) {
        DegreeRecords.Filed stored = records.lockFiled(certificateNumber)
                .filter(s -> account.is(Role.UNIT_LEAD) ? s.stored().degree().unitCode().equals(account.unitCode())
                        : s.stored().provinceCode().equals(account.provinceCode()))
                .orElseThrow(() -> DegreeHubException.notFound("学位记录 " + certificateNumber, "Degree record " + certificateNumber));
        if ("REVOKED".equals(stored.stored().status())) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "学位已撤销, 不能再修改", "The degree is revoked and cannot change");
        }
        return stored;
    }

    /** Changes the fields given in {@code changes} (absent fields stay) of the record {@code number}. */
    public Corrected correct(Account account, String requestId, String number, FiledRecord changes, String reason) {
        if (!account.is(Role.PROVINCE)) {
            throw new DegreeHubException(FaultCode.FORBIDDEN, "只有省级学位办可以更正学位记录",
                    "Only a provincial office may correct a degree record");
        }
        DegreeRecords.Filed stored = ownRecord(account, number);
        String newNumber = RecordField.XWZSBH.read(changes);
        if (newNumber != null && !newNumber.equals(number)) {
            throw DegreeHubException.invalid("XWZSBH", "证书编号不能通过更正修改, 请撤销后重新报送",
                    "The certificate number cannot be corrected; revoke and file again");
        }
        FiledRecord filed = stored.fields();
        String policyFlag = RecordField.ZCSC.read(changes);
        if (policyFlag != null && !policyFlag.equals(RecordField.ZCSC.read(filed))) {
            // 细则 第七条: a policy hold is the center's to set and to clear (PolicyHolds)
            throw new DegreeHubException(FaultCode.FORBIDDEN, "政策审查标记（ZCSC）只能由学位中心设置或解除",
                    "The policy review flag (ZCSC) is set and cleared by the center only", "ZCSC");
        }
        Map<RecordField, String> changed = new LinkedHashMap<>();
        List<Change> log = new ArrayList<>();
        for (RecordField f : RecordField.values()) {
            String value = f.read(changes);
            if (value != null && !value.equals(f.read(filed))) {
                log.add(new Change(f.name(), masked(f, f.read(filed)), masked(f, value)));
                changed.put(f, value);
            }
        }
        if (changed.isEmpty()) {
            throw DegreeHubException.invalid("changes", "更正内容与现有记录相同", "The changes do not differ from the record");
        }
        FiledRecord merged = filed.with(changed);
        Optional<Rejection> problem = validator.check(merged,
                new BatchContext(stored.stored().provinceCode(), RecordField.XWSYDWM.read(merged),
                        Semester.parse(stored.stored().semester()).orElseThrow(), LocalDate.now(clock)));
        if (problem.isPresent()) {
            Rejection p = problem.get();
            throw new DegreeHubException(p.code(), p.messageZh(), p.messageEn(), p.field());
        }
        int version = records.update(number, changed);
        StringBuilder history = new StringBuilder();
        log.forEach(c -> history.append(c.field()).append(": ").append(c.oldValue())
                .append(" -> ").append(c.newValue()).append('\n'));
        if (reason != null) {
            history.append("reason: ").append(reason);
        }
        records.history(number, "CORRECTED", account.username(), requestId, history.toString());
        events.publishEvent(new RecordCorrected(number, account.username()));
        return new Corrected(number, version, log);
    }

    private static String masked(RecordField f, String value) {
        return f == RecordField.ZJHM ? Masking.idNumber(value) : value;
    }

    /** Revokes the record {@code number} by a decision of {@code decision}. */
    public Revoked revoke(Account account, String requestId, String number, LocalDate decision, String reason) {
        ownRecord(account, number);
        LocalDate today = LocalDate.now(clock);
        if (decision.isAfter(today)) {
            throw DegreeHubException.invalid("decisionDate", "撤销决定日期不能晚于今天", "The decision date is in the future");
        }
        if (reason == null || reason.isBlank()) {
            throw DegreeHubException.invalid("reason", "必须说明撤销理由", "A reason for the revocation is required");
        }
        DueDate counted = calendar.due(decision, REVOCATION_REPORT_WORKING_DAYS);
        LocalDate due = counted.date();
        int passed = calendar.workingDaysBetween(decision, today);
        boolean late = today.isAfter(due);
        records.revoke(number, decision, reason, late);
        records.history(number, "REVOKED", account.username(), requestId,
                "decisionDate: " + decision + "\nreason: " + reason + "\nworkingDaysAfterDecision: " + passed
                        + (late ? "\nLATE (due " + due + ")" : ""));
        // its reports and the portal's applications learn of it in this transaction
        events.publishEvent(new DegreeRevoked(number, reason.trim(), account.username()));
        return new Revoked(number, clock.instant(), counted, passed, late);
    }
}
