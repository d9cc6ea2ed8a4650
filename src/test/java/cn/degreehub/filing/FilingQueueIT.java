package cn.degreehub.filing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.SubmitFilingBatchResponse;
import cn.degreehub.contract.types.FaultDetail;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.demo.FilingDocuments;
import cn.degreehub.support.HubTestSupport;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.xml.bind.JAXBContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.transform.stream.StreamSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue channel, driven from outside the hub over the broker's TCP port. */
class FilingQueueIT extends HubTestSupport {

    ActiveMQConnectionFactory factory;
    Connection connection;
    Session session;

    @BeforeEach
    void connect() throws Exception {
        factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT);
        connection = factory.createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        factory.close();
    }

    byte[] document(String batchId, String province, String unit, int firstSeq, int count) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String region = unit.equals("10056") ? "120104" : "420106";
        FilingDocuments.write(out, batchId, province, unit, "2024-2025-2",
                DemoRecords.stream(unit, "单位", region, 4, 2025, firstSeq, count));
        return out.toByteArray();
    }

    void send(byte[] body) throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(body);
        session.createProducer(session.createQueue("degreehub.filing.in")).send(m);
    }

    Message reply(String batchId) throws Exception {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue("degreehub.filing.receipt"),
                "JMSCorrelationID = '" + batchId + "'")) {
            return consumer.receive(60_000);
        }
    }

    static String text(Message m) throws Exception {
        BytesMessage b = (BytesMessage) m;
        byte[] bytes = new byte[(int) b.getBodyLength()];
        b.readBytes(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aLargeBatchOverTheQueueGetsItsReceiptCorrelatedByBatchId() throws Exception {
        int seq = freshSequences(3000);
        String batchId = unique("q");
        send(document(batchId, "12", "10056", seq, 3000));

        Message reply = reply(batchId);
        assertThat(reply).as("receipt within a minute").isNotNull();
        SubmitFilingBatchResponse response = JAXBContext.newInstance(SubmitFilingBatchResponse.class).createUnmarshaller()
                .unmarshal(new StreamSource(new ByteArrayInputStream(text(reply).getBytes(StandardCharsets.UTF_8))),
                        SubmitFilingBatchResponse.class).getValue();
        assertThat(response.getReceipt().getReceived()).isEqualTo(3000);
        assertThat(response.getReceipt().getAccepted()).isEqualTo(3000);
        assertThat(response.getReceipt().getChannel()).isEqualTo("QUEUE");
        assertThat(count("SELECT COUNT(*) FROM degree_record WHERE batch_id = ?", batchId)).isEqualTo(3000);

        // the same batch delivered again (a province's retry) is answered from the stored receipt
        send(document(batchId, "12", "10056", seq, 3000));
        Message again = reply(batchId);
        assertThat(again).isNotNull();
        assertThat(text(again)).contains("<accepted>3000</accepted>");
        assertThat(count("SELECT COUNT(*) FROM degree_record WHERE batch_id = ?", batchId)).isEqualTo(3000);
    }

    @Test
    void aBatchRefusedAsAWholeGoesToTheDeadLetterQueueWithItsReason() throws Exception {
        int seq = freshSequences(5);
        String batchId = unique("forbidden");
        // province 12 names a unit of province 42
        send(document(batchId, "12", "10486", seq, 5));

        Message fault = reply(batchId);
        assertThat(fault).isNotNull();
        FaultDetail detail = JAXBContext.newInstance(cn.degreehub.contract.types.ObjectFactory.class).createUnmarshaller()
                .unmarshal(new StreamSource(new ByteArrayInputStream(text(fault).getBytes(StandardCharsets.UTF_8))),
                        FaultDetail.class).getValue();
        assertThat(detail.getCode()).hasToString("FORBIDDEN");

        try (MessageConsumer dlq = session.createConsumer(session.createQueue("DLQ.degreehub.filing.in"),
                "degreehubFailureCode = 'FORBIDDEN'")) {
            Message dead = dlq.receive(10_000);
            assertThat(dead).isNotNull();
            assertThat(dead.getStringProperty("degreehubFailureReason")).contains("10486");
            assertThat(dead.getStringProperty("degreehubOriginalQueue")).isEqualTo("degreehub.filing.in");
            assertThat(text(dead)).contains(batchId);
        }
        assertThat(count("SELECT COUNT(*) FROM filing_batch WHERE batch_id = ?", batchId)).isZero();
    }

    @Test
    void malformedXmlIsDeadLetteredAtOnce() throws Exception {
        send("<submitFilingBatchRequest xmlns='urn:degreehub:filing:v1'><batchId>x".getBytes(StandardCharsets.UTF_8));
        try (MessageConsumer dlq = session.createConsumer(session.createQueue("DLQ.degreehub.filing.in"),
                "degreehubFailureCode = 'INVALID_REQUEST'")) {
            Message dead = dlq.receive(20_000);
            assertThat(dead).isNotNull();
            assertThat(dead.getStringProperty("degreehubDeliveryCount")).isEqualTo("1");
        }
    }

    @Test
    void aDtdInAQueueMessageIsRefused() throws Exception {
        send(("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<submitFilingBatchRequest xmlns='urn:degreehub:filing:v1'><batchId>&e;</batchId></submitFilingBatchRequest>")
                .getBytes(StandardCharsets.UTF_8));
        try (MessageConsumer dlq = session.createConsumer(session.createQueue("DLQ.degreehub.filing.in"),
                "degreehubFailureCode = 'INVALID_REQUEST'")) {
            Message dead = dlq.receive(20_000);
            assertThat(dead).isNotNull();
            assertThat(dead.getStringProperty("degreehubFailureReason")).doesNotContain("root:");
        }
    }

}
