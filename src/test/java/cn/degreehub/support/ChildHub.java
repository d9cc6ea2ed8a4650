package cn.degreehub.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hub as a separate process (a child JVM on the test classpath, in the project directory), for tests
 * that kill it or give it a heap of its own. Same data directory and ports on every start, so a restart
 * finds what the killed process left.
 */
public final class ChildHub implements AutoCloseable {

    public final Path data;
    public final int httpPort;
    public final int brokerPort;
    private final List<String> extraArgs;
    private final String heap;
    /** With -Ppostgres-it, the child's own database on the test PostgreSQL server (kept across restarts); else null. */
    private final TestPostgres.Database database;
    private Process process;
    private int starts;

    public ChildHub(Path data, String heap, List<String> extraArgs) throws IOException {
        this.data = data;
        this.heap = heap;
        this.extraArgs = List.copyOf(extraArgs);
        this.httpPort = freePort();
        this.brokerPort = freePort();
        this.database = TestPostgres.active() ? TestPostgres.freshDatabase() : null;
    }

    /** The child's database, for reading back what it stored (stop it first: H2 allows one process at a time). */
    public java.sql.Connection connectDatabase() throws java.sql.SQLException {
        return database != null ? database.connect()
                : java.sql.DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db/degreehub") + ";MODE=Oracle", "sa", "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    public String brokerUrl() {
        return "tcp://127.0.0.1:" + brokerPort;
    }

    /** Starts the hub and waits until it answers ready (at most 5 minutes). */
    public ChildHub start() throws Exception {
        starts++;
        Files.createDirectories(data);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx" + heap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("cn.degreehub.DegreeHubApplication");
        command.add("--server.port=" + httpPort);
        command.add("--degreehub.data-dir=" + data);
        command.add("--degreehub.broker.tcp-url=" + brokerUrl());
        command.add("--degreehub.demo.data=false");
        if (database != null) {
            command.addAll(database.hubArguments());
        }
        command.addAll(extraArgs);
        Path log = data.resolve("hub-" + starts + ".log");
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The hub stopped at start; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness")))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("The hub did not get ready within 5 minutes; see " + log);
    }

    /** kill -9: no shutdown hook, no flush, nothing the process could still do. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A normal stop (SIGTERM), so the database files can be opened by the test afterwards. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    public int starts() {
        return starts;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
