package cn.degreehub.filing;

import static cn.degreehub.support.PortalRequests.application;
import static cn.degreehub.support.PortalRequests.asApplied;
import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.CorrectRecordRequest;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.QueryDegreeRequest;
import cn.degreehub.contract.verification.QueryReason;
import cn.degreehub.contract.verification.ReportStatus;
import cn.degreehub.contract.verification.VerifyReportRequest;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.support.HubTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 政策审查 is the center's (docs/domain-rules.md, "Policy holds"; 细则 第七条): a filer may report a suspicion with
 * ZCSC but neither set nor clear the flag by correction; the center holds a record (offline at once), keeps the unit's
 * written explanation with its PDF scan, and decides to publish or to revoke, each step audited.
 */
class PolicyHoldIT extends HubTestSupport {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    DegreeVerificationPortType portal() {
        return client(DegreeVerificationPortType.class, "/services/verification", "portal", "portal-pass", false);
    }

    QueryReason query(FilingRecord r) throws Exception {
        QueryDegreeRequest q = new QueryDegreeRequest();
        q.setCertificateNumber(r.getXWZSBH());
        q.setHolderName(r.getXM());
        var answer = portal().queryDegree(q);
        return answer.isFound() ? null : answer.getReason();
    }

    HttpResponse<String> explain(String number, String text, byte[] scan, String user) throws Exception {
        return multipart("/admin/api/policy-holds/" + number + "/explanation", java.util.Map.of("explanation", text),
                "scan", scan, user);
    }

    static CorrectRecordRequest flag(String number, String value) {
        CorrectRecordRequest c = new CorrectRecordRequest();
        c.setRequestId(unique("correct"));
        c.setXWZSBH(number);
        FilingRecord changes = new FilingRecord();
        changes.setZCSC(value);
        c.setChanges(changes);
        c.setReason("政策审查标记");
        return c;
    }

    @Test
    void aFilersReportIsWithheldListedAndOnlyTheCenterClearsIt() throws Exception {
        List<FilingRecord> records = DemoRecords.records("10056", "天津大学", "120104", 3, 2017, freshSequences(1), 1);
        FilingRecord r = records.get(0);
        r.setZCSC("1");
        SubmitFilingBatchRequest batch = new SubmitFilingBatchRequest();
        batch.setBatchId(unique("policy"));
        batch.setProvinceCode("12");
        batch.setUnitCode("10056");
        batch.setSemester("2016-2017-2");
        batch.getRecord().addAll(records);
        assertThat(filing("province-12").submitFilingBatch(batch).getReceipt().getAccepted()).isEqualTo(1);
        publishNow();
        assertThat(query(r)).isEqualTo(QueryReason.WITHHELD);

        // the filer cannot clear it
        assertThat(faultOf(() -> filing("province-12").correctRecord(flag(r.getXWZSBH(), "0")))).isEqualTo(FaultCode.FORBIDDEN);
        JsonNode open = rest("GET", "/admin/api/policy-holds", null, "reviewer", 200);
        assertThat(open.findValuesAsText("certificateNumber")).contains(r.getXWZSBH());

        // the center takes the unit's explanation (a scan that is not a PDF is refused) and publishes
        assertThat(explain(r.getXWZSBH(), "学位授予程序符合规定", "not a pdf".getBytes(StandardCharsets.UTF_8), "reviewer")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> explained = explain(r.getXWZSBH(), "学位授予程序符合规定，附学位评定委员会决议", PDF, "reviewer");
        assertThat(explained.statusCode()).as(explained.body()).isEqualTo(200);
        assertThat(JSON.readTree(explained.body()).get("hasScan").asBoolean()).isTrue();
        HttpResponse<byte[]> scan = http("GET", "/admin/api/policy-holds/" + r.getXWZSBH() + "/scan", null, "reviewer");
        assertThat(scan.body()).isEqualTo(PDF);
        JsonNode decided = rest("POST", "/admin/api/policy-holds/" + r.getXWZSBH() + "/decision",
                "{\"decision\":\"PUBLISH\",\"reason\":\"经审查符合国家学位政策\"}", "reviewer", 200);
        assertThat(decided.get("status").asText()).isEqualTo("PUBLISHED");
        publishNow();
        assertThat(query(r)).isNull();
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE target = ? AND action IN ('POLICY_HOLD_EXPLANATION',"
                + " 'POLICY_HOLD_PUBLISH') AND actor = 'reviewer'", r.getXWZSBH())).isEqualTo(2);
    }

    @Test
    void theCenterHoldsAPublishedRecordAtOnceAndRevokesItWithItsReports() throws Exception {
        FilingRecord r = fileAndPublish(2017, 1).get(0);
        String reportNo = portal().submitApplication(application(asApplied(r), Language.ZH)).getReportNo();
        assertThat(reportNo).isNotNull();
        // the filer may not set the flag by correction either
        assertThat(faultOf(() -> filing("province-12").correctRecord(flag(r.getXWZSBH(), "1")))).isEqualTo(FaultCode.FORBIDDEN);

        assertThat(rest("POST", "/admin/api/policy-holds/" + r.getXWZSBH(), "{}", "reviewer", 400).get("field").asText())
                .isEqualTo("reason");
        assertThat(http("POST", "/admin/api/policy-holds/" + r.getXWZSBH(), "{\"reason\":\"x\"}", "portal").statusCode())
                .isIn(401, 403);
        rest("POST", "/admin/api/policy-holds/" + r.getXWZSBH(), "{\"reason\":\"举报：涉嫌学术不端\"}", "reviewer", 200);
        assertThat(query(r)).as("offline at once, not at the next publication").isEqualTo(QueryReason.WITHHELD);
        rest("POST", "/admin/api/policy-holds/" + r.getXWZSBH(), "{\"reason\":\"again\"}", "reviewer", 409);

        rest("POST", "/admin/api/policy-holds/" + r.getXWZSBH() + "/decision",
                "{\"decision\":\"REVOKE\",\"reason\":\"经审查违反国家学位政策，撤销学位\"}", "admin", 200);
        assertThat(jdbc.queryForObject("SELECT status FROM degree_record WHERE xwzsbh = ?", String.class, r.getXWZSBH()))
                .isEqualTo("REVOKED");
        VerifyReportRequest v = new VerifyReportRequest();
        v.setReportNo(reportNo);
        assertThat(portal().verifyReport(v).getReportStatus()).isEqualTo(ReportStatus.REVOKED);
        assertThat(query(r)).isEqualTo(QueryReason.REVOKED);
        assertThat(rest("GET", "/admin/api/policy-holds/" + r.getXWZSBH(), null, "reviewer", 200).get(0).get("status").asText())
                .isEqualTo("REVOKED");
    }
}
