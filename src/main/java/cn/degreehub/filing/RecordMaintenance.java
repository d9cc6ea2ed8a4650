package cn.degreehub.filing;

import cn.degreehub.calendar.DueDate;
import cn.degreehub.calendar.WorkingDayCalendar;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.IdempotentRequests;
import cn.degreehub.common.Masking;
import cn.degreehub.contract.filing.CorrectRecordRequest;
import cn.degreehub.contract.filing.CorrectRecordResponse;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.RecordChange;
import cn.degreehub.contract.filing.RecordStatus;
import cn.degreehub.contract.filing.RevokeDegreeRequest;
import cn.degreehub.contract.filing.RevokeDegreeResponse;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.filing.FilingRecordValidator.BatchContext;
import cn.degreehub.partner.Account;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * correctRecord and revokeDegree: a province changes or revokes records of its own units. Both are
 * idempotent by requestId and keep history (who, when, what changed).
 */
public class RecordMaintenance {

    /** A revocation must be reported within this many working days of the decision (docs/domain-rules.md, "Corrections and revocation of records"). */
    static final int REVOCATION_REPORT_WORKING_DAYS = 10;

    private final DegreeRecords records;
    private final FilingRecordValidator validator;
    private final IdempotentRequests idempotent;
    private final WorkingDayCalendar calendar;
    private final Clock clock;

    public RecordMaintenance(DegreeRecords records, FilingRecordValidator validator, IdempotentRequests idempotent,
                             WorkingDayCalendar calendar, Clock clock) {
        this.records = records;
        this.validator = validator;
        this.idempotent = idempotent;
        this.calendar = calendar;
        this.clock = clock;
    }

    public CorrectRecordResponse correct(Account account, CorrectRecordRequest request) {
        return idempotent.once(account.username(), "correctRecord", request.getRequestId(), CorrectRecordResponse.class,
                () -> doCorrect(account, request));
    }

    public RevokeDegreeResponse revoke(Account account, RevokeDegreeRequest request) {
        return idempotent.once(account.username(), "revokeDegree", request.getRequestId(), RevokeDegreeResponse.class,
                () -> doRevoke(account, request));
    }

    private DegreeRecords.Filed ownRecord(Account account, String certificateNumber) {
        DegreeRecords.Filed stored = records.lockFiled(certificateNumber)
                .filter(s -> s.stored().provinceCode().equals(account.provinceCode()))
                .orElseThrow(() -> DegreeHubException.notFound("学位记录 " + certificateNumber, "Degree record " + certificateNumber));
        if ("REVOKED".equals(stored.stored().status())) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "学位已撤销, 不能再修改", "The degree is revoked and cannot change");
        }
        return stored;
    }

    private CorrectRecordResponse doCorrect(Account account, CorrectRecordRequest request) {
        String number = request.getXWZSBH();
        DegreeRecords.Filed stored = ownRecord(account, number);
        FilingRecord changes = request.getChanges();
        String newNumber = RecordField.XWZSBH.read(changes);
        if (newNumber != null && !newNumber.equals(number)) {
            throw DegreeHubException.invalid("XWZSBH", "证书编号不能通过更正修改, 请撤销后重新报送",
                    "The certificate number cannot be corrected; revoke and file again");
        }
        FilingRecord merged = stored.fields();
        Map<RecordField, String> changed = new LinkedHashMap<>();
        CorrectRecordResponse response = new CorrectRecordResponse();
        for (RecordField f : RecordField.values()) {
            String value = f.read(changes);
            if (value != null && !value.equals(f.read(merged))) {
                RecordChange c = new RecordChange();
                c.setField(f.name());
                c.setOldValue(masked(f, f.read(merged)));
                c.setNewValue(masked(f, value));
                response.getChange().add(c);
                changed.put(f, value);
                f.write(merged, value);
            }
        }
        if (changed.isEmpty()) {
            throw DegreeHubException.invalid("changes", "更正内容与现有记录相同", "The changes do not differ from the record");
        }
        Optional<Rejection> problem = validator.check(merged,
                new BatchContext(stored.stored().provinceCode(), RecordField.XWSYDWM.read(merged), LocalDate.now(clock)));
        if (problem.isPresent()) {
            Rejection p = problem.get();
            throw new DegreeHubException(p.code(), p.messageZh(), p.messageEn(), p.field());
        }
        int version = records.update(number, changed);
        StringBuilder history = new StringBuilder();
        response.getChange().forEach(c -> history.append(c.getField()).append(": ").append(c.getOldValue())
                .append(" -> ").append(c.getNewValue()).append('\n'));
        if (request.getReason() != null) {
            history.append("reason: ").append(request.getReason());
        }
        records.history(number, "CORRECTED", account.username(), request.getRequestId(), history.toString());
        response.setXWZSBH(number);
        response.setStatus(RecordStatus.APPROVED);
        response.setVersion(version);
        return response;
    }

    private static String masked(RecordField f, String value) {
        return f == RecordField.ZJHM ? Masking.idNumber(value) : value;
    }

    private RevokeDegreeResponse doRevoke(Account account, RevokeDegreeRequest request) {
        String number = request.getXWZSBH();
        ownRecord(account, number);
        LocalDate today = LocalDate.now(clock);
        LocalDate decision = request.getDecisionDate();
        if (decision.isAfter(today)) {
            throw DegreeHubException.invalid("decisionDate", "撤销决定日期不能晚于今天", "The decision date is in the future");
        }
        if (request.getReason() == null || request.getReason().isBlank()) {
            throw DegreeHubException.invalid("reason", "必须说明撤销理由", "A reason for the revocation is required");
        }
        DueDate counted = calendar.due(decision, REVOCATION_REPORT_WORKING_DAYS);
        LocalDate due = counted.date();
        int passed = calendar.workingDaysBetween(decision, today);
        boolean late = today.isAfter(due);
        records.revoke(number, decision, request.getReason(), late);
        records.history(number, "REVOKED", account.username(), request.getRequestId(),
                "decisionDate: " + decision + "\nreason: " + request.getReason() + "\nworkingDaysAfterDecision: " + passed
                        + (late ? "\nLATE (due " + due + ")" : ""));
        RevokeDegreeResponse response = new RevokeDegreeResponse();
        response.setXWZSBH(number);
        response.setStatus(RecordStatus.REVOKED);
        response.setRevokedAt(clock.instant().atZone(ChinaTime.ZONE).toOffsetDateTime());
        response.setReportDueDate(due);
        response.setWorkingDaysAfterDecision(passed);
        response.setLate(late);
        response.setReportDueProvisionalYear(counted.provisionalYear());
        return response;
    }
}
