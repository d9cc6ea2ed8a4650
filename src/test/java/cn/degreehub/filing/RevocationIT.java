package cn.degreehub.filing;

import static cn.degreehub.support.PortalRequests.application;
import static cn.degreehub.support.PortalRequests.asApplied;
import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.CorrectRecordRequest;
import cn.degreehub.contract.filing.DegreeFilingPortType;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.RecordStatus;
import cn.degreehub.contract.filing.RevokeDegreeRequest;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.verification.CloseReportRequest;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.GetApplicationStatusRequest;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.ReportStatus;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.contract.verification.VerifyReportRequest;
import cn.degreehub.contract.verification.VerifyReportResponse;
import cn.degreehub.demo.PortalSimulator;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.LoopbackHttp;
import cn.degreehub.support.Waiting;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Revocation reaches every copy (docs/domain-rules.md, "Revocation"): revoking a filed degree (by its province or by
 * its unit's lead account, seed 004 第九条) revokes its reports that still count, with the reason, and tells the
 * portal for each application; a report that no longer counts answers its status only, over SOAP and at /verify.
 */
class RevocationIT extends HubTestSupport {

    @Autowired
    PortalSimulator portalSimulator;

    DegreeVerificationPortType portal() {
        return verificationMtom("portal");
    }

    static RevokeDegreeRequest revocation(String certificate, String reason) {
        RevokeDegreeRequest r = new RevokeDegreeRequest();
        r.setRequestId(unique("revoke"));
        r.setXWZSBH(certificate);
        r.setDecisionDate(LocalDate.of(2026, 11, 20));
        r.setReason(reason);
        return r;
    }

    VerifyReportResponse verify(String reportNo) throws Exception {
        VerifyReportRequest v = new VerifyReportRequest();
        v.setReportNo(reportNo);
        return portal().verifyReport(v);
    }

    @Test
    void revokingADegreeRevokesItsReportsWithTheReasonAndTellsThePortal() throws Exception {
        List<FilingRecord> records = fileAndPublish(2021, 1);
        FilingRecord record = records.get(0);
        SubmitApplicationResponse first = portal().submitApplication(application(asApplied(record), Language.ZH));
        SubmitApplicationResponse second = portal().submitApplication(application(asApplied(record), Language.EN));
        assertThat(verify(first.getReportNo()).getSummary()).isNotNull();
        String code = jdbc.queryForObject("SELECT verification_code FROM verification_report WHERE report_no = ?",
                String.class, second.getReportNo());

        assertThat(filing("province-12").revokeDegree(revocation(record.getXWZSBH(), "论文抄袭，撤销学位")).getStatus())
                .isEqualTo(RecordStatus.REVOKED);

        for (SubmitApplicationResponse application : List.of(first, second)) {
            VerifyReportResponse revoked = verify(application.getReportNo());
            assertThat(revoked.getReportStatus()).isEqualTo(ReportStatus.REVOKED);
            assertThat(revoked.getSummary()).isNull();
            assertThat(revoked.getResult()).isNull();
            assertThat(jdbc.queryForObject("SELECT revocation_reason FROM verification_report WHERE report_no = ?",
                    String.class, application.getReportNo())).contains("论文抄袭，撤销学位");
            // the application stays COMPLETED; its history says why; the portal is told of the report
            GetApplicationStatusRequest status = new GetApplicationStatusRequest();
            status.setApplicationNo(application.getApplicationNo());
            var now = portal().getApplicationStatus(status);
            assertThat(now.getStatus().value()).isEqualTo("COMPLETED");
            assertThat(now.getHistory()).anySatisfy(h -> assertThat(h.getNoteZh()).contains("已撤销", "论文抄袭"));
            Waiting.await("the portal told of " + application.getReportNo()).until(() -> portalSimulator.received().stream()
                    .anyMatch(n -> application.getReportNo().equals(n.reportNo()) && "REVOKED".equals(n.reportStatus())));
        }
        assertThat(count("SELECT COUNT(*) FROM portal_notification WHERE report_status = 'REVOKED' AND application_no IN (?, ?)",
                first.getApplicationNo(), second.getApplicationNo())).isEqualTo(2);

        // the public address shows the status and the reason, not the degree
        LoopbackHttp.Response page = new LoopbackHttp("127.0.0.71", port).get("/verify/" + code, java.util.Map.of("Accept", "application/json"));
        JsonNode json = JSON.readTree(page.body());
        assertThat(json.get("reportStatus").asText()).isEqualTo("REVOKED");
        assertThat(json.get("revocationReason").asText()).contains("论文抄袭");
        assertThat(json.has("holderName")).isFalse();

        // a degree no longer published cannot be verified again
        SubmitApplicationResponse after = portal().submitApplication(application(asApplied(record), Language.ZH));
        assertThat(after.getReportNo()).isNull();
    }

    @Test
    void aUnitsLeadRevokesItsOwnDegreesOnlyAndCorrectsNothing() throws Exception {
        List<FilingRecord> records = fileAndPublish(2021, 2);
        DegreeFilingPortType lead = client(DegreeFilingPortType.class, "/services/filing", "unit-10056", "unit-10056-pass", false);
        assertThat(lead.revokeDegree(revocation(records.get(0).getXWZSBH(), "学位评定委员会决定撤销")).getStatus())
                .isEqualTo(RecordStatus.REVOKED);
        assertThat(count("SELECT COUNT(*) FROM record_history WHERE xwzsbh = ? AND action = 'REVOKED' AND actor = 'unit-10056'",
                records.get(0).getXWZSBH())).isEqualTo(1);

        // another unit's lead does not see the degree; a department may not revoke; a lead may not correct
        DegreeFilingPortType other = client(DegreeFilingPortType.class, "/services/filing", "unit-10486", "unit-10486-pass", false);
        assertThat(faultOf(() -> other.revokeDegree(revocation(records.get(1).getXWZSBH(), "x"))))
                .isEqualTo(FaultCode.NOT_FOUND);
        DegreeFilingPortType department = client(DegreeFilingPortType.class, "/services/filing", "unit-10056-grad",
                "unit-10056-grad-pass", false);
        assertThat(faultOf(() -> department.revokeDegree(revocation(records.get(1).getXWZSBH(), "x"))))
                .isEqualTo(FaultCode.FORBIDDEN);
        CorrectRecordRequest correction = new CorrectRecordRequest();
        correction.setRequestId(unique("correct"));
        correction.setXWZSBH(records.get(1).getXWZSBH());
        FilingRecord changes = new FilingRecord();
        changes.setXM("王小明");
        correction.setChanges(changes);
        assertThat(faultOf(() -> lead.correctRecord(correction))).isEqualTo(FaultCode.FORBIDDEN);
        assertThat(jdbc.queryForObject("SELECT status FROM degree_record WHERE xwzsbh = ?", String.class,
                records.get(1).getXWZSBH())).isNotEqualTo("REVOKED");
    }

    @Test
    void aClosedReportAnswersItsStatusOnly() throws Exception {
        FilingRecord record = fileAndPublish(2021, 1).get(0);
        SubmitApplicationResponse issued = portal().submitApplication(application(asApplied(record), Language.ZH));
        CloseReportRequest close = new CloseReportRequest();
        close.setRequestId(unique("close"));
        close.setReportNo(issued.getReportNo());
        portal().closeReport(close);

        VerifyReportResponse closed = verify(issued.getReportNo());
        assertThat(closed.getReportStatus()).isEqualTo(ReportStatus.CLOSED);
        assertThat(closed.getReportNo()).isEqualTo(issued.getReportNo());
        assertThat(closed.getSummary()).isNull();
        assertThat(closed.getResult()).isNull();
        assertThat(closed.getValidUntil()).isNull();
    }
}
