package cn.degreehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.ReportStatus;
import cn.degreehub.contract.verification.VerifyReportRequest;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.PortalRequests;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The admin console over HTTP as a browser would use it: form login, CSRF, roles, languages (lockout: from
 * addresses of its own, in LoginThrottleIT).
 */
class ConsoleIT extends HubTestSupport {

    ConsoleClient browser() {
        return new ConsoleClient(port);
    }

    static String enc(String s) {
        return ConsoleClient.enc(s);
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPageWhichSpeaksChineseFirst() throws Exception {
        ConsoleClient b = browser();
        HttpResponse<String> r = b.get("/admin");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login");
        assertThat(b.get("/admin/login").body()).contains("用户名").contains("登录");
        assertThat(b.get("/admin/login?lang=en").body()).contains("User name");
        assertThat(b.get("/admin/routes").statusCode()).isEqualTo(302);
    }

    @Test
    void anAdminLogsInSeesTheDashboardAndStopsAndStartsARoute() throws Exception {
        ConsoleClient b = browser();
        HttpResponse<String> login = b.login("admin", "admin-pass");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/admin");
        HttpResponse<String> dashboard = b.get("/admin");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("认证申请").contains("死信队列").contains("DLQ.degreehub.check.dispatch");
        assertThat(b.get("/admin?lang=en").body()).contains("Verification applications").contains("Dead-letter queues");
        b.get("/admin?lang=zh_CN");

        HttpResponse<String> routes = b.get("/admin/routes");
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("time-limits-watch").contains("check-dispatch");

        // a form post without its CSRF token is refused and changes nothing
        assertThat(b.post("/admin/routes/time-limits-watch/stop", "").statusCode()).isEqualTo(403);
        assertThat(b.get("/admin/routes").body()).doesNotContain("id=\"route-time-limits-watch\" class=\"stopped\"");

        String token = b.csrf("/admin/routes");
        HttpResponse<String> stop = b.post("/admin/routes/time-limits-watch/stop", "_csrf=" + enc(token));
        assertThat(stop.statusCode()).isEqualTo(302);
        String after = b.get("/admin/routes").body();
        assertThat(after).contains("time-limits-watch → Stopped");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE actor = 'admin' AND action = 'ROUTE_STOP' AND target = 'time-limits-watch'"))
                .isPositive();
        b.post("/admin/routes/time-limits-watch/start", "_csrf=" + enc(b.csrf("/admin/routes")));
        assertThat(b.get("/admin/routes").body()).contains("time-limits-watch → Started");

        HttpResponse<String> logout = b.post("/admin/logout", "_csrf=" + enc(b.csrf("/admin")));
        assertThat(logout.headers().firstValue("Location").orElseThrow()).contains("/admin/login?logout");
        assertThat(b.get("/admin").statusCode()).isEqualTo(302);
    }

    static int figure(String page, Pattern where) {
        Matcher m = where.matcher(page);
        assertThat(m.find()).as("figure " + where).isTrue();
        return Integer.parseInt(m.group(1).trim());
    }

    static final Pattern COMPLETED_TODAY = Pattern.compile("data-status=\"COMPLETED\">\\s*<td>[^<]*</td>\\s*<td class=\"num today\">([0-9]+)</td>");
    static final Pattern FILINGS_TODAY = Pattern.compile("id=\"filings-today\">([0-9]+)<");

    @Test
    void aRecordsDetailShowsEveryFieldAsFiledAndItsHistory() throws Exception {
        List<FilingRecord> records = cn.degreehub.demo.DemoRecords.records("10056", "天津大学", "120104", 3, 2016,
                freshSequences(1), 1);
        records.get(0).setXB("女");
        records.get(0).setLWLX("基础研究");
        cn.degreehub.contract.filing.SubmitFilingBatchRequest batch = new cn.degreehub.contract.filing.SubmitFilingBatchRequest();
        batch.setBatchId(unique("console-record"));
        batch.setProvinceCode("12");
        batch.setUnitCode("10056");
        batch.setSemester("2015-2016-2");
        batch.getRecord().addAll(records);
        assertThat(filing("province-12").submitFilingBatch(batch).getReceipt().getAccepted()).isEqualTo(1);

        ConsoleClient b = browser();
        b.login("reviewer", "reviewer-pass");
        String page = b.get("/admin/records?no=" + records.get(0).getXWZSBH()).body();
        assertThat(page).contains("data-field=\"XB\"", "女", "data-field=\"LWLX\"", "基础研究", records.get(0).getXM(),
                "2015-2016-2", batch.getBatchId());
        assertThat(b.get("/admin/records?no=1005632016999999").body()).contains("id=\"no-record\"");
    }

    @Test
    void theClosuresPageListsTheUnitsVacationsForReviewers() throws Exception {
        ConsoleClient b = browser();
        b.login("reviewer", "reviewer-pass");
        String page = b.get("/admin/closures").body();
        // the registry's winter closure of unit 10056 (config/partners.yml), and the page in the reviewer's navigation
        assertThat(page).contains("id=\"closures\"", "data-unit=\"10056\"", "2027-01-18", "2027-02-21", "寒假", "名册登记",
                "href=\"/admin/closures\"");
    }

    @Test
    void aReviewerHoldsARecordOnTheConsoleAndReleasesIt() throws Exception {
        FilingRecord r = fileAndPublish(2018, 1).get(0);
        ConsoleClient b = browser();
        b.login("reviewer", "reviewer-pass");
        HttpResponse<String> held = b.submit("/admin/policy-holds", "/admin/policy-holds",
                "certificateNumber=" + r.getXWZSBH() + "&reason=" + ConsoleClient.enc("举报：学位授予程序存疑"));
        String page = b.get(ConsoleClient.location(held)).body();
        assertThat(page).contains("id=\"done\"", "data-record=\"" + r.getXWZSBH() + "\"", "学位授予程序存疑");
        assertThat(jdbc.queryForObject("SELECT status FROM degree_record WHERE xwzsbh = ?", String.class, r.getXWZSBH()))
                .isEqualTo("WITHHELD");
        HttpResponse<String> released = b.submit("/admin/policy-holds", "/admin/policy-holds/" + r.getXWZSBH() + "/decision",
                "decision=PUBLISH&reason=" + ConsoleClient.enc("经审查无问题"));
        assertThat(b.get(ConsoleClient.location(released)).body()).contains("id=\"done\"")
                .doesNotContain("data-record=\"" + r.getXWZSBH() + "\"");
        assertThat(jdbc.queryForObject("SELECT status FROM degree_record WHERE xwzsbh = ?", String.class, r.getXWZSBH()))
                .isEqualTo("APPROVED");
    }

    @Test
    void aReviewerSeesAnOpenDatabaseChangeOnTheConsoleAndRejectsIt() throws Exception {
        FilingRecord r = fileAndPublish(2019, 1).get(0);
        cn.degreehub.contract.verification.DegreeAsApplied applied = cn.degreehub.support.PortalRequests.asApplied(r);
        applied.setHolderName(r.getXM() + "某");
        String no = verificationMtom("portal").submitApplication(cn.degreehub.support.PortalRequests.application(applied,
                cn.degreehub.contract.verification.Language.ZH)).getApplicationNo();
        rest("POST", "/admin/api/reviews/" + no + "/check", null, "reviewer", 200);
        long id = jdbc.queryForObject("SELECT id FROM degree_change WHERE application_no = ?", Long.class, no);

        ConsoleClient b = browser();
        b.login("reviewer", "reviewer-pass");
        String page = b.get("/admin/degree-changes").body();
        assertThat(page).contains("data-change=\"" + id + "\"", r.getXWZSBH()).as("names masked")
                .doesNotContain(r.getXM() + "某");
        HttpResponse<String> rejected = b.submit("/admin/degree-changes", "/admin/degree-changes/" + id + "/reject",
                "reason=" + ConsoleClient.enc("申请人填写有误，数据库正确"));
        assertThat(b.get(ConsoleClient.location(rejected)).body()).contains("id=\"done\"")
                .doesNotContain("data-change=\"" + id + "\"");
        assertThat(jdbc.queryForObject("SELECT status FROM degree_change WHERE id = ?", String.class, id)).isEqualTo("REJECTED");
    }

    @Test
    void theDashboardCountsAFilingAndAnApplication() throws Exception {
        ConsoleClient b = browser();
        b.login("admin", "admin-pass");
        String before = b.get("/admin").body();
        int completed = figure(before, COMPLETED_TODAY);
        int filings = figure(before, FILINGS_TODAY);

        FilingRecord record = fileAndPublish(2019, 1).get(0);
        DegreeVerificationPortType portal = client(DegreeVerificationPortType.class, "/services/verification", "portal",
                "portal-pass", false);
        assertThat(portal.submitApplication(PortalRequests.application(PortalRequests.asApplied(record), Language.ZH))
                .getStatus()).isEqualTo(ApplicationStatus.COMPLETED);

        String after = b.get("/admin").body();
        assertThat(figure(after, FILINGS_TODAY)).isEqualTo(filings + 1);
        assertThat(figure(after, COMPLETED_TODAY)).isEqualTo(completed + 1);
    }

    @Test
    void aReviewerSeesOpenItemsWithTheirDueDatesFilteredByProvince() throws Exception {
        FilingRecord unfiled = cn.degreehub.demo.DemoRecords.records("10056", "天津大学", "120104", 3, 2023,
                700_000 + freshSequences(1), 1).get(0);
        DegreeVerificationPortType portal = client(DegreeVerificationPortType.class, "/services/verification", "portal",
                "portal-pass", false);
        var answer = portal.submitApplication(PortalRequests.application(PortalRequests.asApplied(unfiled), Language.ZH));
        assertThat(answer.getStatus()).isEqualTo(ApplicationStatus.REVIEW);
        String no = answer.getApplicationNo();

        ConsoleClient b = browser();
        b.login("reviewer", "reviewer-pass");
        String all = b.get("/admin/time-limits").body();
        assertThat(all).contains("办理期限").contains("data-ref=\"" + no + "\"")
                .contains(answer.getDueDates().getCenterDueDate().toString());
        assertThat(b.get("/admin/time-limits?province=12").body()).contains("data-ref=\"" + no + "\"");
        assertThat(b.get("/admin/time-limits?province=42").body()).doesNotContain("data-ref=\"" + no + "\"");
        assertThat(b.get("/admin/time-limits?unit=10486").body()).doesNotContain("data-ref=\"" + no + "\"");
        assertThat(b.get("/admin/time-limits?overdueOnly=true").body()).doesNotContain("data-ref=\"" + no + "\"");
    }

    @Test
    void aReviewerFindsAndRevokesAReportWhichTheAdminSeesInTheAuditLog() throws Exception {
        FilingRecord record = fileAndPublish(2015, 1).get(0);
        DegreeVerificationPortType portal = client(DegreeVerificationPortType.class, "/services/verification", "portal",
                "portal-pass", false);
        String reportNo = portal.submitApplication(PortalRequests.application(PortalRequests.asApplied(record), Language.ZH))
                .getReportNo();

        ConsoleClient reviewer = browser();
        reviewer.login("reviewer", "reviewer-pass");
        String found = reviewer.get("/admin/reports?q=" + record.getXWZSBH()).body();
        assertThat(found).contains("data-report=\"" + reportNo + "\"").contains("VALID");
        // a revocation needs a reason
        String token = reviewer.csrf("/admin/reports?q=" + reportNo);
        reviewer.post("/admin/reports/" + reportNo + "/revoke", "reason=&_csrf=" + enc(token));
        assertThat(reviewer.get("/admin/reports?q=" + reportNo).body()).contains("须说明理由");
        token = reviewer.csrf("/admin/reports?q=" + reportNo);
        reviewer.post("/admin/reports/" + reportNo + "/revoke", "reason=" + enc("证书编号与档案不符") + "&_csrf=" + enc(token));
        assertThat(reviewer.get("/admin/reports?q=" + reportNo).body()).contains(reportNo + " → REVOKED");
        VerifyReportRequest verify = new VerifyReportRequest();
        verify.setReportNo(reportNo);
        assertThat(portal.verifyReport(verify).getReportStatus()).isEqualTo(ReportStatus.REVOKED);
        assertThat(reviewer.get("/admin/audit").statusCode()).isEqualTo(403);
        assertThat(reviewer.get("/admin/partners").statusCode()).isEqualTo(403);

        ConsoleClient admin = browser();
        admin.login("admin", "admin-pass");
        assertThat(admin.get("/admin/audit?action=REPORT_REVOKE").body()).contains(reportNo).contains("证书编号与档案不符");
        assertThat(admin.get("/admin/partners").body()).contains("data-unit=\"10056\"").contains("data-unit=\"10486\"")
                .contains("unit-simulator/10486");
    }

    @Test
    void filingsShowRejectedRecordsAndOnlyAnAdminRunsAPublication() throws Exception {
        List<FilingRecord> records = cn.degreehub.demo.DemoRecords.records("10056", "天津大学", "120104", 3, 2014,
                freshSequences(2), 2);
        records.get(1).setZJHM("12010419900101123X"); // wrong check digit
        cn.degreehub.contract.filing.SubmitFilingBatchRequest batch = new cn.degreehub.contract.filing.SubmitFilingBatchRequest();
        String batchId = unique("console-filing");
        batch.setBatchId(batchId);
        batch.setProvinceCode("12");
        batch.setUnitCode("10056");
        batch.setSemester("2013-2014-2");
        batch.getRecord().addAll(records);
        assertThat(filing("province-12").submitFilingBatch(batch).getReceipt().getRejected()).isEqualTo(1);

        ConsoleClient reviewer = browser();
        reviewer.login("reviewer", "reviewer-pass");
        assertThat(reviewer.get("/admin/filings").body()).contains("data-batch=\"" + batchId + "\"").doesNotContain("id=\"publish\"")
                .as("the monthly correction cycles").contains("id=\"corrections\"").contains("data-month=\"2026-10\"");
        assertThat(reviewer.get("/admin/filings/" + batchId).body()).contains("INVALID_ID_NUMBER").contains(records.get(1).getXWZSBH());
        assertThat(reviewer.post("/admin/filings/publication", "_csrf=" + enc(reviewer.csrf("/admin/filings"))).statusCode())
                .isEqualTo(403);

        ConsoleClient admin = browser();
        admin.login("admin", "admin-pass");
        HttpResponse<String> run = admin.post("/admin/filings/publication", "_csrf=" + enc(admin.csrf("/admin/filings")));
        assertThat(run.statusCode()).isEqualTo(302);
        String job = admin.awaitJob(ConsoleClient.location(run));
        assertThat(job).contains("data-status=\"DONE\"").contains("examined").contains("published");
    }

    @Test
    void aReviewerSeesTheDashboardButNotTheAdminPages() throws Exception {
        ConsoleClient b = browser();
        assertThat(b.login("reviewer", "reviewer-pass").statusCode()).isEqualTo(302);
        assertThat(b.get("/admin").statusCode()).isEqualTo(200);
        assertThat(b.get("/admin").body()).doesNotContain("href=\"/admin/routes\"").contains("id=\"who\">reviewer<");
        HttpResponse<String> routes = b.get("/admin/routes");
        assertThat(routes.statusCode()).isEqualTo(403);
        assertThat(routes.body()).contains("无权访问");
        assertThat(b.post("/admin/routes/time-limits-watch/stop", "_csrf=" + enc(b.csrf("/admin"))).statusCode()).isEqualTo(403);
    }

    @Test
    void partnerAccountsAreNoConsoleUsers() throws Exception {
        ConsoleClient b = browser();
        b.login("portal", "portal-pass");
        assertThat(b.get("/admin").statusCode()).isEqualTo(403);
    }
}
