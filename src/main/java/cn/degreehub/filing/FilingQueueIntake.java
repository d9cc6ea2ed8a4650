package cn.degreehub.filing;

import cn.degreehub.contract.filing.FilingReceipt;
import cn.degreehub.contract.filing.SubmitFilingBatchResponse;
import cn.degreehub.partner.Account;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.jms.MessageSpool;
import cn.degreehub.partner.BrokerSecurity;
import cn.degreehub.partner.Role;
import jakarta.jms.BytesMessage;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The queue channel for large batches: a submitFilingBatchRequest document (spooled to a file) in, a
 * submitFilingBatchResponse document out on the sending province's receipt queue
 * ({@code degreehub.filing.receipt.<provinceCode>}), correlated by batchId.
 *
 * Exactly one receipt per stored batch: the batch is stored in a database transaction, its receipt is sent in
 * the consumer's JMS transaction (which also takes the input message), and only once that has committed is the
 * receipt marked sent. A crash before the JMS commit brings the input back, and the stored receipt is answered
 * again. A batch that stays stored without a committed receipt (its input gone) is found by
 * {@link #sendMissingReceipts()} once no redelivery can still be on its way.
 */
public class FilingQueueIntake {

    private static final Logger LOG = LoggerFactory.getLogger(FilingQueueIntake.class);
    /** Artemis' duplicate-detection property: a second message with the same value is not routed. */
    static final String DUPLICATE_ID = org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID.toString();
    private static final JAXBContext JAXB;

    static {
        try {
            JAXB = JAXBContext.newInstance(SubmitFilingBatchResponse.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FilingIntake intake;
    private final FilingRepository repository;
    private final BrokerSecurity brokerSecurity;
    private final JmsTemplate jms;
    private final Clock clock;
    private final Duration grace;
    private final Instant started;
    private volatile boolean recentResent;

    public FilingQueueIntake(FilingIntake intake, FilingRepository repository, BrokerSecurity brokerSecurity,
                             JmsTemplate jms, Clock clock, Duration grace) {
        this.intake = intake;
        this.repository = repository;
        this.brokerSecurity = brokerSecurity;
        this.jms = jms;
        this.clock = clock;
        this.grace = grace;
        this.started = clock.instant();
    }

    public byte[] receive(Exchange exchange) throws Exception {
        Path file = exchange.getIn().getBody(Path.class);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
             FilingStreamReader reader = new FilingStreamReader(in)) {
            FilingIntake.BatchHeader header = reader.header();
            exchange.getIn().setHeader("JMSCorrelationID", header.batchId());
            exchange.getIn().setHeader("degreehubBatchId", header.batchId());
            // the broker authenticated the sender: it files only for its own province (FilingIntake.authorise)
            Account account = sender(exchange);
            boolean receiptCommitted = repository.receiptSent(header.batchId());
            FilingReceipt receipt = intake.submit(account, header, reader, "QUEUE");
            if (!receiptCommitted) {
                // the broker drops a second copy of this receipt: see sendMissingReceipts
                exchange.getIn().setHeader(DUPLICATE_ID, receiptId(header.batchId()));
            }
            return marshal(receipt);
        }
    }

    private Account sender(Exchange exchange) {
        String sender = exchange.getIn().getHeader(MessageSpool.SENDER, String.class);
        return brokerSecurity.senderOf(sender).orElseThrow(() -> DegreeHubException.forbidden(
                "报文发送方 " + sender + " 不是登记的报送账号", "The sender " + sender + " is not a registered filing account"));
    }

    /** Where the receipt (or the refusal) of a message goes: the sending province's receipt queue. */
    public String replyQueue(String sender) {
        return brokerSecurity.senderOf(sender).filter(a -> a.role() == Role.PROVINCE)
                .map(a -> BrokerSecurity.receiptQueue(a.provinceCode())).orElse(null);
    }

    /**
     * Called after the receipt was sent on the consumer's transacted session: marks it sent when that
     * transaction commits (not before: a rollback brings the input back and the receipt is sent again).
     */
    public void receiptSent(String batchId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    repository.markReceiptSent(batchId, clock.instant());
                }
            });
        } else {
            repository.markReceiptSent(batchId, clock.instant());
        }
    }

    /**
     * Sends the receipt of every queue batch stored without one. Only batches older than the grace period,
     * and only once the hub has run that long, so that an input message the broker still redelivers is not
     * answered twice; a receipt that did commit before its mark was lost is dropped by the broker's duplicate
     * detection (same id as the first).
     */
    public int sendMissingReceipts() throws JAXBException {
        if (!recentResent) {
            recentResent = true;
            resendRecentReceipts();
        }
        Instant now = clock.instant();
        if (now.isBefore(started.plus(grace))) {
            return 0;
        }
        List<String> batches = repository.batchesAwaitingReceipt(now.minus(grace), 100);
        for (String batchId : batches) {
            String province = repository.findBatch(batchId).orElseThrow().provinceCode();
            FilingReceipt receipt = intake.storedReceipt(batchId).orElseThrow();
            byte[] document = marshal(receipt);
            jms.send(BrokerSecurity.receiptQueue(province), session -> {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(document);
                m.setJMSCorrelationID(batchId);
                // if the first receipt did commit and only its mark was lost, the broker drops this copy
                m.setStringProperty(DUPLICATE_ID, receiptId(batchId));
                return m;
            });
            repository.markReceiptSent(batchId, clock.instant());
            LOG.warn("Filing batch {} was stored without a receipt (the hub stopped in between): receipt sent now to {}",
                    batchId, BrokerSecurity.receiptQueue(province));
        }
        return batches.size();
    }

    /**
     * Once at start: the receipts committed shortly before it are sent again with their first duplicate id;
     * where the broker kept the receipt it drops the copy. Meant for a receipt a kill took with it after the hub
     * had marked it; CrashIT still sees such a receipt missing now and then (README, known issue).
     */
    private void resendRecentReceipts() throws JAXBException {
        List<String> batches = repository.receiptsSentSince(started.minus(grace));
        for (String batchId : batches) {
            String province = repository.findBatch(batchId).orElseThrow().provinceCode();
            byte[] document = marshal(intake.storedReceipt(batchId).orElseThrow());
            jms.send(BrokerSecurity.receiptQueue(province), session -> {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(document);
                m.setJMSCorrelationID(batchId);
                m.setStringProperty(DUPLICATE_ID, receiptId(batchId));
                return m;
            });
        }
        if (!batches.isEmpty()) {
            LOG.info("{} receipts committed shortly before this start sent again (the broker drops those it has)",
                    batches.size());
        }
    }

    private static String receiptId(String batchId) {
        return "receipt:" + batchId;
    }

    static byte[] marshal(FilingReceipt receipt) throws JAXBException {
        SubmitFilingBatchResponse response = new SubmitFilingBatchResponse();
        response.setReceipt(receipt);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + receipt.getRejection().size() * 300);
        Marshaller m = JAXB.createMarshaller();
        m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
        m.marshal(response, out);
        return out.toByteArray();
    }
}
