package cn.degreehub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.LoopbackHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * WS-Security headers as partners' stacks send them (node-soap, Metro, .NET, zeep), posted raw so the exact XML
 * is the test's: a wsu:Timestamp beside the token, a Password without Type, and each refusal with its own words.
 * Wrong passwords are sent from loopback addresses of their own (never 127.0.0.1, see LoopbackHttp).
 */
class WsSecurityIT extends HubTestSupport {

    private static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private static final String WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private static final String PROFILE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
    private static final String TEXT = PROFILE + "#PasswordText";
    private static final String DIGEST = PROFILE + "#PasswordDigest";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** config/application.yml, degreehub.soap.security.clock-skew */
    private static final Duration SKEW = Duration.ofMinutes(2);

    @Test
    void aTokenBesideAFreshTimestampIsAccepted() throws Exception {
        Instant now = Instant.now();
        String header = security(timestamp(now, now.plus(Duration.ofMinutes(10))) + textToken("province-12", "province-12-pass", TEXT));

        assertAuthenticated(postSoap("/services/filing", receiptQuery(header)));
        // the Timestamp after the token, and one without Expires, as some stacks send it
        assertAuthenticated(postSoap("/services/filing", receiptQuery(security(
                textToken("province-12", "province-12-pass", TEXT) + timestamp(now, null)))));
    }

    @Test
    void anExpiredTimestampIsRefusedAsExpired() throws Exception {
        Instant created = Instant.now().minus(Duration.ofMinutes(30));
        String header = security(timestamp(created, created.plus(Duration.ofMinutes(5)).minus(SKEW))
                + textToken("province-12", "province-12-pass", TEXT));

        HttpResponse<String> answer = postSoap("/services/filing", receiptQuery(header));

        assertRefused(answer);
        assertThat(answer.body()).contains("wsu:Timestamp 已过期").contains("wsu:Timestamp expired")
                .doesNotContain("密码不正确").doesNotContain("wrong password");
    }

    @Test
    void aTimestampCreatedInTheFutureBeyondTheSkewIsRefused() throws Exception {
        Instant created = Instant.now().plus(SKEW).plus(Duration.ofMinutes(3));
        String header = security(timestamp(created, created.plus(Duration.ofMinutes(5)))
                + textToken("province-12", "province-12-pass", TEXT));

        HttpResponse<String> answer = postSoap("/services/filing", receiptQuery(header));

        assertRefused(answer);
        assertThat(answer.body()).contains("wsu:Timestamp 的创建时间（Created）晚于服务器当前时间")
                .contains("wsu:Timestamp Created is later than the hub's time");
        // within the skew it is a clock a little ahead, accepted
        Instant slightlyAhead = Instant.now().plusSeconds(30);
        assertAuthenticated(postSoap("/services/filing", receiptQuery(security(
                timestamp(slightlyAhead, slightlyAhead.plus(Duration.ofMinutes(5)))
                        + textToken("province-12", "province-12-pass", TEXT)))));
    }

    @Test
    void aPasswordWithoutTypeIsPasswordText() throws Exception {
        assertAuthenticated(postSoap("/services/filing", receiptQuery(security(
                textToken("province-12", "province-12-pass", null)))));
        // and with node-soap's default Timestamp beside it
        Instant now = Instant.now();
        assertAuthenticated(postSoap("/services/filing", receiptQuery(security(
                timestamp(now, now.plus(Duration.ofMinutes(10))) + textToken("province-12", "province-12-pass", null)))));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserReadAlikeAndOnlyTheyCountWithTheThrottle() throws Exception {
        LoopbackHttp caller = new LoopbackHttp("127.0.0.151", port);
        LoopbackHttp.Response wrong = caller.soap("/services/filing", receiptQuery(security(
                textToken("province-12", "guess", TEXT))));
        LoopbackHttp.Response unknown = caller.soap("/services/filing", receiptQuery(security(
                textToken("nobody-at-all", "guess", null))));

        assertThat(wrong.faultCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(wrong.body()).contains("身份认证失败：用户名或密码不正确")
                .contains("Authentication failed: unknown user name or wrong password").doesNotContain("guess");
        assertThat(unknown.faultCode()).isEqualTo("UNAUTHENTICATED");
        assertThat(messages(unknown.body())).isEqualTo(messages(wrong.body()));

        // many refusals for stale Timestamps (a wrong password under them) are no wrong passwords: no throttle
        LoopbackHttp stale = new LoopbackHttp("127.0.0.152", port);
        Instant old = Instant.now().minus(Duration.ofHours(1));
        for (int i = 0; i < 8; i++) {
            assertThat(stale.soap("/services/filing", receiptQuery(security(timestamp(old, old.plusSeconds(60))
                    + textToken("province-12", "guess", TEXT)))).body()).contains("wsu:Timestamp expired");
        }
        assertThat(stale.soap("/services/filing", receiptQuery(security(textToken("province-12", "province-12-pass", TEXT))))
                .body()).contains("<code>NOT_FOUND</code>");
    }

    @Test
    void aDigestStillWorksAndItsNonceOnlyOnce() throws Exception {
        String envelope = receiptQuery(security(digestToken("province-12", "province-12-pass", Instant.now())));

        assertAuthenticated(postSoap("/services/filing", envelope));
        HttpResponse<String> replay = postSoap("/services/filing", envelope);

        assertRefused(replay);
        assertThat(replay.body()).contains("随机数（wsse:Nonce）已被使用过").contains("Nonce already used")
                .doesNotContain("province-12-pass");
        // a digest beside a Timestamp, as Metro and .NET send it
        Instant now = Instant.now();
        assertAuthenticated(postSoap("/services/filing", receiptQuery(security(timestamp(now, now.plusSeconds(300))
                + digestToken("province-12", "province-12-pass", now)))));
    }

    @Test
    void aNonceIsStoredOnlyOnceThePasswordIsRight() throws Exception {
        String nonce = Base64.getEncoder().encodeToString(randomBytes());
        LoopbackHttp caller = new LoopbackHttp("127.0.0.153", port);
        Instant now = Instant.now();

        assertThat(caller.soap("/services/filing", receiptQuery(security(digestToken("province-12", "guess", now, nonce))))
                .body()).contains("Authentication failed: unknown user name or wrong password");
        assertThat(count("SELECT COUNT(*) FROM ws_nonce WHERE nonce = ?", nonce)).isZero();
        assertAuthenticated(postSoap("/services/filing", receiptQuery(security(
                digestToken("province-12", "province-12-pass", now, nonce)))));
        assertThat(count("SELECT COUNT(*) FROM ws_nonce WHERE nonce = ?", nonce)).isEqualTo(1);
    }

    @Test
    void aTimestampAfterTheTokenIsStillCheckedBeforeThePassword() throws Exception {
        String nonce = Base64.getEncoder().encodeToString(randomBytes());
        Instant old = Instant.now().minus(Duration.ofHours(1));

        HttpResponse<String> answer = postSoap("/services/filing", receiptQuery(security(
                digestToken("province-12", "province-12-pass", Instant.now(), nonce) + timestamp(old, old.plusSeconds(300)))));

        assertRefused(answer);
        assertThat(answer.body()).contains("wsu:Timestamp expired");
        assertThat(count("SELECT COUNT(*) FROM ws_nonce WHERE nonce = ?", nonce)).as("a refused request uses no nonce").isZero();
    }

    @Test
    void aStaleDigestTokenIsRefusedForItsAge() throws Exception {
        HttpResponse<String> answer = postSoap("/services/filing", receiptQuery(security(
                digestToken("province-12", "province-12-pass", Instant.now().minus(Duration.ofMinutes(30))))));

        assertRefused(answer);
        assertThat(answer.body()).contains("wsse:UsernameToken Created is more than");
    }

    @Test
    void otherCausesAreNamed() throws Exception {
        HttpResponse<String> noHeader = postSoap("/services/filing", receiptQuery(""));
        assertRefused(noHeader);
        assertThat(noHeader.body()).contains("缺少身份认证信息").contains("No wsse:UsernameToken");

        Instant now = Instant.now();
        HttpResponse<String> onlyTimestamp = postSoap("/services/filing", receiptQuery(security(
                timestamp(now, now.plusSeconds(300)))));
        assertRefused(onlyTimestamp);
        assertThat(onlyTimestamp.body()).contains("No wsse:UsernameToken");

        HttpResponse<String> otherType = postSoap("/services/filing", receiptQuery(security(
                textToken("province-12", "province-12-pass", PROFILE + "#PasswordSha256"))));
        assertRefused(otherType);
        assertThat(otherType.body()).contains("不支持的密码类型").contains("Unsupported password type");

        HttpResponse<String> noUsername = postSoap("/services/filing", receiptQuery(security(
                "<wsse:UsernameToken><wsse:Password>x</wsse:Password></wsse:UsernameToken>")));
        assertRefused(noUsername);
        assertThat(noUsername.body()).contains("WS-Security 安全头格式错误").contains("Malformed WS-Security header");
    }

    private static void assertAuthenticated(HttpResponse<String> answer) {
        assertThat(answer.body()).as("authenticated: the batch is simply unknown").contains("<code>NOT_FOUND</code>");
    }

    private static void assertRefused(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("<code>UNAUTHENTICATED</code>");
    }

    /** messageZh and messageEn of a fault */
    private static String messages(String body) {
        return body.substring(body.indexOf("<messageZh>"), body.indexOf("</messageEn>"));
    }

    private static String receiptQuery(String header) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:f=\"urn:degreehub:filing:v1\">"
                + header + "<soapenv:Body><f:getFilingReceiptRequest><f:batchId>no-such-batch</f:batchId>"
                + "</f:getFilingReceiptRequest></soapenv:Body></soapenv:Envelope>";
    }

    private static String security(String content) {
        return "<soapenv:Header><wsse:Security soapenv:mustUnderstand=\"1\" xmlns:wsse=\"" + WSSE + "\" xmlns:wsu=\""
                + WSU + "\">" + content + "</wsse:Security></soapenv:Header>";
    }

    private static String timestamp(Instant created, Instant expires) {
        return "<wsu:Timestamp wsu:Id=\"TS-" + System.nanoTime() + "\"><wsu:Created>" + utc(created) + "</wsu:Created>"
                + (expires == null ? "" : "<wsu:Expires>" + utc(expires) + "</wsu:Expires>") + "</wsu:Timestamp>";
    }

    /** @param type the Password's Type attribute, null for none */
    private static String textToken(String user, String password, String type) {
        return "<wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username><wsse:Password"
                + (type == null ? "" : " Type=\"" + type + "\"") + ">" + password + "</wsse:Password></wsse:UsernameToken>";
    }

    private static String digestToken(String user, String password, Instant created) throws Exception {
        return digestToken(user, password, created, Base64.getEncoder().encodeToString(randomBytes()));
    }

    private static String digestToken(String user, String password, Instant created, String nonce) throws Exception {
        String createdText = utc(created);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(Base64.getDecoder().decode(nonce));
        sha1.update(createdText.getBytes(StandardCharsets.UTF_8));
        sha1.update(password.getBytes(StandardCharsets.UTF_8));
        return "<wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username>"
                + "<wsse:Password Type=\"" + DIGEST + "\">" + Base64.getEncoder().encodeToString(sha1.digest()) + "</wsse:Password>"
                + "<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">"
                + nonce + "</wsse:Nonce><wsu:Created>" + createdText + "</wsu:Created></wsse:UsernameToken>";
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String utc(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
