package cn.degreehub.verification;

import static cn.degreehub.support.PortalRequests.application;
import static cn.degreehub.support.PortalRequests.asApplied;
import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.GetApplicationStatusRequest;
import cn.degreehub.contract.verification.GetReportRequest;
import cn.degreehub.contract.verification.GetReportResponse;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.ReportStatus;
import cn.degreehub.contract.verification.SubmitApplicationRequest;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.contract.verification.VerifyReportRequest;
import cn.degreehub.report.ReportPdfs;
import cn.degreehub.report.ReportService;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.PortalRequests;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.ws.BindingProvider;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.xml.namespace.QName;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * MTOM only where binary travels (docs/partner-interfaces.md, "MTOM"): answers without binary are text/xml even
 * to an MTOM client; the report PDF is an XOP part by default and base64 inside the envelope when the caller asks
 * for it inline, byte for byte the same, its signature valid both ways; requests' binary is accepted both ways;
 * the served WSDL declares MTOM as optional.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MtomAnswersIT extends HubTestSupport {

    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final Pattern PDF_ELEMENT = Pattern.compile("<(?:\\w+:)?pdf>([A-Za-z0-9+/=\\s]+)</(?:\\w+:)?pdf>");

    SubmitApplicationResponse issued;

    @BeforeAll
    void aReportIsIssued() throws Exception {
        FilingRecord r = fileAndPublish(2022, 1).get(0);
        issued = verificationMtom("portal").submitApplication(application(asApplied(r), Language.ZH));
        assertThat(issued.getStatus()).isEqualTo(ApplicationStatus.COMPLETED);
        assertThat(issued.getReportNo()).isNotNull();
    }

    @Test
    void answersWithoutBinaryAreTextXmlEvenToAnMtomClient() throws Exception {
        DegreeVerificationPortType portal = verificationMtom("portal");
        ContentTypes seen = ContentTypes.of(portal);

        GetApplicationStatusRequest status = new GetApplicationStatusRequest();
        status.setApplicationNo(issued.getApplicationNo());
        assertThat(portal.getApplicationStatus(status).getStatus()).isEqualTo(ApplicationStatus.COMPLETED);
        assertThat(seen.request).as("the client sent MTOM").startsWith("multipart/related").contains("application/xop+xml");
        assertThat(seen.answer).startsWith("text/xml");

        VerifyReportRequest verify = new VerifyReportRequest();
        verify.setReportNo(issued.getReportNo());
        assertThat(portal.verifyReport(verify).getReportStatus()).isEqualTo(ReportStatus.VALID);
        assertThat(seen.request).startsWith("multipart/related");
        assertThat(seen.answer).startsWith("text/xml");

        // a request with MTOM attachments: its answer has no binary either
        SubmitApplicationRequest submit = application(asApplied(fileAndPublish(2022, 1).get(0)), Language.ZH);
        assertThat(portal.submitApplication(submit).getStatus()).isEqualTo(ApplicationStatus.COMPLETED);
        assertThat(seen.answer).startsWith("text/xml");

        // a fault too
        status.setApplicationNo("A209901010000001");
        seen.answer = null;
        assertThat(faultOf(() -> portal.getApplicationStatus(status))).isNotNull();
        assertThat(seen.answer).startsWith("text/xml");
    }

    @Test
    void attachmentsSentInlineAsBase64AreAcceptedToo() throws Exception {
        byte[] png = PortalRequests.image("png");
        SubmitApplicationRequest request = application(asApplied(fileAndPublish(2022, 1).get(0)), Language.ZH);
        StringWriter xml = new StringWriter();
        Marshaller m = JAXBContext.newInstance(SubmitApplicationRequest.class).createMarshaller();
        m.setProperty(Marshaller.JAXB_FRAGMENT, true);
        m.marshal(request, xml); // no attachment marshaller: each scan's bytes as base64 in <content>
        assertThat(xml.toString()).contains(Base64.getEncoder().encodeToString(png));

        HttpResponse<byte[]> answer = post("/services/verification", envelope(xml.toString()));

        assertThat(answer.statusCode()).as(utf8(answer)).isEqualTo(200);
        assertThat(contentType(answer)).startsWith("text/xml");
        Matcher no = Pattern.compile("applicationNo>([A-Z0-9]+)<").matcher(utf8(answer));
        assertThat(no.find()).as(utf8(answer)).isTrue();
        assertThat(jdbc.queryForList("SELECT sha256 FROM application_attachment WHERE application_no = ? ORDER BY id",
                String.class, no.group(1))).containsExactly(ReportService.sha256(png),
                ReportService.sha256(PortalRequests.image("jpg")));
    }

    @Test
    void theReportPdfIsAnMtomPartByDefaultAndBase64InlineWhenAskedByteForByteTheSame() throws Exception {
        // a generated MTOM client, as the portal has it
        DegreeVerificationPortType portal = verificationMtom("portal");
        ContentTypes seen = ContentTypes.of(portal);
        GetReportResponse report = portal.getReport(getReport());
        byte[] viaClient = report.getPdf().getInputStream().readAllBytes();
        assertThat(seen.answer).startsWith("multipart/related").contains("application/xop+xml");
        assertThat(ReportPdfs.signatureValid(viaClient)).isTrue();
        assertThat(viaClient).as("the PDF ends with a newline: a client that loses it breaks the signature's ByteRange")
                .endsWith((byte) '\n');

        // the same, as raw HTTP from a client without MTOM: still an XOP part, the signed bytes exactly
        HttpResponse<byte[]> mtom = post("/services/verification", envelope(getReportXml()));
        assertThat(mtom.statusCode()).isEqualTo(200);
        assertThat(contentType(mtom)).startsWith("multipart/related").contains("application/xop+xml");
        byte[] part = binaryPart(mtom);
        assertThat(part).isEqualTo(viaClient);
        pdfsig("mtom", part);

        // inline=true in the endpoint address: text/xml, the PDF as base64 inside the envelope
        HttpResponse<byte[]> inline = post("/services/verification?inline=true", envelope(getReportXml()));
        assertThat(inline.statusCode()).isEqualTo(200);
        assertThat(contentType(inline)).startsWith("text/xml");
        String body = utf8(inline);
        assertThat(body).doesNotContain("xop:Include").doesNotContain("--uuid:");
        Matcher pdf = PDF_ELEMENT.matcher(body);
        assertThat(pdf.find()).as(body).isTrue();
        byte[] inlined = Base64.getMimeDecoder().decode(pdf.group(1));
        assertThat(inlined).isEqualTo(part);
        assertThat(ReportPdfs.signatureValid(inlined)).isTrue();
        pdfsig("inline", inlined);

        // the same asked with the HTTP header instead
        HttpResponse<byte[]> header = post("/services/verification", envelope(getReportXml()), "X-DegreeHub-Inline", "true");
        assertThat(contentType(header)).startsWith("text/xml");
        Matcher headerPdf = PDF_ELEMENT.matcher(utf8(header));
        assertThat(headerPdf.find()).isTrue();
        assertThat(Base64.getMimeDecoder().decode(headerPdf.group(1))).isEqualTo(part);

        // and from the generated MTOM client, only its address changed
        DegreeVerificationPortType inlineClient = verificationMtom("portal");
        ((BindingProvider) inlineClient).getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY,
                url("/services/verification?inline=true"));
        ContentTypes inlineSeen = ContentTypes.of(inlineClient);
        byte[] viaInlineClient = inlineClient.getReport(getReport()).getPdf().getInputStream().readAllBytes();
        assertThat(inlineSeen.request).startsWith("multipart/related");
        assertThat(inlineSeen.answer).startsWith("text/xml");
        assertThat(viaInlineClient).isEqualTo(part);
    }

    @Test
    void theServedWsdlDeclaresMtomAsOptional() throws Exception {
        HttpResponse<String> wsdl = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url("/services/verification?wsdl"))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(wsdl.statusCode()).isEqualTo(200);
        String text = wsdl.body().replaceAll("\\s+", " ");
        Matcher policy = Pattern.compile("<wsp:Policy [^>]*wsu:Id=\"(\\w+)\"[^>]*>\\s*<wsoma:OptimizedMimeSerialization wsp:Optional=\"true\"\\s*/>")
                .matcher(text);
        assertThat(policy.find()).as(text).isTrue();
        assertThat(text).contains("xmlns:wsoma=\"http://schemas.xmlsoap.org/ws/2004/09/policy/optimizedmimeserialization\"")
                .contains("xmlns:wsp=\"http://www.w3.org/ns/ws-policy\"")
                .containsPattern("<wsdl:binding name=\"DegreeVerificationBinding\"[^>]*> ?<wsp:PolicyReference URI=\"#"
                        + policy.group(1) + "\"");
    }

    @Test
    void aClientBuiltFromTheServedWsdlWithItsPolicyIsServedEitherWay() throws Exception {
        // CXF reads the policy of the served WSDL: MTOM is optional, so the hub takes the request as it comes
        DegreeVerificationPortType fromWsdl = clientFromServedWsdl();
        ContentTypes seen = ContentTypes.of(fromWsdl);
        GetApplicationStatusRequest status = new GetApplicationStatusRequest();
        status.setApplicationNo(issued.getApplicationNo());
        assertThat(fromWsdl.getApplicationStatus(status).getReportNo()).isEqualTo(issued.getReportNo());
        assertThat(seen.answer).startsWith("text/xml");
        byte[] pdf = fromWsdl.getReport(getReport()).getPdf().getInputStream().readAllBytes();
        assertThat(ReportPdfs.signatureValid(pdf)).isTrue();
    }

    // ---- helpers

    /** A CXF client whose model (policies included) comes from the hub's ?wsdl, not from the generated classes. */
    DegreeVerificationPortType clientFromServedWsdl() {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(DegreeVerificationPortType.class);
        factory.setWsdlURL(url("/services/verification?wsdl"));
        factory.setServiceName(new QName("urn:degreehub:verification:v1", "DegreeVerificationService"));
        factory.setEndpointName(new QName("urn:degreehub:verification:v1", "DegreeVerificationPort"));
        factory.setAddress(url("/services/verification"));
        Map<String, Object> security = new HashMap<>();
        security.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
        security.put(ConfigurationConstants.USER, "portal");
        security.put(ConfigurationConstants.PASSWORD_TYPE, "PasswordText");
        security.put(ConfigurationConstants.PW_CALLBACK_REF,
                (CallbackHandler) callbacks -> {
                    for (Callback c : callbacks) {
                        ((WSPasswordCallback) c).setPassword("portal-pass");
                    }
                });
        factory.getOutInterceptors().add(new WSS4JOutInterceptor(security));
        return factory.create(DegreeVerificationPortType.class);
    }

    GetReportRequest getReport() {
        GetReportRequest get = new GetReportRequest();
        get.setReportNo(issued.getReportNo());
        get.setLanguage(Language.ZH);
        return get;
    }

    String getReportXml() {
        return "<v:getReportRequest xmlns:v=\"urn:degreehub:verification:v1\"><v:reportNo>" + issued.getReportNo()
                + "</v:reportNo><v:language>ZH</v:language></v:getReportRequest>";
    }

    static String envelope(String body) {
        return "<soapenv:Envelope xmlns:soapenv=\"" + SOAP11 + "\">" + textSecurityHeader("portal", "portal-pass")
                + "<soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }

    /** A raw text/xml SOAP POST: the answer's exact bytes and headers. */
    HttpResponse<byte[]> post(String path, String envelope, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    static String utf8(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The bytes of the one part after the root part of a multipart/related answer, as they were on the wire. */
    static byte[] binaryPart(HttpResponse<byte[]> response) {
        Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType(response));
        assertThat(b.find()).isTrue();
        byte[] delimiter = ("\r\n--" + b.group(1)).getBytes(StandardCharsets.US_ASCII);
        byte[] body = response.body();
        List<Integer> at = new ArrayList<>();
        for (int i = indexOf(body, delimiter, 0); i >= 0; i = indexOf(body, delimiter, i + 1)) {
            at.add(i);
        }
        assertThat(at).as("root part, binary part, closing delimiter").hasSize(3);
        int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), at.get(1) + delimiter.length);
        String partHeaders = new String(body, at.get(1), headersEnd - at.get(1), StandardCharsets.US_ASCII);
        assertThat(partHeaders).contains("Content-Type: application/pdf");
        return Arrays.copyOfRange(body, headersEnd + 4, at.get(2));
    }

    static int indexOf(byte[] data, byte[] what, int from) {
        outer:
        for (int i = from; i <= data.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    void pdfsig(String name, byte[] pdf) throws Exception {
        Path file = Files.createDirectories(DATA.resolve("reports")).resolve(issued.getReportNo() + "-" + name + ".pdf");
        Files.write(file, pdf);
        VerificationIT.pdfsig(file, pdf);
    }

    /** The content types of a CXF client's last request and answer. */
    static final class ContentTypes {
        volatile String request;
        volatile String answer;

        static ContentTypes of(DegreeVerificationPortType port) {
            ContentTypes seen = new ContentTypes();
            ClientProxy.getClient(port).getInInterceptors().add(new AbstractPhaseInterceptor<Message>(Phase.RECEIVE) {
                @Override
                public void handleMessage(Message message) {
                    seen.answer = String.valueOf(message.get(Message.CONTENT_TYPE));
                    seen.request = String.valueOf(message.getExchange().getOutMessage().get(Message.CONTENT_TYPE));
                }
            });
            ClientProxy.getClient(port).getInFaultInterceptors().add(new AbstractPhaseInterceptor<Message>(Phase.RECEIVE) {
                @Override
                public void handleMessage(Message message) {
                    seen.answer = String.valueOf(message.get(Message.CONTENT_TYPE));
                }
            });
            return seen;
        }
    }
}
