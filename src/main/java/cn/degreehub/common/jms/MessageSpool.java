package cn.degreehub.common.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;

/**
 * Copies an incoming JMS message body to a temporary file, chunk by chunk, so a batch of any size is
 * parsed with bounded memory and can still be copied whole to a dead-letter queue. The file is removed
 * when the exchange completes.
 */
public class MessageSpool {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MessageSpool.class);

    public static final String SOURCE_QUEUE = "degreehubSourceQueue";
    public static final String MESSAGE_ID = "degreehubMessageId";
    public static final String DELIVERY_COUNT = "degreehubDeliveryCount";
    /**
     * Header: the broker account that sent the message — the user the broker authenticated and stamped on
     * it, or for a message the hub put back itself (a replayed dead letter) the sender recorded with it.
     */
    public static final String SENDER = "degreehubSender";
    /** Property of a dead letter and its replay: who sent the message first. */
    public static final String ORIGINAL_SENDER = "degreehubOriginalSender";
    /** The hub's own broker user: it connects in-VM. */
    public static final String HUB_BROKER_USER = "hub-internal";
    /** Set by the broker on every message: the user it authenticated for the sender. */
    public static final String VALIDATED_USER = org.apache.activemq.artemis.api.core.Message.HDR_VALIDATED_USER.toString();

    private final Path directory;

    public MessageSpool(Path directory) {
        this.directory = directory;
    }

    /**
     * Removes the files of messages that were in flight when the hub stopped. Called before any consumer
     * starts: the broker delivers those messages again (their transactions never committed), so their copies
     * here are garbage.
     */
    public int removeLeftovers() throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        int removed = 0;
        long bytes = 0;
        try (var files = Files.newDirectoryStream(directory, "{spool,replay}-*.xml")) {
            for (Path file : files) {
                bytes += Files.size(file);
                Files.deleteIfExists(file);
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("Removed {} spool files ({} bytes) of messages in flight when the hub last stopped", removed, bytes);
        }
        return removed;
    }

    public Path spool(Exchange exchange, String sourceQueue) throws JMSException, IOException {
        Message message = exchange.getIn().getBody(Message.class);
        // a sender's JMS properties arrive as headers: none may steer the hub (a reply queue, a duplicate id,
        // an endpoint option); what the hub needs of the message it reads from the message itself, here
        exchange.getIn().removeHeaders("*");
        if (message == null) {
            throw new IllegalStateException("Expected a JMS message body (mapJmsMessage=false)");
        }
        exchange.getIn().setHeader(SOURCE_QUEUE, sourceQueue);
        exchange.getIn().setHeader(MESSAGE_ID, message.getJMSMessageID());
        String validated = message.getStringProperty(VALIDATED_USER);
        exchange.getIn().setHeader(SENDER, HUB_BROKER_USER.equals(validated)
                ? message.getStringProperty(ORIGINAL_SENDER) : validated);
        exchange.getIn().setHeader(DELIVERY_COUNT,
                message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1);
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "spool-", ".xml");
        exchange.getExchangeExtension().addOnCompletion(new org.apache.camel.support.SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        try (OutputStream out = Files.newOutputStream(file)) {
            if (message instanceof BytesMessage bytes) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = bytes.readBytes(buffer)) > 0) {
                    out.write(buffer, 0, n);
                }
            } else if (message instanceof TextMessage text && text.getText() != null) {
                out.write(text.getText().getBytes(StandardCharsets.UTF_8));
            } else {
                throw new IllegalArgumentException("Unsupported JMS message type " + message.getClass().getSimpleName());
            }
        }
        exchange.getIn().setBody(file);
        return file;
    }
}
