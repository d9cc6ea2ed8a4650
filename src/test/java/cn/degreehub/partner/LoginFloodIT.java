package cn.degreehub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.LoopbackHttp;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Anonymous floods: tens of thousands of logins with new 4,000-character user names (HTTP basic on the admin
 * API and actuator), a few thousand SOAP calls with unknown names, look-ups of the public verification address,
 * each from thousands of client addresses (127.x.y.z). Then a partner's call succeeds and every piece of
 * in-memory security state stays within its configured bound (the test hub's bounds are small, see
 * HubTestSupport, so the flood overflows them).
 */
class LoginFloodIT extends HubTestSupport {

    private static final int THREADS = 8;
    private static final int BASIC_REQUESTS = 15_000;
    private static final int SOAP_LONG_NAMES = 1_200;
    private static final int SOAP_SHORT_NAMES = 300;
    private static final int WEB_LOOKUPS = 2_000;
    private static final int ANONYMOUS = 2_000;
    /** an ADMIN resource of the admin API and of the actuator */
    private static final String[] TARGETS = {"/admin/api/routes", "/actuator/prometheus"};
    /** logins per flooding address: below the address's failure limit, so every one is a full login attempt */
    private static final int PER_ADDRESS = 10;
    private static final Pattern GAUGE = Pattern.compile(
            "degreehub_security_tracked_(max_)?entries\\{cache=\"([a-z-]+)\"[^}]*\\} ([0-9.eE+]+)");

    @Test
    void floodsLeaveMemoryBoundedAndPartnersServed() throws Exception {
        // Tomcat's count, and the console sessions in the database (Spring Session JDBC keeps them since the cluster work)
        double sessionsBefore = metric("tomcat_sessions_created_sessions_total") + metric("degreehub_console_sessions");
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        flood(BASIC_REQUESTS, "127.77", PER_ADDRESS, i -> {
            String name = randomName(4000);
            String basic = Base64.getEncoder().encodeToString((name + ":guess").getBytes(StandardCharsets.UTF_8));
            return TARGETS[i % 2] + "\u0000" + basic;
        }, (http, job) -> {
            String[] parts = job.split("\u0000");
            return http.get(parts[0], Map.of("Authorization", "Basic " + parts[1])).status();
        }, statuses);
        assertThat(statuses.keySet()).as("every anonymous login refused").containsOnly(401);

        statuses.clear();
        long basicSeconds = seconds(start);
        start = System.nanoTime();
        flood(SOAP_LONG_NAMES + SOAP_SHORT_NAMES, "127.78", PER_ADDRESS, i -> i < SOAP_SHORT_NAMES
                ? "flood-" + UUID.randomUUID() : randomName(4000), (http, name) -> {
            LoopbackHttp.Response r = http.soap("/services/filing", envelope(name));
            return "UNAUTHENTICATED".equals(r.faultCode()) ? 401 : r.status();
        }, statuses);
        assertThat(statuses.keySet()).as("every unknown SOAP caller UNAUTHENTICATED").containsOnly(401);

        statuses.clear();
        long soapSeconds = seconds(start);
        // one look-up per address: the rate limiter's buckets are per client address
        flood(WEB_LOOKUPS, "127.79", 1, i -> "/verify/ABCDEFGH" + (10_000_000 + i),
                (http, path) -> http.get(path, Map.of()).status(), statuses);
        assertThat(statuses.keySet()).containsOnly(200);

        // and calls without credentials
        statuses.clear();
        flood(ANONYMOUS, "127.80", PER_ADDRESS, i -> TARGETS[i % 2],
                (http, path) -> http.get(path, Map.of()).status(), statuses);
        assertThat(statuses.keySet()).containsOnly(401);
        double sessions = metric("tomcat_sessions_created_sessions_total") + metric("degreehub_console_sessions")
                - sessionsBefore;
        assertThat(sessions).as("HTTP sessions created by the floods (a refused call keeps nothing)").isLessThan(10);

        assertThat(file(2025, 1)).as("a partner's SOAP call after the floods").hasSize(1);

        Map<String, double[]> gauges = trackedGauges();
        assertThat(gauges).containsKeys("login-addresses", "login-pairs", "login-accounts", "web-lookups", "lookups");
        gauges.forEach((cache, entriesAndMax) -> assertThat(entriesAndMax[0]).as(cache + " within its bound")
                .isLessThanOrEqualTo(entriesAndMax[1]));
        assertThat(BASIC_REQUESTS / PER_ADDRESS).as("the flood came from more addresses than are tracked")
                .isGreaterThan((int) gauges.get("login-addresses")[1]);
        assertThat(WEB_LOOKUPS).isGreaterThan((int) gauges.get("web-lookups")[1]);
        assertThat(gauges.get("login-addresses")[0]).as("the flood reached the address state").isPositive();
        assertThat(gauges.get("login-pairs")[0]).as("short unknown names are tracked (by name and address)").isPositive();
        assertThat(gauges.get("web-lookups")[0]).isPositive();

        System.gc();
        long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        long maxMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        System.out.printf("flood: %d basic-auth logins with 4,000-character names (%d s), %d SOAP calls with unknown"
                        + " names (%d of them 4,000 characters long, %d s), %d public look-ups,"
                        + " %d anonymous calls; tracked entries %s; HTTP sessions created %d; heap used after GC %d MB (max %d MB)%n",
                BASIC_REQUESTS, basicSeconds, SOAP_LONG_NAMES + SOAP_SHORT_NAMES, SOAP_LONG_NAMES, soapSeconds, WEB_LOOKUPS,
                ANONYMOUS, describe(gauges), (long) sessions, heapMb, maxMb);
    }

    private interface Job {
        int send(LoopbackHttp http, String job) throws Exception;
    }

    private interface Jobs {
        String make(int i);
    }

    /** {@code count} requests from {@code prefix}.x.y, {@code perAddress} from each address, on several threads. */
    private void flood(int count, String prefix, int perAddress, Jobs jobs, Job job, Map<Integer, AtomicInteger> statuses)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        int a = i / perAddress;
                        LoopbackHttp http = new LoopbackHttp(prefix + "." + (a / 250) + "." + (a % 250 + 1), port);
                        statuses.computeIfAbsent(job.send(http, jobs.make(i)), s -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    /** cache → {entries, bound}, from /actuator/prometheus (an admin login from 127.0.0.1). */
    private Map<String, double[]> trackedGauges() throws Exception {
        String metrics = new String(http("GET", "/actuator/prometheus", null, "admin").body(), StandardCharsets.UTF_8);
        Map<String, double[]> gauges = new java.util.TreeMap<>();
        Matcher m = GAUGE.matcher(metrics);
        while (m.find()) {
            gauges.computeIfAbsent(m.group(2), k -> new double[2])[m.group(1) == null ? 0 : 1] = Double.parseDouble(m.group(3));
        }
        return gauges;
    }

    private double metric(String series) throws Exception {
        String metrics = new String(http("GET", "/actuator/prometheus", null, "admin").body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^" + series + "(\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(metrics);
        assertThat(m.find()).as(series + " on /actuator/prometheus").isTrue();
        return Double.parseDouble(m.group(2));
    }

    private static String describe(Map<String, double[]> gauges) {
        StringBuilder sb = new StringBuilder();
        gauges.forEach((cache, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(cache).append(' ')
                .append((long) v[0]).append('/').append((long) v[1]));
        return sb.toString();
    }

    private static String randomName(int length) {
        StringBuilder sb = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (sb.length() < length) {
            sb.append((char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    private static String envelope(String user) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:f=\"urn:degreehub:filing:v1\">"
                + textSecurityHeader(user, "guess") + "<soapenv:Body><f:getFilingReceiptRequest><f:batchId>b</f:batchId>"
                + "</f:getFilingReceiptRequest></soapenv:Body></soapenv:Envelope>";
    }
}
