package cn.degreehub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console as a browser uses it over HTTP: its own cookies, form posts with CSRF tokens, no automatic redirects. */
class ConsoleClient {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final Pattern JOB_STATUS = Pattern.compile("id=\"job\" data-status=\"([A-Z]+)\"");

    private final String base;
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ConsoleClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form the way the page at {@code page} would: with that page's CSRF token. */
    HttpResponse<String> submit(String page, String action, String form) throws Exception {
        return post(action, (form.isEmpty() ? "" : form + "&") + "_csrf=" + enc(csrf(page)));
    }

    String csrf(String page) throws Exception {
        Matcher m = CSRF.matcher(get(page).body());
        assertThat(m.find()).as("CSRF token on " + page).isTrue();
        return m.group(1);
    }

    HttpResponse<String> login(String user, String password) throws Exception {
        return post("/admin/login", "username=" + user + "&password=" + enc(password) + "&_csrf=" + enc(csrf("/admin/login")));
    }

    static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }

    /** Follows a job's page (where starting it redirected to) until it ends; returns the last page. */
    String awaitJob(String jobPage) {
        java.util.concurrent.atomic.AtomicReference<String> last = new java.util.concurrent.atomic.AtomicReference<>();
        cn.degreehub.support.Waiting.await("job " + jobPage + " ended", Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    String page = get(jobPage).body();
                    Matcher m = JOB_STATUS.matcher(page);
                    assertThat(m.find()).as("job page " + jobPage).isTrue();
                    if (m.group(1).equals("RUNNING")) {
                        assertThat(page).as("a running job's page reloads itself").contains("http-equiv=\"refresh\"");
                        return false;
                    }
                    last.set(page);
                    return true;
                });
        return last.get();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
