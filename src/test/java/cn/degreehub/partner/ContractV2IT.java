package cn.degreehub.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.types.DegreeLevel;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.v2.check.CheckOutcome;
import cn.degreehub.contract.v2.check.CheckTask;
import cn.degreehub.contract.v2.check.DegreeCheckPortType;
import cn.degreehub.contract.v2.check.ListCheckTasks;
import cn.degreehub.contract.v2.check.SubmitCheckResult;
import cn.degreehub.contract.v2.filing.DegreeFilingPortType;
import cn.degreehub.contract.v2.filing.GetFilingReceipt;
import cn.degreehub.contract.v2.filing.SubmitFilingBatch;
import cn.degreehub.contract.v2.verification.Applicant;
import cn.degreehub.contract.v2.verification.ApplicationStatus;
import cn.degreehub.contract.v2.verification.Attachment;
import cn.degreehub.contract.v2.verification.AttachmentKind;
import cn.degreehub.contract.v2.verification.DegreeAsApplied;
import cn.degreehub.contract.v2.verification.DegreeHubFault;
import cn.degreehub.contract.v2.verification.DegreeVerificationPortType;
import cn.degreehub.contract.v2.verification.GetApplicationStatus;
import cn.degreehub.contract.v2.verification.GetReport;
import cn.degreehub.contract.v2.verification.Language;
import cn.degreehub.contract.v2.verification.ReportResult;
import cn.degreehub.contract.v2.verification.SubmitApplication;
import cn.degreehub.contract.v2.verification.SubmitApplicationResponse;
import cn.degreehub.contract.v2.verification.VerifyReport;
import cn.degreehub.contract.v2.verification.VerifyReportResponse;
import cn.degreehub.contract.verification.VerifyReportRequest;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.demo.PortalSimulator;
import cn.degreehub.demo.UnitSimulator;
import cn.degreehub.demo.UnitSimulatorV2;
import cn.degreehub.report.ReportPdfs;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.PortalRequests;
import cn.degreehub.support.Waiting;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.activation.DataHandler;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import cn.degreehub.common.BytesDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Contract v2 served beside v1 (docs/partner-interfaces.md, "Contract versions"), called over HTTP with CXF clients
 * of the v2 WSDLs: wrapped request elements, the same business answers as v1, binary through MTOM both ways, faults
 * alike, the check request's national record typed, and a unit registered for v2 (复旦大学 10246) receiving its check
 * request from the hub as UnitCheckReceiver in urn:degreehub:unit-receiver:v1 and answering over v2.
 */
class ContractV2IT extends HubTestSupport {

    private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";

    @Autowired
    UnitSimulator unitSimulator;

    @Autowired
    UnitSimulatorV2 unitSimulatorV2;

    @Autowired
    PortalSimulator portalSimulator;

    @AfterEach
    void simulatorsBackToNormal() {
        unitSimulator.setAnswering(true);
        unitSimulatorV2.setAnswering(true);
    }

    DegreeVerificationPortType portal() {
        var port = freshClient(DegreeVerificationPortType.class, "/services/v2/verification", "portal", "portal-pass", false);
        ((SOAPBinding) ((BindingProvider) port).getBinding()).setMTOMEnabled(true);
        return port;
    }

    DegreeCheckPortType unit(String account) {
        return client(DegreeCheckPortType.class, "/services/v2/check", account, account + "-pass", false);
    }

    @Test
    void bothVersionsAreServedAndEveryV2RequestElementIsNamedAfterItsOperation() throws Exception {
        for (String service : List.of("verification", "filing", "check")) {
            Document v2 = wsdl("/services/v2/" + service + "?wsdl");
            assertThat(v2.getDocumentElement().getAttribute("targetNamespace")).isEqualTo("urn:degreehub:" + service + ":v2");
            Map<String, String> inputs = inputElements(v2);
            assertThat(inputs).isNotEmpty();
            inputs.forEach((operation, element) -> assertThat(element).as(service + " " + operation).isEqualTo(operation));

            Document v1 = wsdl("/services/" + service + "?wsdl");
            assertThat(v1.getDocumentElement().getAttribute("targetNamespace")).isEqualTo("urn:degreehub:" + service + ":v1");
            Map<String, String> v1Inputs = inputElements(v1);
            assertThat(v1Inputs.keySet()).isEqualTo(inputs.keySet());
            v1Inputs.forEach((operation, element) -> assertThat(element).isEqualTo(operation + "Request"));
        }
        // the served v2 WSDL carries no Java binding of the hub
        String served = get("/services/v2/check?wsdl");
        assertThat(served).doesNotContain("jaxws:bindings").doesNotContain("cn.degreehub");
    }

    @Test
    void aPortalOnV2FilesVerifiesAndReadsReportsAsOnV1() throws Exception {
        // filed over v2 by the province
        List<FilingRecord> records = DemoRecords.records("10056", "天津大学", "120104", 3, 2024, freshSequences(2), 2);
        SubmitFilingBatch batch = new SubmitFilingBatch();
        batch.setBatchId(unique("v2-batch"));
        batch.setProvinceCode("12");
        batch.setUnitCode("10056");
        batch.setSemester("2023-2024-2");
        records.forEach(r -> batch.getRecord().add(copy(r, new cn.degreehub.contract.v2.filing.FilingRecord())));
        DegreeFilingPortType filing = client(DegreeFilingPortType.class, "/services/v2/filing", "province-12", "province-12-pass", false);
        assertThat(filing.submitFilingBatch(batch).getReceipt().getAccepted()).isEqualTo(2);
        GetFilingReceipt receipt = new GetFilingReceipt();
        receipt.setBatchId(batch.getBatchId());
        assertThat(filing.getFilingReceipt(receipt).getReceipt().getReceived()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM degree_record WHERE xwzsbh IN (?, ?)",
                records.get(0).getXWZSBH(), records.get(1).getXWZSBH())).isEqualTo(2);
        publishNow();

        // applied for over v2, attachments as MTOM parts: issued at once; the same requestId answers the same
        SubmitApplication application = application(records.get(0), unique("v2-app"));
        SubmitApplicationResponse issued = portal().submitApplication(application);
        assertThat(issued.getStatus()).isEqualTo(ApplicationStatus.COMPLETED);
        assertThat(issued.getResult()).isEqualTo(ReportResult.CONSISTENT);
        assertThat(portal().submitApplication(application).getApplicationNo()).isEqualTo(issued.getApplicationNo());
        GetApplicationStatus status = new GetApplicationStatus();
        status.setApplicationNo(issued.getApplicationNo());
        assertThat(portal().getApplicationStatus(status).getReportNo()).isEqualTo(issued.getReportNo());

        // the discipline as code and name in v2, the same values v1 gives beside its combined text
        VerifyReport verify = new VerifyReport();
        verify.setReportNo(issued.getReportNo());
        VerifyReportResponse v2 = portal().verifyReport(verify);
        VerifyReportRequest v1Request = new VerifyReportRequest();
        v1Request.setReportNo(issued.getReportNo());
        var v1 = verificationMtom("portal").verifyReport(v1Request);
        assertThat(v2.getSummary().getDisciplineCode()).isNotBlank().isEqualTo(v1.getSummary().getDisciplineCode());
        assertThat(v2.getSummary().getDisciplineName()).isNotBlank().isEqualTo(v1.getSummary().getDisciplineName());
        assertThat(v1.getSummary().getDiscipline()).contains(v2.getSummary().getDisciplineCode());
        assertThat(v2.getSummary().getHolderName()).isEqualTo(v1.getSummary().getHolderName()).contains("*");

        // the signed PDF as an MTOM part through the v2 edge, its signature intact
        GetReport get = new GetReport();
        get.setReportNo(issued.getReportNo());
        get.setLanguage(Language.ZH);
        byte[] pdf = portal().getReport(get).getPdf().getInputStream().readAllBytes();
        assertThat(ReportPdfs.signatureValid(pdf)).isTrue();

        // a fault is the same typed fault on v2
        SubmitApplication wrongId = application(records.get(1), unique("v2-app"));
        wrongId.getApplicant().setIdNumber(wrongId.getApplicant().getIdNumber().substring(0, 17)
                + (wrongId.getApplicant().getIdNumber().endsWith("1") ? "2" : "1"));
        assertThatThrownBy(() -> portal().submitApplication(wrongId)).isInstanceOfSatisfying(DegreeHubFault.class,
                f -> assertThat(f.getFaultInfo().getCode()).isEqualTo(FaultCode.INVALID_ID_NUMBER));
    }

    @Test
    void aV1RequestElementOnTheV2EndpointIsAnInvalidRequest() throws Exception {
        String body = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:v=\"urn:degreehub:verification:v2\">" + textSecurityHeader("portal", "portal-pass")
                + "<soapenv:Body><v:verifyReportRequest><v:reportNo>R202612010000001</v:reportNo></v:verifyReportRequest>"
                + "</soapenv:Body></soapenv:Envelope>";
        HttpResponse<String> answer = postSoap("/services/v2/verification", body);
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(faultCodeIn(answer.body())).isEqualTo(FaultCode.INVALID_REQUEST);
    }

    @Test
    void binaryAttachmentsReachTheReviewerUnchangedThroughTheV2Edge() throws Exception {
        // a degree nobody filed goes to material review with its scans
        FilingRecord unfiled = DemoRecords.records("10056", "x", "420106", 3, 2023, 800_000 + freshSequences(1), 1).get(0);
        SubmitApplication application = application(unfiled, unique("v2-app"));
        byte[] scan = PortalRequests.image("png");
        application.getAttachment().get(0).setContent(new DataHandler(new BytesDataSource(scan, "image/png", "certificate.png")));
        SubmitApplicationResponse answer = portal().submitApplication(application);
        assertThat(answer.getStatus()).isEqualTo(ApplicationStatus.REVIEW);

        JsonNode detail = rest("GET", "/admin/api/reviews/" + answer.getApplicationNo(), null, "reviewer", 200);
        String scanId = null;
        for (JsonNode a : detail.get("attachments")) {
            if (a.get("kind").asText().equals("CERTIFICATE_SCAN")) {
                scanId = a.get("id").asText();
            }
        }
        assertThat(scanId).isNotNull();
        HttpResponse<byte[]> stored = http("GET", "/admin/api/reviews/" + answer.getApplicationNo() + "/attachments/" + scanId,
                null, "reviewer");
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).isEqualTo(scan);
    }

    @Test
    void aCheckTaskShowsTheNationalRecordTypedOnV2AndIsAnsweredOverV2() throws Exception {
        unitSimulator.setAnswering(false);
        List<FilingRecord> records = fileAndPublish(2022, 1);
        FilingRecord record = records.get(0);
        SubmitApplication application = application(record, unique("v2-app"));
        String otherName = "欧阳" + record.getXM().substring(1);
        application.getDegree().setHolderName(otherName);
        application.getApplicant().setName(otherName);
        String no = portal().submitApplication(application).getApplicationNo();
        String taskId = rest("POST", "/admin/api/reviews/" + no + "/check", null, "reviewer", 200).get("taskId").asText();

        ListCheckTasks list = new ListCheckTasks();
        CheckTask task = unit("unit-10056").listCheckTasks(list).getTask().stream()
                .filter(t -> t.getTaskId().equals(taskId)).findFirst().orElseThrow();
        assertThat(task.getDatabaseRecord().getHolderName()).isEqualTo(record.getXM());
        assertThat(task.getDatabaseRecord().getLevel()).isEqualTo(DegreeLevel.MASTER);
        assertThat(task.getDatabaseRecord().isHonorary()).isFalse();
        assertThat(task.getDatabaseRecord().getDegreeTypeCode()).isEqualTo(record.getXWLBM());
        assertThat(task.getDatabaseRecord().getAwardDate())
                .isEqualTo(LocalDate.parse(record.getHXWRQ(), DateTimeFormatter.BASIC_ISO_DATE));
        assertThat(task.getDegree().getHolderName()).isEqualTo(otherName);
        assertThat(task.getDifferingField()).extracting(f -> f.value()).contains("holderName");

        SubmitCheckResult result = new SubmitCheckResult();
        result.setRequestId(unique("v2-result"));
        result.setTaskId(taskId);
        result.setOutcome(CheckOutcome.CONFIRMED);
        result.setChecker("张老师");
        assertThat(unit("unit-10056").submitCheckResult(result).getStatus().value()).isEqualTo("ANSWERED");
        assertThat(jdbc.queryForMap("SELECT status, outcome, answered_by FROM check_task WHERE task_id = ?", taskId))
                .containsEntry("STATUS", "ANSWERED").containsEntry("OUTCOME", "CONFIRMED").containsEntry("ANSWERED_BY", "unit-10056");
    }

    @Test
    void aUnitRegisteredForV2ReceivesTheV2CheckRequestAndAnswersOverV2() throws Exception {
        // an application for a degree of 复旦大学 (10246, SOAP, contract v2) that nobody filed
        FilingRecord unfiled = DemoRecords.records("10246", "复旦大学", "310104", 3, 2023, 800_000 + freshSequences(1), 1).get(0);
        SubmitApplication application = application(unfiled, unique("v2-app"));
        String no = portal().submitApplication(application).getApplicationNo();
        JsonNode task = rest("POST", "/admin/api/reviews/" + no + "/check", null, "reviewer", 200);
        assertThat(task.get("channel").asText()).isEqualTo("SOAP");
        String taskId = task.get("taskId").asText();

        Waiting.await("the v2 unit received " + taskId).until(() -> unitSimulatorV2.received().stream()
                .anyMatch(r -> r.getTaskId().equals(taskId)));
        var received = unitSimulatorV2.received().stream().filter(r -> r.getTaskId().equals(taskId)).findFirst().orElseThrow();
        assertThat(received.getApplicationNo()).isEqualTo(no);
        assertThat(received.getUnitCode()).isEqualTo("10246");
        assertThat(received.getDegree().getLevel()).isEqualTo(DegreeLevel.MASTER);
        assertThat(received.getDegree().getCertificateNumber()).isEqualTo(unfiled.getXWZSBH());
        assertThat(received.getDatabaseRecord()).isNull();

        // it answered over /services/v2/check with its own lead account
        GetApplicationStatus status = new GetApplicationStatus();
        status.setApplicationNo(no);
        Waiting.await("application " + no + " completed").until(() -> {
            try {
                return portal().getApplicationStatus(status).getStatus() == ApplicationStatus.COMPLETED;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(jdbc.queryForMap("SELECT delivery, outcome, answered_by FROM check_task WHERE task_id = ?", taskId))
                .containsEntry("DELIVERY", "DELIVERED").containsEntry("OUTCOME", "CONFIRMED").containsEntry("ANSWERED_BY", "unit-10246");
        Waiting.await("the portal told of " + no).until(() -> portalSimulator.received().stream()
                .anyMatch(n -> n.applicationNo().equals(no) && n.status().equals("COMPLETED")));
    }

    /** An application of contract v2 for the degree of a filing record, the holder applying, with two scans. */
    private static SubmitApplication application(FilingRecord r, String requestId) {
        DegreeAsApplied d = new DegreeAsApplied();
        d.setHolderName(r.getXM());
        d.setIdType(r.getZJLXM());
        d.setIdNumber(r.getZJHM());
        d.setUnitCode(r.getXWSYDWM());
        d.setLevel(DegreeLevel.MASTER);
        d.setAwardDate(LocalDate.parse(r.getHXWRQ(), DateTimeFormatter.BASIC_ISO_DATE));
        d.setCertificateNumber(r.getXWZSBH());
        d.setDiscipline(r.getZYMC());
        SubmitApplication a = new SubmitApplication();
        a.setRequestId(requestId);
        Applicant applicant = new Applicant();
        applicant.setName(r.getXM());
        applicant.setIdType(r.getZJLXM());
        applicant.setIdNumber(r.getZJHM());
        applicant.setPhone("13800138000");
        a.setApplicant(applicant);
        a.setDegree(d);
        a.getLanguages().add(Language.ZH);
        a.getAttachment().add(attachment(AttachmentKind.CERTIFICATE_SCAN, "certificate.png", "image/png", PortalRequests.image("png")));
        a.getAttachment().add(attachment(AttachmentKind.ID_FRONT, "id.jpg", "image/jpeg", PortalRequests.image("jpg")));
        return a;
    }

    private static Attachment attachment(AttachmentKind kind, String name, String type, byte[] content) {
        Attachment a = new Attachment();
        a.setKind(kind);
        a.setFileName(name);
        a.setContentType(type);
        a.setContent(new DataHandler(new BytesDataSource(content, type, name)));
        return a;
    }

    /** A v1 filing record's fields copied into a v2 one (the same field codes in both versions). */
    private static <T> T copy(FilingRecord from, T to) {
        try {
            for (Method getter : FilingRecord.class.getMethods()) {
                if (getter.getName().startsWith("get") && getter.getParameterCount() == 0 && getter.getReturnType() == String.class) {
                    Object value = getter.invoke(from);
                    if (value != null) {
                        to.getClass().getMethod("set" + getter.getName().substring(3), String.class).invoke(to, value);
                    }
                }
            }
            return to;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private Document wsdl(String path) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(get(path))));
    }

    /** Each operation of the WSDL's portType and the local name of its input message's element. */
    private static Map<String, String> inputElements(Document wsdl) {
        Map<String, String> elementOfMessage = new HashMap<>();
        NodeList messages = wsdl.getElementsByTagNameNS(WSDL, "message");
        for (int i = 0; i < messages.getLength(); i++) {
            Element message = (Element) messages.item(i);
            NodeList parts = message.getElementsByTagNameNS(WSDL, "part");
            if (parts.getLength() == 1) {
                String element = ((Element) parts.item(0)).getAttribute("element");
                elementOfMessage.put(message.getAttribute("name"), element.substring(element.indexOf(':') + 1));
            }
        }
        Map<String, String> inputs = new HashMap<>();
        Element portType = (Element) wsdl.getElementsByTagNameNS(WSDL, "portType").item(0);
        NodeList operations = portType.getElementsByTagNameNS(WSDL, "operation");
        for (int i = 0; i < operations.getLength(); i++) {
            Element operation = (Element) operations.item(i);
            Element input = (Element) operation.getElementsByTagNameNS(WSDL, "input").item(0);
            String message = input.getAttribute("message");
            inputs.put(operation.getAttribute("name"), elementOfMessage.get(message.substring(message.indexOf(':') + 1)));
        }
        return inputs;
    }
}
