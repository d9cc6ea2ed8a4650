package cn.degreehub.filing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.SubmitFilingBatchResponse;
import cn.degreehub.contract.types.FaultDetail;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.demo.FilingBatchWriter;
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
import org.springframework.beans.factory.annotation.Autowired;
import jakarta.jms.JMSSecurityException;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The queue channel, driven from outside the hub over the broker's TCP port with the province's broker
 * account; dead letters are read as the hub (in-VM), since no partner may read them.
 */
class FilingQueueIT extends HubTestSupport {

    @Autowired
    jakarta.jms.ConnectionFactory hubConnectionFactory;

    ActiveMQConnectionFactory factory;
    Connection connection;
    Session session;
    Connection hubConnection;
    Session hubSession;

    @BeforeEach
    void connect() throws Exception {
        factory = brokerAccount("province-12");
        connection = factory.createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        hubConnection = hubConnectionFactory.createConnection();
        hubConnection.start();
        hubSession = hubConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
        factory.close();
        hubConnection.close();
    }

    byte[] document(String batchId, String province, String unit, int firstSeq, int count) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String region = unit.equals("10056") ? "120104" : "420106";
        FilingBatchWriter.write(out, batchId, province, unit, "2024-2025-2",
                DemoRecords.stream(unit, "单位", region, 4, 2025, firstSeq, count));
        return out.toByteArray();
    }

    void send(byte[] body) throws Exception {
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(body);
        session.createProducer(session.createQueue("degreehub.filing.in")).send(m);
    }

    Message reply(String batchId) throws Exception {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue("degreehub.filing.receipt.12"),
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
        assertThat(count("SELECT COUNT(*) FROM filing_batch WHERE batch_id = ? AND receipt_sent_at IS NOT NULL", batchId))
                .as("the receipt is marked sent once its transaction committed").isEqualTo(1);
        assertThat(reply.getStringProperty("degreehubSender")).as("nothing of the hub's handling travels").isNull();

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

        try (MessageConsumer dlq = hubSession.createConsumer(hubSession.createQueue("DLQ.degreehub.filing.in"),
                "degreehubFailureCode = 'FORBIDDEN' AND degreehubFailureReason LIKE '%10486%'")) {
            Message dead = dlq.receive(10_000);
            assertThat(dead).isNotNull();
            assertThat(dead.getStringProperty("degreehubFailureReason")).contains("10486");
            assertThat(dead.getStringProperty("degreehubOriginalQueue")).isEqualTo("degreehub.filing.in");
            assertThat(dead.getStringProperty("degreehubOriginalSender")).isEqualTo("province-12");
            assertThat(text(dead)).contains(batchId);
        }
        assertThat(count("SELECT COUNT(*) FROM filing_batch WHERE batch_id = ?", batchId)).isZero();
    }

    @Test
    void malformedXmlIsDeadLetteredAtOnce() throws Exception {
        send("<submitFilingBatchRequest xmlns='urn:degreehub:filing:v1'><batchId>x".getBytes(StandardCharsets.UTF_8));
        try (MessageConsumer dlq = hubSession.createConsumer(hubSession.createQueue("DLQ.degreehub.filing.in"),
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
        try (MessageConsumer dlq = hubSession.createConsumer(hubSession.createQueue("DLQ.degreehub.filing.in"),
                "degreehubFailureCode = 'INVALID_REQUEST'")) {
            Message dead = dlq.receive(20_000);
            assertThat(dead).isNotNull();
            assertThat(dead.getStringProperty("degreehubFailureReason")).doesNotContain("root:");
        }
    }


    static void sendOnce(ActiveMQConnectionFactory f) throws Exception {
        try (Connection c = f.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue("degreehub.filing.in")).send(s.createTextMessage("<x/>"));
        }
    }

    @Test
    void theBrokerRefusesAnonymousAndWrongPasswords() {
        try (ActiveMQConnectionFactory anonymous = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT)) {
            assertThatThrownBy(() -> sendOnce(anonymous)).isInstanceOf(JMSSecurityException.class);
        }
        try (ActiveMQConnectionFactory wrong = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT,
                "province-12", "guess")) {
            assertThatThrownBy(() -> sendOnce(wrong)).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void aProvinceReadsOnlyItsOwnReceiptsAndSendsOnlyFilings() throws Exception {
        for (String queue : List.of("degreehub.filing.receipt.42", "DLQ.degreehub.filing.in", "degreehub.check.10056",
                "degreehub.portal.notify")) {
            assertThatThrownBy(() -> session.createConsumer(session.createQueue(queue)).close()).as(queue)
                    .isInstanceOf(JMSSecurityException.class);
        }
        for (String queue : List.of("degreehub.check.result", "degreehub.filing.receipt.12", "degreehub.check.dispatch")) {
            assertThatThrownBy(() -> session.createProducer(session.createQueue(queue)).send(session.createTextMessage("x")))
                    .as(queue).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void aBatchForAnotherProvinceIsRefusedWhateverTheMessageClaims() throws Exception {
        int seq = freshSequences(3);
        String batchId = unique("forged");
        // province 42's account sends a batch that names province 12, and forges the hub's sender properties
        try (ActiveMQConnectionFactory f42 = brokerAccount("province-42"); Connection c = f42.createConnection()) {
            c.start();
            Session s42 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            BytesMessage m = s42.createBytesMessage();
            m.writeBytes(document(batchId, "12", "10056", seq, 3));
            m.setStringProperty("degreehubOriginalSender", "province-12");
            m.setStringProperty("_AMQ_VALIDATED_USER", "hub-internal");
            m.setStringProperty("JMSXUserID", "province-12");
            s42.createProducer(s42.createQueue("degreehub.filing.in")).send(m);
            try (MessageConsumer receipts = s42.createConsumer(s42.createQueue("degreehub.filing.receipt.42"),
                    "JMSCorrelationID = '" + batchId + "'")) {
                Message fault = receipts.receive(60_000);
                assertThat(fault).as("the refusal goes to the sender's own receipt queue").isNotNull();
                assertThat(text(fault)).contains("<code>FORBIDDEN</code>");
            }
        }
        assertThat(count("SELECT COUNT(*) FROM filing_batch WHERE batch_id = ?", batchId)).isZero();
        assertThat(count("SELECT COUNT(*) FROM degree_record WHERE xwzsbh IN (SELECT xwzsbh FROM degree_record WHERE batch_id = ?)",
                batchId)).isZero();
    }

    @Test
    void aSenderCannotChooseWhereTheHubAnswers() throws Exception {
        String batchId = unique("steer");
        BytesMessage m = session.createBytesMessage();
        m.writeBytes("<submitFilingBatchRequest xmlns='urn:degreehub:filing:v1'><batchId>x".getBytes(StandardCharsets.UTF_8));
        m.setJMSCorrelationID(batchId);
        // properties a sender may set, naming another province's receipt queue and a duplicate id
        m.setStringProperty("degreehubReplyQueue", "degreehub.filing.receipt.42");
        m.setStringProperty("_AMQ_DUPL_ID", "receipt:" + batchId);
        session.createProducer(session.createQueue("degreehub.filing.in")).send(m);
        try (MessageConsumer dlq = hubSession.createConsumer(hubSession.createQueue("DLQ.degreehub.filing.in"),
                "degreehubOriginalSender = 'province-12' AND degreehubFailureCode = 'INVALID_REQUEST'")) {
            assertThat(dlq.receive(20_000)).as("the malformed message is dead-lettered").isNotNull();
        }
        try (ActiveMQConnectionFactory f42 = brokerAccount("province-42"); Connection c = f42.createConnection()) {
            c.start();
            Session s42 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer other = s42.createConsumer(s42.createQueue("degreehub.filing.receipt.42"),
                    "JMSCorrelationID = '" + batchId + "'")) {
                assertThat(other.receive(2_000)).as("nothing on province 42's queue").isNull();
            }
        }
    }

    @Test
    void onlyTheUnitsLeadAccountReadsItsCheckQueue() throws Exception {
        try (ActiveMQConnectionFactory dept = brokerAccount("unit-10056-grad"); Connection c = dept.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> s.createConsumer(s.createQueue("degreehub.check.10056")).close())
                    .isInstanceOf(JMSSecurityException.class);
        }
        try (ActiveMQConnectionFactory portal = brokerAccount("portal")) {
            assertThatThrownBy(() -> sendOnce(portal)).as("the portal has no broker rights").isInstanceOf(JMSSecurityException.class);
        }
    }
}
