package cn.degreehub.console;

import cn.degreehub.common.jms.MessageSpool;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.Masking;
import cn.degreehub.common.Progress;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;

/**
 * The hub's queues for the console: depth, consumers (embedded broker only), the messages of a queue
 * (ID numbers masked), and, for dead letters, replay to the original queue or delete — each audited.
 * Replay moves the message in one JMS transaction: it is on the original queue or still in the DLQ.
 */
public class Queues {

    private static final Logger log = LoggerFactory.getLogger(Queues.class);

    private static final int PREVIEW_BYTES = 2000;
    private static final int MAX_LISTED = 200;
    private static final int REPLAY_CHUNK = 100;

    private final ConnectionFactory connectionFactory;
    private final JmsTemplate jms;
    private final List<String> queues;
    private final ToIntFunction<String> consumers;
    private final AuditLog audit;
    private final Path spool;

    public Queues(ConnectionFactory connectionFactory, List<String> queues, ToIntFunction<String> consumers, AuditLog audit,
                  Path spool) {
        this.connectionFactory = connectionFactory;
        this.jms = new JmsTemplate(connectionFactory);
        this.queues = List.copyOf(queues);
        this.consumers = consumers;
        this.audit = audit;
        this.spool = spool;
    }

    /** @param depth messages waiting, or null while the broker cannot be asked (it fails over, or is down) */
    public record QueueInfo(String name, Integer depth, int consumers, boolean deadLetter) {
    }

    public record MessageInfo(String id, Instant timestamp, String originalQueue, String failureCode, String reason,
                              String deliveries, String preview) {
    }

    public List<QueueInfo> list() {
        return queues.stream().map(q -> new QueueInfo(q, depth(q), consumers.applyAsInt(q), q.startsWith("DLQ."))).toList();
    }

    /** Messages waiting in each dead-letter queue, in configuration order (null: the broker cannot be asked now). */
    public Map<String, Integer> deadLetterDepths() {
        Map<String, Integer> depths = new LinkedHashMap<>();
        queues.stream().filter(q -> q.startsWith("DLQ.")).forEach(q -> depths.put(q, depth(q)));
        return depths;
    }

    public List<MessageInfo> messages(String queue) {
        known(queue);
        List<MessageInfo> found = jms.browse(queue, (session, browser) -> {
            List<MessageInfo> list = new ArrayList<>();
            Enumeration<?> e = browser.getEnumeration();
            while (e.hasMoreElements() && list.size() < MAX_LISTED) {
                Message m = (Message) e.nextElement();
                list.add(new MessageInfo(m.getJMSMessageID(), Instant.ofEpochMilli(m.getJMSTimestamp()),
                        m.getStringProperty("degreehubOriginalQueue"), m.getStringProperty("degreehubFailureCode"),
                        Masking.idNumbersIn(m.getStringProperty("degreehubFailureReason")),
                        m.getStringProperty("degreehubDeliveryCount"), preview(m)));
            }
            return list;
        });
        return found == null ? List.of() : found;
    }

    /**
     * Messages waiting in a queue, or null while the broker cannot be asked: the console's pages must show the rest
     * of what they know while the broker pair fails over (docs/operations.md, "Broker pair"), not fail as a whole.
     */
    public Integer depth(String queue) {
        try {
            Integer n = jms.browse(queue, (session, browser) -> count(browser));
            return n == null ? 0 : n;
        } catch (org.springframework.jms.JmsException e) {
            log.warn("Depth of {} not known now: {}", queue, e.getMessage());
            return null;
        }
    }

    /** Puts a dead letter back on the queue it came from, in one transaction. */
    public String replay(String deadLetterQueue, String messageId, String actor) throws Exception {
        deadLetters(deadLetterQueue);
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageConsumer consumer = session.createConsumer(session.createQueue(deadLetterQueue), selector(messageId))) {
            connection.start();
            Message m = consumer.receive(5_000);
            if (m == null) {
                throw DegreeHubException.notFound("消息", "Message");
            }
            String target = forward(session, m, deadLetterQueue);
            session.commit();
            audit.record(actor, "DLQ_REPLAY", deadLetterQueue, messageId + " → " + target);
            return target;
        }
    }

    /**
     * Replays every dead letter of a queue that is there when asked — taken off the queue, not browsed, so
     * none is missed however many there are — in transactions of {@value #REPLAY_CHUNK}, each letter audited.
     * A letter dead-lettered again meanwhile is newer than the start and waits for the next replay.
     */
    public String replayAll(String deadLetterQueue, String actor, Progress progress) throws Exception {
        deadLetters(deadLetterQueue);
        long start = System.currentTimeMillis();
        int total = depth(deadLetterQueue);
        progress.total(total);
        progress.step("replay " + deadLetterQueue);
        int done = 0;
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageConsumer consumer = session.createConsumer(session.createQueue(deadLetterQueue),
                     "JMSTimestamp <= " + start)) {
            connection.start();
            for (int inChunk = REPLAY_CHUNK; inChunk == REPLAY_CHUNK; ) {
                List<String> replayed = new ArrayList<>();
                inChunk = 0;
                for (Message m; inChunk < REPLAY_CHUNK && (m = consumer.receive(1_000)) != null; inChunk++) {
                    replayed.add(m.getJMSMessageID() + " → " + forward(session, m, deadLetterQueue));
                }
                session.commit();
                replayed.forEach(what -> audit.record(actor, "DLQ_REPLAY", deadLetterQueue, what));
                done += replayed.size();
                if (done > total) { // more than the queue's browser saw at the start
                    total = done;
                    progress.total(total);
                }
                progress.counts(done, 0);
            }
        }
        return "已重放 " + done + " 条 / " + done + " replayed";
    }

    private void deadLetters(String queue) {
        known(queue);
        if (!queue.startsWith("DLQ.")) {
            throw DegreeHubException.invalid("queue", "只能重放死信队列中的消息", "Only dead letters can be replayed");
        }
    }

    /** Sends a copy of a dead letter to the queue it came from on the session's transaction; returns that queue. */
    private String forward(Session session, Message m, String deadLetterQueue) throws Exception {
        // a letter the hub wrote carries the hub's account of it; one the broker moved itself (after too many
        // deliveries) carries only what its sender set, so only the broker's own stamps are believed there
        boolean hubLetter = MessageSpool.HUB_BROKER_USER.equals(m.getStringProperty(MessageSpool.VALIDATED_USER));
        String target = hubLetter ? m.getStringProperty("degreehubOriginalQueue") : m.getStringProperty("_AMQ_ORIG_ADDRESS");
        if (target == null || !queues.contains(target)) {
            target = deadLetterQueue.substring("DLQ.".length());
        }
        String sender = hubLetter ? m.getStringProperty(MessageSpool.ORIGINAL_SENDER)
                : m.getStringProperty(MessageSpool.VALIDATED_USER);
        Files.createDirectories(spool);
        Path file = Files.createTempFile(spool, "replay-", ".xml");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                if (m instanceof BytesMessage bytes) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = bytes.readBytes(buffer)) > 0; ) {
                        out.write(buffer, 0, n);
                    }
                } else if (m instanceof TextMessage text && text.getText() != null) {
                    out.write(text.getText().getBytes(StandardCharsets.UTF_8));
                }
            }
            try (InputStream in = Files.newInputStream(file)) {
                BytesMessage copy = session.createBytesMessage();
                // the broker streams the body from the file: a large batch never sits in the heap
                copy.setObjectProperty("JMS_AMQ_InputStream", in);
                copy.setStringProperty("degreehubReplayOf", m.getJMSMessageID());
                if (sender != null) {
                    copy.setStringProperty(MessageSpool.ORIGINAL_SENDER, sender);
                }
                copy.setJMSCorrelationID(m.getJMSCorrelationID());
                session.createProducer(session.createQueue(target)).send(copy);
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return target;
    }

    public void delete(String queue, String messageId, String actor) throws Exception {
        known(queue);
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector(messageId))) {
            connection.start();
            if (consumer.receive(5_000) == null) {
                throw DegreeHubException.notFound("消息", "Message");
            }
            session.commit();
        }
        audit.record(actor, "QUEUE_DELETE", queue, messageId);
    }

    private void known(String queue) {
        if (!queues.contains(queue)) {
            throw DegreeHubException.notFound("队列", "Queue");
        }
    }

    private static String selector(String messageId) {
        if (!messageId.matches("ID:[0-9A-Za-z\\-:]+")) {
            throw DegreeHubException.invalid("messageId", "消息编号格式错误", "Malformed message id");
        }
        return "JMSMessageID = '" + messageId + "'";
    }

    private static int count(QueueBrowser browser) throws JMSException {
        int n = 0;
        for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements() && n < 10_000; e.nextElement()) {
            n++;
        }
        return n;
    }

    private static String preview(Message m) throws JMSException {
        String text;
        if (m instanceof TextMessage t) {
            text = t.getText() == null ? "" : t.getText();
        } else if (m instanceof BytesMessage b) {
            byte[] head = new byte[(int) Math.min(PREVIEW_BYTES, b.getBodyLength())];
            b.readBytes(head);
            text = new String(head, StandardCharsets.UTF_8);
        } else {
            text = m.getClass().getSimpleName();
        }
        text = text.length() > PREVIEW_BYTES ? text.substring(0, PREVIEW_BYTES) : text;
        return Masking.idNumbersIn(text);
    }
}
