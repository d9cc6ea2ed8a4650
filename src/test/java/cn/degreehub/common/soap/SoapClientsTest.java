package cn.degreehub.common.soap;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.common.soap.SoapClients.CallSecurity;
import cn.degreehub.common.soap.SoapClients.PasswordType;
import cn.degreehub.contract.portal.NotifyApplicationStatusRequest;
import cn.degreehub.contract.portal.PortalNotificationPortType;
import cn.degreehub.contract.verification.ApplicationStatus;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the hub's client puts on the wire to a partner (the portal's notification service here; the units' receiver
 * is built by the same code), caught by a plain JDK HTTP server: HTTP/1.1 without an h2c upgrade, and the
 * UsernameToken shaped as the partner's settings say.
 */
class SoapClientsTest {

    private static final String ANSWER = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
            + "<p:notifyApplicationStatusResponse xmlns:p=\"urn:degreehub:portal-callback:v1\"><p:received>true</p:received>"
            + "</p:notifyApplicationStatusResponse></soap:Body></soap:Envelope>";
    private static final Pattern CREATED = Pattern.compile("<wsu:Created>([^<]+)</wsu:Created><wsu:Expires>([^<]+)</wsu:Expires>");

    record Captured(String protocol, String method, Map<String, List<String>> headers, String body) {
        boolean hasHeader(String name) {
            return headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(name));
        }
    }

    private HttpServer server;
    private final List<Captured> captured = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startPartner() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/portal", exchange -> {
            captured.add(new Captured(exchange.getProtocol(), exchange.getRequestMethod(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopPartner() {
        server.stop(0);
    }

    @Test
    void byDefaultADigestWithoutTimestampOverHttp11WithoutUpgrade() throws Exception {
        Captured call = call(CallSecurity.DEFAULT);

        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.protocol()).isEqualTo("HTTP/1.1");
        assertThat(call.hasHeader("Upgrade")).as("no h2c upgrade: " + call.headers()).isFalse();
        assertThat(call.hasHeader("HTTP2-Settings")).isFalse();
        assertThat(call.body()).contains("#PasswordDigest\">").contains("<wsse:Nonce").contains("<wsse:Username>degree-hub<")
                .doesNotContain("degree-hub-pass").doesNotContain("wsu:Timestamp");
    }

    @Test
    void aPartnerMayAskForTextAndATimestamp() throws Exception {
        Captured call = call(new CallSecurity(PasswordType.TEXT, true, Duration.ofMinutes(3)));

        assertThat(call.protocol()).isEqualTo("HTTP/1.1");
        assertThat(call.hasHeader("Upgrade")).isFalse();
        assertThat(call.body()).contains("#PasswordText\">degree-hub-pass</wsse:Password>").contains("<wsu:Timestamp");
        Matcher times = CREATED.matcher(call.body());
        assertThat(times.find()).isTrue();
        assertThat(Duration.between(Instant.parse(times.group(1)), Instant.parse(times.group(2)))).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void aDigestWithATimestamp() throws Exception {
        Captured call = call(new CallSecurity(PasswordType.DIGEST, true, null));

        assertThat(call.body()).contains("#PasswordDigest\">").contains("<wsu:Timestamp").doesNotContain("degree-hub-pass");
        Matcher times = CREATED.matcher(call.body());
        assertThat(times.find()).isTrue();
        assertThat(Duration.between(Instant.parse(times.group(1)), Instant.parse(times.group(2)))).isEqualTo(Duration.ofMinutes(5));
    }

    private Captured call(CallSecurity security) throws Exception {
        PortalNotificationPortType portal = SoapClients.withUsernameToken(PortalNotificationPortType.class,
                "http://127.0.0.1:" + server.getAddress().getPort() + "/portal", "degree-hub", "degree-hub-pass",
                security, 5000);
        NotifyApplicationStatusRequest request = new NotifyApplicationStatusRequest();
        request.setEventId("e-1");
        request.setApplicationNo("A2026000001");
        request.setStatus(ApplicationStatus.RECEIVED);
        request.setChangedAt(java.time.OffsetDateTime.parse("2026-11-23T10:00:00+08:00"));
        assertThat(portal.notifyApplicationStatus(request).isReceived()).isTrue();
        assertThat(captured).hasSize(1);
        return captured.get(0);
    }
}
