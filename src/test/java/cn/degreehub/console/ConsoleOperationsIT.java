package cn.degreehub.console;

import static cn.degreehub.console.ConsoleClient.enc;
import static cn.degreehub.console.ConsoleClient.location;
import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.admin.AdminJobs;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.BindDegreeRequest;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.ReportStatus;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.contract.verification.VerifyReportRequest;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.PortalRequests;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's long operations over HTTP: a publication run, spot-check sampling and the replay of a whole
 * dead-letter queue start in the background, show their progress on a page that reloads itself, end with
 * their counts, and are audited.
 */
class ConsoleOperationsIT extends HubTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    jakarta.jms.ConnectionFactory hubConnectionFactory;

    static final Pattern RESULT_LINK = Pattern.compile("id=\"result-link\" href=\"([^\"]+)\"");
    static final int LETTERS = 250;
    static final Pattern COUNTS = Pattern.compile("id=\"counts\">([0-9]+) [^,]+, ([0-9]+) [^/]+/ ([0-9]+) \\(100%\\)<");

    /** The real job runner; used directly only to hold a job open while the console is asked for the same one. */
    @Autowired
    AdminJobs jobs;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void progressIsVisibleWhileTheOperationsOwnTransactionIsStillOpen() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long id = jobs.start("SPOT_CHECK", unique("progress"), "admin", progress -> tx.execute(status -> {
            progress.total(40);
            progress.step("half way");
            progress.counts(20, 1);
            reported.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new AdminJobs.Outcome("ok", null);
        }));
        assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300); // counts are written at most every 250 ms; total and step at once
        ConsoleClient admin = new ConsoleClient(port);
        admin.login("admin", "admin-pass");
        String page = admin.get("/admin/jobs/" + id).body();
        release.countDown();
        assertThat(page).contains("data-status=\"RUNNING\"").contains("half way").contains("http-equiv=\"refresh\"");
        assertThat(jdbc.queryForObject("SELECT total FROM admin_job WHERE id = ?", Integer.class, id)).isEqualTo(40);
        assertThat(admin.awaitJob("/admin/jobs/" + id)).contains("data-status=\"DONE\"").contains("20 已完成, 1 失败 / 40");
    }

    DegreeVerificationPortType portal() {
        return client(DegreeVerificationPortType.class, "/services/verification", "portal", "portal-pass", false);
    }

    @Test
    void aPublicationRunShowsItsProgressAndEndsWithItsCounts() throws Exception {
        List<FilingRecord> filed = file(2012, 6_000); // more than one chunk of the publishing step
        String some = filed.get(4321).getXWZSBH();
        assertThat(jdbc.queryForObject("SELECT status FROM degree_record WHERE xwzsbh = ?", String.class, some))
                .isEqualTo("APPROVED");

        ConsoleClient admin = new ConsoleClient(port);
        admin.login("admin", "admin-pass");
        HttpResponse<String> start = admin.submit("/admin/filings", "/admin/filings/publication", "");
        assertThat(location(start)).matches("/admin/jobs/[0-9]+");
        String page = admin.awaitJob(location(start));

        assertThat(page).contains("data-status=\"DONE\"").contains("已完成");
        Matcher counts = COUNTS.matcher(page);
        assertThat(counts.find()).as("counts on the job page").isTrue();
        int done = Integer.parseInt(counts.group(1));
        assertThat(Integer.parseInt(counts.group(2))).isZero();
        assertThat(done).isEqualTo(Integer.parseInt(counts.group(3))).isGreaterThanOrEqualTo(6_000);
        assertThat(count("SELECT COUNT(*) FROM degree_record WHERE batch_id = (SELECT batch_id FROM degree_record"
                + " WHERE xwzsbh = ?) AND status = 'PUBLISHED'", some)).isEqualTo(6_000);
        long jobId = Long.parseLong(location(start).substring("/admin/jobs/".length()));
        assertThat(jdbc.queryForObject("SELECT result FROM admin_job WHERE id = ?", String.class, jobId))
                .contains("examined " + done).contains("published ");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'JOB_DONE' AND detail LIKE ?", "job " + jobId + ":%"))
                .isEqualTo(1);
        // the list of operations shows it too, in English on request
        assertThat(admin.get("/admin/jobs?lang=en").body()).contains("Publication run").contains("/admin/jobs/" + jobId);
    }

    @Test
    void theServiceDeskGrantsBindingAttemptsOnTheConsole() throws Exception {
        FilingRecord r = fileAndPublish(2011, 1).get(0);
        String account = unique("holder");
        for (int i = 0; i < 5; i++) {
            BindDegreeRequest wrong = new BindDegreeRequest();
            wrong.setRequestId(unique("bind"));
            wrong.setHolderAccountId(account);
            wrong.setName("错" + r.getXM());
            wrong.setIdType(r.getZJLXM());
            wrong.setIdNumber(r.getZJHM());
            wrong.setCertificateNumber(r.getXWZSBH());
            portal().bindDegree(wrong);
        }
        ConsoleClient reviewer = new ConsoleClient(port);
        reviewer.login("reviewer", "reviewer-pass");
        String page = reviewer.get("/admin/bindings?account=" + enc(account)).body();
        assertThat(page).contains("id=\"attempts-left\">0<", "id=\"failed-attempts\">5<");
        // without a reason the grant is refused and nothing changes
        HttpResponse<String> refused = reviewer.submit("/admin/bindings?account=" + enc(account),
                "/admin/bindings/" + account + "/attempts", "attempts=2&reason=");
        assertThat(reviewer.get(location(refused)).body()).contains("id=\"failed\"", "id=\"attempts-left\">0<");
        HttpResponse<String> granted = reviewer.submit("/admin/bindings?account=" + enc(account),
                "/admin/bindings/" + account + "/attempts", "attempts=2&reason=" + enc("核实身份后追加"));
        assertThat(reviewer.get(location(granted)).body()).contains("id=\"done\"", "id=\"attempts-left\">2<");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'BINDING_GRANT' AND target = ? AND actor = 'reviewer'",
                account)).isEqualTo(1);
    }

    @Test
    void aReviewerSamplesTodaysReportsAndConfirmsRevokesAndReissuesThem() throws Exception {
        List<String> reports = new ArrayList<>();
        for (FilingRecord r : fileAndPublish(2011, 3)) {
            SubmitApplicationResponse answer = portal().submitApplication(
                    PortalRequests.application(PortalRequests.asApplied(r), Language.ZH));
            assertThat(answer.getStatus()).isEqualTo(ApplicationStatus.COMPLETED);
            reports.add(answer.getReportNo());
        }

        ConsoleClient reviewer = new ConsoleClient(port);
        reviewer.login("reviewer", "reviewer-pass");
        // a period backwards is refused before anything starts
        HttpResponse<String> refused = reviewer.submit("/admin/reports", "/admin/spot-checks",
                "from=2026-11-23&to=2026-11-01&sharePercent=5");
        assertThat(location(refused)).isEqualTo("/admin/reports");
        assertThat(reviewer.get("/admin/reports").body()).contains("须给出期间");

        HttpResponse<String> start = reviewer.submit("/admin/reports", "/admin/spot-checks",
                "from=2026-11-23&to=2026-11-23&sharePercent=100");
        String page = reviewer.awaitJob(location(start));
        assertThat(page).contains("data-status=\"DONE\"").contains("reports drawn");
        Matcher link = RESULT_LINK.matcher(page);
        assertThat(link.find()).isTrue();
        String run = reviewer.get(link.group(1)).body();
        for (String reportNo : reports) {
            assertThat(run).contains("data-report=\"" + reportNo + "\"");
        }
        assertThat(reviewer.get("/admin/reports").body()).contains("id=\"spot-runs\"").contains(link.group(1));

        String confirm = itemAction(run, reports.get(0));
        String revoke = itemAction(run, reports.get(1));
        String reissue = itemAction(run, reports.get(2));
        reviewer.submit(link.group(1), confirm, "verdict=CONFIRMED&reason=");
        reviewer.submit(link.group(1), revoke, "verdict=REVOKE&reason=");
        assertThat(reviewer.get(link.group(1)).body()).contains("撤销、重新出具或请单位核查须说明理由");
        reviewer.submit(link.group(1), revoke, "verdict=REVOKE&reason=" + enc("抽查发现学位类别有误"));
        reviewer.submit(link.group(1), reissue, "verdict=REISSUE&reason=" + enc("姓名拼音更正"));

        String decided = reviewer.get(link.group(1)).body();
        assertThat(decided).contains(reports.get(2) + " → REISSUED");
        assertThat(row(decided, reports.get(0))).contains("确认无误");
        assertThat(row(decided, reports.get(1))).contains("已撤销").contains("抽查发现学位类别有误");
        assertThat(row(decided, reports.get(2))).contains("已重新出具").contains(">R");
        VerifyReportRequest verify = new VerifyReportRequest();
        verify.setReportNo(reports.get(1));
        assertThat(portal().verifyReport(verify).getReportStatus()).isEqualTo(ReportStatus.REVOKED);
        verify.setReportNo(reports.get(0));
        assertThat(portal().verifyReport(verify).getReportStatus()).isEqualTo(ReportStatus.VALID);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE actor = 'reviewer' AND action LIKE 'SPOT_CHECK_%'"
                + " AND target IN (?, ?, ?)", reports.toArray())).isEqualTo(3);
    }

    static String itemAction(String page, String reportNo) {
        Matcher m = Pattern.compile("data-report=\"" + reportNo + "\"[\\s\\S]*?action=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("decision form of " + reportNo).isTrue();
        return m.group(1);
    }

    static String row(String page, String reportNo) {
        int at = page.indexOf("data-report=\"" + reportNo + "\"");
        assertThat(at).isPositive();
        return page.substring(at, page.indexOf("</tr>", at));
    }

    @Test
    void anAdminReplaysAWholeDeadLetterQueueWhileTheSameReplayIsRefusedTwice() throws Exception {
        String queue = "DLQ.degreehub.check.result";
        String marker = unique("replay-all");
        ConsoleClient admin = new ConsoleClient(port);
        admin.login("admin", "admin-pass");
        // keep the replayed letters on their queue: its consumer is stopped while the test looks at them
        admin.submit("/admin/routes", "/admin/routes/check-result-queue/stop", "");
        // dead letters are the hub's own: written here over its in-VM connection
        try (Connection connection = hubConnectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // more than the queue's page lists and more than one replay transaction takes
            for (int i = 0; i < LETTERS; i++) {
                TextMessage m = session.createTextMessage("<checkResult>dead letter " + i + " 120104200002070016</checkResult>");
                m.setJMSCorrelationID(marker);
                m.setStringProperty("degreehubOriginalQueue", "degreehub.check.result");
                m.setStringProperty("degreehubFailureCode", "INVALID_REQUEST");
                session.createProducer(session.createQueue(queue)).send(m);
            }
            String browse = admin.get("/admin/queues?queue=" + queue).body();
            assertThat(browse).contains("id=\"replay-all\"").contains("1201**********0016").doesNotContain("120104200002070016");

            // the same replay while one runs is refused, and says so on the queue's page
            CountDownLatch hold = new CountDownLatch(1);
            long blocking = jobs.start("DLQ_REPLAY", queue, "admin", progress -> {
                hold.await(30, TimeUnit.SECONDS);
                return new AdminJobs.Outcome("held", null);
            });
            HttpResponse<String> twice = admin.submit("/admin/queues?queue=" + queue, "/admin/queues/replay-all", "queue=" + queue);
            assertThat(location(twice)).startsWith("/admin/queues?queue=");
            assertThat(admin.get("/admin/queues?queue=" + queue).body()).contains("同类操作正在进行");
            hold.countDown();
            admin.awaitJob("/admin/jobs/" + blocking);

            HttpResponse<String> start = admin.submit("/admin/queues?queue=" + queue, "/admin/queues/replay-all", "queue=" + queue);
            String page = admin.awaitJob(location(start));
            assertThat(page).contains("data-status=\"DONE\"").contains("replayed");
            Matcher counts = COUNTS.matcher(page);
            assertThat(counts.find()).isTrue();
            assertThat(Integer.parseInt(counts.group(1))).isGreaterThanOrEqualTo(LETTERS);

            // every letter is back on its queue exactly once, each replay audited
            try (MessageConsumer back = session.createConsumer(session.createQueue("degreehub.check.result"),
                    "JMSCorrelationID = '" + marker + "'");
                 MessageConsumer dead = session.createConsumer(session.createQueue(queue), "JMSCorrelationID = '" + marker + "'")) {
                int replayed = 0;
                while (back.receive(2_000) != null) {
                    replayed++;
                }
                assertThat(replayed).isEqualTo(LETTERS);
                assertThat(dead.receive(500)).isNull();
            }
        } finally {
            admin.submit("/admin/routes", "/admin/routes/check-result-queue/start", "");
        }
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE actor = 'admin' AND action = 'DLQ_REPLAY' AND target = ?", queue))
                .isGreaterThanOrEqualTo(LETTERS);
        assertThat(admin.get("/admin/routes").body()).doesNotContain("id=\"route-check-result-queue\" class=\"stopped\"");
    }
}
