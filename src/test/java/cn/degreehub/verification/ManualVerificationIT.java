package cn.degreehub.verification;

import static cn.degreehub.support.PortalRequests.application;
import static cn.degreehub.support.PortalRequests.asApplied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.degreehub.demo.UnitSimulator;
import cn.degreehub.contract.check.CheckOutcome;
import cn.degreehub.contract.check.CheckTask;
import cn.degreehub.contract.check.CheckTaskStatus;
import cn.degreehub.contract.check.CorrectedFields;
import cn.degreehub.contract.check.DegreeCheckPortType;
import cn.degreehub.contract.check.DegreeHubFault;
import cn.degreehub.contract.check.GetLaborFeeStatementRequest;
import cn.degreehub.contract.check.GetLaborFeeStatementResponse;
import cn.degreehub.contract.check.ListCheckTasksRequest;
import cn.degreehub.contract.check.ReassignCheckTaskRequest;
import cn.degreehub.contract.check.SubmitCheckResultRequest;
import cn.degreehub.contract.check.SubmitCheckResultResponse;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.CancelApplicationRequest;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.GetApplicationStatusRequest;
import cn.degreehub.contract.verification.GetApplicationStatusResponse;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.RaiseObjectionRequest;
import cn.degreehub.contract.verification.ReportStatus;
import cn.degreehub.contract.verification.ReportResult;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.contract.verification.VerifyReportRequest;
import cn.degreehub.contract.verification.VerifyReportResponse;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.demo.PortalSimulator;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.JmsBodies;
import cn.degreehub.support.Waiting;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The manual path through SOAP, the admin REST API and the embedded broker, with both unit channels:
 * material review with corrections, check tasks to a queue unit and a SOAP unit (down for a while, and
 * down for good), answers over SOAP and over the queue, reassignment and scopes, the database change of a
 * CORRECTED answer, the labour fee statement.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManualVerificationIT extends HubTestSupport {

    @Autowired
    UnitSimulator unitSimulator;

    @Autowired
    jakarta.jms.ConnectionFactory connectionFactory;

    @Autowired
    PortalSimulator portalSimulator;

    @Autowired
    cn.degreehub.deadline.TimeLimitWatch timeLimitWatch;

    List<FilingRecord> filed;

    @BeforeAll
    void fileAndPublish() throws Exception {
        int seq = freshSequences(10);
        filed = new ArrayList<>(DemoRecords.records("10056", "天津大学", "120104", 3, 2022, seq, 4));
        SubmitFilingBatchRequest batch = new SubmitFilingBatchRequest();
        batch.setBatchId(unique("manual"));
        batch.setProvinceCode("12");
        batch.setUnitCode("10056");
        batch.setSemester("2021-2022-2");
        batch.getRecord().addAll(filed);
        assertThat(filing("province-12").submitFilingBatch(batch).getReceipt().getAccepted()).isEqualTo(4);
        publishNow();
    }

    @AfterEach
    void simulatorBackToNormal() {
        unitSimulator.setUp(true);
        unitSimulator.setAnswering(true);
        unitSimulator.setOutcome(CheckOutcome.CONFIRMED);
    }

    DegreeVerificationPortType portal() {
        return verificationMtom("portal");
    }

    DegreeCheckPortType unit(String account) {
        return client(DegreeCheckPortType.class, "/services/check", account, account + "-pass", false);
    }

    /** An application for a degree nobody filed: certificate numbers of unit {@code unitCode} never used. */
    DegreeAsApplied unfiled(String unitCode, String name) {
        FilingRecord r = DemoRecords.records(unitCode, "x", "420106", 3, 2023, 800_000 + freshSequences(1), 1).get(0);
        DegreeAsApplied d = asApplied(r);
        d.setHolderName(name);
        return d;
    }

    @Test
    void aMistypedNameIsCorrectedInReviewAndThenMatchesAtOnce() throws Exception {
        DegreeAsApplied typo = asApplied(filed.get(0));
        String rightName = typo.getHolderName();
        typo.setHolderName(rightName + "某");
        SubmitApplicationResponse answer = portal().submitApplication(application(typo, Language.ZH));
        assertThat(answer.getStatus()).isEqualTo(ApplicationStatus.REVIEW);
        String no = answer.getApplicationNo();

        JsonNode list = rest("GET", "/admin/api/reviews?size=200", null, "reviewer", 200);
        assertThat(list.get("items").findValuesAsText("applicationNo")).contains(no);
        JsonNode detail = rest("GET", "/admin/api/reviews/" + no, null, "reviewer", 200);
        assertThat(detail.get("differingFields").toString()).contains("holderName");
        assertThat(detail.get("attachments")).hasSize(2);
        assertThat(detail.get("databaseRecord").get("holderName").asText()).isEqualTo(rightName);
        long scan = detail.get("attachments").get(0).get("id").asLong();
        HttpResponse<byte[]> image = http("GET", "/admin/api/reviews/" + no + "/attachments/" + scan, null, "reviewer");
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.body()).startsWith(0x89, 'P', 'N', 'G');

        // a portal account is no reviewer; an unknown field is refused and changes nothing
        assertThat(http("GET", "/admin/api/reviews", null, "portal").statusCode()).isEqualTo(403);
        JsonNode refused = rest("POST", "/admin/api/reviews/" + no + "/corrections", "{\"salary\":\"1\"}", "reviewer", 400);
        assertThat(refused.get("error").asText()).isEqualTo("INVALID_REQUEST");

        rest("POST", "/admin/api/reviews/" + no + "/corrections", "{\"holderName\":\"" + rightName + "\"}", "reviewer", 200);
        JsonNode rematched = rest("POST", "/admin/api/reviews/" + no + "/rematch", null, "reviewer", 200);
        assertThat(rematched.get("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(rematched.get("result").asText()).isEqualTo("CONSISTENT");

        GetApplicationStatusResponse status = status(no);
        assertThat(status.getStatus()).isEqualTo(ApplicationStatus.COMPLETED);
        assertThat(status.getReportNo()).isEqualTo(rematched.get("reportNo").asText());
        assertThat(status.getDifferingField()).as("a consistent report names no differences").isEmpty();
        assertThat(status.getHistory()).anySatisfy(h -> assertThat(h.getNoteZh()).contains("审查更正").contains(rightName + "某")
                .contains("→ " + rightName));
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE target = ? AND action = 'REVIEW_CORRECT' AND actor = 'reviewer'", no))
                .isEqualTo(1);
        awaitNotified(no, "COMPLETED");
        // no longer in review: a second rematch is refused
        assertThat(rest("POST", "/admin/api/reviews/" + no + "/rematch", null, "reviewer", 409).get("error").asText())
                .isEqualTo("INVALID_STATE");
    }

    @Test
    void anUnfiledDegreeIsCheckedByTheQueueUnitWhichAnswersOverSoap() throws Exception {
        SubmitApplicationResponse answer = portal().submitApplication(application(unfiled("10056", "周晓"), Language.ZH));
        assertThat(answer.getStatus()).isEqualTo(ApplicationStatus.REVIEW);
        String no = answer.getApplicationNo();

        JsonNode task = rest("POST", "/admin/api/reviews/" + no + "/check", null, "reviewer", 200);
        assertThat(task.get("channel").asText()).isEqualTo("QUEUE");
        assertThat(task.get("department").asText()).isEqualTo("grad"); // 研究生院 declares MASTER and DOCTOR
        assertThat(task.get("dueDate").asText()).isEqualTo("2026-12-07"); // 10 working days from Monday 2026-11-23
        String taskId = task.get("taskId").asText();
        assertThat(status(no).getStatus()).isIn(ApplicationStatus.CHECKING, ApplicationStatus.COMPLETED);

        await(() -> status(no).getStatus() == ApplicationStatus.COMPLETED, "application " + no + " completed");
        GetApplicationStatusResponse done = status(no);
        assertThat(done.getResult()).isEqualTo(ReportResult.CONSISTENT);
        assertThat(done.getReportNo()).isNotBlank();
        assertThat(unitSimulator.received()).contains(taskId);
        assertThat(jdbc.queryForMap("SELECT status, delivery, outcome, answered_by FROM check_task WHERE task_id = ?", taskId))
                .containsEntry("STATUS", "ANSWERED").containsEntry("DELIVERY", "DELIVERED")
                .containsEntry("OUTCOME", "CONFIRMED").containsEntry("ANSWERED_BY", "unit-10056");
        awaitNotified(no, "CHECKING");
        awaitNotified(no, "COMPLETED");
        assertThat(status(no).getHistory()).extracting(h -> h.getStatus())
                .containsSubsequence(ApplicationStatus.RECEIVED, ApplicationStatus.REVIEW, ApplicationStatus.CHECKING,
                        ApplicationStatus.COMPLETED);
    }

    @Test
    void theSoapUnitIsDownForAWhileAndGetsTheTaskOnceItIsUp() throws Exception {
        unitSimulator.setUp(false);
        SubmitApplicationResponse answer = portal().submitApplication(application(unfiled("10486", "吴昊"), Language.ZH));
        String no = answer.getApplicationNo();
        String taskId = rest("POST", "/admin/api/reviews/" + no + "/check", null, "reviewer", 200).get("taskId").asText();
        await(() -> count("SELECT COUNT(*) FROM check_task WHERE task_id = ? AND delivery = 'RETRYING'", taskId) == 1,
                "task " + taskId + " retrying");
        unitSimulator.setUp(true);
        await(() -> status(no).getStatus() == ApplicationStatus.COMPLETED, "application " + no + " completed");
        assertThat(jdbc.queryForMap("SELECT delivery, attempts, answered_by FROM check_task WHERE task_id = ?", taskId))
                .containsEntry("DELIVERY", "DELIVERED").containsEntry("ANSWERED_BY", "queue:unit-10486");
        assertThat(count("SELECT attempts FROM check_task WHERE task_id = ?", taskId)).isGreaterThan(1);
        assertThat(unitSimulator.received()).containsOnlyOnce(taskId);
    }

    @Test
    void aResultOnTheQueueCountsOnlyFromTheTasksOwnUnit() throws Exception {
        unitSimulator.setAnswering(false);
        SubmitApplicationResponse answer = portal().submitApplication(application(unfiled("10486", "冯立"), Language.ZH));
        String no = answer.getApplicationNo();
        String taskId = rest("POST", "/admin/api/reviews/" + no + "/check", null, "reviewer", 200).get("taskId").asText();
        await(() -> count("SELECT COUNT(*) FROM check_task WHERE task_id = ? AND delivery = 'DELIVERED'", taskId) == 1,
                "task " + taskId + " delivered");
        // unit 10056 answers unit 10486's task on the result queue with its own broker account
        String forged = "<submitCheckResultRequest xmlns=\"urn:degreehub:check:v1\"><requestId>" + unique("forged")
                + "</requestId><taskId>" + taskId + "</taskId><outcome>NO_RECORD</outcome><checker>x</checker>"
                + "</submitCheckResultRequest>";
        try (var unit = brokerAccount("unit-10056"); jakarta.jms.Connection c = unit.createConnection()) {
            jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.TextMessage m = s.createTextMessage(forged);
            m.setStringProperty("degreehubOriginalSender", "unit-10486");
            s.createProducer(s.createQueue("degreehub.check.result")).send(m);
        }
        boolean refused = false;
        try (jakarta.jms.Connection connection = connectionFactory.createConnection();
             jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
             jakarta.jms.MessageConsumer dlq = session.createConsumer(session.createQueue("DLQ.degreehub.check.result"),
                     "degreehubOriginalSender = 'unit-10056'")) {
            connection.start();
            jakarta.jms.Message m;
            while (!refused && (m = dlq.receive(20_000)) != null) {
                refused = new String(JmsBodies.bytes((jakarta.jms.BytesMessage) m), StandardCharsets.UTF_8).contains(taskId);
            }
        }
        assertThat(refused).as("the forged result is dead-lettered").isTrue();
        assertThat(jdbc.queryForObject("SELECT status FROM check_task WHERE task_id = ?", String.class, taskId)).isEqualTo("OPEN");
        assertThat(status(no).getStatus()).isEqualTo(ApplicationStatus.CHECKING);
    }

    @Test
    void aUnitThatStaysDownDeadLettersTheTaskWhichStaysOpenAndListed() throws Exception {
        unitSimulator.setUp(false);
        SubmitApplicationResponse answer = portal().submitApplication(application(unfiled("10486", "郑敏"), Language.ZH));
        String no = answer.getApplicationNo();
        String taskId = rest("POST", "/admin/api/reviews/" + no + "/check", null, "reviewer", 200).get("taskId").asText();
        await(() -> count("SELECT COUNT(*) FROM check_task WHERE task_id = ? AND delivery = 'DEAD'", taskId) == 1,
                "task " + taskId + " dead-lettered");
        int attempts = count("SELECT attempts FROM check_task WHERE task_id = ?", taskId);
        assertThat(attempts).isGreaterThan(1);
        assertThat(count("SELECT COUNT(*) FROM deadline_alert WHERE kind = 'DEAD_LETTER' AND subject = 'CHECK_TASK'"
                + " AND ref = ? AND unit_code = '10486'", taskId)).isEqualTo(1);
        assertThat(status(no).getStatus()).isEqualTo(ApplicationStatus.CHECKING);
        // the request itself waits in the dead-letter queue with its reason
        boolean found = false;
        try (jakarta.jms.Connection connection = connectionFactory.createConnection();
             jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
             jakarta.jms.MessageConsumer dlq = session.createConsumer(session.createQueue("DLQ.degreehub.check.dispatch"))) {
            connection.start();
            jakarta.jms.Message m;
            while (!found && (m = dlq.receive(10_000)) != null) {
                if (new String(JmsBodies.bytes((jakarta.jms.BytesMessage) m), StandardCharsets.UTF_8).contains(taskId)) {
                    assertThat(m.getStringProperty("degreehubFailureReason")).isNotBlank();
                    assertThat(m.getStringProperty("degreehubDeliveryCount")).isEqualTo(String.valueOf(attempts));
                    found = true;
                }
            }
        }
        assertThat(found).as("check request of " + taskId + " in DLQ.degreehub.check.dispatch").isTrue();
        // the unit still sees it and can answer it (e.g. on paper through its lead account)
        CheckTask listed = unit("unit-10486").listCheckTasks(new ListCheckTasksRequest()).getTask().stream()
                .filter(t -> t.getTaskId().equals(taskId)).findFirst().orElseThrow();
        assertThat(listed.getDelivery()).hasToString("DEAD");
        assertThat(listed.getStatus()).isEqualTo(CheckTaskStatus.OPEN);
    }

    @Test
    void theLeadReassignsADepartmentSeesOnlyItsScopeAndNoRecordIsReported() throws Exception {
        unitSimulator.setAnswering(false);
        String no = portal().submitApplication(application(unfiled("10056", "陈静"), Language.ZH)).getApplicationNo();
        String taskId = rest("POST", "/admin/api/reviews/" + no + "/check", null, "reviewer", 200).get("taskId").asText();
        DegreeCheckPortType lead = unit("unit-10056");
        DegreeCheckPortType grad = unit("unit-10056-grad");
        DegreeCheckPortType otherUnit = unit("unit-10486");
        assertThat(ids(grad)).contains(taskId);
        assertThat(ids(otherUnit)).doesNotContain(taskId);

        // only the lead reassigns; after that the graduate school no longer sees the task nor may answer it
        assertThat(faultOf(() -> grad.reassignCheckTask(reassign(taskId, "lead")))).isEqualTo(FaultCode.FORBIDDEN);
        assertThat(lead.reassignCheckTask(reassign(taskId, "lead")).getTask().getDepartment()).isEqualTo("lead");
        assertThat(ids(grad)).doesNotContain(taskId);
        assertThat(ids(lead)).contains(taskId);
        assertThat(faultOf(() -> grad.submitCheckResult(result(taskId, CheckOutcome.CONFIRMED)))).isEqualTo(FaultCode.FORBIDDEN);
        assertThat(faultOf(() -> otherUnit.submitCheckResult(result(taskId, CheckOutcome.CONFIRMED)))).isEqualTo(FaultCode.NOT_FOUND);
        assertThat(faultOf(() -> lead.reassignCheckTask(reassign(taskId, "nosuch")))).isEqualTo(FaultCode.INVALID_REQUEST);
        assertThat(faultOf(() -> grad.getLaborFeeStatement(period()))).isEqualTo(FaultCode.FORBIDDEN);

        lead.reassignCheckTask(reassign(taskId, "grad"));
        SubmitCheckResultRequest noRecord = result(taskId, CheckOutcome.NO_RECORD);
        SubmitCheckResultResponse done = grad.submitCheckResult(noRecord);
        assertThat(done.getResult()).isEqualTo(ReportResult.NO_RECORD);
        // the same request again is answered the same; a new one for a closed task is refused
        assertThat(grad.submitCheckResult(noRecord).getReportNo()).isEqualTo(done.getReportNo());
        assertThat(faultOf(() -> grad.submitCheckResult(result(taskId, CheckOutcome.CONFIRMED)))).isEqualTo(FaultCode.INVALID_STATE);
        assertThat(status(no).getResult()).isEqualTo(ReportResult.NO_RECORD);
        assertThat(jdbc.queryForList("SELECT event FROM check_task_event WHERE task_id = ? ORDER BY id", String.class, taskId))
                .containsSubsequence("CREATED", "REASSIGNED", "REASSIGNED", "ANSWERED");

        GetLaborFeeStatementResponse fee = lead.getLaborFeeStatement(period());
        assertThat(fee.getDepartment()).anySatisfy(d -> {
            assertThat(d.getDepartment()).isEqualTo("grad");
            assertThat(d.getCompletedChecks()).isPositive();
            assertThat(d.getFeeYuan()).isEqualByComparingTo(fee.getFeePerCheckYuan().multiply(
                    java.math.BigDecimal.valueOf(d.getCompletedChecks())));
        });
    }

    @Test
    void anOtherAnswerNeedsRemarksAndSendsTheApplicationBackToReview() throws Exception {
        unitSimulator.setAnswering(false);
        String no = portal().submitApplication(application(unfiled("10056", "孙悦"), Language.ZH)).getApplicationNo();
        String taskId = rest("POST", "/admin/api/reviews/" + no + "/check", null, "reviewer", 200).get("taskId").asText();

        SubmitCheckResultRequest bare = result(taskId, CheckOutcome.OTHER);
        bare.setRemarks(null);
        assertThat(faultOf(() -> unit("unit-10056").submitCheckResult(bare))).isEqualTo(FaultCode.INVALID_REQUEST);
        SubmitCheckResultRequest other = result(taskId, CheckOutcome.OTHER);
        other.setRemarks("档案记载该生已转学，学位由转入学校授予，请中心联系转入学校");
        var answered = unit("unit-10056").submitCheckResult(other);
        assertThat(answered.getStatus()).isEqualTo(CheckTaskStatus.ANSWERED);
        assertThat(answered.getReportNo()).isNull();
        assertThat(answered.getResult()).isNull();

        GetApplicationStatusResponse now = status(no);
        assertThat(now.getStatus()).isEqualTo(ApplicationStatus.REVIEW);
        assertThat(now.getReportNo()).isNull();
        assertThat(now.getHistory()).anySatisfy(h -> assertThat(h.getNoteZh()).contains("其他", "转学"));
        awaitNotified(no, "REVIEW");
        assertThat(jdbc.queryForMap("SELECT status, outcome, remarks FROM check_task WHERE task_id = ?", taskId))
                .containsEntry("STATUS", "ANSWERED").containsEntry("OUTCOME", "OTHER");
        // the reviewer reads the remarks and may check again
        JsonNode again = rest("POST", "/admin/api/reviews/" + no + "/check", null, "reviewer", 200);
        assertThat(again.get("taskId").asText()).isNotEqualTo(taskId);
    }

    @Test
    void aPaperAnswerIsEnteredByAReviewerWithItsScan() throws Exception {
        unitSimulator.setAnswering(false);
        String no = portal().submitApplication(application(unfiled("10056", "钱程"), Language.ZH)).getApplicationNo();
        String taskId = rest("POST", "/admin/api/reviews/" + no + "/check", null, "reviewer", 200).get("taskId").asText();
        byte[] pdf = "%PDF-1.4\n% 学位信息核查反馈表（书面）\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String path = "/admin/api/check-tasks/" + taskId + "/paper-answer";

        assertThat(multipart(path, java.util.Map.of("outcome", "CONFIRMED"), "scan", null, "reviewer").statusCode())
                .as("the scan is required").isEqualTo(400);
        assertThat(multipart(path, java.util.Map.of("outcome", "CONFIRMED"), "scan", pdf, "unit-10056").statusCode())
                .as("a unit account is no reviewer").isIn(401, 403);
        HttpResponse<String> entered = multipart(path, java.util.Map.of("outcome", "CONFIRMED", "checker", "档案馆 周老师",
                "remarks", "书面答复：经查档案，学位信息无误"), "scan", pdf, "reviewer");
        assertThat(entered.statusCode()).as(entered.body()).isEqualTo(200);
        assertThat(JSON.readTree(entered.body()).get("reportNo").asText()).isNotBlank();
        assertThat(status(no).getStatus()).isEqualTo(ApplicationStatus.COMPLETED);
        assertThat(jdbc.queryForMap("SELECT status, outcome, answered_by FROM check_task WHERE task_id = ?", taskId))
                .containsEntry("STATUS", "ANSWERED").containsEntry("OUTCOME", "CONFIRMED")
                .containsEntry("ANSWERED_BY", "paper:reviewer");
        assertThat(http("GET", path + "/scan", null, "reviewer").body()).isEqualTo(pdf);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'CHECK_PAPER_ANSWER' AND target = ?", taskId))
                .isEqualTo(1);
        assertThat(multipart(path, java.util.Map.of("outcome", "CONFIRMED"), "scan", pdf, "reviewer").statusCode())
                .as("answered once").isEqualTo(409);
    }

    @Test
    void aCorrectedAnswerFixesTheDatabaseSoTheNextApplicationMatchesAtOnce() throws Exception {
        unitSimulator.setAnswering(false);
        // the database has a mistyped name; the applicant's is right
        FilingRecord record = filed.get(1);
        DegreeAsApplied applied = asApplied(record);
        String trueName = "欧阳" + record.getXM().substring(1);
        applied.setHolderName(trueName);
        String no = portal().submitApplication(application(applied, Language.ZH)).getApplicationNo();
        String taskId = rest("POST", "/admin/api/reviews/" + no + "/check", null, "reviewer", 200).get("taskId").asText();
        CheckTask task = unit("unit-10056").listCheckTasks(new ListCheckTasksRequest()).getTask().stream()
                .filter(t -> t.getTaskId().equals(taskId)).findFirst().orElseThrow();
        assertThat(task.getDifferingField()).extracting(f -> f.value()).containsExactly("holderName");
        assertThat(task.getDatabaseRecord().getHolderName()).isEqualTo(record.getXM());

        SubmitCheckResultRequest corrected = result(taskId, CheckOutcome.CORRECTED);
        CorrectedFields fields = new CorrectedFields();
        fields.setHolderName(trueName);
        corrected.setCorrected(fields);
        assertThat(unit("unit-10056-grad").submitCheckResult(corrected).getResult()).isEqualTo(ReportResult.CONSISTENT);

        JsonNode proposed = rest("GET", "/admin/api/degree-changes", null, "reviewer", 200);
        JsonNode change = null;
        for (JsonNode c : proposed) {
            if (c.get("taskId").asText().equals(taskId)) {
                change = c;
            }
        }
        assertThat(change).isNotNull();
        assertThat(change.get("holderName").asText()).isEqualTo(trueName);
        rest("POST", "/admin/api/degree-changes/" + change.get("id").asLong() + "/confirm", null, "reviewer", 200);
        publishNow();

        SubmitApplicationResponse again = portal().submitApplication(application(applied, Language.ZH));
        assertThat(again.getStatus()).isEqualTo(ApplicationStatus.COMPLETED);
        assertThat(again.getResult()).isEqualTo(ReportResult.CONSISTENT);
    }

    @Test
    void anObjectionIsCheckedAgainAndTheNewReportReplacesTheOld() throws Exception {
        DegreeVerificationPortType portal = portal();
        SubmitApplicationResponse first = portal.submitApplication(application(asApplied(filed.get(2)), Language.ZH));
        assertThat(first.getStatus()).isEqualTo(ApplicationStatus.COMPLETED);
        String oldReport = first.getReportNo();

        RaiseObjectionRequest objection = new RaiseObjectionRequest();
        objection.setRequestId(unique("objection"));
        objection.setApplicationNo(first.getApplicationNo());
        objection.setReason("学位证书所载专业与报告不符");
        assertThat(portal.raiseObjection(objection).getStatus()).isEqualTo(ApplicationStatus.CHECKING);
        // the same request again: the same answer, no second task
        assertThat(portal.raiseObjection(objection).getStatus()).isEqualTo(ApplicationStatus.CHECKING);
        assertThat(count("SELECT COUNT(*) FROM check_task WHERE application_no = ?", first.getApplicationNo())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT document FROM check_task WHERE application_no = ?", String.class,
                first.getApplicationNo())).contains("学位证书所载专业与报告不符");

        await(() -> status(first.getApplicationNo()).getStatus() == ApplicationStatus.COMPLETED,
                "re-checked " + first.getApplicationNo());
        String newReport = status(first.getApplicationNo()).getReportNo();
        assertThat(newReport).isNotEqualTo(oldReport);
        VerifyReportRequest old = new VerifyReportRequest();
        old.setReportNo(oldReport);
        VerifyReportResponse replaced = portal.verifyReport(old);
        assertThat(replaced.getReportStatus()).isEqualTo(ReportStatus.REVOKED);
        assertThat(replaced.getSupersededBy()).isEqualTo(newReport);
        VerifyReportRequest current = new VerifyReportRequest();
        current.setReportNo(newReport);
        assertThat(portal.verifyReport(current).getReportStatus()).isEqualTo(ReportStatus.VALID);
        awaitNotified(first.getApplicationNo(), "CHECKING");
    }

    @Test
    void cancellationIsRefusedOnceTheCheckRequestWentOut() throws Exception {
        unitSimulator.setAnswering(false);
        DegreeVerificationPortType portal = portal();
        String no = portal.submitApplication(application(unfiled("10056", "孙丽"), Language.ZH)).getApplicationNo();
        rest("POST", "/admin/api/reviews/" + no + "/check", null, "reviewer", 200);
        CancelApplicationRequest cancel = new CancelApplicationRequest();
        cancel.setRequestId(unique("cancel"));
        cancel.setApplicationNo(no);
        assertThat(faultOf(() -> portal.cancelApplication(cancel))).isEqualTo(FaultCode.INVALID_STATE);
        assertThat(status(no).getStatus()).isEqualTo(ApplicationStatus.CHECKING);
    }

    @Test
    void remindersEscalationsAndADelayAnnouncedInAdvance() throws Exception {
        unitSimulator.setAnswering(false);
        String no = portal().submitApplication(application(unfiled("10056", "钱进"), Language.ZH)).getApplicationNo();
        String taskId = rest("POST", "/admin/api/reviews/" + no + "/check", null, "reviewer", 200).get("taskId").asText();
        String alertsOf = "SELECT kind || '@' || TO_CHAR(due_date, 'YYYY-MM-DD') FROM deadline_alert WHERE ref = ? ORDER BY id";

        // due Mon 2026-12-07: on Thu 12-03 two working days are left → one reminder, however often the watch runs
        timeLimitWatch.scan(java.time.LocalDate.of(2026, 12, 3));
        timeLimitWatch.scan(java.time.LocalDate.of(2026, 12, 3));
        assertThat(jdbc.queryForList(alertsOf, String.class, taskId)).containsExactly("REMINDER@2026-12-07");
        timeLimitWatch.scan(java.time.LocalDate.of(2026, 12, 8));
        assertThat(jdbc.queryForList(alertsOf, String.class, taskId)).containsExactly("REMINDER@2026-12-07", "OVERDUE@2026-12-07");
        JsonNode alerts = rest("GET", "/admin/api/deadlines/alerts", null, "reviewer", 200);
        assertThat(alerts.findValuesAsText("ref")).contains(taskId);

        // the unit announces a delay before its due date: at most 10 more working days, once
        DegreeCheckPortType lead = unit("unit-10056");
        assertThat(faultOf(() -> lead.announceCheckDelay(delay(taskId, "2026-12-22")))).isEqualTo(FaultCode.INVALID_REQUEST);
        CheckTask delayed = lead.announceCheckDelay(delay(taskId, "2026-12-14")).getTask();
        assertThat(delayed.getDueDate()).isEqualTo(java.time.LocalDate.of(2026, 12, 14));
        assertThat(delayed.getDelayReason()).isEqualTo("档案在异地库房，调档需时");
        assertThat(faultOf(() -> lead.announceCheckDelay(delay(taskId, "2026-12-15")))).isEqualTo(FaultCode.INVALID_STATE);
        GetApplicationStatusResponse status = status(no);
        assertThat(status.getDueDates().getUnitDueDate()).isEqualTo(java.time.LocalDate.of(2026, 12, 14));
        assertThat(status.getHistory()).anySatisfy(h -> assertThat(h.getNoteZh()).contains("申请延期").contains("调档"));

        // judged by the new date: nothing on 12-08, a reminder on Thu 12-10, overdue on 12-15
        timeLimitWatch.scan(java.time.LocalDate.of(2026, 12, 8));
        assertThat(jdbc.queryForList(alertsOf, String.class, taskId)).hasSize(2);
        timeLimitWatch.scan(java.time.LocalDate.of(2026, 12, 10));
        timeLimitWatch.scan(java.time.LocalDate.of(2026, 12, 15));
        assertThat(jdbc.queryForList(alertsOf, String.class, taskId)).containsExactly("REMINDER@2026-12-07",
                "OVERDUE@2026-12-07", "REMINDER@2026-12-14", "OVERDUE@2026-12-14");
        JsonNode open = rest("GET", "/admin/api/deadlines?unit=10056", null, "reviewer", 200);
        assertThat(open.findValuesAsText("ref")).contains(taskId);
        // the gauge counts open tasks past their due date (as of the hub's today): this task, its date moved into
        // the past, is one more; answered, it is no longer open
        double overdueBefore = overdueChecks();
        jdbc.update("UPDATE check_task SET due_date = DATE '2026-11-02' WHERE task_id = ?", taskId);
        assertThat(overdueChecks()).isEqualTo(overdueBefore + 1);
        lead.submitCheckResult(result(taskId, CheckOutcome.CONFIRMED));
        assertThat(overdueChecks()).isEqualTo(overdueBefore);
    }

    double overdueChecks() throws Exception {
        JsonNode metric = rest("GET", "/actuator/metrics/degreehub.checks.overdue", null, "admin", 200);
        return metric.get("measurements").get(0).get("value").asDouble();
    }

    @Test
    void aSpotCheckRevokesOneReportAndReissuesAnother() throws Exception {
        DegreeVerificationPortType portal = portal();
        List<FilingRecord> records = fileAndPublish(2020, 2);
        String revoked = portal.submitApplication(application(asApplied(records.get(0)), Language.ZH)).getReportNo();
        SubmitApplicationResponse reissued = portal.submitApplication(application(asApplied(records.get(1)), Language.ZH));
        assertThat(revoked).isNotNull();

        JsonNode run = rest("POST", "/admin/api/spot-checks", "{\"from\":\"2026-11-23\",\"to\":\"2026-11-23\",\"share\":1}",
                "reviewer", 200);
        assertThat(run.get("sampled").asInt()).isEqualTo(run.get("population").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(run.get("items").findValuesAsText("reportNo")).contains(revoked, reissued.getReportNo());
        // a share of 5 %: at least one report, never more than the share rounded up
        JsonNode small = rest("POST", "/admin/api/spot-checks", "{\"from\":\"2026-11-23\",\"to\":\"2026-11-23\",\"share\":0.05}",
                "reviewer", 200);
        assertThat(small.get("sampled").asInt()).isEqualTo((int) Math.ceil(small.get("population").asInt() * 0.05));

        long revokeItem = itemOf(run, revoked);
        assertThat(rest("POST", "/admin/api/spot-checks/items/" + revokeItem + "/decision", "{\"verdict\":\"REVOKE\"}",
                "reviewer", 400).get("field").asText()).isEqualTo("reason");
        rest("POST", "/admin/api/spot-checks/items/" + revokeItem + "/decision",
                "{\"verdict\":\"REVOKE\",\"reason\":\"证书编号与档案不符\"}", "reviewer", 200);
        JsonNode again = rest("POST", "/admin/api/spot-checks/items/" + itemOf(run, reissued.getReportNo()) + "/decision",
                "{\"verdict\":\"REISSUE\",\"reason\":\"学科名称有误\"}", "reviewer", 200);
        String newReport = again.get("newReportNo").asText();

        VerifyReportRequest v = new VerifyReportRequest();
        v.setReportNo(revoked);
        VerifyReportResponse gone = portal.verifyReport(v);
        assertThat(gone.getReportStatus()).isEqualTo(ReportStatus.REVOKED);
        assertThat(gone.getSummary()).as("a revoked report no longer shows the degree").isNull();
        // the portal learns of the revocation of its application's report
        await(() -> portalSimulator.received().stream().anyMatch(n -> revoked.equals(n.reportNo())
                && "REVOKED".equals(n.reportStatus()) && "COMPLETED".equals(n.status())), "portal told " + revoked + " REVOKED");
        v.setReportNo(reissued.getReportNo());
        VerifyReportResponse old = portal.verifyReport(v);
        assertThat(old.getReportStatus()).isEqualTo(ReportStatus.REVOKED);
        assertThat(old.getSupersededBy()).isEqualTo(newReport);
        v.setReportNo(newReport);
        assertThat(portal.verifyReport(v).getReportStatus()).isEqualTo(ReportStatus.VALID);
        assertThat(status(reissued.getApplicationNo()).getReportNo()).isEqualTo(newReport);
        assertThat(rest("GET", "/admin/api/spot-checks/" + run.get("id").asLong(), null, "reviewer", 200)
                .get("items").findValuesAsText("status")).contains("REVOKED", "REISSUED");
    }

    @Test
    void aSpotCheckAsksTheUnitWhoseAnswerReplacesTheReport() throws Exception {
        unitSimulator.setAnswering(false);
        FilingRecord r = fileAndPublish(2019, 1).get(0);
        SubmitApplicationResponse issued = portal().submitApplication(application(asApplied(r), Language.ZH));
        JsonNode run = rest("POST", "/admin/api/spot-checks", "{\"from\":\"2026-11-23\",\"to\":\"2026-11-23\",\"share\":1}",
                "reviewer", 200);
        long item = itemOf(run, issued.getReportNo());
        assertThat(rest("POST", "/admin/api/spot-checks/items/" + item + "/decision", "{\"verdict\":\"ASK_UNIT\"}",
                "reviewer", 400).get("field").asText()).isEqualTo("reason");
        JsonNode asked = rest("POST", "/admin/api/spot-checks/items/" + item + "/decision",
                "{\"verdict\":\"ASK_UNIT\",\"reason\":\"专业名称与档案不一致，请核实\"}", "reviewer", 200);
        assertThat(asked.get("status").asText()).isEqualTo("ASKED_UNIT");
        assertThat(status(issued.getApplicationNo()).getStatus()).isEqualTo(ApplicationStatus.CHECKING);
        String taskId = jdbc.queryForObject("SELECT task_id FROM check_task WHERE application_no = ? AND status = 'OPEN'",
                String.class, issued.getApplicationNo());
        CheckTask task = unit("unit-10056").listCheckTasks(new ListCheckTasksRequest()).getTask().stream()
                .filter(t -> t.getTaskId().equals(taskId)).findFirst().orElseThrow();
        assertThat(task.getObjection()).contains("抽查", "专业名称");

        String newReport = unit("unit-10056").submitCheckResult(result(taskId, CheckOutcome.CONFIRMED)).getReportNo();
        VerifyReportRequest v = new VerifyReportRequest();
        v.setReportNo(issued.getReportNo());
        VerifyReportResponse old = portal().verifyReport(v);
        assertThat(old.getReportStatus()).isEqualTo(ReportStatus.REVOKED);
        assertThat(old.getSupersededBy()).isEqualTo(newReport);
    }

    static long itemOf(JsonNode run, String reportNo) {
        for (JsonNode item : run.get("items")) {
            if (item.get("reportNo").asText().equals(reportNo)) {
                return item.get("id").asLong();
            }
        }
        throw new AssertionError("not sampled: " + reportNo);
    }

    // ---- helpers ----

    static cn.degreehub.contract.check.AnnounceCheckDelayRequest delay(String taskId, String newDue) {
        cn.degreehub.contract.check.AnnounceCheckDelayRequest r = new cn.degreehub.contract.check.AnnounceCheckDelayRequest();
        r.setRequestId(unique("delay"));
        r.setTaskId(taskId);
        r.setNewDueDate(java.time.LocalDate.parse(newDue));
        r.setReason("档案在异地库房，调档需时");
        return r;
    }

    List<String> ids(DegreeCheckPortType unit) throws DegreeHubFault {
        ListCheckTasksRequest open = new ListCheckTasksRequest();
        open.setStatus(CheckTaskStatus.OPEN);
        return unit.listCheckTasks(open).getTask().stream().map(CheckTask::getTaskId).toList();
    }

    static ReassignCheckTaskRequest reassign(String taskId, String department) {
        ReassignCheckTaskRequest r = new ReassignCheckTaskRequest();
        r.setRequestId(unique("reassign"));
        r.setTaskId(taskId);
        r.setDepartment(department);
        return r;
    }

    static SubmitCheckResultRequest result(String taskId, CheckOutcome outcome) {
        SubmitCheckResultRequest r = new SubmitCheckResultRequest();
        r.setRequestId(unique("result"));
        r.setTaskId(taskId);
        r.setOutcome(outcome);
        r.setChecker("王老师");
        r.setRemarks("已核对档案");
        return r;
    }

    static GetLaborFeeStatementRequest period() {
        GetLaborFeeStatementRequest r = new GetLaborFeeStatementRequest();
        r.setPeriod("2026-11");
        return r;
    }


    GetApplicationStatusResponse status(String applicationNo) {
        GetApplicationStatusRequest r = new GetApplicationStatusRequest();
        r.setApplicationNo(applicationNo);
        try {
            return portal().getApplicationStatus(r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(BooleanSupplier condition, String what) {
        Waiting.await(what).until(condition::getAsBoolean);
    }

    void awaitNotified(String applicationNo, String status) throws InterruptedException {
        await(() -> portalSimulator.received().stream().anyMatch(n -> n.applicationNo().equals(applicationNo)
                && n.status().equals(status)), "portal told of " + applicationNo + " " + status);
    }

}
