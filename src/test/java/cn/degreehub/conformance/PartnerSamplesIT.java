package cn.degreehub.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.demo.UnitSimulator;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.LoopbackHttp;
import cn.degreehub.support.PortalRequests;
import cn.degreehub.support.SampleFiles;
import cn.degreehub.support.SampleFiles.Answer;
import cn.degreehub.support.Waiting;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The partner kit's samples (docs/partners/samples) sent to a hub as a partner sends them (raw SOAP over
 * java.net.http), in the order a partner would: file a batch, publish, apply for verification, fetch and verify the
 * report, object, answer the unit's check task, and one request per fault code. Each answer, normalised
 * ({@link SampleFiles}), must be the committed one: a change of a contract or a message fails here with its diff.
 * When the change is intended: {@code ./mvnw verify ... -Dit.test=PartnerSamplesIT -Dsamples.write=true} rewrites the
 * answers (review the diff before committing). Runs on a hub of its own (pom.xml, execution partner-samples): lists,
 * counts and numbers in the answers are those of this class alone. With {@code -Dsamples.contract=v2} (execution
 * partner-samples-v2, a hub of its own too) the same story is told in contract v2: the samples of
 * docs/partners/samples/v2 sent to /services/v2/....
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartnerSamplesIT extends HubTestSupport {

    static final List<String> SERVICES = List.of("DegreeVerificationService", "DegreeFilingService", "DegreeCheckService");
    /** The contract version whose samples are sent: v1, or v2 with -Dsamples.contract=v2. */
    static final String CONTRACT = System.getProperty("samples.contract", "v1");
    static final String SERVICES_PATH = CONTRACT.equals("v2") ? "/services/v2" : "/services";
    static final Map<String, String> ADDRESS = Map.of("DegreeVerificationService", SERVICES_PATH + "/verification",
            "DegreeFilingService", SERVICES_PATH + "/filing", "DegreeCheckService", SERVICES_PATH + "/check");
    /** In the contract, never sent: an ineligible application is answered with status REJECTED (docs/partner-interfaces.md). */
    static final Set<FaultCode> NEVER_SENT = EnumSet.of(FaultCode.NOT_ELIGIBLE);

    /** The Body's first element: prefix and operation (v1 names it opRequest, v2 op). */
    private static final Pattern SOAP_ACTION = Pattern.compile("<soapenv:Body>\\s*<(\\w+):(\\w+?)(?:Request)?[\\s>/]");
    private static final Pattern CODE = Pattern.compile("<(?:\\w+:)?code>([A-Z_]+)</");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    UnitSimulator unitSimulator;

    final SampleFiles samples = new SampleFiles(CONTRACT.equals("v2") ? SampleFiles.DIR_V2 : SampleFiles.DIR);
    /** Values the hub chose (application, report and task numbers ...), filled into later requests. */
    final Map<String, String> values = new HashMap<>();

    @BeforeAll
    void quietUnit() {
        // unit 10056's simulator would answer the objection's check task itself; here the samples answer it
        unitSimulator.setAnswering(false);
        values.put("certificateScan", Base64.getEncoder().encodeToString(PortalRequests.image("png")));
        // over degreehub.verification.attachment-max-size (2 MB), under the test hub's message limit (4 MiB)
        byte[] oversized = Arrays.copyOf(PortalRequests.image("png"), 2 * 1024 * 1024 + 1);
        values.put("oversizedScan", Base64.getEncoder().encodeToString(oversized));
    }

    @AfterAll
    void unitBackToNormal() {
        unitSimulator.setAnswering(true);
    }

    @Test
    @Order(1)
    void everySampleIsAnsweredAsCommitted() throws Exception {
        // a provincial office files a batch (two degrees and a classified one) and reads its receipt
        String receipt = send("DegreeFilingService/submitFilingBatch", null).body();
        assertThat(element(receipt, "accepted")).isEqualTo("3");
        send("DegreeFilingService/getFilingReceipt", null);
        publishNow();
        assertThat(send("DegreeFilingService/getWithheldFeedback", null).body()).contains("CLASSIFIED");

        // the portal: an application that matches at once, its status, report, verification, extension
        String submitted = send("DegreeVerificationService/submitApplication", "", null, "applicationNo", "reportNo").body();
        assertThat(element(submitted, "status")).isEqualTo("COMPLETED");
        assertThat(send("DegreeVerificationService/getApplicationStatus", null).body()).contains("COMPLETED");
        // the PDF inline (?inline=true, docs/partner-interfaces.md "MTOM"): a text/xml answer like every other
        Answer report = send("DegreeVerificationService/getReport", "?inline=true", null, "verificationCode");
        assertThat(report.contentType()).startsWith("text/xml");
        assertThat(Base64.getMimeDecoder().decode(element(report.body(), "pdf"))).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
        assertThat(element(send("DegreeVerificationService/verifyReport", null).body(), "reportStatus")).isEqualTo("VALID");
        send("DegreeVerificationService/extendReport", null);
        assertThat(element(send("DegreeVerificationService/queryDegree", null).body(), "found")).isEqualTo("true");
        // the holder binds the degree to their portal account
        assertThat(element(send("DegreeVerificationService/bindDegree", null).body(), "bound")).isEqualTo("true");
        // a second application and its report closed; a third that goes to review and is cancelled
        send("DegreeVerificationService/submitApplication.second", "", null, "secondApplicationNo=applicationNo",
                "secondReportNo=reportNo");
        assertThat(element(send("DegreeVerificationService/closeReport", null).body(), "reportStatus")).isEqualTo("CLOSED");
        String review = send("DegreeVerificationService/submitApplication.review", "", null,
                "reviewApplicationNo=applicationNo").body();
        assertThat(element(review, "status")).isEqualTo("REVIEW");
        assertThat(element(send("DegreeVerificationService/cancelApplication", null).body(), "status")).isEqualTo("CANCELLED");
        send("faults/INVALID_STATE", FaultCode.INVALID_STATE);

        // the province corrects and revokes the second degree
        send("DegreeFilingService/correctRecord", null);
        assertThat(element(send("DegreeFilingService/revokeDegree", null).body(), "status")).isEqualTo("REVOKED");

        // an objection opens a check task for unit 10056 (on the queue channel); the unit works it over SOAP
        assertThat(element(send("DegreeVerificationService/raiseObjection", null).body(), "status")).isEqualTo("CHECKING");
        String applicationNo = values.get("applicationNo");
        Waiting.await("the check task delivered to unit 10056").until(() -> count("SELECT COUNT(*) FROM check_task"
                + " WHERE application_no = ? AND delivery = 'DELIVERED'", applicationNo) == 1);
        values.put("taskId", jdbc.queryForObject("SELECT task_id FROM check_task WHERE application_no = ?", String.class,
                applicationNo));
        String listed = send("DegreeCheckService/listCheckTasks", null).body();
        assertThat(element(listed, "total")).isEqualTo("1");
        values.put("newDueDate", LocalDate.parse(element(listed, "dueDate")).plusDays(7).toString());
        assertThat(element(send("DegreeCheckService/reassignCheckTask", null).body(), "department")).isEqualTo("lead");
        send("DegreeCheckService/announceCheckDelay", null);
        assertThat(element(send("DegreeCheckService/submitCheckResult", null).body(), "status")).isEqualTo("ANSWERED");
        assertThat(element(send("DegreeCheckService/getLaborFeeStatement", null).body(), "totalChecks")).isEqualTo("1");
        send("DegreeCheckService/announceClosure", null);

        // one request per fault code a partner meets
        send("faults/INVALID_REQUEST", FaultCode.INVALID_REQUEST);
        send("faults/INVALID_ID_NUMBER", FaultCode.INVALID_ID_NUMBER);
        send("faults/INVALID_CERTIFICATE_NUMBER", FaultCode.INVALID_CERTIFICATE_NUMBER);
        send("faults/NOT_FOUND", FaultCode.NOT_FOUND);
        send("faults/UNAUTHENTICATED", FaultCode.UNAUTHENTICATED);
        // two more causes, each with its own message: a Timestamp long expired, the same digest token twice
        send("faults/UNAUTHENTICATED.expired-timestamp", FaultCode.UNAUTHENTICATED);
        String replay = samples.request("faults/UNAUTHENTICATED.nonce-reused", values);
        assertThat(post("DegreeVerificationService", "", replay).status()).isEqualTo(200);
        Answer refused = post("DegreeVerificationService", "", replay);
        assertThat(codes(refused.body())).containsExactly("UNAUTHENTICATED");
        samples.answer("faults/UNAUTHENTICATED.nonce-reused", refused, values, Map.of());
        send("faults/FORBIDDEN", FaultCode.FORBIDDEN);
        send("faults/PAYLOAD_TOO_LARGE", FaultCode.PAYLOAD_TOO_LARGE);
        // in a filing receipt, not a fault: the batch is answered, the record rejected
        Answer duplicate = send("faults/DUPLICATE_RECORD", null);
        assertThat(codes(duplicate.body())).containsExactly("DUPLICATE_RECORD");
        // in a filing receipt too: a degree awarded 2022-06-30 belongs to 2021-2022-2, not to 2022-2023-1
        Answer wrongSemester = send("faults/SEMESTER_MISMATCH", null);
        assertThat(codes(wrongSemester.body())).containsExactly("SEMESTER_MISMATCH");
        rateLimited();
        internal();

        assertThat(samples.mismatches()).as("answers that differ from docs/partners/samples (rewrite with"
                + " -Dsamples.write=true when the change is intended)").isEmpty();
    }

    /** Wrong passwords from one client address, one more than the limit (pair-max-failures, 5): RATE_LIMITED. */
    private void rateLimited() throws IOException {
        // an address of its own: no other test's calls are refused after this
        LoopbackHttp from = new LoopbackHttp("127.0.0.61", port);
        String request = samples.request("faults/RATE_LIMITED", values);
        for (int i = 0; i < 5; i++) {
            assertThat(from.soap(ADDRESS.get("DegreeFilingService"), request).faultCode()).isEqualTo("UNAUTHENTICATED");
        }
        LoopbackHttp.Response refused = from.soap(ADDRESS.get("DegreeFilingService"), request);
        Answer answer = new Answer(refused.status(), refused.header("Content-Type"), refused.body());
        assertThat(codes(answer.body())).containsExactly("RATE_LIMITED");
        // the time to wait is counted down: its number differs from run to run
        samples.answer("faults/RATE_LIMITED", answer, values, Map.of("\\d+ ?(秒|s\\b|seconds)", "\\${seconds} $1"));
    }

    /** The hub failing: its route of queryDegree stopped by an admin (the REST API of docs/operations.md). */
    private void internal() throws Exception {
        rest("POST", "/admin/api/routes/verification-queryDegree/stop", null, "admin", 200);
        try {
            send("faults/INTERNAL", FaultCode.INTERNAL);
        } finally {
            rest("POST", "/admin/api/routes/verification-queryDegree/start", null, "admin", 200);
        }
    }

    @Test
    @Order(2)
    void everyOperationOfTheServedWsdlsAndEveryFaultCodeHasASampleAndEverySampleWasSent() throws Exception {
        Set<String> used = samples.used();
        for (String service : SERVICES) {
            for (String operation : operations(ADDRESS.get(service))) {
                assertThat(used).as(service + "." + operation + ": a sample request and answer in docs/partners/samples")
                        .contains(service + "/" + operation + ".request.xml", service + "/" + operation + ".response.xml");
            }
        }
        Set<String> codes = EnumSet.complementOf(EnumSet.copyOf(NEVER_SENT)).stream().map(FaultCode::value)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String code : codes) {
            assertThat(used).as("a sample of fault " + code).contains("faults/" + code + ".request.xml",
                    "faults/" + code + ".response.xml");
        }
        // a committed sample no test sends would go stale unnoticed
        Set<String> committed = new LinkedHashSet<>();
        for (String dir : Stream.concat(SERVICES.stream(), Stream.of("faults")).toList()) {
            Path root = CONTRACT.equals("v2") ? SampleFiles.DIR_V2 : SampleFiles.DIR;
            try (Stream<Path> files = Files.list(root.resolve(dir))) {
                files.forEach(f -> committed.add(root.relativize(f).toString()));
            }
        }
        assertThat(used).as("samples sent by this test").containsAll(committed);
    }

    /** The operations of a served WSDL's port type. */
    private List<String> operations(String address) throws Exception {
        HttpResponse<byte[]> wsdl = HTTP.send(HttpRequest.newBuilder(URI.create(url(address + "?wsdl"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(wsdl.statusCode()).isEqualTo(200);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        var doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(wsdl.body()));
        NodeList portTypes = doc.getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/", "portType");
        assertThat(portTypes.getLength()).isEqualTo(1);
        NodeList ops = ((Element) portTypes.item(0)).getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/", "operation");
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < ops.getLength(); i++) {
            names.add(((Element) ops.item(i)).getAttribute("name"));
        }
        assertThat(names).isNotEmpty();
        return names;
    }

    private Answer send(String sample, FaultCode expected) throws Exception {
        return send(sample, "", expected);
    }

    /**
     * Sends the committed request {@code sample} (its service's address, plus {@code query}), checks the answer is
     * the fault {@code expected} (or no fault), keeps the values the hub chose ({@code captures}: "element", or
     * "name=element" to keep it under another name) for later requests, and compares the answer with the committed
     * one, those values put back as placeholders.
     */
    private Answer send(String sample, String query, FaultCode expected, String... captures) throws Exception {
        String request = samples.request(sample, values);
        String service = sample.startsWith("faults/") ? serviceOf(request) : sample.substring(0, sample.indexOf('/'));
        Answer answer = post(service, query, request);
        if (expected == null) {
            assertThat(answer.body()).as(sample).doesNotContain("faultDetail");
            assertThat(answer.status()).as(sample + ": " + answer.body()).isEqualTo(200);
        } else {
            assertThat(codes(answer.body())).as(sample + ": " + answer.body()).containsExactly(expected.value());
            assertThat(answer.status()).isEqualTo(500);
        }
        for (String capture : captures) {
            String[] nameAndElement = capture.split("=", 2);
            values.put(nameAndElement[0], element(answer.body(), nameAndElement[nameAndElement.length - 1]));
        }
        samples.answer(sample, answer, values, Map.of());
        return answer;
    }

    /** A filled-in request posted as a partner does, with the operation's SOAP action. */
    private Answer post(String service, String query, String request) throws IOException, InterruptedException {
        Matcher action = SOAP_ACTION.matcher(request);
        HttpRequest http = HttpRequest.newBuilder(URI.create(url(ADDRESS.get(service) + query)))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", action.find() ? "\"" + namespace(request, action.group(1)) + ":" + action.group(2) + "\"" : "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(request, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = HTTP.send(http, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    private static String serviceOf(String request) {
        for (String service : SERVICES) {
            String ns = switch (service) {
                case "DegreeVerificationService" -> "urn:degreehub:verification:" + CONTRACT;
                case "DegreeFilingService" -> "urn:degreehub:filing:" + CONTRACT;
                default -> "urn:degreehub:check:" + CONTRACT;
            };
            if (request.contains("\"" + ns + "\"")) {
                return service;
            }
        }
        throw new IllegalArgumentException("No service's namespace in " + request);
    }

    private static String namespace(String request, String prefix) {
        Matcher m = Pattern.compile("xmlns:" + prefix + "=\"([^\"]+)\"").matcher(request);
        return m.find() ? m.group(1) : "";
    }

    /** The text of the first element {@code name} (any prefix) in a SOAP answer. */
    static String element(String xml, String name) {
        Matcher m = Pattern.compile("<(?:\\w+:)?" + name + "(?:\\s[^>]*)?>([^<]*)</").matcher(xml);
        assertThat(m.find()).as("<" + name + "> in " + xml).isTrue();
        return m.group(1);
    }

    static List<String> codes(String xml) {
        return CODE.matcher(xml).results().map(r -> r.group(1)).toList();
    }
}
