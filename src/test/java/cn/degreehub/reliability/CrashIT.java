package cn.degreehub.reliability;

import static cn.degreehub.support.HubTestSupport.soapClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.DegreeFilingPortType;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.GetFilingReceiptRequest;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.GetApplicationStatusRequest;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.SubmitApplicationRequest;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.contract.verification.VerifyReportRequest;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.demo.FilingBatchWriter;
import cn.degreehub.support.ChildHub;
import cn.degreehub.support.PortalRequests;
import cn.degreehub.support.SoapEnvelopes;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * An acknowledgment is a promise: the hub runs as a child process, partners send work over SOAP and the
 * queue, and the process is killed with SIGKILL the moment an acknowledgment arrives, while more work is in
 * flight. After each restart on the same data, everything acknowledged before the kill is there exactly
 * once: SOAP batches (their receipts), queue batches (exactly one receipt each, also for batches stored just
 * before the kill), applications with their reports, and digest nonces (a replay is refused).
 */
class CrashIT {

    static final int ROUNDS = 3;
    static final String SEMESTER = "2020-2021-2";

    final Map<String, Integer> soapBatches = new ConcurrentHashMap<>();
    /** Batches already read back over SOAP after an earlier kill; the database check at the end covers them all. */
    final java.util.Set<String> readBack = ConcurrentHashMap.newKeySet();
    final List<String> queueBatchesSent = Collections.synchronizedList(new ArrayList<>());
    /** batchId → the receipt messages seen for it (a redelivery keeps its id; a second receipt has another). */
    final Map<String, java.util.Set<String>> queueReceipts = new ConcurrentHashMap<>();
    final Map<String, SubmitApplicationResponse> applications = new ConcurrentHashMap<>();
    final Map<String, SubmitApplicationRequest> applicationRequests = new ConcurrentHashMap<>();
    final AtomicInteger sequence = new AtomicInteger(700_000);
    List<FilingRecord> published;
    final AtomicInteger nextApplicant = new AtomicInteger();
    int missingReceiptMessages;

    @Test
    void nothingAcknowledgedIsLostOrDoneTwiceAcrossKills() throws Exception {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "crash-it-");
        ChildHub hub = new ChildHub(data, "512m", List.of(
                // the reconciler answers a batch stored without receipt this long after the restart
                "--degreehub.filing.queue.receipt-grace=15s", "--degreehub.filing.queue.receipt-check-ms=2000",
                "--degreehub.report.warm-up=false"));
        try {
            hub.start();
            published = fileAndPublish(hub, 400);
            int killedMidFlight = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                List<String> noncesUsed = load(hub);
                killedMidFlight++;
                hub.start();
                // receipts are read between kills: a consumer cut by a kill cannot tell whether its own
                // acknowledgment reached the broker, which is the partner's problem, not the hub's
                drainReceipts(hub);
                assertEverythingAcknowledgedIsThere(hub, round);
                for (String envelope : noncesUsed) {
                    String replay = post(hub, "/services/filing", envelope);
                    assertThat(replay).as("a digest nonce used before the kill is refused after it")
                            .contains("<code>UNAUTHENTICATED</code>");
                }
                System.out.printf("CrashIT round %d: acknowledged so far: %d SOAP batches, %d queue batches sent, "
                                + "%d receipts consumed, %d applications; %d nonces replayed and refused%n", round,
                        soapBatches.size(), queueBatchesSent.size(), queueReceipts.size(), applications.size(),
                        noncesUsed.size());
            }
            // every queue batch gets exactly one receipt, also those in flight at a kill
            awaitReceipts(hub);
            hub.stop();
            assertStoredOnceAndTidy(hub, data);
            System.out.printf("CrashIT: %d kills; acknowledged %d SOAP batches, %d queue batches, %d applications; "
                    + "lost 0, duplicated 0, receipt messages missing %d%n", killedMidFlight, soapBatches.size(),
                    queueBatchesSent.size(), applications.size(), missingReceiptMessages);
        } finally {
            hub.stop();
        }
    }

    List<FilingRecord> fileAndPublish(ChildHub hub, int count) throws Exception {
        List<FilingRecord> records = DemoRecords.records("10056", "天津大学", "120104", 3, 2021,
                sequence.getAndAdd(count), count);
        SubmitFilingBatchRequest batch = batch("pool", records);
        assertThat(filing(hub).submitFilingBatch(batch).getReceipt().getAccepted()).isEqualTo(count);
        HttpResponse<String> run = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(hub.url("/admin/api/publication/run")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin-pass".getBytes()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(run.statusCode()).isEqualTo(200);
        return records;
    }

    static SubmitFilingBatchRequest batch(String prefix, List<FilingRecord> records) {
        SubmitFilingBatchRequest batch = new SubmitFilingBatchRequest();
        batch.setBatchId(prefix + "-" + System.nanoTime());
        batch.setProvinceCode("12");
        batch.setUnitCode("10056");
        batch.setSemester(SEMESTER);
        batch.getRecord().addAll(records);
        return batch;
    }

    static DegreeFilingPortType filing(ChildHub hub) {
        return soapClient(DegreeFilingPortType.class, hub.url("/services/filing"), "province-12", "province-12-pass", false);
    }

    static DegreeVerificationPortType portal(ChildHub hub) {
        return soapClient(DegreeVerificationPortType.class, hub.url("/services/verification"), "portal", "portal-pass", false);
    }

    /**
     * Four partners at work (receipts are read after the restart); the hub is killed right after a SOAP batch is acknowledged, once each partner had
     * some work acknowledged in this round. Returns the
     * digest envelopes whose nonce the hub accepted.
     */
    List<String> load(ChildHub hub) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch killed = new CountDownLatch(1);
        AtomicInteger acksThisRound = new AtomicInteger();
        AtomicInteger applicationsThisRound = new AtomicInteger();
        AtomicInteger queueThisRound = new AtomicInteger();
        List<String> nonces = Collections.synchronizedList(new ArrayList<>());
        List<Thread> partners = new ArrayList<>();
        // one client each (making a CXF client costs half a second); a client outlives the hub it called
        DegreeFilingPortType port = filing(hub);
        DegreeVerificationPortType portal = portal(hub);
        partners.add(partner(stop, () -> {
            List<FilingRecord> records = DemoRecords.records("10056", "天津大学", "120104", 3, 2021,
                    sequence.getAndAdd(10), 10);
            SubmitFilingBatchRequest batch = batch("soap", records);
            int accepted = port.submitFilingBatch(batch).getReceipt().getAccepted();
            soapBatches.put(batch.getBatchId(), accepted);
            // the next instant after an acknowledgment, once every partner had some
            if (acksThisRound.incrementAndGet() >= 10 && applicationsThisRound.get() >= 3 && queueThisRound.get() >= 10
                    && nonces.size() >= 5 && killed.getCount() > 0) {
                hub.kill();
                killed.countDown();
            }
        }));
        partners.add(partner(stop, () -> {
            try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(hub.brokerUrl(), "province-12", "province-12-pass");
                 Connection c = f.createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = s.createProducer(s.createQueue("degreehub.filing.in"));
                while (!stop.get()) {
                    String batchId = "queue-" + System.nanoTime();
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    FilingBatchWriter.write(out, batchId, "12", "10056", SEMESTER,
                            DemoRecords.stream("10056", "天津大学", "120104", 3, 2021, sequence.getAndAdd(10), 10));
                    BytesMessage m = s.createBytesMessage();
                    m.writeBytes(out.toByteArray());
                    producer.send(m);
                    // send returned: the broker has it
                    queueBatchesSent.add(batchId);
                    queueThisRound.incrementAndGet();
                    // a steady stream, not a flood: the checks after each kill read every batch back
                    Thread.sleep(25);
                }
            }
        }));
        partners.add(partner(stop, () -> {
            int i = nextApplicant.getAndIncrement();
            if (i >= published.size()) {
                return;
            }
            SubmitApplicationRequest request = PortalRequests.application(PortalRequests.asApplied(published.get(i)), Language.ZH);
            SubmitApplicationResponse answer = portal.submitApplication(request);
            applications.put(request.getRequestId(), answer);
            applicationRequests.put(request.getRequestId(), request);
            applicationsThisRound.incrementAndGet();
        }));
        partners.add(partner(stop, () -> {
            String envelope = SoapEnvelopes.digestReceiptQuery("province-12", "province-12-pass", "no-such-batch");
            if (post(hub, "/services/filing", envelope).contains("<code>NOT_FOUND</code>")) {
                // authenticated (the batch is simply unknown): the nonce is used
                nonces.add(envelope);
            }
        }));
        partners.forEach(Thread::start);
        assertThat(killed.await(10, TimeUnit.MINUTES)).as("the kill came").isTrue();
        stop.set(true);
        for (Thread t : partners) {
            t.join(30_000);
        }
        return nonces;
    }

    interface Work {
        void run() throws Exception;
    }

    static Thread partner(AtomicBoolean stop, Work work) {
        return new Thread(() -> {
            while (!stop.get()) {
                try {
                    work.run();
                } catch (Exception e) {
                    // the hub is gone: what was not acknowledged may or may not have happened
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        });
    }

    void consumeReceipts(ChildHub hub, AtomicBoolean stop) throws Exception {
        try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(hub.brokerUrl(), "province-12", "province-12-pass");
             Connection c = f.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue("degreehub.filing.receipt.12"));
            while (!stop.get()) {
                Message m = consumer.receive(200);
                if (m != null) {
                    // recorded when seen: an acknowledgment cut by the kill may or may not have reached the broker
                    queueReceipts.computeIfAbsent(m.getJMSCorrelationID(), k -> ConcurrentHashMap.newKeySet())
                            .add(m.getJMSMessageID());
                    assertThat(new String(m.getBody(byte[].class), StandardCharsets.UTF_8)).contains("<accepted>10</accepted>");
                    m.acknowledge();
                }
            }
        }
    }

    void assertEverythingAcknowledgedIsThere(ChildHub hub, int round) throws Exception {
        DegreeFilingPortType port = filing(hub);
        for (Map.Entry<String, Integer> b : soapBatches.entrySet()) {
            if (!readBack.add(b.getKey())) {
                continue;
            }
            GetFilingReceiptRequest get = new GetFilingReceiptRequest();
            get.setBatchId(b.getKey());
            assertThat(port.getFilingReceipt(get).getReceipt().getAccepted()).as("round %d: SOAP batch %s", round, b.getKey())
                    .isEqualTo(b.getValue());
        }
        for (String batchId : queueReceipts.keySet()) {
            if (!readBack.add(batchId)) {
                continue;
            }
            GetFilingReceiptRequest get = new GetFilingReceiptRequest();
            get.setBatchId(batchId);
            assertThat(port.getFilingReceipt(get).getReceipt().getAccepted()).as("round %d: queue batch %s", round, batchId)
                    .isEqualTo(10);
        }
        DegreeVerificationPortType portal = portal(hub);
        for (Map.Entry<String, SubmitApplicationResponse> a : applications.entrySet()) {
            SubmitApplicationResponse acked = a.getValue();
            GetApplicationStatusRequest status = new GetApplicationStatusRequest();
            status.setApplicationNo(acked.getApplicationNo());
            assertThat(portal.getApplicationStatus(status).getStatus()).as("application %s", acked.getApplicationNo())
                    .isEqualTo(acked.getStatus());
            if (acked.getReportNo() != null) {
                VerifyReportRequest verify = new VerifyReportRequest();
                verify.setReportNo(acked.getReportNo());
                assertThat(portal.verifyReport(verify).getReportNo()).isEqualTo(acked.getReportNo());
            }
            // the same request again is answered, not done again
            SubmitApplicationResponse again = portal.submitApplication(applicationRequests.get(a.getKey()));
            assertThat(again.getApplicationNo()).isEqualTo(acked.getApplicationNo());
            assertThat(again.getReportNo()).isEqualTo(acked.getReportNo());
        }
        assertThat(applications.values()).as("applications answered COMPLETED at once (published degrees)")
                .allMatch(a -> a.getStatus() == ApplicationStatus.COMPLETED);
    }

    void drainReceipts(ChildHub hub) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread consumer = partner(stop, () -> consumeReceipts(hub, stop));
        consumer.start();
        Thread.sleep(3_000);
        int seen;
        do {
            seen = queueReceipts.size();
            Thread.sleep(1_500);
        } while (queueReceipts.size() > seen);
        stop.set(true);
        consumer.join(10_000);
    }

    void awaitReceipts(ChildHub hub) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread consumer = partner(stop, () -> consumeReceipts(hub, stop));
        consumer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && !queueReceipts.keySet().containsAll(queueBatchesSent)) {
            Thread.sleep(500);
        }
        // a second copy would come within this while
        Thread.sleep(3_000);
        stop.set(true);
        consumer.join(10_000);
        assertThat(queueReceipts).as("never two receipts for one batch").allSatisfy((batch, ids) -> assertThat(ids).hasSize(1));
        List<String> missing = queueBatchesSent.stream().filter(b -> !queueReceipts.containsKey(b)).toList();
        // every batch the broker took is stored (counted in the database after the stop); one not yet read back
        // over SOAP is read now, as the province would fetch its receipt
        DegreeFilingPortType port = filing(hub);
        for (String batchId : queueBatchesSent.stream().filter(b -> !readBack.contains(b)).toList()) {
            GetFilingReceiptRequest get = new GetFilingReceiptRequest();
            get.setBatchId(batchId);
            assertThat(port.getFilingReceipt(get).getReceipt().getAccepted()).as("queue batch %s stored", batchId).isEqualTo(10);
        }
        missingReceiptMessages = missing.size();
        System.out.printf("CrashIT: %d of %d queue batches got their receipt message: missing %s%n",
                queueBatchesSent.size() - missing.size(), queueBatchesSent.size(), missing);
        assertThat(missing).as("queue batches without a receipt message").isEmpty();
    }

    /** The database after a clean stop: each batch and application once, every receipt marked, no spool left. */
    void assertStoredOnceAndTidy(ChildHub hub, Path data) throws Exception {
        try (var db = hub.connectDatabase()) {
            Map<String, Integer> stored = new java.util.HashMap<>();
            try (var st = db.createStatement();
                 ResultSet rs = st.executeQuery("SELECT batch_id, COUNT(*) FROM degree_record GROUP BY batch_id")) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getInt(2));
                }
            }
            for (Map.Entry<String, Integer> b : soapBatches.entrySet()) {
                assertThat(stored.get(b.getKey())).as("records of " + b.getKey()).isEqualTo(b.getValue());
            }
            for (String batchId : queueBatchesSent) {
                assertThat(stored.get(batchId)).as("records of " + batchId).isEqualTo(10);
            }
            assertThat(single(db, "SELECT COUNT(*) FROM filing_batch WHERE channel = 'QUEUE' AND receipt_sent_at IS NULL"))
                    .as("queue batches without a committed receipt").isZero();
            assertThat(single(db, "SELECT COUNT(*) FROM (SELECT request_id FROM verification_application"
                    + " GROUP BY request_id HAVING COUNT(*) > 1) twice")).as("applications stored twice").isZero();
        }
        try (var spool = Files.list(data.resolve("spool"))) {
            assertThat(spool.filter(f -> f.getFileName().toString().startsWith("spool-")).toList())
                    .as("spool files of finished messages").isEmpty();
        }
    }

    static int single(java.sql.Connection db, String sql) throws Exception {
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String post(ChildHub hub, String path, String envelope) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.url(path)))
                        .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                        .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }
}
