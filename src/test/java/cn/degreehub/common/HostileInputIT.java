package cn.degreehub.common;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.verification.Attachment;
import cn.degreehub.contract.verification.AttachmentKind;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.SubmitApplicationRequest;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.support.Faults;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.PortalRequests;
import jakarta.activation.DataHandler;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an attacker or a broken client sends to the SOAP endpoints, as raw HTTP: each case is answered at once
 * with its typed fault (never INTERNAL, never after a timeout), and the hub serves a normal call afterwards.
 * Attachments, which only a real MTOM client sends, are tried with CXF's client below the corpus.
 */
class HostileInputIT extends HubTestSupport {

    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    static final String TEXT_XML = "text/xml; charset=UTF-8";

    /**
     * One hostile request and what it must get: HTTP status, the t:faultDetail code, and where SOAP has a code of
     * its own for it (MustUnderstand, VersionMismatch) the faultcode; {@code field} when the fault names one.
     */
    record Case(String name, String path, String contentType, byte[] body, int status, FaultCode code, String faultcode,
                String field) {

        Case(String name, String path, String body, FaultCode code) {
            this(name, path, TEXT_XML, body.getBytes(StandardCharsets.UTF_8), 500, code, null, null);
        }

        Case field(String expected) {
            return new Case(name, path, contentType, body, status, code, faultcode, expected);
        }

        Case faultcode(String expected) {
            return new Case(name, path, contentType, body, status, code, expected, field);
        }

        Case sentAs(String type, byte[] bytes) {
            return new Case(name, path, type, bytes, status, code, faultcode, field);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> corpus() {
        String receipt = "<f:getFilingReceiptRequest><f:batchId>nothing</f:batchId></f:getFilingReceiptRequest>";
        String status = "<v:getApplicationStatusRequest><v:applicationNo>A202611230000001</v:applicationNo>"
                + "</v:getApplicationStatusRequest>";
        return Stream.of(
                new Case("empty Body", "/services/filing", envelope("province-12", ""), FaultCode.INVALID_REQUEST)
                        .field("Body"),
                new Case("Body of white space", "/services/verification", envelope("portal", "\n  \n"),
                        FaultCode.INVALID_REQUEST).field("Body"),
                new Case("page number past any offset", "/services/check", envelope("unit-10056",
                        "<c:listCheckTasksRequest><c:paging><t:page>2147483647</t:page><t:pageSize>1000</t:pageSize></c:paging>"
                                + "</c:listCheckTasksRequest>"), FaultCode.INVALID_REQUEST).field("paging.page"),
                new Case("page number past any offset (withheld feedback)", "/services/filing", envelope("province-12",
                        "<f:getWithheldFeedbackRequest><f:provinceCode>12</f:provinceCode><f:semester>2024-2025-2</f:semester>"
                                + "<f:paging><t:page>2147483647</t:page><t:pageSize>50</t:pageSize></f:paging>"
                                + "</f:getWithheldFeedbackRequest>"), FaultCode.INVALID_REQUEST).field("paging.page"),
                new Case("page size over the contract's 1000", "/services/check", envelope("unit-10056",
                        "<c:listCheckTasksRequest><c:paging><t:pageSize>2147483647</t:pageSize></c:paging></c:listCheckTasksRequest>"),
                        FaultCode.INVALID_REQUEST),
                new Case("unknown header with mustUnderstand", "/services/filing", envelopeWithHeader(
                        "<x:trace soapenv:mustUnderstand=\"1\" xmlns:x=\"urn:example:unknown\">1</x:trace>" + security("province-12"),
                        receipt), FaultCode.INVALID_REQUEST).faultcode("MustUnderstand"),
                new Case("SOAP 1.2 envelope", "/services/filing", "", FaultCode.INVALID_REQUEST).faultcode("VersionMismatch")
                        .sentAs("application/soap+xml; charset=UTF-8", utf8(envelope("province-12", receipt).replace(SOAP11, SOAP12))),
                new Case("SOAP 1.2 envelope as text/xml", "/services/filing",
                        envelope("province-12", receipt).replace(SOAP11, SOAP12), FaultCode.INVALID_REQUEST)
                        .faultcode("VersionMismatch"),
                new Case("more MIME parts than attachments allowed", "/services/verification", "", FaultCode.INVALID_REQUEST)
                        .sentAs(MULTIPART, multipart(envelope("portal", status), 40)),
                new Case("external entity (XXE) naming /etc/passwd", "/services/filing",
                        "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                                + envelope("province-12", receipt.replace("nothing", "&xxe;")), FaultCode.INVALID_REQUEST),
                new Case("entity expansion (billion laughs)", "/services/filing",
                        billionLaughs() + envelope("province-12", receipt.replace("nothing", "&lol9;")), FaultCode.INVALID_REQUEST),
                new Case("body over degreehub.soap.max-message-bytes", "/services/filing",
                        envelope("province-12", receipt.replace("nothing", "x".repeat(5 * 1024 * 1024))),
                        FaultCode.PAYLOAD_TOO_LARGE),
                new Case("bytes that are not UTF-8", "/services/filing", "", FaultCode.INVALID_REQUEST)
                        .sentAs(TEXT_XML, notUtf8(envelope("province-12", receipt))),
                new Case("a unit calling filing", "/services/filing", envelope("unit-10056", receipt), FaultCode.FORBIDDEN),
                new Case("a province calling the portal's verification", "/services/verification",
                        envelope("province-12", status), FaultCode.FORBIDDEN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachIsAnsweredWithItsTypedFault(Case c) throws Exception {
        HttpResponse<String> answer = postSoap(c.path(), c.contentType(), c.body());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(c.status());
        assertThat(faultCodeIn(answer.body())).as(answer.body()).isEqualTo(c.code());
        assertThat(answer.body()).contains("<messageZh>").contains("<messageEn>")
                .doesNotContain("Exception").doesNotContain("at org.").doesNotContain("root:x:0:0");
        if (c.faultcode() != null) {
            assertThat(answer.body()).contains("<faultcode>soap:" + c.faultcode() + "</faultcode>");
        }
        if (c.field() != null) {
            assertThat(answer.body()).contains("<field>" + c.field() + "</field>");
        }
    }

    @AfterEach
    void theHubStillServes() throws Exception {
        HttpResponse<String> ok = postSoap("/services/filing", envelope("province-12",
                "<f:getWithheldFeedbackRequest><f:provinceCode>12</f:provinceCode><f:semester>2024-2025-2</f:semester>"
                        + "</f:getWithheldFeedbackRequest>"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("getWithheldFeedbackResponse").contains("<total>");
    }

    // ---- attachments, sent by CXF's own MTOM client

    @Test
    void scansUpToTheConfiguredSizeAreAcceptedOverMtom() throws Exception {
        byte[] pdf = pdf(700);
        byte[] jpeg = jpeg(1600);
        // over CXF's 100 KiB in-memory threshold, under degreehub.verification.attachment-max-size (2MB)
        assertThat(pdf.length).isBetween(1_400_000, 2_000_000);
        assertThat(jpeg.length).isBetween(1_200_000, 2_000_000);
        SubmitApplicationRequest request = application();
        request.getAttachment().add(attachment("scan.pdf", "application/pdf", pdf));
        request.getAttachment().add(attachment("scan.jpg", "image/jpeg", jpeg));

        SubmitApplicationResponse answer = portal().submitApplication(request);

        assertThat(jdbc.queryForList("SELECT size_bytes FROM application_attachment WHERE application_no = ? ORDER BY id",
                Long.class, answer.getApplicationNo())).endsWith((long) pdf.length, (long) jpeg.length);
        assertThat(jdbc.queryForList("SELECT sha256 FROM application_attachment WHERE application_no = ? ORDER BY id",
                String.class, answer.getApplicationNo())).endsWith(cn.degreehub.report.ReportService.sha256(pdf),
                cn.degreehub.report.ReportService.sha256(jpeg));
    }

    @Test
    void scansOverTheInMemoryThresholdAreAcceptedFromAHandMadeMtomRequest() throws Exception {
        // as a partner's own stack sends it (not CXF): the scan as a raw binary part, referenced by xop:Include
        byte[] pdf = pdf(500);
        assertThat(pdf.length).isGreaterThan(300 * 1024);
        java.io.StringWriter xml = new java.io.StringWriter();
        jakarta.xml.bind.Marshaller m = jakarta.xml.bind.JAXBContext.newInstance(SubmitApplicationRequest.class)
                .createMarshaller();
        m.setProperty(jakarta.xml.bind.Marshaller.JAXB_FRAGMENT, true);
        m.marshal(application(), xml);
        String attachment = "<v:attachment xmlns:v=\"urn:degreehub:verification:v1\"><v:kind>CERTIFICATE_SCAN</v:kind>"
                + "<v:fileName>scan.pdf</v:fileName><v:contentType>application/pdf</v:contentType><v:content>"
                + "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:scan@partner\"/>"
                + "</v:content></v:attachment>";
        String request = xml.toString().replaceFirst("(</[\\w:]*submitApplicationRequest>)$", attachment + "$1");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(utf8("--" + BOUNDARY + "\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"text/xml\"\r\n"
                + "Content-Transfer-Encoding: 8bit\r\nContent-ID: <root>\r\n\r\n"
                + envelopeWithHeader(security("portal"), request) + "\r\n--" + BOUNDARY
                + "\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <scan@partner>\r\n\r\n"));
        body.writeBytes(pdf);
        body.writeBytes(utf8("\r\n--" + BOUNDARY + "--\r\n"));

        HttpResponse<String> answer = postSoap("/services/verification", MULTIPART, body.toByteArray());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        java.util.regex.Matcher no = java.util.regex.Pattern.compile("applicationNo>([A-Z0-9]+)<").matcher(answer.body());
        assertThat(no.find()).as(answer.body()).isTrue();
        assertThat(jdbc.queryForList("SELECT sha256 FROM application_attachment WHERE application_no = ? ORDER BY id",
                String.class, no.group(1))).endsWith(cn.degreehub.report.ReportService.sha256(pdf));
    }

    @Test
    void aFileThatOnlyStartsLikeAPdfIsRefused() throws Exception {
        byte[] fake = new byte[200_000];
        new Random(7).nextBytes(fake);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, fake, 0, 9);
        SubmitApplicationRequest request = application();
        request.getAttachment().add(attachment("scan.pdf", "application/pdf", fake));
        int before = count("SELECT COUNT(*) FROM verification_application");

        var fault = Faults.detailOf(() -> portal().submitApplication(request));

        assertThat(fault.getCode()).isEqualTo(FaultCode.INVALID_REQUEST);
        assertThat(fault.getField()).isEqualTo("attachment[2]");
        assertThat(count("SELECT COUNT(*) FROM verification_application")).isEqualTo(before);
    }

    @Test
    void moreAttachmentsThanTheConfiguredMaximumAreRefused() throws Exception {
        SubmitApplicationRequest request = application();
        while (request.getAttachment().size() <= 10) {
            request.getAttachment().add(attachment("page.jpg", "image/jpeg", jpeg(40)));
        }
        int before = count("SELECT COUNT(*) FROM verification_application");

        assertThat(Faults.detailOf(() -> portal().submitApplication(request)).getCode()).isEqualTo(FaultCode.INVALID_REQUEST);
        assertThat(count("SELECT COUNT(*) FROM verification_application")).isEqualTo(before);
    }

    // ---- building the corpus

    static final String BOUNDARY = "hostile-boundary";
    static final String MULTIPART = "multipart/related; type=\"application/xop+xml\"; boundary=\"" + BOUNDARY
            + "\"; start=\"<root>\"; start-info=\"text/xml\"";

    static String envelope(String user, String body) {
        return envelopeWithHeader(security(user), body);
    }

    static String envelopeWithHeader(String header, String body) {
        return "<soapenv:Envelope xmlns:soapenv=\"" + SOAP11 + "\" xmlns:f=\"urn:degreehub:filing:v1\""
                + " xmlns:c=\"urn:degreehub:check:v1\" xmlns:v=\"urn:degreehub:verification:v1\" xmlns:t=\"urn:degreehub:types:v1\">"
                + "<soapenv:Header>" + header + "</soapenv:Header><soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>";
    }

    static String security(String user) {
        return textSecurityHeader(user, user + "-pass").replace("<soapenv:Header>", "").replace("</soapenv:Header>", "");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** An MTOM request: the envelope as its root part, then {@code parts} small binary parts. */
    static byte[] multipart(String envelope, int parts) {
        StringBuilder sb = new StringBuilder("--" + BOUNDARY + "\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"text/xml\"\r\n"
                + "Content-ID: <root>\r\n\r\n" + envelope + "\r\n");
        for (int i = 0; i < parts; i++) {
            sb.append("--" + BOUNDARY + "\r\nContent-Type: application/octet-stream\r\nContent-ID: <part" + i + ">\r\n\r\n")
                    .append("x".repeat(100)).append("\r\n");
        }
        return utf8(sb.append("--" + BOUNDARY + "--\r\n").toString());
    }

    static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        String previous = "lol";
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&" + previous + ";").repeat(10)).append("\">");
            previous = "lol" + i;
        }
        return dtd.append("]>").toString();
    }

    /** The envelope with a batch id of bytes no UTF-8 text has (a lone continuation byte, an overlong encoding). */
    static byte[] notUtf8(String envelope) {
        String[] around = envelope.split("nothing");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(around[0]));
        out.writeBytes(new byte[] {'a', (byte) 0x80, (byte) 0xC0, (byte) 0xAF, 'z'});
        out.writeBytes(utf8(around[1]));
        return out.toByteArray();
    }

    // ---- applications with attachments

    DegreeVerificationPortType portal() {
        return verificationMtom("portal");
    }

    /** An application for a degree filed here, with the two small scans every portal application has. */
    SubmitApplicationRequest application() throws Exception {
        FilingRecord record = file(2021, 1).get(0);
        return PortalRequests.application(PortalRequests.asApplied(record), Language.ZH);
    }

    static Attachment attachment(String name, String type, byte[] content) {
        return PortalRequests.attachment(AttachmentKind.OTHER, name, type, content);
    }

    /** Random pixels: they do not compress, so the size follows the side. */
    static BufferedImage noise(int side) {
        Random random = new Random(side);
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    static byte[] jpeg(int side) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(noise(side), "jpg", out);
        return out.toByteArray();
    }

    /** A real one-page PDF, as a scanner makes it: one large image. */
    static byte[] pdf(int side) throws Exception {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawImage(LosslessFactory.createFromImage(document, noise(side)), 50, 150, 500, 500);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
