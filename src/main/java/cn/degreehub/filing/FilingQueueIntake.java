package cn.degreehub.filing;

import cn.degreehub.partner.Account;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.jms.MessageSpool;
import cn.degreehub.partner.BrokerSecurity;
import cn.degreehub.partner.Role;
import jakarta.jms.BytesMessage;
import jakarta.xml.bind.JAXBException;
import java.io.BufferedInputStream;
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

/**
 * The queue channel for large batches: a submitFilingBatchRequest document (spooled to a file) in, a
 * submitFilingBatchResponse document out on the sending province's receipt queue
 * ({@code degreehub.filing.receipt.<provinceCode>}), correlated by batchId.
 *
 * Exactly one receipt per stored batch: the batch is stored in a database transaction; its receipt is sent on
 * the consumer's transacted session, which commits the input's acknowledgment and the receipt together. A crash
 * before that commit brings the input back, and the stored receipt is answered again. A batch whose input is
 * gone without a receipt (dead-lettered) is found by {@link #sendMissingReceipts()} once no redelivery can still
 * be on its way.
 */
public class FilingQueueIntake {

    private static final Logger LOG = LoggerFactory.getLogger(FilingQueueIntake.class);
    /** Artemis' duplicate-detection property: a second message with the same value is not routed. */
    static final String DUPLICATE_ID = org.apache.activemq.artemis.api.core.Message.HDR_DUPLICATE_DETECTION_ID.toString();

    private final FilingIntake intake;
    private final FilingRepository repository;
    private final BrokerSecurity brokerSecurity;
    private final JmsTemplate jms;
    private final Clock clock;
    private final Duration grace;
    private final Instant started;

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
             FilingDocuments.BatchReader reader = FilingDocuments.read(in)) {
            FilingIntake.BatchHeader header = reader.header();
            exchange.getIn().setHeader("JMSCorrelationID", header.batchId());
            exchange.getIn().setHeader("degreehubBatchId", header.batchId());
            // the broker authenticated the sender: it files only for its own province (FilingIntake.authorise)
            Account account = sender(exchange);
            boolean receiptMarked = repository.receiptSent(header.batchId());
            FilingIntake.Receipt receipt = intake.submit(account, header, reader, "QUEUE");
            if (!receiptMarked) {
                // shared with sendMissingReceipts, which answers only batches stored and unmarked for the whole grace
                // period after the hub started: were it first, the broker would refuse this transaction as a
                // duplicate (input not acknowledged) and the redelivery, finding the mark, would answer once more
                exchange.getIn().setHeader(DUPLICATE_ID, receiptId(header.batchId()));
            }
            return FilingDocuments.receiptDocument(receipt);
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
     * Called after the receipt was put on the consumer's transacted session, just before that session commits
     * the input's acknowledgment together with the receipt. From now on a redelivery of the input (the hub died
     * before the commit) sends its receipt without a duplicate id: nothing of this attempt reached the broker.
     */
    public void receiptSent(String batchId) {
        repository.markReceiptSent(batchId, clock.instant());
    }

    /**
     * Sends the receipt of every queue batch stored without one: its input is gone (dead-lettered after failed
     * deliveries) before a receipt was sent. Only batches older than the grace period, and only once the hub has
     * run that long, so that an input message the broker still redelivers is answered by its own delivery.
     * The copy carries the batch's duplicate id: if a first receipt did commit, the broker drops this one.
     */
    public int sendMissingReceipts() throws JAXBException {
        Instant now = clock.instant();
        if (now.isBefore(started.plus(grace))) {
            return 0;
        }
        List<String> batches = repository.batchesAwaitingReceipt(now.minus(grace), 100);
        for (String batchId : batches) {
            String province = repository.findBatch(batchId).orElseThrow().provinceCode();
            byte[] document = FilingDocuments.receiptDocument(intake.storedReceipt(batchId).orElseThrow());
            jms.send(BrokerSecurity.receiptQueue(province), session -> {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(document);
                m.setJMSCorrelationID(batchId);
                m.setStringProperty(DUPLICATE_ID, receiptId(batchId));
                return m;
            });
            repository.markReceiptSent(batchId, clock.instant());
            LOG.warn("Filing batch {} was stored without a receipt (its input message is gone): receipt sent now to {}",
                    batchId, BrokerSecurity.receiptQueue(province));
        }
        return batches.size();
    }

    private static String receiptId(String batchId) {
        return "receipt:" + batchId;
    }
}
