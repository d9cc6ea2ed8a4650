package cn.degreehub.filing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.CorrectRecordRequest;
import cn.degreehub.contract.filing.CorrectRecordResponse;
import cn.degreehub.contract.filing.DegreeFilingPortType;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.RecordStatus;
import cn.degreehub.contract.filing.RevokeDegreeRequest;
import cn.degreehub.contract.filing.RevokeDegreeResponse;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.support.HubTestSupport;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordMaintenanceIT extends HubTestSupport {

    DegreeFilingPortType filing;

    @org.junit.jupiter.api.BeforeEach
    void client() {
        filing = filing("province-12");
    }

    List<FilingRecord> file(int count) throws Exception {
        List<FilingRecord> records = DemoRecords.records("10056", "天津大学", "120104", 3, 2024, freshSequences(count), count);
        SubmitFilingBatchRequest batch = new SubmitFilingBatchRequest();
        batch.setBatchId(unique("m"));
        batch.setProvinceCode("12");
        batch.setUnitCode("10056");
        batch.setSemester("2023-2024-2");
        batch.getRecord().addAll(records);
        assertThat(filing.submitFilingBatch(batch).getReceipt().getAccepted()).isEqualTo(count);
        return records;
    }

    static CorrectRecordRequest correction(String requestId, String certificate, FilingRecord changes) {
        CorrectRecordRequest request = new CorrectRecordRequest();
        request.setRequestId(requestId);
        request.setXWZSBH(certificate);
        request.setChanges(changes);
        request.setReason("姓名录入错误");
        return request;
    }

    @Test
    void correctionChangesTheRecordKeepsHistoryAndIsIdempotent() throws Exception {
        FilingRecord record = file(1).get(0);
        FilingRecord changes = new FilingRecord();
        changes.setXM("李明远");
        String requestId = unique("fix");

        CorrectRecordResponse first = filing.correctRecord(correction(requestId, record.getXWZSBH(), changes));
        CorrectRecordResponse repeat = filing.correctRecord(correction(requestId, record.getXWZSBH(), changes));

        assertThat(first.getVersion()).isEqualTo(2);
        assertThat(first.getStatus()).isEqualTo(RecordStatus.APPROVED);
        assertThat(first.getChange()).singleElement().satisfies(c -> {
            assertThat(c.getField()).isEqualTo("XM");
            assertThat(c.getOldValue()).isEqualTo(record.getXM());
            assertThat(c.getNewValue()).isEqualTo("李明远");
        });
        assertThat(repeat.getVersion()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT xm FROM degree_record WHERE xwzsbh = ?", String.class, record.getXWZSBH()))
                .isEqualTo("李明远");
        assertThat(jdbc.queryForObject("SELECT record_version FROM degree_record WHERE xwzsbh = ?", Integer.class,
                record.getXWZSBH())).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT actor || '|' || action || '|' || request_id FROM record_history WHERE xwzsbh = ?",
                String.class, record.getXWZSBH())).containsExactly("province-12|CORRECTED|" + requestId);
        assertThat(jdbc.queryForObject("SELECT changes FROM record_history WHERE xwzsbh = ?", String.class,
                record.getXWZSBH())).contains("XM: " + record.getXM() + " -> 李明远").contains("姓名录入错误");
    }

    @Test
    void aCorrectionThatBreaksARuleIsRefusedAndChangesNothing() throws Exception {
        FilingRecord record = file(1).get(0);
        FilingRecord changes = new FilingRecord();
        changes.setZJHM(record.getZJHM().substring(0, 17) + (record.getZJHM().endsWith("1") ? "2" : "1"));
        assertThat(faultOf(() -> filing.correctRecord(correction(unique("fix"), record.getXWZSBH(), changes))))
                .isEqualTo(FaultCode.INVALID_ID_NUMBER);
        assertThat(jdbc.queryForObject("SELECT zjhm FROM degree_record WHERE xwzsbh = ?", String.class, record.getXWZSBH()))
                .isEqualTo(record.getZJHM());
        assertThat(count("SELECT COUNT(*) FROM record_history WHERE xwzsbh = ?", record.getXWZSBH())).isZero();

        FilingRecord newNumber = new FilingRecord();
        newNumber.setXWZSBH("1005632024999999");
        assertThat(faultOf(() -> filing.correctRecord(correction(unique("fix"), record.getXWZSBH(), newNumber))))
                .isEqualTo(FaultCode.INVALID_REQUEST);
        FilingRecord name = new FilingRecord();
        name.setXM("王五");
        assertThat(faultOf(() -> filing("province-42").correctRecord(correction(unique("fix"), record.getXWZSBH(), name))))
                .as("another province does not even see the record").isEqualTo(FaultCode.NOT_FOUND);
    }

    static RevokeDegreeRequest revocation(String certificate, LocalDate decision) {
        RevokeDegreeRequest request = new RevokeDegreeRequest();
        request.setRequestId(unique("rev"));
        request.setXWZSBH(certificate);
        request.setDecisionDate(decision);
        request.setReason("学术不端, 校学位评定委员会决定撤销");
        return request;
    }

    @Test
    void revocationsReportedLateAreAcceptedAndFlagged() throws Exception {
        List<FilingRecord> records = file(2);
        // decided on Saturday 2025-09-20: 10 working days end on 2025-10-10 (国庆 in between, 09-28 a make-up day)
        RevokeDegreeResponse late = filing.revokeDegree(revocation(records.get(0).getXWZSBH(), LocalDate.of(2025, 9, 20)));
        assertThat(late.getStatus()).isEqualTo(RecordStatus.REVOKED);
        assertThat(late.getReportDueDate()).isEqualTo(LocalDate.of(2025, 10, 10));
        assertThat(late.isLate()).isTrue();
        assertThat(jdbc.queryForObject("SELECT status || revocation_late FROM degree_record WHERE xwzsbh = ?",
                String.class, records.get(0).getXWZSBH())).isEqualTo("REVOKEDY");

        // "today" is 2026-11-23: a decision of 2026-11-09 is 10 working days ago, still in time
        RevokeDegreeResponse inTime = filing.revokeDegree(revocation(records.get(1).getXWZSBH(), LocalDate.of(2026, 11, 9)));
        assertThat(inTime.getWorkingDaysAfterDecision()).isEqualTo(10);
        assertThat(inTime.isLate()).isFalse();

        assertThat(faultOf(() -> filing.revokeDegree(revocation(records.get(1).getXWZSBH(), LocalDate.of(2026, 11, 9)))))
                .as("a revoked degree cannot be revoked again").isEqualTo(FaultCode.INVALID_STATE);
        assertThat(faultOf(() -> filing.revokeDegree(revocation("1005632024777777", LocalDate.of(2026, 11, 9)))))
                .isEqualTo(FaultCode.NOT_FOUND);
        assertThat(count("SELECT COUNT(*) FROM record_history WHERE xwzsbh = ? AND action = 'REVOKED'",
                records.get(0).getXWZSBH())).isEqualTo(1);
    }
}
