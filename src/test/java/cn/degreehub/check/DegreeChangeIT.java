package cn.degreehub.check;

import static cn.degreehub.support.PortalRequests.application;
import static cn.degreehub.support.PortalRequests.asApplied;
import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.check.CheckOutcome;
import cn.degreehub.contract.check.CorrectedFields;
import cn.degreehub.contract.check.DegreeCheckPortType;
import cn.degreehub.contract.check.SubmitCheckResultRequest;
import cn.degreehub.contract.filing.CorrectRecordRequest;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.contract.types.DegreeLevel;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.ReportResult;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.demo.UnitSimulator;
import cn.degreehub.support.HubTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The database change process (细则 第十一条; docs/domain-rules.md, "Database changes") through the portal's SOAP, the
 * unit's SOAP answers, the province's filing and correction, and the admin API: a change record opens with each check
 * of a mismatch or a missing record and closes only when the national record agrees.
 */
class DegreeChangeIT extends HubTestSupport {

    @Autowired
    UnitSimulator unitSimulator;

    @BeforeEach
    void quietUnit() {
        // unit 10056's simulator would answer the check itself; here the test answers as the unit
        unitSimulator.setAnswering(false);
    }

    @AfterEach
    void unitBackToNormal() {
        unitSimulator.setAnswering(true);
    }

    /** A degree of unit 10056 (a master's: its graduate school checks it), as filed. */
    FilingRecord degree() {
        return DemoRecords.records("10056", "天津大学", "120104", 3, 2023, 810_000 + freshSequences(1), 1).get(0);
    }

    String fileRecord(FilingRecord r) throws Exception {
        SubmitFilingBatchRequest batch = new SubmitFilingBatchRequest();
        batch.setBatchId(unique("change"));
        batch.setProvinceCode("12");
        batch.setUnitCode("10056");
        batch.setSemester("2022-2023-2");
        batch.getRecord().add(r);
        assertThat(filing("province-12").submitFilingBatch(batch).getReceipt().getAccepted()).isEqualTo(1);
        return batch.getBatchId();
    }

    /** The application goes to review, the reviewer sends it to the unit: the check task's id. */
    String checked(DegreeAsApplied applied) throws Exception {
        SubmitApplicationResponse answer = verificationMtom("portal").submitApplication(application(applied, Language.ZH));
        assertThat(answer.getStatus()).isEqualTo(ApplicationStatus.REVIEW);
        return rest("POST", "/admin/api/reviews/" + answer.getApplicationNo() + "/check", null, "reviewer", 200)
                .get("taskId").asText();
    }

    JsonNode changeOf(String taskId) throws Exception {
        for (JsonNode c : rest("GET", "/admin/api/degree-changes?status=open", null, "reviewer", 200)) {
            if (c.get("taskId").asText().equals(taskId)) {
                return rest("GET", "/admin/api/degree-changes/" + c.get("id").asLong(), null, "reviewer", 200);
            }
        }
        throw new AssertionError("no open change record for task " + taskId);
    }

    JsonNode change(long id) throws Exception {
        return rest("GET", "/admin/api/degree-changes/" + id, null, "reviewer", 200);
    }

    void answer(String taskId, CheckOutcome outcome, CorrectedFields corrected) throws Exception {
        SubmitCheckResultRequest r = new SubmitCheckResultRequest();
        r.setRequestId(unique("result"));
        r.setTaskId(taskId);
        r.setOutcome(outcome);
        r.setChecker("王老师");
        r.setRemarks("已核对档案");
        r.setCorrected(corrected);
        client(DegreeCheckPortType.class, "/services/check", "unit-10056-grad", "unit-10056-grad-pass", false)
                .submitCheckResult(r);
    }

    @Test
    void aConfirmedDegreeThatWasNeverFiledStaysOpenUntilItsFilingArrivesAndThenMatches() throws Exception {
        FilingRecord record = degree();
        DegreeAsApplied applied = asApplied(record);
        String taskId = checked(applied);
        JsonNode opened = changeOf(taskId);
        assertThat(opened.get("status").asText()).isEqualTo("CHECKING");
        assertThat(opened.get("kind").asText()).isEqualTo("MISSING");
        long id = opened.get("id").asLong();

        answer(taskId, CheckOutcome.CONFIRMED, null);
        assertThat(change(id).get("status").asText()).as("the application completes; the database still lacks it")
                .isEqualTo("AWAIT_FILING");
        assertThat(rest("POST", "/admin/api/degree-changes/" + id + "/confirm", null, "reviewer", 409).toString())
                .contains("INVALID_STATE");

        String batchId = fileRecord(record);
        JsonNode closed = change(id);
        assertThat(closed.get("status").asText()).isEqualTo("FILED");
        assertThat(closed.get("linkedBatchId").asText()).isEqualTo(batchId);
        assertThat(rest("GET", "/admin/api/degree-changes?status=open", null, "reviewer", 200).findValuesAsText("taskId"))
                .doesNotContain(taskId);

        publishNow();
        SubmitApplicationResponse again = verificationMtom("portal").submitApplication(application(applied, Language.ZH));
        assertThat(again.getStatus()).as("the next application matches at once").isEqualTo(ApplicationStatus.COMPLETED);
        assertThat(again.getResult()).isEqualTo(ReportResult.CONSISTENT);
    }

    @Test
    void aCorrectedNameIsClosedByTheProvincesCorrection() throws Exception {
        FilingRecord record = degree();
        fileRecord(record);
        DegreeAsApplied applied = asApplied(record);
        String rightName = "欧阳" + record.getXM().substring(1);
        applied.setHolderName(rightName);
        String taskId = checked(applied);
        JsonNode opened = changeOf(taskId);
        assertThat(opened.get("kind").asText()).isEqualTo("MISMATCH");
        long id = opened.get("id").asLong();

        CorrectedFields fields = new CorrectedFields();
        fields.setHolderName(rightName);
        answer(taskId, CheckOutcome.CORRECTED, fields);
        JsonNode proposed = change(id);
        assertThat(proposed.get("status").asText()).isEqualTo("PROPOSED");
        assertThat(proposed.get("holderName").asText()).isEqualTo(rightName);

        // the province corrects the record itself: the national record now agrees, the change closes
        FilingRecord changes = new FilingRecord();
        changes.setXM(rightName);
        CorrectRecordRequest correct = new CorrectRecordRequest();
        correct.setRequestId(unique("fix"));
        correct.setXWZSBH(record.getXWZSBH());
        correct.setChanges(changes);
        correct.setReason("单位核查更正姓名");
        filing("province-12").correctRecord(correct);
        JsonNode closed = change(id);
        assertThat(closed.get("status").asText()).isEqualTo("CORRECTED");
        assertThat(closed.get("note").asText()).contains("province-12");
    }

    @Test
    void aCorrectedLevelIsNotSilentlyDroppedTheConfirmationIsRefusedWithItsReason() throws Exception {
        FilingRecord record = degree();
        fileRecord(record);
        DegreeAsApplied applied = asApplied(record);
        String rightName = record.getXM() + "文";
        applied.setHolderName(rightName);
        String taskId = checked(applied);
        long id = changeOf(taskId).get("id").asLong();

        // the unit: the name as applied is right, and it is a doctorate, not a master's degree
        CorrectedFields fields = new CorrectedFields();
        fields.setHolderName(rightName);
        fields.setLevel(DegreeLevel.DOCTOR);
        answer(taskId, CheckOutcome.CORRECTED, fields);
        assertThat(change(id).get("level").asText()).isEqualTo("DOCTOR");

        // the level cannot be written from here (type code and certificate number): refused, nothing applied
        JsonNode refused = rest("POST", "/admin/api/degree-changes/" + id + "/confirm", null, "reviewer", 409);
        assertThat(refused.toString()).contains("INVALID_STATE").contains("level");
        assertThat(change(id).get("status").asText()).isEqualTo("PROPOSED");
        assertThat(jdbc.queryForObject("SELECT xm FROM degree_record WHERE xwzsbh = ?", String.class,
                record.getXWZSBH())).as("nothing applied, not even the name").isEqualTo(record.getXM());
    }

    @Test
    void aChangeIsRejectedOnlyWithAReasonAndOnlyByTheCenter() throws Exception {
        FilingRecord record = degree();
        fileRecord(record);
        DegreeAsApplied applied = asApplied(record);
        applied.setHolderName(record.getXM() + "某");
        String taskId = checked(applied);
        long id = changeOf(taskId).get("id").asLong();
        assertThat(http("POST", "/admin/api/degree-changes/" + id + "/reject", "{\"reason\":\"x\"}", "portal").statusCode())
                .isEqualTo(403);
        assertThat(rest("POST", "/admin/api/degree-changes/" + id + "/reject", "{}", "reviewer", 400).toString())
                .contains("reason");
        assertThat(rest("POST", "/admin/api/degree-changes/" + id + "/reject", "{\"reason\":\"" + "理".repeat(401) + "\"}",
                "reviewer", 400).toString()).as("at most 400 characters, refused before the database would").contains("reason");
        assertThat(rest("GET", "/admin/api/degree-changes?status=bogus", null, "reviewer", 400).toString()).contains("status");
        assertThat(rest("GET", "/admin/api/degree-changes?status=checking", null, "reviewer", 200).findValuesAsText("id"))
                .contains(String.valueOf(id));
        JsonNode rejected = rest("POST", "/admin/api/degree-changes/" + id + "/reject",
                "{\"reason\":\"申请人填写有误，数据库正确\"}", "reviewer", 200);
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'DEGREE_CHANGE_REJECT' AND target = ?",
                record.getXWZSBH())).isEqualTo(1);
        assertThat(rest("POST", "/admin/api/degree-changes/" + id + "/reject", "{\"reason\":\"again\"}", "reviewer", 409)
                .toString()).contains("INVALID_STATE");
        assertThat(List.of(change(id).get("status").asText())).containsExactly("REJECTED");
    }
}
