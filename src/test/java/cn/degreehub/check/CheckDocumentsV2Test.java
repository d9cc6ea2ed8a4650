package cn.degreehub.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.degreehub.contract.types.DegreeLevel;
import cn.degreehub.contract.v2.check.CheckRequest;
import cn.degreehub.partner.PartnerRegistryProperties.Channel;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.LocalDate;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;

/**
 * A stored check request (always v1) as a unit registered for contract v2 receives it: valid against xsd/v2, in the
 * v2 namespaces, the national record typed (docs/partner-interfaces.md, "Contract versions").
 */
class CheckDocumentsV2Test {

    private final CheckDocuments documents = new CheckDocuments();

    /** A v1 check request as the hub stores it, with the national record as v1 shows it. */
    private static String stored(String levelCode, String awardDate) {
        return """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <ns3:checkRequest xmlns:ns2="urn:degreehub:verification:v1" xmlns:ns3="urn:degreehub:check:v1">
                <ns3:taskId>T202612010000007</ns3:taskId><ns3:applicationNo>A202612010000009</ns3:applicationNo>
                <ns3:unitCode>10056</ns3:unitCode><ns3:department>grad</ns3:department>
                <ns3:degree><ns2:holderName>欧阳杰</ns2:holderName><ns2:idType>01</ns2:idType>
                <ns2:idNumber>120104200302070018</ns2:idNumber><ns2:unitCode>10056</ns2:unitCode><ns2:level>MASTER</ns2:level>
                <ns2:awardDate>2025-06-30</ns2:awardDate><ns2:certificateNumber>1005632025000001</ns2:certificateNumber>
                <ns2:discipline>计算机科学与技术</ns2:discipline></ns3:degree>
                <ns3:differingField>holderName</ns3:differingField>
                <ns3:databaseRecord><ns3:holderName>黄杰</ns3:holderName><ns3:idType>01</ns3:idType>
                <ns3:idNumber>120104200302070018</ns3:idNumber><ns3:unitCode>10056</ns3:unitCode>
                <ns3:levelCode>%s</ns3:levelCode><ns3:awardDate>%s</ns3:awardDate>
                <ns3:certificateNumber>1005632025000001</ns3:certificateNumber><ns3:recordStatus>PUBLISHED</ns3:recordStatus>
                </ns3:databaseRecord>
                <ns3:urgent>false</ns3:urgent><ns3:dueDate>2026-12-15</ns3:dueDate>
                <ns3:createdAt>2026-12-01T10:00:00.000+08:00</ns3:createdAt></ns3:checkRequest>
                """.formatted(levelCode, awardDate).strip();
    }

    @Test
    void theQueueDocumentOfV2IsValidAgainstTheV2SchemaWithTheRecordTyped() throws Exception {
        String v2 = documents.v2Document(stored("308", "20250630"));

        SchemaFactory.newDefaultInstance().newSchema(Path.of("xsd/v2/check.xsd").toFile()).newValidator()
                .validate(new StreamSource(new StringReader(v2)));
        assertThat(v2).contains("urn:degreehub:check:v2").contains("urn:degreehub:verification:v2")
                .doesNotContain("urn:degreehub:check:v1").doesNotContain("levelCode").doesNotContain("20250630");

        CheckRequest read = documents.v2Receive(stored("308", "20250630")).getCheckRequest();
        assertThat(read.getTaskId()).isEqualTo("T202612010000007");
        assertThat(read.getDegree().getLevel()).isEqualTo(DegreeLevel.MASTER);
        assertThat(read.getDatabaseRecord().getLevel()).isEqualTo(DegreeLevel.MASTER);
        assertThat(read.getDatabaseRecord().isHonorary()).isFalse();
        assertThat(read.getDatabaseRecord().getDegreeTypeCode()).isEqualTo("308");
        assertThat(read.getDatabaseRecord().getAwardDate()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(read.getDatabaseRecord().getHolderName()).isEqualTo("黄杰");
        assertThat(read.getDifferingField()).extracting(f -> f.value()).containsExactly("holderName");
    }

    @Test
    void anHonoraryDoctorateIsADoctorateMarkedHonorary() throws Exception {
        String v2 = documents.v2Document(stored("101", "20190701"));
        SchemaFactory.newDefaultInstance().newSchema(Path.of("xsd/v2/check.xsd").toFile()).newValidator()
                .validate(new StreamSource(new StringReader(v2)));
        CheckRequest read = documents.v2Receive(stored("101", "20190701")).getCheckRequest();
        assertThat(read.getDatabaseRecord().getLevel()).isEqualTo(DegreeLevel.DOCTOR);
        assertThat(read.getDatabaseRecord().isHonorary()).isTrue();
        assertThat(read.getDatabaseRecord().getAwardDate()).isEqualTo(LocalDate.of(2019, 7, 1));
    }

    @Test
    void aUnitsContractIsV1UnlessItSaysV2() {
        assertThat(new Channel("QUEUE", null, null, null).v2()).isFalse();
        assertThat(new Channel("SOAP", "https://u.example.invalid/r", null, "v2").v2()).isTrue();
        assertThatThrownBy(() -> new Channel("SOAP", "https://u.example.invalid/r", null, "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v1 or v2");
    }
}
