package cn.degreehub.filing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.FilingReceipt;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.contract.filing.SubmitFilingBatchResponse;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.demo.FilingBatchWriter;
import cn.degreehub.support.HubTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.xml.bind.JAXBContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import javax.xml.transform.stream.StreamSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * Filing consistency (docs/domain-rules.md, "Filing validation"), the same on both channels: an award date outside
 * the batch's semester is a per-record rejection SEMESTER_MISMATCH; the data standard's fields (XB, MZ, LWLX ...) are
 * accepted, stored and shown in the record's detail (admin API and console).
 */
class FilingConsistencyIT extends HubTestSupport {

    /** A master's degree of 天津大学 awarded on {@code hxwrq}, with the standard's text fields a school's export has. */
    static FilingRecord record(int year, String hxwrq) {
        FilingRecord r = DemoRecords.records("10056", "天津大学", "120104", 3, year, freshSequences(1), 1).get(0);
        r.setHXWRQ(hxwrq);
        r.setXB("男");
        r.setMZ("汉族");
        r.setZJLX("居民身份证");
        r.setLWLX("应用研究");
        r.setLWGJC("分布式系统；一致性");
        r.setLWXTLY("国家自然科学基金项目");
        r.setLWYJFX("分布式计算");
        r.setLWZXYZ("中文");
        r.setDSXM("李教授");
        return r;
    }

    static SubmitFilingBatchRequest batch(String semester, List<FilingRecord> records) {
        SubmitFilingBatchRequest b = new SubmitFilingBatchRequest();
        b.setBatchId(unique("consistency"));
        b.setProvinceCode("12");
        b.setUnitCode("10056");
        b.setSemester(semester);
        b.getRecord().addAll(records);
        return b;
    }

    @Test
    void overSoapAnAwardOutsideTheSemesterIsRejectedAndTheStandardsFieldsAreKept() throws Exception {
        FilingRecord inSemester = record(2019, "20191220");
        FilingRecord summer = record(2019, "20190630"); // belongs to 2018-2019-2
        FilingReceipt receipt = filing("province-12").submitFilingBatch(batch("2019-2020-1", List.of(inSemester, summer)))
                .getReceipt();
        assertThat(receipt.getAccepted()).isEqualTo(1);
        assertThat(receipt.getRejection()).singleElement().satisfies(r -> {
            assertThat(r.getIndex()).isEqualTo(2);
            assertThat(r.getCode()).isEqualTo(FaultCode.SEMESTER_MISMATCH);
            assertThat(r.getField()).isEqualTo("HXWRQ");
            assertThat(r.getMessageZh()).contains("2018-2019-2");
        });
        assertThat(count("SELECT COUNT(*) FROM degree_record WHERE xwzsbh = ?", summer.getXWZSBH())).isZero();
        assertStoredAndShown(inSemester);
    }

    @Test
    void onTheQueueTheSameRulesAndTheSameFields() throws Exception {
        FilingRecord inSemester = record(2020, "20200615");
        FilingRecord winter = record(2020, "20200110"); // belongs to 2019-2020-1
        String batchId = unique("consistency-q");
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        FilingBatchWriter.write(document, batchId, "12", "10056", "2019-2020-2", List.of(inSemester, winter).iterator());

        ActiveMQConnectionFactory factory = brokerAccount("province-12");
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage m = session.createBytesMessage();
            m.writeBytes(document.toByteArray());
            session.createProducer(session.createQueue("degreehub.filing.in")).send(m);
            Message reply;
            try (MessageConsumer consumer = session.createConsumer(session.createQueue("degreehub.filing.receipt.12"),
                    "JMSCorrelationID = '" + batchId + "'")) {
                reply = consumer.receive(60_000);
            }
            assertThat(reply).as("the receipt").isNotNull();
            BytesMessage bytes = (BytesMessage) reply;
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            FilingReceipt receipt = JAXBContext.newInstance(SubmitFilingBatchResponse.class).createUnmarshaller()
                    .unmarshal(new StreamSource(new ByteArrayInputStream(body)), SubmitFilingBatchResponse.class)
                    .getValue().getReceipt();
            assertThat(receipt.getAccepted()).isEqualTo(1);
            assertThat(receipt.getRejection()).singleElement()
                    .satisfies(r -> assertThat(r.getCode()).isEqualTo(FaultCode.SEMESTER_MISMATCH));
        } finally {
            factory.close();
        }
        assertStoredAndShown(inSemester);
    }

    private void assertStoredAndShown(FilingRecord r) throws Exception {
        assertThat(jdbc.queryForMap("SELECT xb, mz, zjlx, lwlx, lwgjc, lwxtly, lwyjfx, lwzxyz, dsxm FROM degree_record"
                + " WHERE xwzsbh = ?", r.getXWZSBH()))
                .containsEntry("XB", "男").containsEntry("MZ", "汉族").containsEntry("ZJLX", "居民身份证")
                .containsEntry("LWLX", "应用研究").containsEntry("LWGJC", "分布式系统；一致性")
                .containsEntry("LWXTLY", "国家自然科学基金项目").containsEntry("LWYJFX", "分布式计算")
                .containsEntry("LWZXYZ", "中文").containsEntry("DSXM", "李教授");
        JsonNode detail = rest("GET", "/admin/api/records/" + r.getXWZSBH(), null, "reviewer", 200);
        JsonNode fields = detail.get("fields");
        for (Map.Entry<String, String> e : Map.of("XB", "男", "MZ", "汉族", "LWLX", "应用研究", "LWZXYZ", "中文",
                "HXWRQ", r.getHXWRQ(), "XM", r.getXM()).entrySet()) {
            assertThat(fields.get(e.getKey()).asText()).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(detail.get("status").asText()).isEqualTo("APPROVED");
        assertThat(http("GET", "/admin/api/records/" + r.getXWZSBH(), null, "province-12").statusCode()).isIn(401, 403);
    }
}
