package cn.degreehub.common.jms;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.Masking;
import cn.degreehub.common.soap.FaultMapper;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.types.FaultDetail;
import jakarta.jms.BytesMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * Decides when a failing queue message is given up, and moves it to {@code DLQ.<queue>} with its reason
 * (properties degreehubFailureCode / degreehubFailureReason / degreehubDeliveryCount). Failures that no
 * retry can mend (a business refusal, malformed XML) are given up at once; others after the configured
 * number of deliveries. The copy is sent on the consumer's transacted session, so the move is atomic.
 */
public class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final JmsTemplate jms;
    private final int maxDeliveries;

    public DeadLetters(JmsTemplate jms, int maxDeliveries) {
        this.jms = jms;
        this.maxDeliveries = maxDeliveries;
    }

    public int maxDeliveries() {
        return maxDeliveries;
    }

    /** True when the exchange's failure should end in the dead-letter queue now. */
    public boolean isFinal(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Integer delivery = exchange.getIn().getHeader(MessageSpool.DELIVERY_COUNT, Integer.class);
        return isPermanent(cause) || delivery == null || delivery >= maxDeliveries;
    }

    /** The fault document sent to a reply queue when a message is refused as a whole. */
    public byte[] faultDocument(FaultDetail detail) throws jakarta.xml.bind.JAXBException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        jakarta.xml.bind.Marshaller m = jakarta.xml.bind.JAXBContext
                .newInstance(cn.degreehub.contract.types.ObjectFactory.class).createMarshaller();
        m.setProperty(jakarta.xml.bind.Marshaller.JAXB_ENCODING, "UTF-8");
        m.marshal(new cn.degreehub.contract.types.ObjectFactory().createFaultDetail(detail), out);
        return out.toByteArray();
    }

    private static InputStream openQuietly(Path file) {
        try {
            return file != null && Files.exists(file) ? Files.newInputStream(file) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            if (in != null) {
                in.close();
            }
        } catch (java.io.IOException ignored) {
            // nothing to do
        }
    }

    static boolean isPermanent(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DegreeHubException e) {
                return e.code() != FaultCode.INTERNAL;
            }
            if (t instanceof XMLStreamException || t instanceof jakarta.xml.bind.UnmarshalException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A dead letter of work that never was a queue message (an outbox row given up after its schedule):
     * {@code duplicateId} makes a second copy of the same give-up, after a crash, one the broker drops.
     */
    public void send(String queue, byte[] body, FaultCode code, String reason, String ref, int attempts,
                     String duplicateId) {
        // a plain message, not a streamed (large) one: a queue browser, the console's list, sees it at once
        send(queue, m -> m.writeBytes(body), code, reason, ref, String.valueOf(attempts), duplicateId, null);
    }

    private interface Body {
        void write(BytesMessage m) throws jakarta.jms.JMSException;
    }

    private void send(String queue, Body body, FaultCode code, String reason, String messageId, String deliveries,
                      String duplicateId, String originalSender) {
        jms.send("DLQ." + queue, session -> {
            BytesMessage m = session.createBytesMessage();
            body.write(m);
            if (duplicateId != null) {
                m.setStringProperty(org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID.toString(),
                        duplicateId);
            }
            m.setStringProperty("degreehubFailureCode", code.value());
            m.setStringProperty("degreehubFailureReason", reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            m.setStringProperty("degreehubOriginalQueue", queue);
            m.setStringProperty("degreehubOriginalMessageId", messageId);
            m.setStringProperty("degreehubDeliveryCount", deliveries);
            if (originalSender != null) {
                // a replay is sent by the hub: the first sender goes with the letter, for the consumer's check
                m.setStringProperty(MessageSpool.ORIGINAL_SENDER, originalSender);
            }
            return m;
        });
    }

    /** Sends the spooled body to DLQ.&lt;queue&gt; with the reason; returns the fault detail for a reply. */
    public FaultDetail deadLetter(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        FaultDetail detail = FaultMapper.map(cause);
        String queue = exchange.getIn().getHeader(MessageSpool.SOURCE_QUEUE, String.class);
        Path file = exchange.getIn().getBody(Path.class);
        Object deliveries = exchange.getIn().getHeader(MessageSpool.DELIVERY_COUNT);
        String messageId = exchange.getIn().getHeader(MessageSpool.MESSAGE_ID, String.class);
        String originalSender = exchange.getIn().getHeader(MessageSpool.SENDER, String.class);
        String reason = detail.getCode() == FaultCode.INTERNAL
                ? detail.getMessageEn() + ": " + Masking.idNumbersIn(String.valueOf(cause))
                : detail.getMessageEn();
        InputStream body = openQuietly(file);
        try {
            send(queue, m -> {
                if (body != null) {
                    // Artemis streams the body from the file: a large batch never sits in the heap
                    m.setObjectProperty("JMS_AMQ_InputStream", body);
                }
            }, detail.getCode(), reason, messageId, String.valueOf(deliveries), null, originalSender);
        } finally {
            closeQuietly(body);
        }
        LOG.warn("Message {} from {} moved to DLQ.{} after {} deliveries: [{}] {}", messageId, queue, queue, deliveries,
                detail.getCode(), Masking.idNumbersIn(reason));
        return detail;
    }
}
