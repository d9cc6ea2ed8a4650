import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.types.DegreeLevel;
import cn.degreehub.contract.verification.Applicant;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.SubmitApplicationRequest;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.demo.DemoRecords;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.ws.security.wss4j.WSS4JStaxOutInterceptor;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.stax.ext.WSSConstants;
import org.apache.wss4j.stax.ext.WSSSecurityProperties;

/**
 * Check round trips against a running hub (bench/run-checks.sh): dispatch over Artemis → a simulated unit
 * (here, a plain JMS client answering at once) → result on degreehub.check.result → report issued
 * (rendering off: degreehub.report.render-on-issue=false), next to bare Artemis send/receive of the same
 * documents through the same broker in the same run.
 *
 *  1. setup (not timed): N applications for unfiled degrees of unit 10056 (queue channel) over SOAP → REVIEW;
 *     the dispatch outbox route is stopped; a reviewer sends each to the unit (REST) → N tasks in the outbox.
 *  2. timed: the unit's JMS consumers start, the outbox route starts; the clock stops when the hub has
 *     answered N tasks (its counters degreehub.checks.delivered / .answered, polled from the actuator).
 *  3. bare Artemis: the same N request documents sent to a queue, answered by the same kind of consumer with
 *     the same result documents on a second queue, received by the sender.
 */
public class CheckBench {

    static final String UNIT = "10056";
    static final Pattern TASK_ID = Pattern.compile("<(?:\\w+:)?taskId>([A-Z0-9]+)</");
    static String hub;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // CXF and JMS threads would keep a failed run alive
        }
    }

    static void run(String[] args) throws Exception {
        hub = args[0];
        String broker = args[1];
        int n = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int portalPort = Integer.parseInt(args[4]);
        AtomicInteger notified = portalStub(portalPort);

        // 1. setup
        List<FilingRecord> records = DemoRecords.records(UNIT, "天津大学", "120104", 3, 2023, 900_000, n);
        List<DegreeVerificationPortType> portals = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            portals.add(client(DegreeVerificationPortType.class, hub + "/services/verification", "portal"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<String> applications = java.util.Collections.synchronizedList(new ArrayList<>());
        parallel(pool, n, i -> applications.add(apply(portals.get(i % portals.size()), records.get(i))));
        rest("POST", "/admin/api/routes/check-dispatch-outbox/stop", "admin");
        long t = System.nanoTime();
        parallel(pool, n, i -> rest("POST", "/admin/api/reviews/" + applications.get(i) + "/check", "reviewer"));
        System.out.printf("setup: %d applications in review, %d check tasks waiting in the outbox (%.0f sends to unit/s over REST)%n",
                n, n, n / ((System.nanoTime() - t) / 1e9));

        // 2. timed: the unit answers at once; the hub dispatches and records
        // the demo unit's broker account: the broker admits no anonymous client
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker, "unit-" + UNIT, "unit-" + UNIT + "-pass");
        List<Connection> connections = new ArrayList<>();
        AtomicInteger unitAnswers = new AtomicInteger();
        for (int c = 0; c < 2; c++) {
            Connection connection = factory.createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer results = session.createProducer(session.createQueue("degreehub.check.result"));
            session.createConsumer(session.createQueue("degreehub.check." + UNIT)).setMessageListener(m -> {
                try {
                    results.send(session.createTextMessage(result(taskId(((TextMessage) m).getText()))));
                    unitAnswers.incrementAndGet();
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            connection.start();
            connections.add(connection);
        }
        double delivered0 = metric("degreehub.checks.delivered");
        double answered0 = metric("degreehub.checks.answered");
        long t0 = System.nanoTime();
        rest("POST", "/admin/api/routes/check-dispatch-outbox/start", "admin");
        long deliveredAt = 0;
        long answeredAt = 0;
        long deadline = t0 + TimeUnit.MINUTES.toNanos(10);
        long peakHeap = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(50);
            long now = System.nanoTime();
            if (deliveredAt == 0 && metric("degreehub.checks.delivered") - delivered0 >= n) {
                deliveredAt = now;
            }
            peakHeap = Math.max(peakHeap, (long) metric("jvm.memory.used?tag=area:heap"));
            if (metric("degreehub.checks.answered") - answered0 >= n) {
                answeredAt = now;
                break;
            }
        }
        if (answeredAt == 0) {
            throw new IllegalStateException("the hub did not answer all " + n + " tasks in 10 minutes");
        }
        for (Connection c : connections) {
            c.close();
        }
        double roundTrips = n / ((answeredAt - t0) / 1e9);
        double dispatch = n / ((deliveredAt - t0) / 1e9);

        // 3. bare Artemis: the same documents, one request queue, one result queue
        List<String> requestDocuments = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            requestDocuments.add(requestDocument("T20261123" + String.format("%07d", i)));
        }
        double bare = bareArtemis(requestDocuments);

        System.out.println();
        System.out.printf("== degree-hub check round trips (%d cores, %d tasks, unit %s on its queue) ==%n",
                Runtime.getRuntime().availableProcessors(), n, UNIT);
        System.out.printf("hub: dispatch → unit → result → report issued (no rendering): %8.0f round trips/s%n", roundTrips);
        System.out.printf("      of which all %d requests were on the unit's queue after %.2f s (%.0f dispatches/s)%n", n,
                (deliveredAt - t0) / 1e9, dispatch);
        System.out.printf("bare Artemis send → receive → reply → receive, same documents:   %8.0f round trips/s%n", bare);
        System.out.printf("      ratio hub / bare = %.3f   (goal >= 1,000 round trips/s)%n", roundTrips / bare);
        System.out.printf("hub peak heap during the timed part: %d MB; the simulated unit answered %d requests;"
                + " the portal stub received %d notifications%n", peakHeap / 1024 / 1024, unitAnswers.get(), notified.get());
        pool.shutdown();
        System.exit(0);
    }

    /**
     * The national portal, outside the hub: answers every notifyApplicationStatus at once (the hub's own
     * simulator would spend the hub's CPU on the portal's side of the call).
     */
    static AtomicInteger portalStub(int port) throws Exception {
        AtomicInteger count = new AtomicInteger();
        byte[] answer = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
                + "<notifyApplicationStatusResponse xmlns=\"urn:degreehub:portal-callback:v1\"><received>true</received>"
                + "</notifyApplicationStatusResponse></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            count.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        return count;
    }

    /**
     * The same round trips on a broker of the bench's own (persistent, no security, same machine): the hub's
     * broker admits partners only to their own queues, so the baseline cannot use it.
     */
    static double bareArtemis(List<String> documents) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bench-artemis");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        org.apache.activemq.artemis.core.config.Configuration config = new org.apache.activemq.artemis.core.config.impl.ConfigurationImpl()
                .setPersistenceEnabled(true).setSecurityEnabled(false).setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString()).setLargeMessagesDirectory(dir.resolve("large").toString())
                .setPagingDirectory(dir.resolve("paging").toString());
        config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ server =
                new org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port)) {
            return bareArtemis(factory, documents);
        } finally {
            server.stop();
        }
    }

    static double bareArtemis(ActiveMQConnectionFactory factory, List<String> documents) throws Exception {
        String requests = "bench.check.request." + System.nanoTime();
        String replies = "bench.check.result." + System.nanoTime();
        try (Connection unit = factory.createConnection(); Connection center = factory.createConnection()) {
            for (int c = 0; c < 2; c++) {
                Session s = unit.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(s.createQueue(replies));
                s.createConsumer(s.createQueue(requests)).setMessageListener(m -> {
                    try {
                        p.send(s.createTextMessage(result(taskId(((TextMessage) m).getText()))));
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                });
            }
            unit.start();
            Session in = center.createSession(false, Session.AUTO_ACKNOWLEDGE);
            CountDownLatch all = new CountDownLatch(documents.size());
            in.createConsumer(in.createQueue(replies)).setMessageListener(m -> all.countDown());
            center.start();
            Session out = center.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = out.createProducer(out.createQueue(requests));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            long t0 = System.nanoTime();
            for (String d : documents) {
                producer.send(out.createTextMessage(d));
            }
            if (!all.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("bare Artemis: replies missing");
            }
            return documents.size() / ((System.nanoTime() - t0) / 1e9);
        }
    }

    static String taskId(String document) {
        Matcher m = TASK_ID.matcher(document);
        if (!m.find()) {
            throw new IllegalStateException("no taskId in " + document);
        }
        return m.group(1);
    }

    static String result(String taskId) {
        return "<submitCheckResultRequest xmlns=\"urn:degreehub:check:v1\"><requestId>bench-" + taskId + "</requestId>"
                + "<taskId>" + taskId + "</taskId><outcome>CONFIRMED</outcome><remarks>核实无误</remarks>"
                + "<checker>基准测试</checker></submitCheckResultRequest>";
    }

    /** A check request document of the hub's size and shape, for the bare Artemis baseline. */
    static String requestDocument(String taskId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><checkRequest xmlns=\"urn:degreehub:check:v1\""
                + " xmlns:ns2=\"urn:degreehub:verification:v1\" xmlns:ns3=\"urn:degreehub:types:v1\"><taskId>" + taskId
                + "</taskId><applicationNo>A202611230000001</applicationNo><unitCode>10056</unitCode><department>grad</department>"
                + "<degree><ns2:holderName>张三</ns2:holderName><ns2:idType>01</ns2:idType><ns2:idNumber>120104199803070006"
                + "</ns2:idNumber><ns2:unitCode>10056</ns2:unitCode><ns2:level>MASTER</ns2:level><ns2:awardDate>2023-06-30"
                + "</ns2:awardDate><ns2:certificateNumber>1005632023900001</ns2:certificateNumber></degree>"
                + "<differingField>certificateNumber</differingField><urgent>false</urgent><dueDate>2026-12-07</dueDate>"
                + "<createdAt>2026-11-23T10:00:00+08:00</createdAt></checkRequest>";
    }

    static String apply(DegreeVerificationPortType portal, FilingRecord r) {
        SubmitApplicationRequest request = new SubmitApplicationRequest();
        request.setRequestId("bench-check-" + r.getXWZSBH());
        Applicant applicant = new Applicant();
        applicant.setName(r.getXM());
        applicant.setIdType("01");
        applicant.setIdNumber(r.getZJHM());
        request.setApplicant(applicant);
        DegreeAsApplied d = new DegreeAsApplied();
        d.setHolderName(r.getXM());
        d.setIdType("01");
        d.setIdNumber(r.getZJHM());
        d.setUnitCode(UNIT);
        d.setLevel(DegreeLevel.MASTER);
        d.setAwardDate(LocalDate.parse(r.getHXWRQ(), DateTimeFormatter.BASIC_ISO_DATE));
        d.setCertificateNumber(r.getXWZSBH());
        request.setDegree(d);
        request.getLanguages().add(cn.degreehub.contract.verification.Language.ZH);
        try {
            SubmitApplicationResponse answer = portal.submitApplication(request);
            if (answer.getStatus() != ApplicationStatus.REVIEW) {
                throw new IllegalStateException("expected REVIEW for an unfiled degree, got " + answer.getStatus());
            }
            return answer.getApplicationNo();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    interface Task {
        void run(int i) throws Exception;
    }

    static void parallel(ExecutorService pool, int n, Task task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    task.run(i);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    static String rest(String method, String path, String user) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(hub + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + user + "-pass").getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " → " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([0-9.E+]+)");

    static double metric(String name) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(hub + "/actuator/metrics/" + name))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin-pass".getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return 0; // a counter not yet incremented does not exist yet
        }
        Matcher m = VALUE.matcher(r.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    static <T> T client(Class<T> type, String address, String user) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(type);
        factory.setAddress(address);
        WSSSecurityProperties security = new WSSSecurityProperties();
        security.setActions(List.of(WSSConstants.USERNAMETOKEN));
        security.setTokenUser(user);
        security.setUsernameTokenPasswordType(WSSConstants.UsernameTokenPasswordType.PASSWORD_TEXT);
        security.setCallbackHandler(callbacks -> {
            for (var c : callbacks) {
                ((WSPasswordCallback) c).setPassword(user + "-pass");
            }
        });
        factory.getOutInterceptors().add(new WSS4JStaxOutInterceptor(security));
        T port = factory.create(type);
        ((HTTPConduit) ClientProxy.getClient(port).getConduit()).getClient().setReceiveTimeout(120_000);
        return port;
    }
}
