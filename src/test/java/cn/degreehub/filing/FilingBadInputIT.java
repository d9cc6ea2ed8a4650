package cn.degreehub.filing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.support.HubTestSupport;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Input no well-behaved client sends: each gets its typed fault, nothing is stored, the hub keeps serving. */
class FilingBadInputIT extends HubTestSupport {

    static final String ENV = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:f=\"urn:degreehub:filing:v1\">";

    int batchesBefore;
    int recordsBefore;

    @BeforeEach
    void countBefore() {
        batchesBefore = count("SELECT COUNT(*) FROM filing_batch");
        recordsBefore = count("SELECT COUNT(*) FROM degree_record");
    }

    @AfterEach
    void nothingStoredAndStillServing() throws Exception {
        assertThat(count("SELECT COUNT(*) FROM filing_batch")).isEqualTo(batchesBefore);
        assertThat(count("SELECT COUNT(*) FROM degree_record")).isEqualTo(recordsBefore);
        HttpResponse<String> ok = postSoap("/services/filing", ENV + textSecurityHeader("province-12", "province-12-pass")
                + "<soapenv:Body><f:getFilingReceiptRequest><f:batchId>nothing</f:batchId></f:getFilingReceiptRequest></soapenv:Body></soapenv:Envelope>");
        assertThat(ok.body()).contains("<code>NOT_FOUND</code>");
    }

    static String submit(String header, String records) {
        return ENV + header + "<soapenv:Body><f:submitFilingBatchRequest><f:batchId>bad-1</f:batchId>"
                + "<f:provinceCode>12</f:provinceCode><f:unitCode>10056</f:unitCode><f:semester>2024-2025-2</f:semester>"
                + records + "</f:submitFilingBatchRequest></soapenv:Body></soapenv:Envelope>";
    }

    static final String AUTH = textSecurityHeader("province-12", "province-12-pass");
    static final String RECORD = "<f:record><f:XM>张三</f:XM></f:record>";

    private void assertFault(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("<code>" + code + "</code>").contains("messageZh").contains("messageEn")
                .doesNotContain("at org.").doesNotContain("at cn.degreehub").doesNotContain("Exception");
    }

    @Test
    void malformedXml() throws Exception {
        assertFault(postSoap("/services/filing", submit(AUTH, RECORD).replace("</f:XM>", "")), "INVALID_REQUEST");
        assertFault(postSoap("/services/filing", "this is not XML"), "INVALID_REQUEST");
    }

    @Test
    void schemaViolation() throws Exception {
        assertFault(postSoap("/services/filing", submit(AUTH, RECORD).replace("<f:provinceCode>12<", "<f:provinceCode>1X<")),
                "INVALID_REQUEST");
        assertFault(postSoap("/services/filing", submit(AUTH, "")), "INVALID_REQUEST");
        assertFault(postSoap("/services/filing", submit(AUTH, "<f:record><f:NOPE>1</f:NOPE></f:record>")), "INVALID_REQUEST");
    }

    @Test
    void wrongNamespaceAndUnknownOperation() throws Exception {
        assertFault(postSoap("/services/filing", submit(AUTH, RECORD).replace("urn:degreehub:filing:v1", "urn:degreehub:filing:v9")),
                "INVALID_REQUEST");
        assertFault(postSoap("/services/filing", ENV + AUTH + "<soapenv:Body><f:deleteEverythingRequest/></soapenv:Body></soapenv:Envelope>"),
                "INVALID_REQUEST");
    }

    @Test
    void missingOrWrongSecurity() throws Exception {
        assertFault(postSoap("/services/filing", submit("", RECORD)), "UNAUTHENTICATED");
        assertFault(postSoap("/services/filing", submit(textSecurityHeader("province-12", "wrong"), RECORD)), "UNAUTHENTICATED");
    }

    @Test
    void externalEntitiesAreNeverResolved() throws Exception {
        Path secret = Files.writeString(DATA.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + submit(AUTH, "<f:record><f:XM>&xxe;</f:XM></f:record>");
        HttpResponse<String> response = postSoap("/services/filing", xxe);
        assertFault(response, "INVALID_REQUEST");
        assertThat(response.body()).doesNotContain("TOP-SECRET-CONTENT");
    }

    @Test
    void entityExpansionIsRefused() throws Exception {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        String prev = "lol";
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&" + prev + ";").repeat(10)).append("\">");
            prev = "lol" + i;
        }
        dtd.append("]>");
        assertFault(postSoap("/services/filing", dtd + submit(AUTH, "<f:record><f:XM>&lol9;</f:XM></f:record>")),
                "INVALID_REQUEST");
    }

    @ParameterizedTest
    @ValueSource(ints = {5 * 1024 * 1024})
    void oversizedMessage(int size) throws Exception {
        StringBuilder records = new StringBuilder(size + 1000);
        while (records.length() < size) {
            records.append("<f:record><f:XM>张三</f:XM><f:BZ>").append("x".repeat(300)).append("</f:BZ></f:record>");
        }
        assertFault(postSoap("/services/filing", submit(AUTH, records.toString())), "PAYLOAD_TOO_LARGE");
    }
}
