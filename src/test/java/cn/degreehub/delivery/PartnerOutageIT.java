package cn.degreehub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.demo.PortalSimulator;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.PortalRequests;
import cn.degreehub.support.Waiting;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;

/**
 * The national portal down for longer than the 5 tries in 31 s deliveries used to get, then back: every status
 * notification sent meanwhile reaches it once, each application's in the order of its changes with sequence
 * numbers 1, 2 …, and nobody acts. The outage is real HTTP: the hub's portal address is a gate this test runs
 * in front of the portal simulator, answering 503 while the portal is "down".
 * Runs in a JVM of its own (failsafe execution partner-outage): the hub it starts retries the portal for 10
 * minutes and calls the gate, where the shared test hub gives up after seconds.
 */
class PartnerOutageIT extends HubTestSupport {

    /** Longer than the 31 s in which deliveries used to give up. */
    static final Duration OUTAGE = Duration.ofSeconds(40);
    static final int APPLICATIONS = 5;
    static final PortalGate GATE;

    static {
        System.setProperty(PORTAL_GIVE_UP_PROPERTY, "10m");
        GATE = new PortalGate("http://127.0.0.1:" + HTTP_PORT + "/services/portal-simulator");
        System.setProperty("degreehub.portal.notification-url", GATE.url());
    }

    @Autowired
    PortalSimulator portalSimulator;

    @Autowired
    @Qualifier("portalOutbox")
    Outbox portalOutbox;

    @Value("${degreehub.portal.notification-url}")
    String portalUrl;

    @AfterAll
    static void stopGate() {
        GATE.server.stop(0);
    }

    @Test
    void notificationsSentDuringAPortalOutageReachItOnceInOrderWhenItIsBack() throws Exception {
        assertThat(portalUrl).as("this class needs a hub of its own: failsafe execution partner-outage")
                .isEqualTo(GATE.url());
        assertThat(portalOutbox.schedule().giveUpAfter()).isGreaterThan(OUTAGE.multipliedBy(3));
        List<FilingRecord> records = fileAndPublish(2019, APPLICATIONS);
        DegreeVerificationPortType portal = client(DegreeVerificationPortType.class, "/services/verification", "portal",
                "portal-pass", false);

        GATE.down = true;
        List<String> applications = new ArrayList<>();
        for (FilingRecord r : records) {
            applications.add(portal.submitApplication(PortalRequests.application(PortalRequests.asApplied(r), Language.ZH))
                    .getApplicationNo());
        }
        String ours = "application_no IN (" + applications.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", "))
                + ")";
        // down until every application's first notification was refused, and then for the whole outage
        String refused = "SELECT COUNT(*) FROM portal_notification WHERE " + ours + " AND seq = 1 AND attempts > 0";
        Waiting.await("every first notification refused", Duration.ofSeconds(60))
                .until(() -> count(refused), n -> n >= APPLICATIONS);
        assertThat(count(refused)).isEqualTo(APPLICATIONS);
        Thread.sleep(OUTAGE.toMillis());
        assertThat(GATE.refused.get()).isGreaterThan(APPLICATIONS * 5);
        // nothing reached the portal, nothing was given up, each first notification was tried more than 5 times
        assertThat(portalSimulator.received()).noneMatch(n -> applications.contains(n.applicationNo()));
        assertThat(count("SELECT COUNT(*) FROM portal_notification WHERE " + ours + " AND state IN ('DELIVERED', 'DEAD')"))
                .isZero();
        assertThat(count("SELECT MIN(attempts) FROM portal_notification WHERE " + ours + " AND seq = 1")).isGreaterThan(5);
        // the later notifications of an application were not tried while its first was undelivered
        assertThat(count("SELECT COUNT(*) FROM portal_notification WHERE " + ours + " AND seq > 1 AND attempts > 0")).isZero();
        int notifications = count("SELECT COUNT(*) FROM portal_notification WHERE " + ours);
        assertThat(notifications).isGreaterThanOrEqualTo(APPLICATIONS * 2); // RECEIVED and the decision at least

        GATE.down = false;
        Waiting.await("every notification delivered after the outage", Duration.ofSeconds(60))
                .until(() -> count("SELECT COUNT(*) FROM portal_notification WHERE " + ours + " AND state = 'DELIVERED'"),
                        n -> n >= notifications);
        assertThat(jdbc.queryForList("SELECT application_no, seq, status, state FROM portal_notification WHERE " + ours
                + " AND state <> 'DELIVERED'")).isEmpty();

        // each once, in the order of the application's changes, numbered 1, 2 …
        List<PortalSimulator.Received> received = portalSimulator.received().stream()
                .filter(n -> applications.contains(n.applicationNo())).toList();
        assertThat(received).hasSize(notifications);
        assertThat(received.stream().map(PortalSimulator.Received::eventId).distinct()).hasSize(notifications);
        Map<String, List<PortalSimulator.Received>> byApplication = received.stream()
                .collect(Collectors.groupingBy(PortalSimulator.Received::applicationNo));
        for (String no : applications) {
            List<String> changes = jdbc.queryForList("SELECT status FROM portal_notification WHERE application_no = ?"
                    + " ORDER BY seq", String.class, no);
            assertThat(changes.get(0)).isEqualTo("RECEIVED");
            assertThat(byApplication.get(no)).extracting(PortalSimulator.Received::status).as(no).isEqualTo(changes);
            assertThat(byApplication.get(no)).extracting(PortalSimulator.Received::sequenceNo).as(no)
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, changes.size()).boxed().toList());
        }
        // nobody had to act: no dead letter, no alert
        assertThat(count("SELECT COUNT(*) FROM deadline_alert WHERE kind = 'DEAD_LETTER' AND " + ours.replace(
                "application_no", "ref"))).isZero();
    }

    /** A test-controlled HTTP server in front of the portal: 503 while down, else the request passed on. */
    static final class PortalGate {

        final HttpServer server;
        final AtomicInteger refused = new AtomicInteger();
        volatile boolean down;
        private final URI target;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        PortalGate(String target) {
            this.target = URI.create(target);
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new ExceptionInInitializerError(e);
            }
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/portal";
        }

        private void handle(HttpExchange exchange) throws IOException {
            try {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (down) {
                    refused.incrementAndGet();
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(target).POST(HttpRequest.BodyPublishers.ofByteArray(body));
                for (String header : List.of("Content-Type", "SOAPAction")) {
                    String value = exchange.getRequestHeaders().getFirst(header);
                    if (value != null) {
                        request.header(header, value);
                    }
                }
                HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        }
    }
}
