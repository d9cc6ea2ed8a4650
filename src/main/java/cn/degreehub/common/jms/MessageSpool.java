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

    public static final String SOURCE_QUEUE = "degreehubSourceQueue";
    public static final String MESSAGE_ID = "degreehubMessageId";
    public static final String DELIVERY_COUNT = "degreehubDeliveryCount";

    private final Path directory;

    public MessageSpool(Path directory) {
        this.directory = directory;
    }

    public Path spool(Exchange exchange, String sourceQueue) throws JMSException, IOException {
        Message message = exchange.getIn().getBody(Message.class);
        if (message == null) {
            throw new IllegalStateException("Expected a JMS message body (mapJmsMessage=false)");
        }
        exchange.getIn().setHeader(SOURCE_QUEUE, sourceQueue);
        exchange.getIn().setHeader(MESSAGE_ID, message.getJMSMessageID());
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
