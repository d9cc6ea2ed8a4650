package cn.degreehub.console;

import static cn.degreehub.console.ConsoleClient.enc;
import static cn.degreehub.console.ConsoleClient.location;
import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may see and do what in the console, the actuator and Hawtio: anonymous visitors are sent to the
 * login, reviewers are refused the ADMIN pages and actions, posts without a CSRF token are refused, and
 * only health (status only) and liveness are open to everyone.
 */
class ConsoleSecurityIT extends HubTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.boot.actuate.health.HttpCodeStatusMapper healthStatusCodes;

    static final List<String> ADMIN_PAGES = List.of("/admin/routes", "/admin/queues", "/admin/queues?queue=DLQ.degreehub.portal.notify",
            "/admin/partners", "/admin/audit", "/actuator/hawtio/", "/actuator/jolokia/version");
    static final List<String> CONSOLE_PAGES = List.of("/admin", "/admin/review", "/admin/time-limits", "/admin/filings",
            "/admin/reports", "/admin/jobs");
    /** ADMIN actions, each with a form that would work for an admin. */
    static final List<String[]> ADMIN_ACTIONS = List.of(
            new String[] {"/admin/routes/time-limits-watch/stop", ""},
            new String[] {"/admin/queues/replay-all", "queue=DLQ.degreehub.portal.notify"},
            new String[] {"/admin/queues/replay", "queue=DLQ.degreehub.portal.notify&messageId=ID:1"},
            new String[] {"/admin/queues/delete", "queue=DLQ.degreehub.portal.notify&messageId=ID:1"},
            new String[] {"/admin/filings/publication", ""});

    @Test
    void anonymousVisitorsGetTheLoginPageForEveryConsolePageAndHawtio() throws Exception {
        ConsoleClient anonymous = new ConsoleClient(port);
        for (String page : concat(ADMIN_PAGES, CONSOLE_PAGES)) {
            HttpResponse<String> r = anonymous.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(302);
            assertThat(location(r)).as(page).isEqualTo("/admin/login");
        }
        for (String[] action : ADMIN_ACTIONS) {
            assertThat(anonymous.submit("/admin/login", action[0], action[1]).statusCode()).as(action[0]).isEqualTo(302);
        }
        assertThat(count("SELECT COUNT(*) FROM admin_job WHERE actor IS NULL")).isZero();
    }

    @Test
    void aReviewerIsRefusedEveryAdminPageAndActionAndNothingHappens() throws Exception {
        int audited = count("SELECT COUNT(*) FROM audit_log WHERE actor = 'reviewer'");
        int jobs = count("SELECT COUNT(*) FROM admin_job");
        ConsoleClient reviewer = new ConsoleClient(port);
        reviewer.login("reviewer", "reviewer-pass");
        for (String page : CONSOLE_PAGES) {
            assertThat(reviewer.get(page).statusCode()).as(page).isEqualTo(200);
        }
        for (String page : ADMIN_PAGES) {
            HttpResponse<String> r = reviewer.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(403);
            assertThat(r.body()).as(page).contains("无权访问");
        }
        for (String[] action : ADMIN_ACTIONS) {
            // with a valid token: the refusal is about the role, not CSRF
            assertThat(reviewer.submit("/admin", action[0], action[1]).statusCode()).as(action[0]).isEqualTo(403);
        }
        assertThat(reviewer.get("/admin/routes").statusCode()).isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE actor = 'reviewer'")).isEqualTo(audited);
        assertThat(count("SELECT COUNT(*) FROM admin_job")).isEqualTo(jobs);
        ConsoleClient admin = new ConsoleClient(port);
        admin.login("admin", "admin-pass");
        assertThat(admin.get("/admin/routes").body()).doesNotContain("id=\"route-time-limits-watch\" class=\"stopped\"");
    }

    @Test
    void postsWithoutTheirCsrfTokenAreRefusedEverywhere() throws Exception {
        ConsoleClient admin = new ConsoleClient(port);
        admin.login("admin", "admin-pass");
        int jobs = count("SELECT COUNT(*) FROM admin_job");
        for (String[] action : ADMIN_ACTIONS) {
            assertThat(admin.post(action[0], action[1]).statusCode()).as(action[0]).isEqualTo(403);
            assertThat(admin.post(action[0], action[1] + "&_csrf=forged").statusCode()).as(action[0]).isEqualTo(403);
        }
        assertThat(admin.post("/admin/spot-checks", "from=2026-11-23&to=2026-11-23").statusCode()).isEqualTo(403);
        assertThat(admin.post("/admin/logout", "").statusCode()).isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM admin_job")).isEqualTo(jobs);

        // Jolokia (Hawtio's back end) needs the token of its cookie in a header, as Hawtio's script sends it
        String read = "{\"type\":\"read\",\"mbean\":\"org.apache.camel:context=degree-hub,type=routes,name=\\\"check-dispatch\\\"\","
                + "\"attribute\":\"State\"}";
        HttpResponse<String> forged = admin.http.send(HttpRequest.newBuilder(URI.create(url("/actuator/jolokia/")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(read)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(admin.get("/actuator/hawtio/").body()).contains("Hawtio");
        HttpResponse<String> ok = jolokia(admin, xsrfToken(admin), read);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"value\":\"Started\"");
    }

    static final String ROUTE_MBEAN = "org.apache.camel:context=degree-hub,type=routes,name=%22publication-schedule%22";

    @Test
    void jolokiaRunsTheConsolesRouteOperationsWhateverTheirFormAuditedAndRefusesTheRest() throws Exception {
        ConsoleClient admin = new ConsoleClient(port);
        admin.login("admin", "admin-pass");
        String token = xsrfToken(admin);
        String audited = "SELECT COUNT(*) FROM audit_log WHERE actor = 'admin' AND action = 'JMX_EXEC' AND target LIKE '%publication-schedule%'";
        int stops = count(audited + " AND detail = 'stop()'");
        int changes = count(audited);

        // the operation in a GET's path: audited, and the stopped route counts as paused by an admin
        assertThat(admin.get("/actuator/jolokia/exec/" + ROUTE_MBEAN + "/stop()").body()).contains("\"status\":200");
        try {
            assertThat(count(audited + " AND detail = 'stop()'")).isEqualTo(stops + 1);
            assertThat(get(HttpClient.newHttpClient(), "/actuator/health/routes", "admin:admin-pass").body())
                    .contains("\"status\":\"UP\"").contains("\"pausedByAdmin\":[\"publication-schedule\"]");
            HttpResponse<String> hub = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            // the calendar's WARNING (see below), not DOWN
            assertThat(hub.statusCode()).as(hub.body()).isEqualTo(200);
            assertThat(hub.body()).contains("\"status\":\"WARNING\"");
        } finally {
            // a bulk request, as Hawtio sends them
            assertThat(jolokia(admin, token, "[{\"type\":\"exec\",\"mbean\":\"" + ROUTE_MBEAN.replace("%22", "\\\"")
                    + "\",\"operation\":\"start()\",\"arguments\":[]}]").body()).contains("\"status\":200");
        }
        assertThat(get(HttpClient.newHttpClient(), "/actuator/health/routes", "admin:admin-pass").body()).contains("\"pausedByAdmin\":[]");
        assertThat(count(audited)).isEqualTo(changes + 2);
        assertThat(admin.get("/admin/audit?action=JMX_EXEC").body()).contains("stop()").contains("start()");

        // a heap dump to a path of the caller's choice, in either form, and any attribute write: refused and audited
        java.nio.file.Path dump = DATA.resolve("stolen.hprof");
        String heapDump = "{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\",\"operation\":\"dumpHeap\","
                + "\"arguments\":[\"" + dump + "\",true]}";
        int refused = count("SELECT COUNT(*) FROM audit_log WHERE actor = 'admin' AND action = 'JMX_REFUSED'");
        for (HttpResponse<String> r : List.of(jolokia(admin, token, heapDump),
                                // Jolokia's escape for a slash in a GET path is "!/"
                admin.get("/actuator/jolokia/exec/com.sun.management:type=HotSpotDiagnostic/dumpHeap/"
                        + dump.toString().replace("/", "!/") + "/true"),
                jolokia(admin, token, "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}"),
                jolokia(admin, token, "{\"type\":\"exec\",\"mbean\":\"" + ROUTE_MBEAN.replace("%22", "\\\"")
                        + "\",\"operation\":\"reset()\",\"arguments\":[]}"))) {
            assertThat(r.body()).contains("\"status\":403").contains("forbidden");
        }
        assertThat(dump).doesNotExist();
        assertThat(java.lang.management.ManagementFactory.getMemoryMXBean().isVerbose()).isFalse();
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE actor = 'admin' AND action = 'JMX_REFUSED'")).isEqualTo(refused + 4);
        // reading stays open: what Hawtio draws its pages from
        assertThat(jolokia(admin, token, "{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}").body())
                .contains("\"status\":200");
        assertThat(jolokia(admin, token, "{\"type\":\"exec\",\"mbean\":\"" + ROUTE_MBEAN.replace("%22", "\\\"")
                + "\",\"operation\":\"dumpRouteAsXml()\",\"arguments\":[]}").body()).contains("\"status\":200");
    }

    @Test
    void theAdminApiChecksCsrfWhenCalledWithTheConsolesSession() throws Exception {
        ConsoleClient admin = new ConsoleClient(port);
        admin.login("admin", "admin-pass");
        String suspend = "/admin/api/routes/publication-schedule/suspend";
        // a forged request riding on the console's session cookie
        assertThat(admin.post(suspend, "").statusCode()).isEqualTo(403);
        assertThat(admin.post(suspend, "_csrf=forged").statusCode()).isEqualTo(403);
        assertThat(get(HttpClient.newHttpClient(), "/actuator/health/routes", "admin:admin-pass").body()).contains("\"notRunning\":[]");
        // the console's own token is accepted, and an API client with basic auth and no session needs none
        HttpResponse<String> withToken = admin.http.send(HttpRequest.newBuilder(URI.create(url(suspend)))
                .header("X-CSRF-TOKEN", admin.csrf("/admin/routes")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
        assertThat(withToken.body()).contains("Suspended");
        assertThat(rest("POST", "/admin/api/routes/publication-schedule/resume", null, "admin", 200).get("state").asText())
                .isEqualTo("Started");
    }

    @Test
    void theAdminApiAndActuatorNeverChallengeABrowserForBasicCredentials() throws Exception {
        // a browser that was never challenged holds no Basic credentials to add to a forged cross-site request
        for (String path : List.of("/admin/api/routes/publication-schedule/suspend", "/actuator/prometheus")) {
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path)))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();
            assertThat(anonymous.body()).contains("\"error\":\"UNAUTHENTICATED\"");
        }
        HttpResponse<String> wrong = get(HttpClient.newHttpClient(), "/actuator/prometheus", "no-such-user:wrong-pass");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).isEmpty();
        // credentials sent with the request work as before
        assertThat(get(HttpClient.newHttpClient(), "/actuator/prometheus", "admin:admin-pass").statusCode()).isEqualTo(200);
    }

    @Test
    void anonymousVisitorsTakeNoSession() throws Exception {
        // the sessions are capped (degreehub.security.max-sessions): only a sign-in may take one
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/admin/login", "/admin/login?lang=en", "/admin/routes", "/admin", "/actuator/hawtio/")) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.headers().allValues("Set-Cookie")).as(path).noneMatch(c -> c.startsWith("JSESSIONID"));
        }
        HttpResponse<String> failed = new ConsoleClient(port).login("no-such-user", "wrong-pass");
        assertThat(location(failed)).isEqualTo("/admin/login?error");
        assertThat(failed.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
        // a sign-in does take one
        ConsoleClient admin = new ConsoleClient(port);
        assertThat(admin.get("/admin/partners").statusCode()).isEqualTo(302);
        HttpResponse<String> login = admin.login("admin", "admin-pass");
        assertThat(login.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("JSESSIONID"));
        assertThat(admin.get("/admin/partners").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyHealthIsOpenAndItsGroupsShowDetailsToAnAdmin() throws Exception {
        // the hub's mapping: a warning is still served (200); DOWN and OUT_OF_SERVICE take the node out (503)
        assertThat(healthStatusCodes.getStatusCode(new org.springframework.boot.actuate.health.Status("WARNING"))).isEqualTo(200);
        assertThat(healthStatusCodes.getStatusCode(org.springframework.boot.actuate.health.Status.DOWN)).isEqualTo(503);
        assertThat(healthStatusCodes.getStatusCode(org.springframework.boot.actuate.health.Status.OUT_OF_SERVICE)).isEqualTo(503);
        assertThat(healthStatusCodes.getStatusCode(org.springframework.boot.actuate.health.Status.UP)).isEqualTo(200);
        HttpClient http = HttpClient.newHttpClient();
        for (String open : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                "/actuator/health/db", "/actuator/health/broker", "/actuator/health/routes")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(open))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(open).isEqualTo(200);
            // the test hub's clock (2026-11-23) leaves 38 days of official holiday data: the whole hub says WARNING
            // (calendar), still HTTP 200; the groups and probes do not include the calendar
            String expected = open.equals("/actuator/health") ? "WARNING" : "UP";
            assertThat(r.body()).as(open).contains("\"status\":\"" + expected + "\"").doesNotContain("details")
                    .doesNotContain("components");
        }
        for (String closed : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/info")) {
            assertThat(http.send(HttpRequest.newBuilder(URI.create(url(closed))).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).as(closed).isEqualTo(401);
            assertThat(get(http, closed, "reviewer:reviewer-pass").statusCode()).as(closed).isEqualTo(403);
        }
        assertThat(get(http, "/actuator/health/db", "admin:admin-pass").body()).contains("\"db\":{\"status\":\"UP\"")
                .contains(TestPostgres.active() ? "PostgreSQL" : "H2");
        assertThat(get(http, "/actuator/health/broker", "admin:admin-pass").body()).contains("\"jms\":{\"status\":\"UP\"")
                .contains("ActiveMQ");
        assertThat(get(http, "/actuator/health/routes", "admin:admin-pass").body()).contains("\"routes\":{\"status\":\"UP\"")
                .contains("\"notRunning\":[]");
    }

    @Test
    void aRouteStoppedByAnAdminIsListedInTheRoutesHealthWithoutTakingTheHubDown() throws Exception {
        ConsoleClient admin = new ConsoleClient(port);
        admin.login("admin", "admin-pass");
        HttpClient http = HttpClient.newHttpClient();
        admin.submit("/admin/routes", "/admin/routes/publication-schedule/suspend", "");
        try {
            HttpResponse<String> health = get(http, "/actuator/health/routes", "admin:admin-pass");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("publication-schedule=Suspended")
                    .contains("\"pausedByAdmin\":[\"publication-schedule\"]");
            // the whole hub too (its WARNING is the calendar's, see above): Camel's own route checks are off
            HttpResponse<String> hub = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(hub.statusCode()).as(hub.body()).isEqualTo(200);
            assertThat(hub.body()).contains("\"status\":\"WARNING\"");
        } finally {
            admin.submit("/admin/routes", "/admin/routes/publication-schedule/resume", "");
        }
        assertThat(get(http, "/actuator/health/routes", "admin:admin-pass").body()).contains("\"pausedByAdmin\":[]");
    }

    @Test
    void prometheusShowsTheBusinessFigures() throws Exception {
        String metrics = get(HttpClient.newHttpClient(), "/actuator/prometheus", "admin:admin-pass").body();
        assertThat(metrics).contains("degreehub_applications_by_status{status=\"COMPLETED\"}")
                .contains("degreehub_applications_by_status{status=\"REVIEW\"}")
                .contains("degreehub_applications_instant_ratio ")
                .contains("degreehub_checks_overdue ")
                .contains("degreehub_filing_records_total{result=\"accepted\"}")
                .contains("degreehub_filing_records_total{result=\"rejected\"}")
                .contains("degreehub_report_render_seconds_bucket");
        // the counters move with the flows: a filing of 2 records moves the accepted counter by 2
        double before = value(metrics, "degreehub_filing_records_total{result=\"accepted\"}");
        file(2010, 2);
        double after = value(get(HttpClient.newHttpClient(), "/actuator/prometheus", "admin:admin-pass").body(),
                "degreehub_filing_records_total{result=\"accepted\"}");
        assertThat(after - before).isEqualTo(2.0);
    }

    /** The XSRF-TOKEN cookie's value, which Hawtio's script sends back as a header. */
    static String xsrfToken(ConsoleClient client) throws Exception {
        assertThat(client.get("/actuator/hawtio/").statusCode()).isEqualTo(200);
        return ((java.net.CookieManager) client.http.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
    }

    /** A POST to Jolokia as Hawtio sends it. */
    HttpResponse<String> jolokia(ConsoleClient client, String token, String json) throws Exception {
        return client.http.send(HttpRequest.newBuilder(URI.create(url("/actuator/jolokia/")))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static double value(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .findFirst().orElseThrow();
    }

    HttpResponse<String> get(HttpClient http, String path, String userPassword) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
