package cn.degreehub.verification;

import static cn.degreehub.support.PortalRequests.application;
import static cn.degreehub.support.PortalRequests.asApplied;
import static cn.degreehub.support.PortalRequests.attachment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.degreehub.common.BytesDataSource;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.contract.types.DegreeLevel;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.verification.Applicant;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.Attachment;
import cn.degreehub.contract.verification.AttachmentKind;
import cn.degreehub.contract.verification.CancelApplicationRequest;
import cn.degreehub.contract.verification.CloseReportRequest;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.contract.verification.DegreeField;
import cn.degreehub.contract.verification.DegreeHubFault;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.ExtendReportRequest;
import cn.degreehub.contract.verification.GetApplicationStatusRequest;
import cn.degreehub.contract.verification.GetApplicationStatusResponse;
import cn.degreehub.contract.verification.GetReportRequest;
import cn.degreehub.contract.verification.GetReportResponse;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.QueryDegreeRequest;
import cn.degreehub.contract.verification.QueryDegreeResponse;
import cn.degreehub.contract.verification.QueryReason;
import cn.degreehub.contract.verification.RaiseObjectionRequest;
import cn.degreehub.contract.verification.ReportResult;
import cn.degreehub.contract.verification.ReportStatus;
import cn.degreehub.contract.verification.SubmitApplicationRequest;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.contract.verification.VerifyReportRequest;
import cn.degreehub.contract.verification.VerifyReportResponse;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.demo.PortalSimulator;
import cn.degreehub.report.ReportPdfs;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.JmsBodies;
import cn.degreehub.support.LoopbackHttp;
import cn.degreehub.support.PortalRequests;
import cn.degreehub.support.Waiting;
import jakarta.activation.DataHandler;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The portal's whole flow over SOAP: a province files, the center publishes, the portal applies and gets
 * a signed report at once, opens it (text, PDF/A-2b, signature, QR), verifies, closes, verifies again;
 * the mismatching, ineligible and malformed cases; the notifications the portal receives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class VerificationIT extends HubTestSupport {

    @Autowired
    PortalSimulator portalSimulator;

    @Autowired
    ConnectionFactory connectionFactory;

    List<FilingRecord> filed;
    FilingRecord rareName;

    @BeforeAll
    void fileAndPublish() throws Exception {
        int seq = freshSequences(10);
        filed = new ArrayList<>(DemoRecords.records("10056", "天津大学", "120104", 3, 2021, seq, 6));
        rareName = filed.get(5);
        rareName.setXM("𠮷乐"); // CJK Ext-B: only the fallback font has it
        SubmitFilingBatchRequest batch = new SubmitFilingBatchRequest();
        batch.setBatchId(unique("verif"));
        batch.setProvinceCode("12");
        batch.setUnitCode("10056");
        batch.setSemester("2020-2021-2");
        batch.getRecord().addAll(filed);
        assertThat(filing("province-12").submitFilingBatch(batch).getReceipt().getAccepted()).isEqualTo(6);
        publishNow();
    }

    DegreeVerificationPortType portal() {
        return verificationMtom("portal");
    }

    @Test
    void matchingApplicationGetsASignedPdfaReportAtOnceThatVerifiesUntilClosed() throws Exception {
        DegreeVerificationPortType portal = portal();
        FilingRecord r = filed.get(0);
        SubmitApplicationRequest request = application(asApplied(r), Language.ZH, Language.EN);
        SubmitApplicationResponse answer = portal.submitApplication(request);

        assertThat(answer.getStatus()).isEqualTo(ApplicationStatus.COMPLETED);
        assertThat(answer.getResult()).isEqualTo(ReportResult.CONSISTENT);
        assertThat(answer.getReportNo()).startsWith("R20261123");
        // received Monday 2026-11-23: 8 working days → 2026-12-03, then 10 more → 2026-12-17
        assertThat(answer.getDueDates().getCenterDueDate()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(answer.getDueDates().getUnitDueDate()).isEqualTo(LocalDate.of(2026, 12, 17));
        assertThat(count("SELECT COUNT(*) FROM application_attachment WHERE application_no = ?", answer.getApplicationNo()))
                .isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT content_type FROM application_attachment WHERE application_no = ? ORDER BY id",
                String.class, answer.getApplicationNo())).containsExactly("image/png", "image/jpeg");

        // the same requestId again: the first answer, nothing new stored
        SubmitApplicationResponse again = portal.submitApplication(request);
        assertThat(again.getApplicationNo()).isEqualTo(answer.getApplicationNo());
        assertThat(again.getReportNo()).isEqualTo(answer.getReportNo());
        assertThat(count("SELECT COUNT(*) FROM verification_application WHERE request_id = ?", request.getRequestId()))
                .isEqualTo(1);

        GetReportRequest get = new GetReportRequest();
        get.setReportNo(answer.getReportNo());
        get.setLanguage(Language.ZH);
        GetReportResponse report = portal.getReport(get);
        byte[] pdf = report.getPdf().getInputStream().readAllBytes();
        Path file = Files.createDirectories(DATA.resolve("reports")).resolve(answer.getReportNo() + "-zh.pdf");
        Files.write(file, pdf);

        String text = ReportPdfs.text(pdf);
        assertThat(text).contains("中国高等教育学位在线验证报告").contains(r.getXM()).contains(answer.getReportNo())
                .contains(report.getVerificationCode()).contains(r.getXWZSBH()).contains("天津大学").contains("硕士")
                .contains("第 1 页 / 共 1 页")
                .doesNotContain(r.getZJHM()).contains(r.getZJHM().substring(0, 4) + "**********" + r.getZJHM().substring(14));
        assertThat(text.codePoints().filter(c -> c >= 0x2F00 && c <= 0x2FDF).count())
                .as("no Kangxi radicals in place of common characters").isZero();
        assertThat(ReportPdfs.pdfaFailures(pdf)).as("veraPDF PDF/A-2b").isEmpty();
        assertThat(ReportPdfs.signatureValid(pdf)).isTrue();
        byte[][] parts = ReportPdfs.signedParts(pdf);
        parts[0][parts[0].length / 2] ^= 0x01;
        assertThat(ReportPdfs.cmsValid(parts[0], parts[1])).as("one changed byte breaks the signature").isFalse();
        assertThat(ReportPdfs.qrCode(pdf)).isEqualTo("http://localhost:" + port + "/verify/" + report.getVerificationCode());
        assertThat(report.getVerificationCode()).hasSize(16).doesNotContain(answer.getReportNo().substring(1));
        pdfsig(file, pdf);

        get.setLanguage(Language.EN);
        byte[] english = portal.getReport(get).getPdf().getInputStream().readAllBytes();
        assertThat(ReportPdfs.text(english)).contains("Online Verification Report").contains("Page 1 of 1")
                .contains(r.getXMPY()).contains("Master").contains("Tianjin University (天津大学)");
        assertThat(ReportPdfs.pdfaFailures(english)).isEmpty();
        assertThat(ReportPdfs.signatureValid(english)).isTrue();

        VerifyReportRequest byCode = new VerifyReportRequest();
        byCode.setVerificationCode(report.getVerificationCode());
        VerifyReportResponse verified = portal.verifyReport(byCode);
        assertThat(verified.getReportStatus()).isEqualTo(ReportStatus.VALID);
        assertThat(verified.getReportNo()).isEqualTo(answer.getReportNo());
        assertThat(verified.getSummary().getHolderName()).isNotEqualTo(r.getXM()).startsWith(r.getXM().substring(0, 1));
        assertThat(verified.getSummary().getIdNumber()).contains("*").doesNotContain(r.getZJHM().substring(6, 14));
        // the discipline as code and name apart (1.2), the same as queryDegree gives; the 1.0 text unchanged
        assertThat(verified.getSummary().getDisciplineCode()).isEqualTo(r.getZYDM());
        assertThat(verified.getSummary().getDisciplineName()).isEqualTo(r.getZSZYMC());
        assertThat(verified.getSummary().getDiscipline()).isEqualTo(r.getZSZYMC() + " (" + r.getZYDM() + ")");
        assertThat(verified.getValidUntil()).isEqualTo(LocalDate.of(2026, 11, 23).plusDays(90));

        ExtendReportRequest extend = new ExtendReportRequest();
        extend.setRequestId(unique("ext"));
        extend.setReportNo(answer.getReportNo());
        extend.setDays(30);
        assertThat(portal.extendReport(extend).getValidUntil()).isEqualTo(LocalDate.of(2026, 11, 23).plusDays(120));
        extend.setRequestId(unique("ext"));
        extend.setDays(400);
        assertThat(faultOf(() -> portal.extendReport(extend))).isEqualTo(FaultCode.INVALID_REQUEST);

        CloseReportRequest close = new CloseReportRequest();
        close.setRequestId(unique("close"));
        close.setReportNo(answer.getReportNo());
        assertThat(portal.closeReport(close).getReportStatus()).isEqualTo(ReportStatus.CLOSED);
        VerifyReportRequest byNumber = new VerifyReportRequest();
        byNumber.setReportNo(answer.getReportNo());
        assertThat(portal.verifyReport(byNumber).getReportStatus()).isEqualTo(ReportStatus.CLOSED);
        assertThat(portal.verifyReport(byCode).getReportStatus()).isEqualTo(ReportStatus.CLOSED);
        extend.setRequestId(unique("ext"));
        extend.setDays(10);
        assertThat(faultOf(() -> portal.extendReport(extend))).isEqualTo(FaultCode.INVALID_STATE);

        // the verification address of the QR code, from outside without an account: a closed report answers its
        // status and number only, to a program and on the page alike
        var web = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url("/verify/" + report.getVerificationCode()))).header("Accept", "application/json")
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(web.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(web.body()).fieldNames()).toIterable().containsExactly("reportStatus", "reportNo");
        assertThat(web.body()).contains("\"reportStatus\":\"CLOSED\"").contains(answer.getReportNo())
                .doesNotContain(r.getZJHM()).doesNotContain(r.getXM());
        var page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url("/verify/" + report.getVerificationCode()))).header("Accept", "text/html")
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("本报告已关闭").contains("This report has been closed").contains(answer.getReportNo())
                .doesNotContain(r.getXWZSBH()).doesNotContain("证件号码").doesNotContain(r.getZJHM());

        VerifyReportRequest unknown = new VerifyReportRequest();
        unknown.setVerificationCode("ABCDEFGHJKMNPQRS");
        assertThat(portal.verifyReport(unknown).getReportStatus()).isEqualTo(ReportStatus.NOT_FOUND);

        // the portal is told of every status change, through the queue
        awaitNotified(answer.getApplicationNo(), "COMPLETED");
        assertThat(portalSimulator.received().stream().filter(n -> n.applicationNo().equals(answer.getApplicationNo()))
                .map(PortalSimulator.Received::status)).contains("RECEIVED", "COMPLETED");
        assertThat(portalSimulator.received().stream().filter(n -> n.status().equals("COMPLETED")
                && n.applicationNo().equals(answer.getApplicationNo())).findFirst().orElseThrow().reportNo())
                .isEqualTo(answer.getReportNo());
    }

    /** poppler's pdfsig must call the RSA signature valid and a tampered copy a digest mismatch. */
    static void pdfsig(Path file, byte[] pdf) throws Exception {
        Path pdfsig = Path.of("/usr/bin/pdfsig");
        Assumptions.assumeTrue(Files.isExecutable(pdfsig),
                "pdfsig (poppler-utils) not installed: .ci/run installs it; skipping the outside signature check");
        assertThat(run(pdfsig.toString(), file.toString())).contains("Signature Validation: Signature is Valid");
        byte[] tampered = pdf.clone();
        int at = indexOf(tampered, "/Producer".getBytes()) + 12;
        tampered[at] = (byte) (tampered[at] == 'X' ? 'Y' : 'X');
        Path bad = file.resolveSibling("tampered-" + file.getFileName());
        Files.write(bad, tampered);
        assertThat(run(pdfsig.toString(), bad.toString())).contains("Digest Mismatch");
    }

    static int indexOf(byte[] data, byte[] what) {
        outer:
        for (int i = 0; i <= data.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    void awaitNotified(String applicationNo, String status) {
        Waiting.await("portal told of " + applicationNo + " " + status).until(() -> portalSimulator.received().stream()
                .anyMatch(n -> n.applicationNo().equals(applicationNo) && n.status().equals(status)));
    }

    @Test
    void rareCharacterInANameIsPrintedFromTheFallbackFont() throws Exception {
        DegreeVerificationPortType portal = portal();
        SubmitApplicationResponse answer = portal.submitApplication(application(asApplied(rareName), Language.ZH));
        assertThat(answer.getStatus()).isEqualTo(ApplicationStatus.COMPLETED);
        GetReportRequest get = new GetReportRequest();
        get.setReportNo(answer.getReportNo());
        byte[] pdf = portal.getReport(get).getPdf().getInputStream().readAllBytes();
        assertThat(ReportPdfs.text(pdf)).contains("𠮷乐");
        assertThat(ReportPdfs.pdfaFailures(pdf)).isEmpty();
    }

    @Test
    void mismatchGoesToReviewWithTheDifferingFieldsAndCanBeCancelled() throws Exception {
        DegreeVerificationPortType portal = portal();
        DegreeAsApplied typo = asApplied(filed.get(1));
        typo.setHolderName(filed.get(1).getXM() + "某");
        typo.setAwardDate(typo.getAwardDate().minusDays(1));
        SubmitApplicationResponse answer = portal.submitApplication(application(typo, Language.ZH));
        assertThat(answer.getStatus()).isEqualTo(ApplicationStatus.REVIEW);
        assertThat(answer.getReportNo()).isNull();
        assertThat(answer.getDifferingField()).containsExactly(DegreeField.HOLDER_NAME, DegreeField.AWARD_DATE);

        GetApplicationStatusRequest status = new GetApplicationStatusRequest();
        status.setApplicationNo(answer.getApplicationNo());
        GetApplicationStatusResponse now = portal.getApplicationStatus(status);
        assertThat(now.getHistory()).extracting(h -> h.getStatus())
                .containsExactly(ApplicationStatus.RECEIVED, ApplicationStatus.REVIEW);
        assertThat(now.getDueDates().getCenterDueDate()).isEqualTo(LocalDate.of(2026, 12, 3));

        RaiseObjectionRequest objection = new RaiseObjectionRequest();
        objection.setRequestId(unique("obj"));
        objection.setApplicationNo(answer.getApplicationNo());
        objection.setReason("test");
        assertThat(faultOf(() -> portal.raiseObjection(objection))).isEqualTo(FaultCode.INVALID_STATE);

        CancelApplicationRequest cancel = new CancelApplicationRequest();
        cancel.setRequestId(unique("cancel"));
        cancel.setApplicationNo(answer.getApplicationNo());
        assertThat(portal.cancelApplication(cancel).getStatus()).isEqualTo(ApplicationStatus.CANCELLED);
        assertThat(portal.cancelApplication(cancel).getStatus()).as("same requestId: same answer")
                .isEqualTo(ApplicationStatus.CANCELLED);
        cancel.setRequestId(unique("cancel"));
        assertThat(faultOf(() -> portal.cancelApplication(cancel))).isEqualTo(FaultCode.INVALID_STATE);
        assertThat(portal.getApplicationStatus(status).getHistory()).extracting(h -> h.getStatus())
                .containsExactly(ApplicationStatus.RECEIVED, ApplicationStatus.REVIEW, ApplicationStatus.CANCELLED);

        GetApplicationStatusRequest nobody = new GetApplicationStatusRequest();
        nobody.setApplicationNo("A202611230000000");
        assertThat(faultOf(() -> portal.getApplicationStatus(nobody))).isEqualTo(FaultCode.NOT_FOUND);
    }

    @Test
    void honoraryIsRejectedAndPre2008GoesTheManualWay() throws Exception {
        DegreeVerificationPortType portal = portal();
        DegreeAsApplied honorary = asApplied(filed.get(2));
        honorary.setHonorary(true);
        assertThat(portal.submitApplication(application(honorary, Language.ZH)).getStatus())
                .isEqualTo(ApplicationStatus.REJECTED);

        FilingRecord old = DemoRecords.record("10056", "天津大学", "120104", 3, 2007, freshSequences(1), 0);
        DegreeAsApplied before = asApplied(old);
        SubmitApplicationResponse manual = portal.submitApplication(application(before, Language.ZH));
        assertThat(manual.getStatus()).isEqualTo(ApplicationStatus.REVIEW);
        assertThat(manual.getNoteEn()).contains("2008-09-01");
    }

    @Test
    void badInputIsRefusedWithTypedFaultsAndNothingStored() throws Exception {
        DegreeVerificationPortType portal = portal();
        int before = count("SELECT COUNT(*) FROM verification_application");

        DegreeAsApplied badId = asApplied(filed.get(3));
        String id = badId.getIdNumber();
        badId.setIdNumber(id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1'));
        assertThat(faultOf(() -> portal.submitApplication(application(badId, Language.ZH))))
                .isEqualTo(FaultCode.INVALID_ID_NUMBER);

        DegreeAsApplied badCertificate = asApplied(filed.get(3));
        badCertificate.setCertificateNumber("1005652021X00001");
        assertThat(faultOf(() -> portal.submitApplication(application(badCertificate, Language.ZH))))
                .isEqualTo(FaultCode.INVALID_CERTIFICATE_NUMBER);

        SubmitApplicationRequest fakeImage = application(asApplied(filed.get(3)), Language.ZH);
        fakeImage.getAttachment().add(attachment(AttachmentKind.OTHER, "evil.png", "image/png",
                "<html><script>alert(1)</script></html>".getBytes()));
        assertThat(faultOf(() -> portal.submitApplication(fakeImage))).isEqualTo(FaultCode.INVALID_REQUEST);

        SubmitApplicationRequest tooBig = application(asApplied(filed.get(3)), Language.ZH);
        byte[] big = new byte[2 * 1024 * 1024 + 10];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        tooBig.getAttachment().add(attachment(AttachmentKind.OTHER, "big.jpg", "image/jpeg", big));
        assertThat(faultOf(() -> portal.submitApplication(tooBig))).isEqualTo(FaultCode.PAYLOAD_TOO_LARGE);

        assertThat(count("SELECT COUNT(*) FROM verification_application")).isEqualTo(before);
        assertThat(faultOf(() -> client(DegreeVerificationPortType.class, "/services/verification", "province-12",
                "province-12-pass", false).submitApplication(application(asApplied(filed.get(3)), Language.ZH))))
                .isEqualTo(FaultCode.FORBIDDEN);
        assertThat(faultOf(() -> client(DegreeVerificationPortType.class, "/services/verification", "portal",
                "wrong", true).verifyReport(new VerifyReportRequest()))).isEqualTo(FaultCode.UNAUTHENTICATED);
    }

    @Test
    void queryDegreeAnswersAWrongNameLikeAnUnknownCertificate() throws Exception {
        DegreeVerificationPortType portal = portal();
        FilingRecord r = filed.get(4);
        QueryDegreeRequest right = new QueryDegreeRequest();
        right.setCertificateNumber(r.getXWZSBH());
        right.setHolderName(r.getXM());
        QueryDegreeResponse found = portal.queryDegree(right);
        assertThat(found.isFound()).isTrue();
        assertThat(found.getSummary().getUnitName()).isEqualTo("天津大学");
        assertThat(found.getSummary().getIdNumber()).contains("*");
        assertThat(found.getSummary().getDisciplineCode()).isEqualTo(r.getZYDM());
        assertThat(found.getSummary().getDisciplineName()).isEqualTo(r.getZSZYMC());

        QueryDegreeRequest wrongName = new QueryDegreeRequest();
        wrongName.setCertificateNumber(r.getXWZSBH());
        wrongName.setHolderName("无名氏");
        QueryDegreeRequest unknown = new QueryDegreeRequest();
        unknown.setCertificateNumber("1005632021999999");
        unknown.setHolderName(r.getXM());
        QueryDegreeResponse a = portal.queryDegree(wrongName);
        QueryDegreeResponse b = portal.queryDegree(unknown);
        assertThat(a.isFound()).isFalse();
        assertThat(a.getReason()).isEqualTo(QueryReason.NOT_FOUND).isEqualTo(b.getReason());
        assertThat(a.getSummary()).isNull();
        assertThat(b.getSummary()).isNull();

        QueryDegreeRequest old = new QueryDegreeRequest();
        old.setCertificateNumber("1005632007000001");
        old.setHolderName("张三");
        assertThat(portal.queryDegree(old).getReason()).isEqualTo(QueryReason.BEFORE_2008);
    }

    @Test
    void notificationsAreRedeliveredWhileThePortalIsDownAndDeadLetteredAtLast() throws Exception {
        DegreeVerificationPortType portal = portal();
        portalSimulator.setUp(false);
        String dead;
        try {
            SubmitApplicationResponse answer = portal.submitApplication(application(asApplied(filed.get(3)), Language.ZH));
            dead = answer.getApplicationNo();
            awaitState(dead, "DEAD");
        } finally {
            portalSimulator.setUp(true);
        }
        // RECEIVED was tried on the schedule until it ran out; COMPLETED, not to overtake it, followed it untried
        assertThat(jdbc.queryForMap("SELECT attempts, last_error FROM portal_notification WHERE application_no = ?"
                + " AND status = 'RECEIVED'", dead)).hasEntrySatisfying("ATTEMPTS", n -> assertThat(((Number) n).intValue())
                .isGreaterThan(1)).hasEntrySatisfying("LAST_ERROR", e -> assertThat((String) e).contains("still failing"));
        assertThat(count("SELECT attempts FROM portal_notification WHERE application_no = ? AND status = 'COMPLETED'", dead))
                .isZero();
        // an operator sees it without looking at the queues: an alert on the time-limits page
        assertThat(count("SELECT COUNT(*) FROM deadline_alert WHERE kind = 'DEAD_LETTER' AND subject = 'NOTIFICATION'"
                + " AND ref = ?", dead)).isEqualTo(1);
        // and the messages themselves wait in the dead-letter queue, with their reason, for an admin
        List<String> deadLettered = new ArrayList<>();
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer dlq = session.createConsumer(session.createQueue("DLQ.degreehub.portal.notify"),
                     "degreehubOriginalQueue = 'degreehub.portal.notify'")) {
            connection.start();
            Message m;
            while (deadLettered.size() < 2 && (m = dlq.receive(10_000)) != null) {
                // the body is streamed from the hub's spool file (a large message): read it while the session is open
                String document = new String(JmsBodies.bytes((BytesMessage) m), StandardCharsets.UTF_8);
                if (document.contains(dead)) {
                    String status = document.contains("RECEIVED") ? "RECEIVED" : "COMPLETED";
                    assertThat(m.getStringProperty("degreehubDeliveryCount")).isEqualTo(String.valueOf(count(
                            "SELECT attempts FROM portal_notification WHERE application_no = ? AND status = ?", dead, status)));
                    assertThat(m.getStringProperty("degreehubFailureReason")).isNotBlank();
                    deadLettered.add(document);
                }
            }
        }
        assertThat(deadLettered).hasSize(2) // RECEIVED and COMPLETED
                .anySatisfy(d -> assertThat(d).contains("COMPLETED")).anySatisfy(d -> assertThat(d).contains("RECEIVED"));

        // down for a while, then up again: delivered, nothing lost
        portalSimulator.setUp(false);
        DegreeAsApplied d = asApplied(filed.get(3));
        SubmitApplicationResponse later = portal.submitApplication(application(d, Language.ZH));
        Waiting.await("a failed delivery to the portal of " + later.getApplicationNo(), Duration.ofSeconds(20))
                .until(() -> count("SELECT COUNT(*) FROM portal_notification WHERE application_no = ? AND last_error IS NOT NULL",
                        later.getApplicationNo()) > 0);
        portalSimulator.setUp(true);
        awaitNotified(later.getApplicationNo(), "COMPLETED");
        awaitState(later.getApplicationNo(), "DELIVERED");
        assertThat(count("SELECT attempts FROM portal_notification WHERE application_no = ? AND status = 'RECEIVED'",
                later.getApplicationNo())).isGreaterThan(1);
        // COMPLETED waited for RECEIVED: tried once, after it
        assertThat(count("SELECT attempts FROM portal_notification WHERE application_no = ? AND status = 'COMPLETED'",
                later.getApplicationNo())).isEqualTo(1);
        assertThat(portalSimulator.received()).filteredOn(n -> n.applicationNo().equals(later.getApplicationNo()))
                .extracting(n -> n.status() + "#" + n.sequenceNo()).containsExactly("RECEIVED#1", "COMPLETED#2");
    }

    @Test
    void thePublicVerificationAddressRefusesAVisitorWhoChecksTooFast() throws Exception {
        // a visitor of its own address: its look-ups use no budget of 127.0.0.1, where the other tests call from
        LoopbackHttp visitor = new LoopbackHttp("127.0.0.41", port);
        String path = "/verify/ABCDEFGHJKMNPQRS";
        List<Integer> statuses = new ArrayList<>();
        String refusal = null;
        for (int i = 0; i < 15; i++) { // the budget: a burst of 10, then 1 per second
            LoopbackHttp.Response answer = visitor.get(path, Map.of("Accept", "application/json"));
            statuses.add(answer.status());
            if (answer.status() == 429) {
                refusal = answer.body();
            }
        }
        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses).contains(429);
        assertThat(refusal).contains("\"error\":\"RATE_LIMITED\"").contains("查询过于频繁").contains("Too many look-ups");
        // the budget comes back with time
        Waiting.await("the visitor's look-up budget back", Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> visitor.get(path, Map.of()).status(), status -> status == 200);
    }

    void awaitState(String applicationNo, String state) {
        Waiting.await("notifications of " + applicationNo + " all " + state).untilAsserted(() ->
                assertThat(jdbc.queryForList("SELECT state FROM portal_notification WHERE application_no = ?", String.class,
                        applicationNo)).as(() -> String.valueOf(jdbc.queryForList(
                                "SELECT status, state, attempts FROM portal_notification WHERE application_no = ?", applicationNo)))
                        .isNotEmpty().containsOnly(state));
    }
}
