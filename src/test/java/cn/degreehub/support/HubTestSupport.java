package cn.degreehub.support;

import cn.degreehub.contract.filing.DegreeFilingPortType;
import cn.degreehub.contract.types.FaultCode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.security.auth.callback.Callback;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the whole hub once for all *IT classes: a free HTTP port, its own H2 file database and Artemis
 * journal in a fresh directory (with -Ppostgres-it a fresh database on a real PostgreSQL server instead of H2,
 * {@link TestPostgres}), the embedded broker on a free loopback port, "today" = 2026-11-23 China time
 * (another day for a class that runs its own hub in its own JVM and sets {@link #CLOCK_PROPERTY}).
 * Tests call it only from outside: SOAP over HTTP with WS-Security, JMS over TCP, SQL to read back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
// as in production: Prometheus is scraped (Spring Boot tests switch metric export off otherwise)
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
public abstract class HubTestSupport {

    public static final Path DATA;
    /** System property naming the hub's "now" (ISO offset date-time); set before the hub starts. */
    public static final String CLOCK_PROPERTY = "degreehub.it.clock";
    /**
     * System property naming how long deliveries to the portal are retried before they are dead-lettered (a
     * duration such as 4s); set before the hub starts by a class with a hub of its own (PartnerOutageIT).
     */
    public static final String PORTAL_GIVE_UP_PROPERTY = "degreehub.it.portal-give-up-after";
    public static final int BROKER_PORT;
    /** Chosen here, not by Spring, so configuration that names the hub's own address (the portal simulator) knows it. */
    public static final int HTTP_PORT;
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger(100_000);
    /** The test hub's wrong passwords from one client address before it is refused. */
    protected static final int ADDRESS_MAX_FAILURES = 1000;
    /** The test hub's bound of tracked client addresses and rate-limiter keys (pairs: a fifth of it). */
    protected static final int FLOOD_BOUND = 1000;

    static {
        try {
            Files.createDirectories(Path.of("target"));
            DATA = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-data-");
            try (ServerSocket s = new ServerSocket(0)) {
                BROKER_PORT = s.getLocalPort();
            }
            try (ServerSocket s = new ServerSocket(0)) {
                HTTP_PORT = s.getLocalPort();
            }
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> String.valueOf(HTTP_PORT));
        registry.add("degreehub.data-dir", DATA::toString);
        registry.add("degreehub.broker.tcp-url", () -> "tcp://127.0.0.1:" + BROKER_PORT);
        registry.add("degreehub.demo.data", () -> "false");
        registry.add("degreehub.queues.redelivery-delay-ms", () -> "100");
        registry.add("degreehub.soap.max-message-bytes", () -> "4194304");
        // a test class with a hub of its own (own JVM) may start the clock elsewhere: see CLOCK_PROPERTY
        registry.add("degreehub.clock.start", () -> System.getProperty(CLOCK_PROPERTY, "2026-11-23T10:00:00+08:00"));
        registry.add("degreehub.demo.unit-simulator.answer-delay-ms", () -> "200");
        // deliveries to partners: a short schedule, so a test sees a dead letter within seconds
        for (String partner : List.of("portal", "units")) {
            registry.add("degreehub.deliveries." + partner + ".first-interval", () -> "100ms");
            registry.add("degreehub.deliveries." + partner + ".max-interval", () -> "1s");
        }
        registry.add("degreehub.deliveries.portal.give-up-after", () -> System.getProperty(PORTAL_GIVE_UP_PROPERTY, "4s"));
        registry.add("degreehub.deliveries.units.give-up-after", () -> "4s");
        // every test calls from 127.0.0.1: its wrong passwords, summed over the suite, must not refuse that
        // address (tests that provoke the throttle call from loopback addresses of their own, LoopbackHttp)
        registry.add("degreehub.security.logins.address-max-failures", () -> String.valueOf(ADDRESS_MAX_FAILURES));
        // small bounds for in-memory security state, so the flood test (LoginFloodIT) overflows them
        registry.add("degreehub.security.logins.max-tracked-addresses", () -> String.valueOf(FLOOD_BOUND));
        registry.add("degreehub.security.logins.max-tracked-pairs", () -> String.valueOf(FLOOD_BOUND / 5));
        registry.add("degreehub.security.max-rate-limited-keys", () -> String.valueOf(FLOOD_BOUND));
        // -Ppostgres-it: the hub on a real PostgreSQL server, in a database of its own (H2 has one per data directory)
        if (TestPostgres.active()) {
            TestPostgres.Database db = TestPostgres.freshDatabase();
            registry.add("spring.datasource.url", db::url);
            registry.add("spring.datasource.username", db::user);
            registry.add("spring.datasource.password", db::password);
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    /** A block of certificate sequence numbers no other test uses. */
    protected static int freshSequences(int count) {
        return SEQUENCE.getAndAdd(count);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.getAndIncrement();
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    protected DegreeFilingPortType filing(String user) {
        return client(DegreeFilingPortType.class, "/services/filing", user, user + "-pass", false);
    }

    protected DegreeFilingPortType filingDigest(String user, String password) {
        return client(DegreeFilingPortType.class, "/services/filing", user, password, true);
    }

    protected <T> T client(Class<T> type, String path, String user, String password, boolean digest) {
        return soapClient(type, url(path), user, password, digest);
    }

    /** Clients made so far: making one costs CXF about half a second (its service model, from the class). */
    private static final Map<List<Object>, Object> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A real CXF client of {@code type} at {@code address}, with a UsernameToken (PasswordText or PasswordDigest),
     * shared by every caller asking for the same one: a caller that changes its client (MTOM, request context,
     * interceptors) takes {@link #freshSoapClient} instead.
     */
    public static <T> T soapClient(Class<T> type, String address, String user, String password, boolean digest) {
        return type.cast(CLIENTS.computeIfAbsent(List.of(type, address, user, password, digest),
                k -> freshSoapClient(type, address, user, password, digest)));
    }

    protected <T> T freshClient(Class<T> type, String path, String user, String password, boolean digest) {
        return freshSoapClient(type, url(path), user, password, digest);
    }

    /** A client of its own, for a caller that changes it. */
    public static <T> T freshSoapClient(Class<T> type, String address, String user, String password, boolean digest) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(type);
        factory.setAddress(address);
        Map<String, Object> props = new HashMap<>();
        props.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
        props.put(ConfigurationConstants.USER, user);
        props.put(ConfigurationConstants.PASSWORD_TYPE, digest ? "PasswordDigest" : "PasswordText");
        props.put(ConfigurationConstants.PW_CALLBACK_REF, (javax.security.auth.callback.CallbackHandler) callbacks -> {
            for (Callback c : callbacks) {
                ((WSPasswordCallback) c).setPassword(password);
            }
        });
        factory.getOutInterceptors().add(new WSS4JOutInterceptor(props));
        T port = factory.create(type);
        Client client = ClientProxy.getClient(port);
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        conduit.getClient().setReceiveTimeout(120_000);
        return port;
    }

    /** A partner's connection to the broker's TCP port with its registry account (demo password). */
    public static org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory brokerAccount(String user) {
        return new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT,
                user, user + "-pass");
    }

    /** The fault code a SOAP call ends with (any service's client). */
    protected static FaultCode faultOf(Executable call) {
        return Faults.codeOf(call);
    }

    /** An admin REST API call with HTTP basic as {@code user} (demo password {@code <user>-pass}). */
    protected HttpResponse<byte[]> http(String method, String path, String json, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + user + "-pass").getBytes(StandardCharsets.UTF_8)));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A multipart/form-data POST as a browser's upload form sends it: text fields, and a PDF file when given. */
    protected HttpResponse<String> multipart(String path, Map<String, String> fields, String fileField, byte[] file,
                                             String user) throws Exception {
        String boundary = "----hub" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (file != null) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"scan.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(file);
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pass")
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** {@link #http} expecting a status; the JSON answer. */
    protected JsonNode rest(String method, String path, String json, String user, int expectedStatus) throws Exception {
        HttpResponse<byte[]> response = http(method, path, json, user);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(method + " " + path + ": " + body).isEqualTo(expectedStatus);
        return JSON.readTree(body);
    }

    /** A raw HTTP POST of a SOAP document, for input no generated client would send. */
    protected HttpResponse<String> postSoap(String path, String body) throws IOException, InterruptedException {
        return postSoap(path, body.getBytes(StandardCharsets.UTF_8));
    }

    protected HttpResponse<String> postSoap(String path, byte[] body) throws IOException, InterruptedException {
        return postSoap(path, "text/xml; charset=UTF-8", body);
    }

    /** A raw HTTP POST with any content type (a SOAP 1.2 envelope, a hand-made MTOM multipart...). */
    protected HttpResponse<String> postSoap(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", contentType)
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The code of the t:faultDetail in a raw SOAP answer, or null when it is no fault. */
    protected static FaultCode faultCodeIn(String soapAnswer) {
        return Faults.codeIn(soapAnswer);
    }

    /** The national portal's verification client, sending attachments as MTOM parts as a real portal does. */
    protected cn.degreehub.contract.verification.DegreeVerificationPortType verificationMtom(String user) {
        var port = freshClient(cn.degreehub.contract.verification.DegreeVerificationPortType.class, "/services/verification",
                user, user + "-pass", false);
        ((jakarta.xml.ws.soap.SOAPBinding) ((jakarta.xml.ws.BindingProvider) port).getBinding()).setMTOMEnabled(true);
        return port;
    }

    /** POST /admin/api/publication/run as admin: filed records become queryable. */
    protected String publishNow() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/admin/api/publication/run")))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("admin:admin-pass".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Files {@code count} fresh records of 天津大学 (10056) master's degrees awarded in {@code year}, and publishes them. */
    protected List<cn.degreehub.contract.filing.FilingRecord> fileAndPublish(int year, int count) throws Exception {
        List<cn.degreehub.contract.filing.FilingRecord> records = file(year, count);
        publishNow();
        return records;
    }

    /** Files {@code count} fresh records of 天津大学 (10056) master's degrees awarded in {@code year} (approved, not yet published). */
    protected List<cn.degreehub.contract.filing.FilingRecord> file(int year, int count) throws Exception {
        List<cn.degreehub.contract.filing.FilingRecord> records = cn.degreehub.demo.DemoRecords.records("10056", "天津大学",
                "120104", 3, year, freshSequences(count), count);
        cn.degreehub.contract.filing.SubmitFilingBatchRequest batch = new cn.degreehub.contract.filing.SubmitFilingBatchRequest();
        batch.setBatchId(unique("batch"));
        batch.setProvinceCode("12");
        batch.setUnitCode("10056");
        batch.setSemester((year - 1) + "-" + year + "-2");
        batch.getRecord().addAll(records);
        assertThat(filing("province-12").submitFilingBatch(batch).getReceipt().getAccepted()).isEqualTo(count);
        return records;
    }

    protected int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    /** The wsse:Security header with a PasswordText token. */
    protected static String textSecurityHeader(String user, String password) {
        return "<soapenv:Header><wsse:Security soapenv:mustUnderstand=\"1\" xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
                + "<wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username>"
                + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText\">"
                + password + "</wsse:Password></wsse:UsernameToken></wsse:Security></soapenv:Header>";
    }
}
