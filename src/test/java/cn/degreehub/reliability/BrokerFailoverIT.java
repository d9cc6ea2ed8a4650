package cn.degreehub.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.demo.DemoRecords;
import cn.degreehub.demo.FilingBatchWriter;
import cn.degreehub.support.ChildHub;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The external broker pair (deploy/broker.sh, config/broker/) under one hub with the cluster profile: a province
 * files batches over the queue while the live broker is killed (SIGKILL) and the backup takes over. Every batch
 * whose send the broker acknowledged is stored exactly once and gets exactly one receipt; the hub, its consumers and
 * the province's client carry on against the backup without a restart.
 */
class BrokerFailoverIT {

    static final String SEMESTER = "2020-2021-2";
    static final int BEFORE_KILL = 25;
    static final int AFTER_KILL = 25;
    /** The last batch before the kill is large: the hub is still storing it (its transaction open) when the live broker dies. */
    static final int LARGE = 3000;

    final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    final List<String> unacknowledged = Collections.synchronizedList(new ArrayList<>());
    /** batchId → the receipt messages seen for it (a redelivered receipt keeps its id; a second one has another). */
    final Map<String, Set<String>> receipts = new ConcurrentHashMap<>();
    final AtomicInteger sequence = new AtomicInteger(100_000);
    /** batchId → its records. */
    final Map<String, Integer> sizes = new ConcurrentHashMap<>();
    final Set<String> wrongReceipts = ConcurrentHashMap.newKeySet();
    final AtomicInteger acknowledgedAfterKill = new AtomicInteger();

    @Test
    void everyAcknowledgedBatchIsStoredOnceWithOneReceiptAcrossTheFailover() throws Exception {
        long started = System.nanoTime();
        Path work = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "broker-it-");
        int livePort = freePort();
        int backupPort = freePort();
        String pair = "(tcp://127.0.0.1:" + livePort + ",tcp://127.0.0.1:" + backupPort + ")?ha=true&reconnectAttempts=-1"
                + "&retryInterval=500&retryIntervalMultiplier=1.5&maxRetryInterval=5000&confirmationWindowSize=1048576&callTimeout=30000";
        Map<String, String> env = Map.of("BROKER_LIVE_PORT", String.valueOf(livePort),
                "BROKER_BACKUP_PORT", String.valueOf(backupPort), "BROKER_HEAP", "192m");
        Path brokers = work.resolve("brokers");
        Script start = script(env, "start", brokers.toString());
        Assumptions.assumeFalse(start.output.contains("cannot get the Artemis distribution"),
                "BrokerFailoverIT skipped: the Artemis distribution (org.apache.activemq:apache-artemis:tar.gz:bin) is neither"
                        + " in ~/.m2 nor downloadable: " + start.output);
        assertThat(start.exit).as("deploy/broker.sh start: %s", start.output).isZero();
        ChildHub hub = new ChildHub(work.resolve("hub"), "512m", List.of(
                "--spring.profiles.active=cluster",
                "--spring.artemis.broker-url=" + pair,
                "--spring.artemis.password=hub-internal-pass",
                "--degreehub.demo.unit-simulator.enabled=false",
                "--degreehub.report.warm-up=false",
                "--degreehub.filing.queue.receipt-grace=15s", "--degreehub.filing.queue.receipt-check-ms=2000"));
        try {
            hub.start();
            System.out.printf("BrokerFailoverIT: pair and hub up after %d s%n", seconds(started));
            AtomicBoolean stop = new AtomicBoolean();
            Thread receiptReader = new Thread(() -> readReceipts(pair, stop));
            receiptReader.start();

            long[] failover = send(pair, brokers, env);
            System.out.printf("BrokerFailoverIT: sent %d batches, %d acknowledged, %d sends failed; after the kill the"
                            + " first send was acknowledged %d ms later%n", acknowledged.size() + unacknowledged.size(),
                    acknowledged.size(), unacknowledged.size(), failover[1] - failover[0]);
            assertThat(acknowledgedAfterKill.get()).as("sends acknowledged by the backup, after the kill")
                    .isGreaterThanOrEqualTo(AFTER_KILL - 3);
            assertThat(Files.readString(brokers.resolve("broker-backup/log/console.log")))
                    .as("the backup became the active broker").containsAnyOf("AMQ221007", "AMQ221010");

            // every acknowledged batch gets its receipt, from the backup
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && !receipts.keySet().containsAll(acknowledged)) {
                Thread.sleep(500);
            }
            // a second receipt would come within this while
            Thread.sleep(5_000);
            stop.set(true);
            receiptReader.join(15_000);
            assertThat(health(hub)).as("the hub's broker health after the failover").isEqualTo(200);
            hub.stop();

            List<String> withoutReceipt = acknowledged.stream().filter(b -> !receipts.containsKey(b)).toList();
            assertThat(withoutReceipt).as("acknowledged batches without a receipt").isEmpty();
            assertThat(wrongReceipts).as("receipts not accepting the whole batch").isEmpty();
            assertThat(receipts).as("never two receipts for one batch").allSatisfy((batch, ids) -> assertThat(ids).hasSize(1));
            int stored = 0;
            try (var db = DriverManager.getConnection("jdbc:h2:file:" + hub.data.resolve("db/degreehub") + ";MODE=Oracle", "sa", "")) {
                for (String batchId : acknowledged) {
                    assertThat(single(db, "SELECT COUNT(*) FROM filing_batch WHERE batch_id = '" + batchId + "'"))
                            .as("batch " + batchId).isEqualTo(1);
                    assertThat(single(db, "SELECT COUNT(*) FROM degree_record WHERE batch_id = '" + batchId + "'"))
                            .as("records of " + batchId).isEqualTo(sizes.get(batchId));
                    stored++;
                }
                for (String batchId : unacknowledged) {
                    // the send failed: the batch may or may not have reached the broker, but never twice
                    assertThat(single(db, "SELECT COUNT(*) FROM filing_batch WHERE batch_id = '" + batchId + "'"))
                            .as("unacknowledged batch " + batchId).isLessThanOrEqualTo(1);
                }
                assertThat(single(db, "SELECT COUNT(*) FROM filing_batch WHERE channel = 'QUEUE' AND receipt_sent_at IS NULL"))
                        .as("queue batches without a committed receipt").isZero();
            }
            // the large batch's transaction was open at the kill: its commit fails, the backup delivers it again
            List<String> rollbacks = Files.readAllLines(hub.data.resolve("hub-1.log")).stream()
                    .filter(l -> l.matches("(?i).*(rolled ?back|rollback).*") && !l.startsWith("\tat ")).toList();
            System.out.printf("BrokerFailoverIT: hub log lines on rollbacks: %d%s%n", rollbacks.size(),
                    rollbacks.stream().limit(5).map(l -> "\n  " + l).reduce("", String::concat));
            long unackedStored = unacknowledged.stream().filter(receipts::containsKey).count();
            System.out.printf("BrokerFailoverIT: %d acknowledged batches stored once with %d receipts (%d receipts in all, "
                            + "%d of them for batches whose send failed); failover (kill to next acknowledged send) %d ms;"
                            + " %d s in all%n", stored, acknowledged.size() - withoutReceipt.size(), receipts.size(),
                    unackedStored, failover[1] - failover[0], seconds(started));
        } finally {
            hub.stop();
            Script stopped = script(env, "stop", brokers.toString());
            System.out.println("BrokerFailoverIT: " + stopped.output.strip());
        }
    }

    /** Sends BEFORE_KILL batches, kills the live broker, sends AFTER_KILL more; returns {kill, first ack after it} (ms). */
    long[] send(String pair, Path brokers, Map<String, String> env) throws Exception {
        long[] times = new long[2];
        try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(pair, "province-12", "province-12-pass");
             Connection c = f.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = s.createProducer(s.createQueue("degreehub.filing.in"));
            for (int i = 0; i < BEFORE_KILL + AFTER_KILL; i++) {
                if (i == BEFORE_KILL) {
                    // SIGKILL: the live broker's last words are whatever its journal and its backup already have
                    Script kill = script(env, "kill", "live", brokers.toString());
                    assertThat(kill.exit).as(kill.output).isZero();
                    times[0] = System.currentTimeMillis();
                }
                String batchId = "failover-" + i + "-" + System.nanoTime();
                int size = i == BEFORE_KILL - 1 ? LARGE : 10;
                sizes.put(batchId, size);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                FilingBatchWriter.write(out, batchId, "12", "10056", SEMESTER,
                        DemoRecords.stream("10056", "天津大学", "120104", 3, 2021, sequence.getAndAdd(size), size));
                try {
                    BytesMessage m = s.createBytesMessage();
                    m.writeBytes(out.toByteArray());
                    producer.send(m);
                    // send returned: the broker has it (a durable send blocks until the broker confirms)
                    acknowledged.add(batchId);
                    if (i >= BEFORE_KILL && acknowledgedAfterKill.getAndIncrement() == 0) {
                        times[1] = System.currentTimeMillis();
                    }
                } catch (jakarta.jms.JMSException e) {
                    // cut by the failover: may or may not have arrived; a partner would send it again
                    unacknowledged.add(batchId);
                    System.out.printf("BrokerFailoverIT: send of %s failed: %s%n", batchId, e);
                }
                if (i != BEFORE_KILL - 1) {
                    Thread.sleep(100);
                }
            }
        }
        return times;
    }

    void readReceipts(String pair, AtomicBoolean stop) {
        while (!stop.get()) {
            try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(pair, "province-12", "province-12-pass");
                 Connection c = f.createConnection()) {
                c.start();
                Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                MessageConsumer consumer = s.createConsumer(s.createQueue("degreehub.filing.receipt.12"));
                while (!stop.get()) {
                    Message m = consumer.receive(200);
                    if (m != null) {
                        // recorded when seen: an acknowledgment cut by the failover may come back as the same message
                        receipts.computeIfAbsent(m.getJMSCorrelationID(), k -> ConcurrentHashMap.newKeySet())
                                .add(m.getJMSMessageID());
                        String body = new String(m.getBody(byte[].class), StandardCharsets.UTF_8);
                        if (!body.contains("<accepted>" + sizes.get(m.getJMSCorrelationID()) + "</accepted>")) {
                            wrongReceipts.add(m.getJMSCorrelationID());
                        }
                        m.acknowledge();
                    }
                }
            } catch (Exception e) {
                System.out.printf("BrokerFailoverIT: receipt reader: %s%n", e);
                sleep(200);
            }
        }
    }

    record Script(int exit, String output) {
    }

    static Script script(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "deploy/broker.sh"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Script(p.exitValue(), output);
    }

    static int health(ChildHub hub) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.url("/actuator/health/broker"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static int single(java.sql.Connection db, String sql) throws Exception {
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
