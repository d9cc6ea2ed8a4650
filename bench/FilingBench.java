import cn.degreehub.contract.filing.DegreeFilingPortType;
import cn.degreehub.contract.filing.FilingReceipt;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.demo.FilingBatchWriter;
import cn.degreehub.filing.FiledRecord;
import cn.degreehub.filing.FilingDocuments;
import cn.degreehub.filing.FilingRepository;
import cn.degreehub.filing.RecordField;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.security.wss4j.WSS4JStaxOutInterceptor;
import org.apache.wss4j.stax.ext.WSSConstants;
import org.apache.wss4j.stax.ext.WSSSecurityProperties;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.flywaydb.core.Flyway;

/**
 * Loader for bench/run.sh: measures the running hub from outside and, in the same run, a bare JDBC batch
 * insert of the same rows into a fresh H2 file database (same engine, mode and schema: the hub holds an
 * exclusive lock on its own file). Prints records/s, the ratios and the hub's peak heap.
 */
public class FilingBench {

    static final String UNIT = "10056";
    static final String REGION = "120104";

    public static void main(String[] args) throws Exception {
        String hub = args[0];
        String broker = args[1];
        int httpRecords = Integer.parseInt(args[2]);
        int queueRecords = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        Path baselineDir = Path.of(args[5]);
        HeapWatcher heap = new HeapWatcher(hub);
        heap.start();

        // --- HTTP: 1,000-record batches, WS-Security, all checks -----------------------------------
        List<SubmitFilingBatchRequest> warmup = batches("warm", 4, 2024, 5_000);
        List<SubmitFilingBatchRequest> load = batches("http", 4, 2025, httpRecords);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<DegreeFilingPortType> clients = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            clients.add(client(hub));
        }
        submitAll(pool, clients, warmup);
        heap.reset();
        long t0 = System.nanoTime();
        long accepted = submitAll(pool, clients, load);
        double httpSeconds = (System.nanoTime() - t0) / 1e9;
        long httpHeap = heap.peak();
        pool.shutdown();
        if (accepted != httpRecords) {
            throw new IllegalStateException("HTTP: accepted " + accepted + " of " + httpRecords);
        }

        // --- queue: one large batch as a stream ------------------------------------------------------
        Path document = Files.createTempFile("bench-queue-", ".xml");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(document), 1 << 16)) {
            FilingBatchWriter.write(out, "bench-queue-" + System.currentTimeMillis(), "12", UNIT, "2024-2025-2",
                    DemoRecords.stream(UNIT, "天津大学", REGION, 3, 2025, 1, queueRecords));
        }
        long documentBytes = Files.size(document);
        String batchId = batchIdOf(document);
        heap.reset();
        long t1 = System.nanoTime();
        String receipt = sendAndAwaitReceipt(broker, document, batchId);
        double queueSeconds = (System.nanoTime() - t1) / 1e9;
        long queueHeap = heap.peak();
        heap.stopWatching();
        Files.deleteIfExists(document);
        Matcher m = Pattern.compile("<accepted>(\\d+)</accepted>").matcher(receipt);
        if (!m.find() || Integer.parseInt(m.group(1)) != queueRecords) {
            throw new IllegalStateException("queue receipt does not accept all records: "
                    + receipt.substring(0, Math.min(500, receipt.length())));
        }

        // --- baseline: bare JDBC batch insert of the same rows -----------------------------------------
        double bareHttpRate = bareInsert(baselineDir.resolve("http"), 4, 2025, httpRecords, true);
        double bareQueueRate = bareInsert(baselineDir.resolve("queue"), 3, 2025, queueRecords, false);

        double httpRate = httpRecords / httpSeconds;
        double queueRate = queueRecords / queueSeconds;
        System.out.println();
        System.out.println("== degree-hub filing benchmark (" + Runtime.getRuntime().availableProcessors() + " cores) ==");
        System.out.printf("HTTP  submitFilingBatch  %,d records in 1,000-record batches, %d client threads: %.1f s, %,.0f records/s%n",
                httpRecords, threads, httpSeconds, httpRate);
        System.out.printf("      bare JDBC insert, same rows, commit per 1,000:                          %,.0f records/s%n", bareHttpRate);
        System.out.printf("      ratio hub/bare = %.2f   (goal: >= 20,000 records/s and ratio >= 0.5)%n", httpRate / bareHttpRate);
        System.out.printf("      hub peak heap during HTTP load: %d MB%n", httpHeap / (1024 * 1024));
        System.out.printf("QUEUE one batch of %,d records (%,d MB document): %.1f s, %,.0f records/s%n",
                queueRecords, documentBytes / (1024 * 1024), queueSeconds, queueRate);
        System.out.printf("      bare JDBC insert, same rows, one transaction:                          %,.0f records/s%n", bareQueueRate);
        System.out.printf("      ratio hub/bare = %.2f%n", queueRate / bareQueueRate);
        System.out.printf("      hub peak heap during the queue batch: %d MB (hub runs with its -Xmx, see run.sh)%n",
                queueHeap / (1024 * 1024));
    }

    static List<SubmitFilingBatchRequest> batches(String prefix, int level, int year, int records) {
        List<SubmitFilingBatchRequest> list = new ArrayList<>();
        String run = prefix + "-" + System.currentTimeMillis();
        for (int first = 0; first < records; first += 1000) {
            SubmitFilingBatchRequest b = new SubmitFilingBatchRequest();
            b.setBatchId(run + "-" + first);
            b.setProvinceCode("12");
            b.setUnitCode(UNIT);
            b.setSemester("2024-2025-2");
            b.getRecord().addAll(DemoRecords.records(UNIT, "天津大学", REGION, level, year, first + 1,
                    Math.min(1000, records - first)));
            list.add(b);
        }
        return list;
    }

    static long submitAll(ExecutorService pool, List<DegreeFilingPortType> clients, List<SubmitFilingBatchRequest> batches)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        List<Future<?>> running = new ArrayList<>();
        for (DegreeFilingPortType client : clients) {
            running.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < batches.size()) {
                    FilingReceipt r = client.submitFilingBatch(batches.get(i)).getReceipt();
                    accepted.addAndGet(r.getAccepted());
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        return accepted.get();
    }

    static DegreeFilingPortType client(String hub) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(DegreeFilingPortType.class);
        factory.setAddress(hub + "/services/filing");
        // the loader shares the machine with the hub: streaming WS-Security keeps its own CPU cost low
        WSSSecurityProperties security = new WSSSecurityProperties();
        security.setActions(List.of(WSSConstants.USERNAMETOKEN));
        security.setTokenUser("province-12");
        security.setUsernameTokenPasswordType(WSSConstants.UsernameTokenPasswordType.PASSWORD_TEXT);
        security.setCallbackHandler(callbacks -> {
            for (var c : callbacks) {
                ((WSPasswordCallback) c).setPassword("province-12-pass");
            }
        });
        factory.getOutInterceptors().add(new WSS4JStaxOutInterceptor(security));
        DegreeFilingPortType port = factory.create(DegreeFilingPortType.class);
        ((org.apache.cxf.transport.http.HTTPConduit) org.apache.cxf.frontend.ClientProxy.getClient(port).getConduit())
                .getClient().setReceiveTimeout(300_000);
        return port;
    }

    static String batchIdOf(Path document) throws Exception {
        try (InputStream in = Files.newInputStream(document)) {
            String head = new String(in.readNBytes(1000), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("<batchId>([^<]+)</batchId>").matcher(head);
            if (!m.find()) {
                throw new IllegalStateException("no batchId");
            }
            return m.group(1);
        }
    }

    static String sendAndAwaitReceipt(String broker, Path document, String batchId) throws Exception {
        // the demo province's broker account: the broker admits no anonymous client
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker, "province-12", "province-12-pass");
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer receipts = session.createConsumer(session.createQueue("degreehub.filing.receipt.12"),
                    "JMSCorrelationID = '" + batchId + "'");
            try (InputStream body = Files.newInputStream(document)) {
                BytesMessage message = session.createBytesMessage();
                message.setObjectProperty("JMS_AMQ_InputStream", body); // streamed: never whole in memory
                session.createProducer(session.createQueue("degreehub.filing.in")).send(message);
            }
            Message reply = receipts.receive(600_000);
            if (reply == null) {
                throw new IllegalStateException("no receipt within 10 minutes");
            }
            BytesMessage bytes = (BytesMessage) reply;
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** Bare JDBC: the hub's own INSERT of the same rows, batched by 1,000, no checks. Records per second. */
    static double bareInsert(Path dir, int level, int year, int records, boolean commitPerBatch) throws Exception {
        Files.createDirectories(dir);
        String url = "jdbc:h2:file:" + dir.toAbsolutePath() + "/db;MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/common", "classpath:db/migration/oracle-compatible").load().migrate();
        RecordField[] fields = RecordField.values();
        try (var connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement insert = connection.prepareStatement(FilingRepository.INSERT_RECORD)) {
            connection.setAutoCommit(false);
            LocalDateTime now = LocalDateTime.now();
            Iterator<FilingRecord> rows = DemoRecords.stream(UNIT, "天津大学", REGION, level, year, 1, records);
            List<FiledRecord> all = new ArrayList<>(records);
            rows.forEachRemaining(r -> all.add(FilingDocuments.filed(r)));
            long t = System.nanoTime();
            int n = 0;
            for (FiledRecord r : all) {
                int p = 1;
                insert.setString(p++, "bare");
                insert.setString(p++, "12");
                insert.setString(p++, "2024-2025-2");
                for (RecordField f : fields) {
                    insert.setObject(p++, FilingRepository.columnValue(f, f.read(r)));
                }
                insert.setString(p++, level == 4 ? "BACHELOR" : "MASTER");
                insert.setObject(p++, now);
                insert.setObject(p, now);
                insert.addBatch();
                if (++n % 1000 == 0) {
                    insert.executeBatch();
                    if (commitPerBatch) {
                        connection.commit();
                    }
                }
            }
            insert.executeBatch();
            connection.commit();
            return records / ((System.nanoTime() - t) / 1e9);
        }
    }

    /** Polls the hub's heap in use through actuator (ADMIN) and keeps the highest value seen. */
    static final class HeapWatcher extends Thread {
        private final HttpClient http = HttpClient.newHttpClient();
        private final HttpRequest request;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        HeapWatcher(String hub) {
            setDaemon(true);
            request = HttpRequest.newBuilder(URI.create(hub + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin-pass".getBytes()))
                    .build();
        }

        @Override
        public void run() {
            Pattern value = Pattern.compile("\"value\"\\s*:\\s*([0-9.E+]+)");
            while (running) {
                try {
                    Matcher m = value.matcher(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
                    if (m.find()) {
                        long used = (long) Double.parseDouble(m.group(1));
                        peak.accumulateAndGet(used, Math::max);
                    }
                    Thread.sleep(100);
                } catch (Exception e) {
                    // the hub may be busy; the next poll counts
                }
            }
        }

        void reset() {
            peak.set(0);
        }

        long peak() {
            return peak.get();
        }

        void stopWatching() {
            running = false;
        }
    }
}
