package cn.degreehub.cluster;

import static cn.degreehub.support.HubTestSupport.soapClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.DegreeFilingPortType;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.SubmitApplicationRequest;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.support.PortalRequests;
import cn.degreehub.support.Waiting;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole cluster of deploy/cluster.sh on this machine (PostgreSQL, the Artemis live/backup pair, two hub nodes,
 * nginx in front), worked through the proxy while hub node 1 is killed with SIGKILL (and started again) and while
 * the live broker is killed (the backup takes over). Partners retry a call cut by a failure with the same batch id
 * or request id. Afterwards, read from PostgreSQL: every acknowledged batch and application is stored exactly once,
 * completed applications have exactly one valid report, portal notifications are not doubled, the publication job
 * ran once per trigger under its ShedLock row, a console session made before node 1 died is still signed in, and
 * the demo unit simulator still answers a check task.
 * Skipped (assumption) without PostgreSQL (Debian's postgresql), nginx or the Artemis distribution.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIT {

    static final String SEMESTER = "2020-2021-2";
    static final int POOL_BATCHES = 4;
    static final int POOL_SIZE = 30;
    static final int BATCH_SIZE = 10;
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Duration LONG = Duration.ofMinutes(4);

    final Map<String, String> env = new HashMap<>();
    Path dir;
    int proxy;
    int pgPort;
    boolean started;
    long begin;

    /** batchId → records, for every batch the hub acknowledged. */
    final Map<String, Integer> batches = new ConcurrentHashMap<>();
    /** requestId → the hub's answer, for every application it acknowledged. */
    final Map<String, SubmitApplicationResponse> applications = new ConcurrentHashMap<>();
    final AtomicInteger sequence = new AtomicInteger(300_000);
    final AtomicInteger retries = new AtomicInteger();
    final AtomicInteger nextApplicant = new AtomicInteger();
    final List<FilingRecord> published = Collections.synchronizedList(new ArrayList<>());
    int adminRunsAcknowledged;
    int adminRunsFailed;

    @BeforeAll
    void startCluster() throws Exception {
        begin = System.nanoTime();
        boolean postgres = false;
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (var versions = Files.list(lib)) {
                postgres = versions.anyMatch(v -> Files.isExecutable(v.resolve("bin/initdb")));
            }
        }
        Assumptions.assumeTrue(postgres, "ClusterIT skipped: no PostgreSQL in /usr/lib/postgresql/*/bin (Debian's postgresql package)");
        Assumptions.assumeTrue(run(List.of("bash", "-c", "command -v nginx"), Map.of(), 1).exit == 0,
                "ClusterIT skipped: nginx not installed (Debian's nginx package)");
        List<Path> jars;
        try (var files = Files.list(Path.of("target"))) {
            jars = files.filter(f -> f.getFileName().toString().matches("degree-hub-.*\\.jar")).toList();
        }
        assertThat(jars).as("target/degree-hub-*.jar: ClusterIT runs after package (./mvnw verify)").isNotEmpty();

        proxy = freePort();
        pgPort = freePort();
        env.put("CLUSTER_HTTP_PORT", String.valueOf(proxy));
        env.put("NODE1_PORT", String.valueOf(freePort()));
        env.put("NODE2_PORT", String.valueOf(freePort()));
        env.put("PG_PORT", String.valueOf(pgPort));
        env.put("BROKER_LIVE_PORT", String.valueOf(freePort()));
        env.put("BROKER_BACKUP_PORT", String.valueOf(freePort()));
        env.put("NODE_HEAP", "384m");
        env.put("BROKER_HEAP", "192m");
        // the scheduled publication fires often: the nodes' timers race for its ShedLock row (lock-at-least-for 5m)
        env.put("DEGREEHUB_PUBLICATION_CRON", "*/20 * * * * *");
        env.put("DEGREEHUB_REPORT_WARMUP", "false");
        // a plain directory (not a private temporary one): PostgreSQL runs as the postgres user when this runs as root
        dir = Files.createDirectories(Path.of("target", "cluster-it",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toAbsolutePath());
        started = true;
        Script start = cluster("start", dir.toString());
        Assumptions.assumeFalse(start.output.contains("cannot get the Artemis distribution"),
                "ClusterIT skipped: the Artemis distribution (org.apache.activemq:apache-artemis:tar.gz:bin) is neither in"
                        + " ~/.m2 nor downloadable: " + start.output);
        assertThat(start.exit).as("deploy/cluster.sh start: %s", start.output).isZero();
        System.out.printf("ClusterIT: cluster up after %d s (proxy %d, database %d) in %s%n", seconds(begin), proxy, pgPort, dir);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (started) {
            Script stop = cluster("stop", dir.toString());
            System.out.println("ClusterIT: deploy/cluster.sh stop: exit " + stop.exit + " " + stop.output.strip());
        }
    }

    @Test
    void workCarriesOnThroughANodeKillAndABrokerFailoverAndNothingIsLostOrDoubled() throws Exception {
        // a pool of published degrees to apply for
        DegreeFilingPortType pool = filing();
        for (int i = 0; i < POOL_BATCHES; i++) {
            List<FilingRecord> records = records(POOL_SIZE);
            file(pool, batch("pool", records));
            published.addAll(records);
        }
        publish();

        Console console = new Console();
        assertThat(console.login("admin", "admin-pass").statusCode()).as("console login").isEqualTo(302);
        assertThat(console.get("/admin").statusCode()).as("/admin after login").isEqualTo(200);

        AtomicBoolean stop = new AtomicBoolean();
        DegreeFilingPortType filer = filing();
        DegreeVerificationPortType portal = portal();
        List<Thread> partners = List.of(
                partner("filer", stop, () -> {
                    file(filer, batch("load", records(BATCH_SIZE)));
                    Thread.sleep(300);
                }),
                partner("portal", stop, () -> {
                    // the pool's degrees again and again: each request a new application (its own request id)
                    FilingRecord degree = published.get(nextApplicant.getAndIncrement() % published.size());
                    apply(portal, PortalRequests.application(PortalRequests.asApplied(degree), Language.ZH));
                    // steady work, not a flood: on a small machine a flood starves the restarting node
                    Thread.sleep(300);
                }));
        partners.forEach(Thread::start);
        try {
            awaitProgress("work before node1's death", 4, 4);

            // (a) node1 dies mid-work
            Script kill = cluster("kill", "node1", dir.toString());
            assertThat(kill.exit).as("kill node1: %s", kill.output).isZero();
            long killed = System.nanoTime();
            System.out.printf("ClusterIT: node1 killed at %d s; %d batches, %d applications acknowledged%n", seconds(begin),
                    batches.size(), applications.size());
            awaitProgress("work on node2 alone", 4, 4);
            assertThat(console.get("/admin").statusCode()).as("the console session made before node1's death, after it")
                    .isEqualTo(200);
            System.out.printf("ClusterIT: node2 alone carried on %d ms after the kill%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));

            Script again = cluster("start", dir.toString());
            assertThat(again.exit).as("deploy/cluster.sh start (node1 again): %s", again.output).isZero();
            System.out.printf("ClusterIT: node1 back at %d s%n", seconds(begin));
            awaitProgress("work with node1 back", 3, 3);

            // (b) the live broker dies: the backup takes over
            Script brokerKill = run(List.of("bash", "deploy/broker.sh", "kill", "live", dir.toString()), env, 2);
            assertThat(brokerKill.exit).as("broker.sh kill live: %s", brokerKill.output).isZero();
            System.out.printf("ClusterIT: live broker killed at %d s%n", seconds(begin));
            awaitProgress("work after the broker failover", 5, 5);
            Waiting.await("the backup broker active", LONG).pollInterval(Duration.ofSeconds(1)).until(() ->
                    Files.readString(dir.resolve("broker-backup/log/console.log")).matches("(?s).*(AMQ221007|AMQ221010).*"));
        } finally {
            stop.set(true);
            for (Thread t : partners) {
                t.join(180_000);
            }
        }
        publish();
        assertThat(console.get("/admin").statusCode()).as("the console session at the end").isEqualTo(200);
        String checkTask = unitCheck();
        assertThat(batches.size() + applications.size()).isGreaterThan(0);

        // portal notifications settle (delivered through the broker pair); not asserted, reported
        try (Connection db = database()) {
            try {
                Waiting.await("portal notifications delivered", Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> count(db, "SELECT COUNT(*) FROM portal_notification WHERE state IN ('PENDING', 'QUEUED')") == 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                System.out.println("ClusterIT: portal notifications still pending after 90 s: " + rows(db,
                        "SELECT state, COUNT(*) FROM portal_notification GROUP BY state"));
            }
            assertDatabase(db);
            // the demo unit simulator (queue unit 10056, on the broker pair) answers after the failover
            Waiting.await("check task " + checkTask + " answered by the unit simulator", LONG).pollInterval(Duration.ofSeconds(1))
                    .until(() -> count(db, "SELECT COUNT(*) FROM check_task WHERE task_id = ? AND status = 'ANSWERED'", checkTask) == 1);
        }
        System.out.printf("ClusterIT: %d batches (%d pool + %d under load), %d applications acknowledged; %d calls retried;"
                        + " %d admin publication runs; stored once each; %d s in all%n", batches.size(), POOL_BATCHES,
                batches.size() - POOL_BATCHES, applications.size(), retries.get(), adminRunsAcknowledged, seconds(begin));
    }

    void assertDatabase(Connection db) throws Exception {
        for (Map.Entry<String, Integer> b : batches.entrySet()) {
            assertThat(count(db, "SELECT COUNT(*) FROM filing_batch WHERE batch_id = ?", b.getKey())).as("batch %s", b.getKey())
                    .isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM degree_record WHERE batch_id = ?", b.getKey()))
                    .as("records of batch %s", b.getKey()).isEqualTo(b.getValue());
        }
        int completed = 0;
        for (SubmitApplicationResponse a : applications.values()) {
            assertThat(count(db, "SELECT COUNT(*) FROM verification_application WHERE application_no = ?", a.getApplicationNo()))
                    .as("application %s", a.getApplicationNo()).isEqualTo(1);
            if (a.getStatus() == ApplicationStatus.COMPLETED) {
                completed++;
                assertThat(count(db, "SELECT COUNT(*) FROM verification_report WHERE application_no = ? AND status = 'VALID'",
                        a.getApplicationNo())).as("valid reports of %s", a.getApplicationNo()).isEqualTo(1);
            }
        }
        for (String requestId : applications.keySet()) {
            assertThat(count(db, "SELECT COUNT(*) FROM verification_application WHERE request_id = ?", requestId))
                    .as("applications of request %s", requestId).isEqualTo(1);
        }
        assertThat(completed).as("applications completed at once (published degrees)").isEqualTo(applications.size());
        assertThat(count(db, "SELECT COUNT(*) FROM (SELECT application_no, status FROM portal_notification"
                + " GROUP BY application_no, status HAVING COUNT(*) > 1) twice")).as("portal notifications doubled").isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM portal_notification")).as("portal notifications").isPositive();

        assertThat(count(db, "SELECT COUNT(*) FROM shedlock WHERE name = 'publication' AND locked_by IN ('node1', 'node2')"))
                .as("the publication job's ShedLock row, held by a node: %s", rows(db, "SELECT name, locked_by, locked_at, lock_until FROM shedlock"))
                .isEqualTo(1);
        String runs = rows(db, "SELECT id, triggered_by, started_at, status FROM publication_run ORDER BY id");
        int adminRuns = count(db, "SELECT COUNT(*) FROM publication_run WHERE triggered_by = 'admin'");
        assertThat(adminRuns).as("admin runs (one per acknowledged request): %s", runs)
                .isBetween(adminRunsAcknowledged, adminRunsAcknowledged + adminRunsFailed);
        // the schedule fires on both nodes every 20 s; a run holds the lock at least 5 minutes: one run per 5 minutes
        long minutes = Math.max(1, TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - begin));
        int scheduled = count(db, "SELECT COUNT(*) FROM publication_run WHERE triggered_by = 'scheduler'");
        assertThat(scheduled).as("scheduled runs (once per round in the cluster): %s", runs)
                .isBetween(1, (int) (minutes / 5 + 1));
        assertThat(count(db, "SELECT COUNT(*) FROM publication_run WHERE status = 'RUNNING'")).as("runs left running: %s", runs)
                .isZero();
        System.out.println("ClusterIT: publication runs " + runs + "; ShedLock " + rows(db, "SELECT name, locked_by FROM shedlock"));
    }

    /** An application for an unfiled degree goes to review; a reviewer asks its unit (the demo simulator): the task id. */
    String unitCheck() throws Exception {
        var degree = PortalRequests.asApplied(DemoRecords.records("10056", "x", "420106", 3, 2023, 800_000, 1).get(0));
        degree.setHolderName("周晓");
        SubmitApplicationRequest request = PortalRequests.application(degree, Language.ZH);
        DegreeVerificationPortType port = portal();
        SubmitApplicationResponse answer = retrying("application " + request.getRequestId(), () -> port.submitApplication(request));
        assertThat(answer.getStatus()).as("an unfiled degree's application").isEqualTo(ApplicationStatus.REVIEW);
        HttpResponse<String> check = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url("/admin/api/reviews/" + answer.getApplicationNo() + "/check")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("reviewer:reviewer-pass".getBytes()))
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(check.statusCode()).as("check request: %s", check.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\"taskId\"\\s*:\\s*\"([^\"]+)\"").matcher(check.body());
        assertThat(m.find()).as("task id in %s", check.body()).isTrue();
        System.out.println("ClusterIT: check task " + m.group(1) + " for " + answer.getApplicationNo());
        return m.group(1);
    }

    // --- partners, through the proxy ---

    DegreeFilingPortType filing() {
        return soapClient(DegreeFilingPortType.class, url("/services/filing"), "province-12", "province-12-pass", false);
    }

    DegreeVerificationPortType portal() {
        return soapClient(DegreeVerificationPortType.class, url("/services/verification"), "portal", "portal-pass", false);
    }

    List<FilingRecord> records(int count) {
        return DemoRecords.records("10056", "天津大学", "120104", 3, 2021, sequence.getAndAdd(count), count);
    }

    static SubmitFilingBatchRequest batch(String prefix, List<FilingRecord> records) {
        SubmitFilingBatchRequest batch = new SubmitFilingBatchRequest();
        batch.setBatchId("cluster-" + prefix + "-" + System.nanoTime());
        batch.setProvinceCode("12");
        batch.setUnitCode("10056");
        batch.setSemester(SEMESTER);
        batch.getRecord().addAll(records);
        return batch;
    }

    /** Files the batch, the same batch id again after a failed call (the hub is idempotent), until acknowledged. */
    void file(DegreeFilingPortType port, SubmitFilingBatchRequest batch) throws Exception {
        int accepted = retrying("batch " + batch.getBatchId(), () -> port.submitFilingBatch(batch).getReceipt().getAccepted());
        assertThat(accepted).as("accepted of %s", batch.getBatchId()).isEqualTo(batch.getRecord().size());
        batches.put(batch.getBatchId(), accepted);
    }

    void apply(DegreeVerificationPortType port, SubmitApplicationRequest request) throws Exception {
        SubmitApplicationResponse answer = retrying("application " + request.getRequestId(), () -> port.submitApplication(request));
        applications.put(request.getRequestId(), answer);
    }

    interface Call<T> {
        T call() throws Exception;
    }

    <T> T retrying(String what, Call<T> call) throws Exception {
        Exception last = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            try {
                return call.call();
            } catch (Exception e) {
                // cut by a failure (connection refused or reset, a 502 from the proxy, a fault while the broker fails
                // over): it may or may not have happened; the same call again is answered, not done twice
                last = e;
                retries.incrementAndGet();
                System.out.printf("ClusterIT: %s failed (%s), again%n", what, String.valueOf(e).lines().findFirst().orElse(""));
                Thread.sleep(2000);
            }
        }
        throw last;
    }

    Thread partner(String name, AtomicBoolean stop, ThrowingRunnable work) {
        Thread t = new Thread(() -> {
            while (!stop.get()) {
                try {
                    work.run();
                } catch (Exception e) {
                    System.out.printf("ClusterIT: %s gave up: %s%n", name, e);
                }
            }
        }, "cluster-it-" + name);
        t.setDaemon(true);
        return t;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Waits until this many more batches and applications were acknowledged. */
    void awaitProgress(String what, int moreBatches, int moreApplications) {
        int b = batches.size() + moreBatches;
        int a = applications.size() + moreApplications;
        Waiting.await(what, LONG).pollInterval(Duration.ofMillis(500))
                .until(() -> batches.size() >= b && applications.size() >= a);
    }

    void publish() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/admin/api/publication/run")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin-pass".getBytes()))
                .timeout(Duration.ofMinutes(3)).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> run = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (run.statusCode() == 200) {
            adminRunsAcknowledged++;
        } else {
            adminRunsFailed++;
        }
        assertThat(run.statusCode()).as("publication run: %s", run.body()).isEqualTo(200);
        System.out.println("ClusterIT: publication run: " + run.body());
    }

    /** The console as a browser uses it: its own cookies, the login form with its CSRF token, no redirects followed. */
    class Console {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> login(String user, String password) throws Exception {
            Matcher m = CSRF.matcher(get("/admin/login").body());
            assertThat(m.find()).as("CSRF token on /admin/login").isTrue();
            String form = "username=" + user + "&password=" + enc(password) + "&_csrf=" + enc(m.group(1));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/admin/login")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Location").orElse("")).as("redirect after login").doesNotContain("error");
            return r;
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    String url(String path) {
        return "http://127.0.0.1:" + proxy + path;
    }

    // --- the database ---

    Connection database() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/degreehub", "postgres", "");
    }

    static int count(Connection db, String sql, Object... args) throws Exception {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static String rows(Connection db, String sql) throws Exception {
        StringBuilder out = new StringBuilder();
        try (var st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                out.append("\n  ");
                for (int i = 1; i <= columns; i++) {
                    out.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
            }
        }
        return out.toString();
    }

    // --- the scripts ---

    record Script(int exit, String output) {
    }

    Script cluster(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "deploy/cluster.sh"));
        command.addAll(List.of(args));
        return run(command, env, 10);
    }

    static Script run(List<String> command, Map<String, String> env, int minutes) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path log = Files.createTempFile("cluster-it-script", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        boolean ended = p.waitFor(minutes, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        assertThat(ended).as("%s ended within %d minutes: %s", command, minutes, output).isTrue();
        return new Script(p.exitValue(), output);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }
}
