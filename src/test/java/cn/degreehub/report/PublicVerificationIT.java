package cn.degreehub.report;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.common.Masking;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.LoopbackHttp;
import cn.degreehub.support.PortalRequests;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The public verification address as an employer's phone and a program reach it, from outside over HTTP: a
 * bilingual page for a person, JSON for a program asking for it, never a login challenge (docs/domain-rules.md,
 * "Reports").
 */
class PublicVerificationIT extends HubTestSupport {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aValidReportShowsAPersonTheVerdictAndTheMaskedSummaryAndAProgramTheJson() throws Exception {
        FilingRecord record = fileAndPublish(2018, 1).get(0);
        String reportNo = portal().submitApplication(PortalRequests.application(PortalRequests.asApplied(record),
                Language.ZH)).getReportNo();
        String code = codeOf(reportNo);

        HttpResponse<String> page = get("/verify/" + code, BROWSER);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("data-verdict=\"VALID\"").contains("本报告有效").contains("This report is valid")
                .contains(reportNo).contains(Masking.name(record.getXM())).contains(Masking.idNumber(record.getZJHM()))
                .contains(record.getXWZSBH()).contains(record.getXWSYDW()).contains("与学位档案一致")
                .contains("有效期至").contains("2027-02-21").contains("北京时间")
                .doesNotContain(record.getZJHM()).doesNotContain(record.getXM());
        assertPersonalPageHeaders(page);
        // the policy names exactly the page's inline stylesheet, and no script at all
        Matcher style = STYLE.matcher(page.body());
        assertThat(style.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(style.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'").contains("style-src 'sha256-" + hash + "'")
                .doesNotContain("unsafe-inline").doesNotContain("script-src");
        assertThat(page.body()).doesNotContain("<script");

        // no Accept header, a bare wildcard, XML: no JSON preference, so the page, never a challenge or a 406
        for (String accept : new String[] {null, "*/*", "application/xml", "text/plain"}) {
            HttpResponse<String> other = get("/verify/" + code, accept);
            assertThat(other.statusCode()).as(accept).isEqualTo(200);
            assertThat(other.headers().firstValue("WWW-Authenticate")).as(accept).isEmpty();
            assertThat(other.body()).as(accept).contains("本报告有效").doesNotContain(record.getZJHM());
        }

        HttpResponse<String> json = get("/verify/" + code, "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(json.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = JSON.readTree(json.body());
        assertThat(body.get("reportStatus").asText()).isEqualTo("VALID");
        assertThat(body.get("reportNo").asText()).isEqualTo(reportNo);
        assertThat(body.get("result").asText()).isEqualTo("CONSISTENT");
        // a partner's timestamp: China time, three digits of milliseconds, the offset (ChinaTime.TIMESTAMP)
        assertThat(body.get("issuedAt").asText()).matches("2026-11-2\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+08:00");
        assertThat(body.get("validUntil").asText()).isEqualTo("2027-02-21");
        assertThat(body.get("holderName").asText()).isEqualTo(Masking.name(record.getXM()));
        assertThat(body.get("idNumber").asText()).isEqualTo(Masking.idNumber(record.getZJHM()));
        assertThat(body.get("unit").asText()).contains(record.getXWSYDWM());
        assertThat(body.get("level").asText()).isNotEmpty();
        assertThat(body.get("awardDate").asText()).isNotEmpty();
        assertThat(body.get("certificateNumber").asText()).isEqualTo(record.getXWZSBH());
        assertThat(json.body()).doesNotContain(record.getZJHM());
        // a program that names JSON next to a wildcard prefers it
        assertThat(get("/verify/" + code, "application/json, */*").body()).startsWith("{");
    }

    @Test
    void aRevokedReportShowsItsVerdictAndReasonButNoSummary() throws Exception {
        FilingRecord record = fileAndPublish(2017, 1).get(0);
        String reportNo = portal().submitApplication(PortalRequests.application(PortalRequests.asApplied(record),
                Language.ZH)).getReportNo();
        String code = codeOf(reportNo);
        // revoked by hand on the console's report page, with a reason quoting the holder's ID number
        revokeOnTheConsole(reportNo, "证书编号与档案不符 " + record.getZJHM() + " <b>");

        HttpResponse<String> page = get("/verify/" + code, BROWSER);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-verdict=\"REVOKED\"").contains("本报告已撤销")
                .contains("This report has been revoked").contains(reportNo).contains("证书编号与档案不符")
                .contains(Masking.idNumber(record.getZJHM())).contains("&lt;b&gt;")
                .doesNotContain("本报告有效").doesNotContain("<b>")
                .doesNotContain(record.getZJHM()).doesNotContain(Masking.name(record.getXM()))
                .doesNotContain(record.getXWZSBH()).doesNotContain(record.getXWSYDW()).doesNotContain("有效期至");
        assertPersonalPageHeaders(page);

        HttpResponse<String> json = get("/verify/" + code, "application/json");
        JsonNode body = JSON.readTree(json.body());
        assertThat(body.get("reportStatus").asText()).isEqualTo("REVOKED");
        assertThat(body.get("reportNo").asText()).isEqualTo(reportNo);
        assertThat(body.get("revocationReason").asText()).contains("证书编号与档案不符")
                .contains(Masking.idNumber(record.getZJHM()));
        assertThat(body.has("holderName")).isFalse();
        assertThat(body.has("idNumber")).isFalse();
        assertThat(body.has("certificateNumber")).isFalse();
        assertThat(body.has("validUntil")).isFalse();
        assertThat(json.body()).doesNotContain(record.getZJHM()).doesNotContain(record.getXWZSBH());
    }

    @Test
    void anUnknownCodeIsNotFound() throws Exception {
        HttpResponse<String> page = get("/verify/ZZZZZZZZZZZZZZZZ", BROWSER);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-verdict=\"NOT_FOUND\"").contains("未找到该报告").contains("Report not found");
        assertPersonalPageHeaders(page);
        HttpResponse<String> json = get("/verify/ZZZZZZZZZZZZZZZZ", "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(json.body()).get("reportStatus").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aMalformedCodeAnotherPathOrMethodIsAnsweredWithoutAChallenge() throws Exception {
        for (String accept : new String[] {BROWSER, null, "*/*", "application/xml"}) {
            HttpResponse<String> bad = get("/verify/ABC-DEFGH", accept);
            assertThat(bad.statusCode()).as(accept).isEqualTo(400);
            assertThat(bad.headers().firstValue("WWW-Authenticate")).as(accept).isEmpty();
            assertThat(bad.body()).as(accept).contains("data-verdict=\"BAD_CODE\"").contains("验证码格式不正确")
                    .contains("This is not a valid verification code");
        }
        HttpResponse<String> badJson = get("/verify/short", "application/json");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(JSON.readTree(badJson.body()).get("error").asText()).isEqualTo("INVALID_REQUEST");

        for (String path : new String[] {"/verify/ABCDEFGH/more", "/verify/", "/verify"}) {
            HttpResponse<String> missing = get(path, BROWSER);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();
            assertThat(missing.body()).as(path).contains("页面不存在").contains("No such page");
        }
        // refused by the security firewall before any controller: answered by the error dispatch, still no challenge
        for (String accept : new String[] {BROWSER, "application/json"}) {
            HttpResponse<String> rejected = get("/verify/ABCDEFGH;x=1", accept);
            assertThat(rejected.statusCode()).as(accept).isEqualTo(400);
            assertThat(rejected.headers().firstValue("WWW-Authenticate")).as(accept).isEmpty();
            assertThat(rejected.headers().firstValue("Content-Type").orElseThrow()).as(accept)
                    .startsWith(accept.equals(BROWSER) ? "text/html" : "application/json");
        }
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(url("/verify/ABCDEFGHJKMNPQRS")))
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).header("Accept", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(method).isEqualTo(405);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).as(method).isEmpty();
            assertThat(refused.headers().firstValue("Allow")).as(method).hasValue("GET, HEAD");
            assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("METHOD_NOT_ALLOWED");
        }
    }

    @Test
    void aVisitorWhoChecksTooFastGetsABilingualRefusalWithoutAChallenge() throws Exception {
        // a client address of its own: its look-ups use no budget of 127.0.0.1, where the other tests call from
        LoopbackHttp visitor = new LoopbackHttp("127.0.0.43", port);
        List<LoopbackHttp.Response> refusals = new ArrayList<>();
        for (int i = 0; i < 15 && refusals.isEmpty(); i++) { // the budget: a burst of 10, then 1 per second
            LoopbackHttp.Response answer = visitor.get("/verify/ZZZZZZZZZZZZZZZZ", Map.of("Accept", BROWSER));
            if (answer.status() == 429) {
                refusals.add(answer);
            }
        }
        assertThat(refusals).isNotEmpty();
        LoopbackHttp.Response page = refusals.get(0);
        assertThat(page.header("WWW-Authenticate")).isNull();
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.body()).contains("data-verdict=\"RATE_LIMITED\"").contains("查询过于频繁").contains("Too many look-ups");

        LoopbackHttp.Response json = visitor.get("/verify/ZZZZZZZZZZZZZZZZ", Map.of("Accept", "application/json"));
        assertThat(json.status()).isEqualTo(429);
        assertThat(json.header("WWW-Authenticate")).isNull();
        assertThat(json.body()).contains("\"error\":\"RATE_LIMITED\"").contains("查询过于频繁").contains("Too many look-ups");
    }

    static void assertPersonalPageHeaders(HttpResponse<String> page) {
        assertThat(page.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(page.headers().allValues("Cache-Control")).containsExactly("no-store");
        assertThat(page.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(page.headers().firstValue("Set-Cookie")).as("no session for a visitor").isEmpty();
    }

    /**
     * A GET from a client address of its own (127.0.1.x): the page is rate-limited per address (1 a second, a burst
     * of 10), and these tests look at pages, not at the budget that other tests of the same hub use up from 127.0.0.1.
     */
    HttpResponse<String> get(String path, String accept) throws Exception {
        String from = "127.0.1." + (1 + VISITORS.getAndIncrement() % 250);
        LoopbackHttp.Response answer = new LoopbackHttp(from, port)
                .get(path, accept == null ? java.util.Map.of() : java.util.Map.of("Accept", accept));
        java.net.http.HttpHeaders headers = java.net.http.HttpHeaders.of(answer.headers(), (name, value) -> true);
        return new HttpResponse<>() {
            public int statusCode() {
                return answer.status();
            }

            public HttpRequest request() {
                return HttpRequest.newBuilder(URI.create(url(path))).build();
            }

            public java.util.Optional<HttpResponse<String>> previousResponse() {
                return java.util.Optional.empty();
            }

            public java.net.http.HttpHeaders headers() {
                return headers;
            }

            public String body() {
                return answer.body();
            }

            public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
                return java.util.Optional.empty();
            }

            public URI uri() {
                return URI.create(url(path));
            }

            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }

    private static final java.util.concurrent.atomic.AtomicInteger VISITORS = new java.util.concurrent.atomic.AtomicInteger();

    DegreeVerificationPortType portal() {
        return client(DegreeVerificationPortType.class, "/services/verification", "portal", "portal-pass", false);
    }

    String codeOf(String reportNo) {
        assertThat(reportNo).isNotNull();
        return jdbc.queryForObject("SELECT verification_code FROM verification_report WHERE report_no = ?",
                String.class, reportNo);
    }

    /** As a reviewer does on the console's 报告 page: signs in, then posts the revocation with its CSRF token. */
    void revokeOnTheConsole(String reportNo, String reason) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        browser.send(form("/admin/login", "username=reviewer&password=" + enc("reviewer-pass") + "&_csrf="
                + enc(csrf(browser, "/admin/login"))), HttpResponse.BodyHandlers.ofString());
        browser.send(form("/admin/reports/" + reportNo + "/revoke", "reason=" + enc(reason) + "&_csrf="
                + enc(csrf(browser, "/admin/reports?q=" + reportNo))), HttpResponse.BodyHandlers.ofString());
        assertThat(jdbc.queryForObject("SELECT status FROM verification_report WHERE report_no = ?", String.class,
                reportNo)).isEqualTo("REVOKED");
    }

    String csrf(HttpClient browser, String page) throws Exception {
        Matcher m = CSRF.matcher(browser.send(HttpRequest.newBuilder(URI.create(url(page))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(m.find()).as("CSRF token on " + page).isTrue();
        return m.group(1);
    }

    HttpRequest form(String path, String form) {
        return HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
