import cn.degreehub.contract.filing.DegreeFilingPortType;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.contract.types.DegreeLevel;
import cn.degreehub.contract.verification.Applicant;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.SubmitApplicationRequest;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.contract.verification.VerifyReportRequest;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.demo.FilingBatchWriter;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.ws.security.wss4j.WSS4JStaxOutInterceptor;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.stax.ext.WSSConstants;
import org.apache.wss4j.stax.ext.WSSSecurityProperties;

/**
 * Loader for bench/run-cluster.sh: one hub node against two, on the same machine, database and broker pair, all
 * through the proxy (deploy/cluster.sh). For each configuration it measures filing over SOAP, filing over the
 * queue, the verification instant path (signed report per call) and verifyReport reads, and for each phase the
 * CPU seconds each part of the cluster spent (from /proc), which is where the time goes and what the separate-
 * machine projection at the end is computed from.
 * args: proxyUrl brokerUrl clusterDir httpRecords queueBatches queueBatchRecords applications reads threads
 */
public class ClusterBench {

    static final String UNIT = "10056";
    static final String REGION = "120104";
    static final String[] PARTS = {"hub nodes", "postgres", "brokers", "nginx", "loader", "other"};

    static String proxy;
    static String broker;
    static Path clusterDir;

    public static void main(String[] args) throws Exception {
        // the loader's own CXF and Artemis INFO lines would bury the figures
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        proxy = args[0];
        broker = args[1];
        clusterDir = Path.of(args[2]);
        int httpRecords = Integer.parseInt(args[3]);
        int queueBatches = Integer.parseInt(args[4]);
        int queueBatchRecords = Integer.parseInt(args[5]);
        int applications = Integer.parseInt(args[6]);
        int reads = Integer.parseInt(args[7]);
        int threads = Integer.parseInt(args[8]);
        int cores = Runtime.getRuntime().availableProcessors();

        // records the applications will match: filed and published once, before the first configuration
        int warmApplications = 40;
        int toMatch = 2 * (applications + 2 * warmApplications);
        List<FilingRecord> matchable = DemoRecords.records(UNIT, "天津大学", REGION, 3, 2021, 700_000, toMatch);
        DegreeFilingPortType filing = client(DegreeFilingPortType.class, proxy + "/services/filing", "province-12");
        for (int from = 0; from < toMatch; from += 1000) {
            filing.submitFilingBatch(batch("match-" + from, 2021, matchable.subList(from, Math.min(toMatch, from + 1000))));
        }
        String published = admin("POST", "/admin/api/publication/run");
        System.out.println("prepared: " + toMatch + " records filed and published (" + published.strip() + ")");

        List<Phase> one = new ArrayList<>();
        List<Phase> two = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int n = 1; n <= 2; n++) {
            final int nodes = n;
            if (nodes == 1) {
                // a clean stop: a killed node's queue consumers would hold messages until the broker's connection TTL
                cluster("stop-node", "node2");
            } else {
                cluster("start");
            }
            waitForNodes(nodes);
            List<Phase> phases = nodes == 1 ? one : two;
            int base = (nodes - 1) * (applications + 2 * warmApplications);
            // warm-up (twice as long with two nodes, so the restarted node2 is as warm as node1 was)
            for (int w = 0; w < nodes; w++) {
                fileOverHttp(pool, threads, "warm" + nodes + w, 2000 + nodes * 2 + w, 10_000);
                int from = base + applications + w * warmApplications;
                submitApplications(pool, threads, matchable.subList(from, from + warmApplications), null);
            }
            System.out.println();
            System.out.println("== " + nodes + " node" + (nodes == 1 ? "" : "s") + " ==");
            phases.add(measure("filing, SOAP", "records", httpRecords,
                    () -> fileOverHttp(pool, threads, "http" + nodes, 2013 + nodes, httpRecords)));
            phases.add(measure("filing, queue", "records", queueBatches * queueBatchRecords,
                    () -> fileOverQueue("queue" + nodes, 2015 + nodes, queueBatches, queueBatchRecords)));
            List<String> reportNos = new ArrayList<>();
            phases.add(measure("verification, instant path", "applications", applications,
                    () -> submitApplications(pool, threads, matchable.subList(base, base + applications), reportNos)));
            phases.add(measure("verifyReport reads", "reads", reads, () -> readReports(pool, threads, reportNos, reads)));
        }
        pool.shutdown();

        System.out.println();
        System.out.println("== one node vs two, same " + cores + "-core machine, same PostgreSQL and broker pair, through nginx ==");
        System.out.printf("%-28s %12s %12s %7s%n", "", "1 node", "2 nodes", "ratio");
        for (int i = 0; i < one.size(); i++) {
            Phase a = one.get(i);
            Phase b = two.get(i);
            System.out.printf("%-28s %12s %12s %7.2f%n", a.name, fmt(a.rate()) + "/s", fmt(b.rate()) + "/s", b.rate() / a.rate());
        }
        System.out.println();
        System.out.println("where the time goes: CPU milliseconds per " + "unit of work (share of all CPU spent), machine busy %");
        for (List<Phase> phases : List.of(one, two)) {
            for (Phase p : phases) {
                StringBuilder line = new StringBuilder(String.format("%-9s %-28s", phases == one ? "1 node" : "2 nodes", p.name));
                double all = p.cpu.values().stream().mapToDouble(Double::doubleValue).sum();
                for (String part : PARTS) {
                    double s = p.cpu.getOrDefault(part, 0.0);
                    line.append(String.format(" %s %.2f (%2.0f%%)", part, 1000 * s / p.units, 100 * s / all));
                }
                line.append(String.format("  busy %3.0f%%", 100 * all / (p.seconds * cores)));
                System.out.println(line);
            }
        }
        System.out.println();
        System.out.println("projection for separate machines of this size (" + cores + " cores each: hub nodes, database, broker,"
                + " loader), from the CPU per unit above and nothing else (no network, no disk waits):");
        for (int i = 0; i < one.size(); i++) {
            Phase p = one.get(i);
            double hub = p.cpu.getOrDefault("hub nodes", 0.0) / p.units;
            double db = p.cpu.getOrDefault("postgres", 0.0) / p.units;
            double brokers = p.cpu.getOrDefault("brokers", 0.0) / p.units;
            double nodeOne = Math.min(cores / hub, Math.min(cores / Math.max(db, 1e-9), cores / Math.max(brokers, 1e-9)));
            double nodeTwo = Math.min(2 * cores / hub, Math.min(cores / Math.max(db, 1e-9), cores / Math.max(brokers, 1e-9)));
            String limit = nodeTwo >= 2 * cores / hub - 1e-9 ? "hub nodes" : db >= brokers ? "database" : "broker";
            // the shared parts' CPU caps the cluster: how many such nodes before the database or the broker saturates
            double shared = Math.min(cores / Math.max(db, 1e-9), cores / Math.max(brokers, 1e-9));
            System.out.printf("%-28s 1 node %9s/s, 2 nodes %9s/s, ratio %.2f (2 nodes limited by the %s);"
                            + " the %s's CPU caps at %s/s, ~%.0f nodes%n", p.name, fmt(nodeOne), fmt(nodeTwo),
                    nodeTwo / nodeOne, limit, db >= brokers ? "database" : "broker", fmt(shared), shared / (cores / hub));
        }
        System.exit(0);
    }

    // --- phases -------------------------------------------------------------------------------------------

    interface Work {
        void run() throws Exception;
    }

    record Phase(String name, String unit, int units, double seconds, Map<String, Double> cpu) {
        double rate() {
            return units / seconds;
        }
    }

    static Phase measure(String name, String unit, int units, Work work) throws Exception {
        Map<String, Double> before = cpuByPart();
        long t = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - t) / 1e9;
        Map<String, Double> after = cpuByPart();
        Map<String, Double> spent = new LinkedHashMap<>();
        for (String part : PARTS) {
            spent.put(part, Math.max(0, after.getOrDefault(part, 0.0) - before.getOrDefault(part, 0.0)));
        }
        Phase p = new Phase(name, unit, units, seconds, spent);
        System.out.printf("%-28s %,8d %s in %6.1f s: %9s %s/s%n", name, units, unit, seconds, fmt(p.rate()), unit);
        return p;
    }

    static void fileOverHttp(ExecutorService pool, int threads, String run, int year, int records) throws Exception {
        List<SubmitFilingBatchRequest> batches = new ArrayList<>();
        for (int first = 0; first < records; first += 1000) {
            batches.add(batch(run + "-" + first, year,
                    DemoRecords.records(UNIT, "天津大学", REGION, 4, year, first + 1, Math.min(1000, records - first))));
        }
        List<DegreeFilingPortType> clients = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            clients.add(client(DegreeFilingPortType.class, proxy + "/services/filing", "province-12"));
        }
        int[] accepted = new int[batches.size()];
        run(pool, threads, batches.size(), i -> {
            try {
                accepted[i] = clients.get(i % threads).submitFilingBatch(batches.get(i)).getReceipt().getAccepted();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int sum = 0;
        for (int a : accepted) {
            sum += a;
        }
        if (sum != records) {
            throw new IllegalStateException(run + ": accepted " + sum + " of " + records);
        }
    }

    /** Sends the batches to degreehub.filing.in and waits until every one has its receipt accepting all records. */
    static void fileOverQueue(String run, int year, int batches, int perBatch) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker, "province-12", "province-12-pass");
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer receipts = session.createConsumer(session.createQueue("degreehub.filing.receipt.12"));
            MessageProducer producer = session.createProducer(session.createQueue("degreehub.filing.in"));
            Set<String> waiting = new HashSet<>();
            String stamp = Long.toString(System.currentTimeMillis(), 36);
            for (int b = 0; b < batches; b++) {
                String batchId = "bench-" + run + "-" + stamp + "-" + b;
                ByteArrayOutputStream document = new ByteArrayOutputStream();
                FilingBatchWriter.write(document, batchId, "12", UNIT, semester(year),
                        DemoRecords.stream(UNIT, "天津大学", REGION, 4, year, b * perBatch + 1, perBatch));
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(document.toByteArray());
                producer.send(message);
                waiting.add(batchId);
            }
            Pattern accepted = Pattern.compile("<accepted>(\\d+)</accepted>");
            while (!waiting.isEmpty()) {
                Message reply = receipts.receive(600_000);
                if (reply == null) {
                    throw new IllegalStateException(run + ": no receipt within 10 minutes for " + waiting);
                }
                if (!waiting.remove(reply.getJMSCorrelationID())) {
                    continue; // an earlier run's receipt
                }
                BytesMessage bytes = (BytesMessage) reply;
                byte[] data = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(data);
                Matcher m = accepted.matcher(new String(data, StandardCharsets.UTF_8));
                if (!m.find() || Integer.parseInt(m.group(1)) != perBatch) {
                    throw new IllegalStateException(run + ": a receipt does not accept all records: "
                            + new String(data, 0, Math.min(400, data.length), StandardCharsets.UTF_8));
                }
            }
        }
    }

    static void submitApplications(ExecutorService pool, int threads, List<FilingRecord> records, List<String> reportNos)
            throws Exception {
        List<DegreeVerificationPortType> portals = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            portals.add(client(DegreeVerificationPortType.class, proxy + "/services/verification", "portal"));
        }
        run(pool, threads, records.size(), i -> {
            FilingRecord r = records.get(i);
            SubmitApplicationRequest request = new SubmitApplicationRequest();
            request.setRequestId("bench-" + System.nanoTime() + "-" + i);
            Applicant applicant = new Applicant();
            applicant.setName(r.getXM());
            applicant.setIdType("01");
            applicant.setIdNumber(r.getZJHM());
            request.setApplicant(applicant);
            DegreeAsApplied d = new DegreeAsApplied();
            d.setHolderName(r.getXM());
            d.setIdType("01");
            d.setIdNumber(r.getZJHM());
            d.setUnitCode(UNIT);
            d.setLevel(DegreeLevel.MASTER);
            d.setAwardDate(LocalDate.parse(r.getHXWRQ(), DateTimeFormatter.BASIC_ISO_DATE));
            d.setCertificateNumber(r.getXWZSBH());
            request.setDegree(d);
            request.getLanguages().add(Language.ZH);
            SubmitApplicationResponse answer;
            try {
                answer = portals.get(i % threads).submitApplication(request);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (answer.getStatus() != ApplicationStatus.COMPLETED) {
                throw new IllegalStateException("not matched at once: " + answer.getStatus());
            }
            if (reportNos != null) {
                synchronized (reportNos) {
                    reportNos.add(answer.getReportNo());
                }
            }
        });
    }

    static void readReports(ExecutorService pool, int threads, List<String> reportNos, int reads) throws Exception {
        List<DegreeVerificationPortType> portals = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            portals.add(client(DegreeVerificationPortType.class, proxy + "/services/verification", "portal"));
        }
        run(pool, threads, reads, i -> {
            VerifyReportRequest r = new VerifyReportRequest();
            r.setReportNo(reportNos.get(i % reportNos.size()));
            try {
                portals.get(i % threads).verifyReport(r);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static void run(ExecutorService pool, int threads, int count, IntConsumer call) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    call.accept(i);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    // --- where the time goes: CPU seconds per part, from /proc ---------------------------------------------

    static final double TICKS = 100.0; // USER_HZ on Linux

    /** CPU seconds so far of each part's process tree (exited children count through their parent). */
    static Map<String, Double> cpuByPart() throws Exception {
        Map<Integer, long[]> procs = new HashMap<>(); // pid -> {ppid, ticks}
        Map<Integer, List<Integer>> children = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // after the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    int pid = Integer.parseInt(name);
                    int ppid = Integer.parseInt(f[1]);
                    procs.put(pid, new long[] {ppid, ticks});
                    children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(pid);
                } catch (Exception e) {
                    // the process ended meanwhile
                }
            }
        }
        Map<String, Double> cpu = new LinkedHashMap<>();
        Process p = new ProcessBuilder("deploy/cluster.sh", "pids", clusterDir.toString()).redirectErrorStream(true).start();
        for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length != 2 || !parts[1].chars().allMatch(Character::isDigit)) {
                continue;
            }
            String part = parts[0].startsWith("node") ? "hub nodes" : parts[0].startsWith("broker") ? "brokers" : parts[0];
            cpu.merge(part, treeTicks(Integer.parseInt(parts[1]), procs, children) / TICKS, Double::sum);
        }
        p.waitFor();
        cpu.put("loader", ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9);
        // the whole machine from /proc/stat: what no part above accounts for is "other"
        String[] total = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < total.length; i++) {
            if (i != 4 && i != 5) { // idle, iowait
                busy += Long.parseLong(total[i]);
            }
        }
        double known = cpu.values().stream().mapToDouble(Double::doubleValue).sum();
        cpu.put("other", busy / TICKS - known);
        return cpu;
    }

    static long treeTicks(int pid, Map<Integer, long[]> procs, Map<Integer, List<Integer>> children) {
        long[] p = procs.get(pid);
        long ticks = p == null ? 0 : p[1];
        for (int child : children.getOrDefault(pid, List.of())) {
            ticks += treeTicks(child, procs, children);
        }
        return ticks;
    }

    // --- helpers ------------------------------------------------------------------------------------------

    static SubmitFilingBatchRequest batch(String id, int year, List<FilingRecord> records) {
        SubmitFilingBatchRequest b = new SubmitFilingBatchRequest();
        b.setBatchId("bench-" + id + "-" + System.nanoTime());
        b.setProvinceCode("12");
        b.setUnitCode(UNIT);
        b.setSemester(semester(year));
        b.getRecord().addAll(records);
        return b;
    }

    /** The spring semester of the academic year that ends in {@code year}: DemoRecords award on June 30. */
    static String semester(int year) {
        return (year - 1) + "-" + year + "-2";
    }

    static void cluster(String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("deploy/cluster.sh");
        cmd.addAll(List.of(command));
        cmd.add(clusterDir.toString());
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("deploy/cluster.sh " + String.join(" ", command) + " failed");
        }
    }

    /** Until the proxy has seen the nodes in their new state: requests to a killed node fail over on the first try. */
    static void waitForNodes(int nodes) throws Exception {
        for (int i = 0; i < 20; i++) {
            admin("GET", "/actuator/health");
        }
        System.out.println(nodes + " node" + (nodes == 1 ? "" : "s") + " behind the proxy");
    }

    static String admin(String method, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin-pass".getBytes()));
        request = "POST".equals(method) ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    static <T> T client(Class<T> type, String address, String user) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(type);
        factory.setAddress(address);
        WSSSecurityProperties security = new WSSSecurityProperties();
        security.setActions(List.of(WSSConstants.USERNAMETOKEN));
        security.setTokenUser(user);
        security.setUsernameTokenPasswordType(WSSConstants.UsernameTokenPasswordType.PASSWORD_TEXT);
        security.setCallbackHandler(callbacks -> {
            for (var c : callbacks) {
                ((WSPasswordCallback) c).setPassword(user + "-pass");
            }
        });
        factory.getOutInterceptors().add(new WSS4JStaxOutInterceptor(security));
        T port = factory.create(type);
        ((HTTPConduit) ClientProxy.getClient(port).getConduit()).getClient().setReceiveTimeout(300_000);
        return port;
    }

    static String fmt(double v) {
        return v >= 100 ? String.format("%,.0f", v) : String.format("%.1f", v);
    }
}
