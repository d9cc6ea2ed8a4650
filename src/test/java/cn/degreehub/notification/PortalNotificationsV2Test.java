package cn.degreehub.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.degreehub.common.soap.SoapClients;
import com.sun.net.httpserver.HttpServer;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * A portal on contract v2 (degreehub.portal.contract: v2) gets notifyApplicationStatus in
 * urn:degreehub:portal-callback:v2, valid against xsd/v2, caught on the wire by a plain JDK HTTP server.
 */
class PortalNotificationsV2Test {

    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile String answer = "true";

    @BeforeEach
    void startPortal() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/portal", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] out = ("<soap:Envelope xmlns:soap=\"" + SOAP + "\"><soap:Body><p:notifyApplicationStatusResponse"
                    + " xmlns:p=\"urn:degreehub:portal-callback:v2\"><p:received>" + answer + "</p:received>"
                    + "</p:notifyApplicationStatusResponse></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopPortal() {
        server.stop(0);
    }

    private PortalNotifications.Sender sender(String contract) {
        return PortalNotifications.sender(contract, "http://127.0.0.1:" + server.getAddress().getPort() + "/portal",
                "degree-hub", "degree-hub-pass", SoapClients.CallSecurity.DEFAULT, 5_000);
    }

    @Test
    void aV2PortalGetsTheWrappedV2Element() throws Exception {
        sender("v2").send(PortalNotifications.message("e-1", "A202612010000001", "COMPLETED", "R202612010000001",
                "CONSISTENT", Instant.parse("2026-12-01T02:00:00Z"), 3));

        assertThat(bodies).hasSize(1);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        Document envelope = factory.newDocumentBuilder().parse(new InputSource(new StringReader(bodies.get(0))));
        Element body = (Element) envelope.getElementsByTagNameNS(SOAP, "Body").item(0);
        Element notification = (Element) body.getElementsByTagNameNS("*", "notifyApplicationStatus").item(0);
        assertThat(notification.getNamespaceURI()).isEqualTo("urn:degreehub:portal-callback:v2");
        SchemaFactory.newDefaultInstance().newSchema(Path.of("xsd/v2/portal-callback.xsd").toFile()).newValidator()
                .validate(new DOMSource(notification));
        assertThat(bodies.get(0)).doesNotContain("portal-callback:v1", "verification:v1").contains("A202612010000001")
                .contains("2026-12-01T10:00:00.000+08:00");
        assertThat(notification.getElementsByTagNameNS("*", "sequenceNo").item(0).getTextContent()).isEqualTo("3");
    }

    @Test
    void anUnacknowledgedV2NotificationIsAFailureAndAnUnknownContractIsRefused() {
        answer = "false";
        assertThatThrownBy(() -> sender("v2").send(PortalNotifications.message("e-2", "A202612010000002", "RECEIVED",
                null, null, Instant.now(), 1))).hasMessageContaining("did not acknowledge");
        assertThatThrownBy(() -> sender("v3")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v1 or v2");
    }
}
