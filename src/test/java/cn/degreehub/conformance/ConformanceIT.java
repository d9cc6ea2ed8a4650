package cn.degreehub.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.demo.UnitSimulator;
import cn.degreehub.demo.UnitSimulatorV2;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.SampleFiles;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The partner conformance checker (cn.degreehub.conformance.ConformanceCheck) against the demo's simulators of the
 * test hub (conformant, but checking no password: a WARN), against a reference implementation started here that
 * checks the hub's PasswordDigest (all PASS; what it receives is the committed sample of what the hub sends,
 * docs/partners/samples/PortalNotificationService and UnitCheckReceiver), and against broken ones (a SOAP fault for
 * everything, the wrong answer element): FAIL lines and a non-zero exit code. Once as the real command,
 * tools/conformance.sh with the packaged jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceIT extends HubTestSupport {

    static final String SECRET = "partner-secret";
    static final String PORTAL_ACK = "<notifyApplicationStatusResponse xmlns=\"urn:degreehub:portal-callback:v1\">"
            + "<received>true</received></notifyApplicationStatusResponse>";
    static final String UNIT_ACK = "<receiveCheckRequestResponse xmlns=\"urn:degreehub:check:v1\"><received>true</received>"
            + "</receiveCheckRequestResponse>";
    private static final Pattern USER = Pattern.compile("<wsse:Username>([^<]*)</wsse:Username>");
    private static final Pattern PASSWORD = Pattern.compile("<wsse:Password[^>]*>([^<]*)</wsse:Password>");
    private static final Pattern NONCE = Pattern.compile("<wsse:Nonce[^>]*>([^<]*)</wsse:Nonce>");
    /** The token's own Created (a Timestamp beside the token has one too). */
    private static final Pattern CREATED = Pattern.compile("<wsse:UsernameToken[\\s\\S]*?<wsu:Created>([^<]*)</wsu:Created>");

    @Autowired
    UnitSimulator unitSimulator;

    @Autowired
    UnitSimulatorV2 unitSimulatorV2;

    HttpServer partner;
    final List<String> portalReceived = new CopyOnWriteArrayList<>();
    final List<String> unitReceived = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startPartners() throws IOException {
        partner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        partner.createContext("/portal", e -> reference(e, "PortalNotificationService.wsdl", portalReceived, PORTAL_ACK));
        partner.createContext("/unit", e -> reference(e, "UnitCheckReceiver.wsdl", unitReceived, UNIT_ACK));
        partner.createContext("/fault", e -> answer(e, 500, fault("Server", "service unavailable")));
        partner.createContext("/wrong-element", e -> answer(e, e.getRequestMethod().equals("GET") ? 404 : 200,
                envelope("<acknowledged xmlns=\"urn:example:other\">yes</acknowledged>")));
        partner.start();
        // the SOAP unit's simulator would answer the checker's made-up tasks on the results queue
        unitSimulator.setAnswering(false);
    }

    @AfterAll
    void stopPartners() {
        partner.stop(0);
        unitSimulator.setAnswering(true);
    }

    String partnerUrl(String path) {
        return "http://127.0.0.1:" + partner.getAddress().getPort() + path;
    }

    @Test
    void theDemoSimulatorsAreConformantButCheckNoPassword() {
        Run portal = check("--conformance=portal", "--url=" + url("/services/portal-simulator"));
        assertThat(portal.exitCode).as(portal.output).isZero();
        assertThat(portal.lines("PASS")).contains("wsdl", "notify.RECEIVED", "notify.REVIEW", "notify.CHECKING",
                "notify.COMPLETED.CONSISTENT", "notify.COMPLETED.INCONSISTENT", "notify.COMPLETED.NO_RECORD",
                "notify.CANCELLED", "notify.REJECTED", "idempotent", "answer-time");
        assertThat(portal.lines("WARN")).containsExactly("security.wrong-password");
        assertThat(portal.lines("FAIL")).isEmpty();

        Run unit = check("--conformance=unit", "--url=" + url("/services/unit-simulator/10486"), "--password-type=TEXT",
                "--timestamp=true");
        assertThat(unit.exitCode).as(unit.output).isZero();
        assertThat(unit.lines("PASS")).contains("wsdl", "receive.master.holderName", "receive.bachelor.no-record.urgent",
                "receive.doctor.all-fields", "receive.withheld-record", "receive.recheck.objection",
                "receive.provisional-due-date", "idempotent", "answer-time");
        assertThat(unit.lines("WARN")).containsExactly("security.wrong-password");
        assertThat(unit.output).contains("结果 / summary:", "0 FAIL", "conformant");
    }

    @Test
    void theDemoSimulatorsOfContractV2AreConformantOnV2AndNotOnV1() {
        unitSimulatorV2.setAnswering(false);
        try {
            Run portal = check("--conformance=portal", "--contract=v2", "--url=" + url("/services/v2/portal-simulator"));
            assertThat(portal.exitCode).as(portal.output).isZero();
            assertThat(portal.output).contains("(contract v2)");
            assertThat(portal.lines("PASS")).contains("wsdl", "notify.RECEIVED", "notify.COMPLETED.CONSISTENT",
                    "notify.REJECTED", "idempotent", "answer-time");
            assertThat(portal.lines("FAIL")).isEmpty();

            Run unit = check("--conformance=unit", "--contract=v2", "--url=" + url("/services/v2/unit-simulator/10246"));
            assertThat(unit.exitCode).as(unit.output).isZero();
            assertThat(unit.lines("PASS")).contains("wsdl", "receive.master.holderName", "receive.doctor.all-fields",
                    "receive.withheld-record", "receive.recheck.objection", "idempotent", "answer-time");
            assertThat(unit.lines("FAIL")).isEmpty();

            // a v2 implementation is not a v1 one: its WSDL names the other namespace, v1 messages are refused
            Run asV1 = check("--conformance=unit", "--url=" + url("/services/v2/unit-simulator/10246"));
            assertThat(asV1.exitCode).as(asV1.output).isEqualTo(1);
            assertThat(asV1.lines("FAIL")).contains("wsdl", "receive.master.holderName");
        } finally {
            unitSimulatorV2.setAnswering(true);
        }
    }

    @Test
    void aReferenceImplementationThatChecksTheDigestPassesEverythingAndReceivesWhatTheSamplesShow() throws Exception {
        Run portal = check("--conformance=portal", "--url=" + partnerUrl("/portal"), "--user=degree-hub",
                "--password=" + SECRET);
        assertThat(portal.exitCode).as(portal.output).isZero();
        assertThat(portal.lines("WARN")).isEmpty();
        assertThat(portal.lines("PASS")).contains("security.wrong-password", "idempotent");
        Run unit = check("--conformance=unit", "--url=" + partnerUrl("/unit"), "--user=degree-hub", "--password=" + SECRET,
                "--timestamp=true");
        assertThat(unit.exitCode).as(unit.output).isZero();
        assertThat(unit.lines("WARN")).isEmpty();

        // what the hub sends: the first notification and the first check request, as the samples show them
        SampleFiles samples = new SampleFiles();
        samples.sent("PortalNotificationService/notifyApplicationStatus", "sent by the hub: POST, Content-Type: text/xml;"
                + " charset=UTF-8, SOAPAction: \"urn:degreehub:portal-callback:v1:notifyApplicationStatus\"",
                portalReceived.get(0), values(portalReceived.get(0), "eventId", "applicationNo"), security());
        samples.sent("UnitCheckReceiver/receiveCheckRequest", "sent by the hub: POST, Content-Type: text/xml;"
                + " charset=UTF-8, SOAPAction: \"urn:degreehub:check:v1:receiveCheckRequest\"",
                unitReceived.get(0), values(unitReceived.get(0), "taskId", "applicationNo", "certificateNumber"),
                dueDate(security()));
        // and an answer that acknowledges: what the reference implementation answered, which the hub's client took
        samples.answer("PortalNotificationService/notifyApplicationStatus", new SampleFiles.Answer(200,
                "text/xml; charset=UTF-8", envelope(PORTAL_ACK)), Map.of(), Map.of());
        samples.answer("UnitCheckReceiver/receiveCheckRequest", new SampleFiles.Answer(200, "text/xml; charset=UTF-8",
                envelope(UNIT_ACK)), Map.of(), Map.of());
        assertThat(samples.mismatches()).as("what the hub sends differs from docs/partners/samples (rewrite with"
                + " -Dsamples.write=true when the change is intended)").isEmpty();
        for (String dir : List.of("PortalNotificationService", "UnitCheckReceiver")) {
            try (var files = Files.list(SampleFiles.DIR.resolve(dir))) {
                assertThat(samples.used()).as("samples of what the hub sends, each compared here")
                        .containsAll(files.map(f -> SampleFiles.DIR.relativize(f).toString()).toList());
            }
        }
    }

    @Test
    void brokenImplementationsFailWithAReasonAndANonZeroExitCode() {
        Run fault = check("--conformance=portal", "--url=" + partnerUrl("/fault"));
        assertThat(fault.exitCode).as(fault.output).isEqualTo(1);
        assertThat(fault.lines("FAIL")).contains("notify.RECEIVED", "notify.REJECTED", "idempotent");
        assertThat(fault.output).contains("SOAP fault", "service unavailable", "不符合接口规范 / not conformant");

        Run wrong = check("--conformance=unit", "--url=" + partnerUrl("/wrong-element"));
        assertThat(wrong.exitCode).as(wrong.output).isEqualTo(1);
        assertThat(wrong.lines("FAIL")).contains("receive.master.holderName", "receive.doctor.all-fields", "idempotent",
                "security.wrong-password");
        assertThat(wrong.lines("WARN")).containsExactly("wsdl");
        assertThat(wrong.lines("PASS")).containsExactly("answer-time");

        Run unreachable = check("--conformance=unit", "--url=http://127.0.0.1:9/nothing", "--timeout-ms=1000");
        assertThat(unreachable.exitCode).isEqualTo(1);
        assertThat(unreachable.lines("PASS")).doesNotContain("receive.master.holderName");

        Run usage = check("--conformance=bank", "--url=" + partnerUrl("/portal"));
        assertThat(usage.exitCode).isEqualTo(2);
        assertThat(usage.output).contains("usage", "--conformance must be portal or unit");
    }

    @Test
    void theCommandRunsTheCheckerFromThePackagedJarWithoutStartingAHub() throws Exception {
        Path jar;
        try (var files = Files.list(Path.of("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("degree-hub-.*\\.jar")).findFirst().orElse(null);
        }
        assertThat(jar).as("the packaged jar (the package phase runs before the ITs)").isNotNull();
        Process p = new ProcessBuilder("bash", "tools/conformance.sh", "portal", url("/services/portal-simulator"),
                "degree-hub", "degree-hub-pass").redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("PASS notify.COMPLETED.CONSISTENT", "WARN security.wrong-password", "0 FAIL")
                .doesNotContain("Started DegreeHubApplication", "Tomcat");
        // one line per check and the header and summary, no log lines in between
        assertThat(output.lines().filter(l -> !l.isBlank()).allMatch(l -> l.matches("(PASS|FAIL|WARN) .*")
                || l.startsWith("一致性检查") || l.startsWith("结果"))).as(output).isTrue();

        Process broken = new ProcessBuilder("bash", "tools/conformance.sh", "unit", partnerUrl("/fault"))
                .redirectErrorStream(true).start();
        assertThat(broken.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(broken.exitValue()).isEqualTo(1);
    }

    /** A partner's service that does its job: checks the hub's PasswordDigest, keeps each request, acknowledges. */
    private void reference(HttpExchange e, String wsdl, List<String> received, String acknowledgement) throws IOException {
        if (e.getRequestMethod().equals("GET")) {
            answer(e, 200, Files.readString(Path.of("wsdl", wsdl)));
            return;
        }
        String body = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String user = first(USER, body);
        String nonce = first(NONCE, body);
        String created = first(CREATED, body);
        boolean right = "degree-hub".equals(user) && nonce != null && created != null && SampleFiles.digest(
                Base64.getDecoder().decode(nonce), created, SECRET).equals(first(PASSWORD, body));
        if (!right) {
            answer(e, 500, fault("Client", "Authentication failed"));
            return;
        }
        received.add(body);
        answer(e, 200, envelope(acknowledgement));
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String envelope(String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + body
                + "</soap:Body></soap:Envelope>";
    }

    private static String fault(String code, String text) {
        return envelope("<soap:Fault><faultcode>soap:" + code + "</faultcode><faultstring>" + text
                + "</faultstring></soap:Fault>");
    }

    private static void answer(HttpExchange e, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
        e.sendResponseHeaders(status, bytes.length);
        e.getResponseBody().write(bytes);
        e.close();
    }

    /** The values of a captured message that differ on every run, to be put back as placeholders. */
    private static Map<String, String> values(String message, String... elements) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String element : elements) {
            String v = first(Pattern.compile("<(?:\\w+:)?" + element + ">([^<]+)</"), message);
            if (v != null) {
                values.put(element, v);
            }
        }
        return values;
    }

    /** The token's nonce and digest, new on every call. */
    private static Map<String, String> security() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("(<wsse:Nonce[^>]*>)[^<]*(</wsse:Nonce>)", "$1\\${nonce}$2");
        p.put("(<wsse:Password[^>]*>)[^<]*(</wsse:Password>)", "$1\\${passwordDigest}$2");
        p.put("wsu:Id=\"[^\"]*\"", "wsu:Id=\"\\${wsuId}\"");
        return p;
    }

    /** The check request's due date counts from the day the checker runs. */
    private static Map<String, String> dueDate(Map<String, String> patterns) {
        patterns.put("(<(?:\\w+:)?dueDate>)[^<]*(</)", "$1\\${dueDate}$2");
        return patterns;
    }

    /** One run of the checker in this JVM (the hub's classes, as in the jar). */
    private static Run check(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = ConformanceCheck.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    record Run(int exitCode, String output) {

        /** The names of the checks with this outcome, in order. */
        List<String> lines(String outcome) {
            List<String> names = new ArrayList<>();
            for (String line : output.split("\n")) {
                if (line.startsWith(outcome + " ")) {
                    names.add(line.split(" ", 3)[1]);
                }
            }
            return names;
        }
    }
}
