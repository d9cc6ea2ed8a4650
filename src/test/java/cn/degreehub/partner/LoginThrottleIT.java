package cn.degreehub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.VerifyReportRequest;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.LoopbackHttp;
import cn.degreehub.support.LoopbackHttp.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Wrong passwords over SOAP, the console and the admin API, each test from loopback addresses of its own
 * (never 127.0.0.1, which every other test of the shared hub uses).
 */
class LoginThrottleIT extends HubTestSupport {

    private static final String CODE = "ABCDEFGH12345678";

    @Test
    void aGuesserIsRefusedWhileThePortalKeepsWorkingFromItsOwnAddress() throws Exception {
        LoopbackHttp guesser = new LoopbackHttp("127.0.0.21", port);
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.soap("/services/verification", verifyReport(textSecurityHeader("portal", "guess-" + i)))
                    .faultCode()).isEqualTo("UNAUTHENTICATED");
        }
        Response refused = guesser.soap("/services/verification", verifyReport(textSecurityHeader("portal", "portal-pass")));
        assertThat(refused.faultCode()).as("even the right password, from the guesser's address").isEqualTo("RATE_LIMITED");
        assertThat(refused.body()).contains("请于").contains("try again in").doesNotContain("portal-pass");

        Response portal = new LoopbackHttp("127.0.0.22", port).soap("/services/verification",
                verifyReport(textSecurityHeader("portal", "portal-pass")));
        assertThat(portal.body()).as("the portal at its own address").contains("reportStatus>NOT_FOUND<");
        VerifyReportRequest request = new VerifyReportRequest();
        request.setVerificationCode(CODE);
        assertThat(client(DegreeVerificationPortType.class, "/services/verification", "portal", "portal-pass", false)
                .verifyReport(request).getReportStatus().value()).isEqualTo("NOT_FOUND");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'LOGIN_THROTTLED' AND target = 'portal'"
                + " AND actor = '127.0.0.21'")).isEqualTo(1);
    }

    @Test
    void anAddressTryingManyNamesIsRefusedForAllOfThem() throws Exception {
        LoopbackHttp sprayer = new LoopbackHttp("127.0.0.28", port);
        for (int i = 0; i < ADDRESS_MAX_FAILURES; i++) {
            // mostly names no account can have (no password work), some that could be one
            String name = i % 50 == 0 ? "spray-" + i : "y".repeat(4000) + i;
            String basic = Base64.getEncoder().encodeToString((name + ":guess").getBytes(StandardCharsets.UTF_8));
            assertThat(sprayer.get("/admin/api/routes", Map.of("Authorization", "Basic " + basic)).status()).isEqualTo(401);
        }
        assertThat(sprayer.soap("/services/verification", verifyReport(textSecurityHeader("portal", "portal-pass")))
                .faultCode()).as("any name, even with the right password").isEqualTo("RATE_LIMITED");
        assertThat(new LoopbackHttp("127.0.0.29", port).soap("/services/verification",
                verifyReport(textSecurityHeader("portal", "portal-pass"))).body()).contains("reportStatus>NOT_FOUND<");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'LOGIN_THROTTLED' AND target = '127.0.0.28'"))
                .isEqualTo(1);
    }

    @Test
    void aConsoleAccountLockedInTheConsoleIsRefusedOverSoapUntilAnAdminUnlocksIt() throws Exception {
        LoopbackHttp console = new LoopbackHttp("127.0.0.23", port);
        LoopbackHttp soap = new LoopbackHttp("127.0.0.24", port);
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(console.consoleLogin("reviewer", "guess-" + i)).endsWith("/admin/login?error");
            }
            assertThat(console.consoleLogin("reviewer", "reviewer-pass")).endsWith("/admin/login?locked");
            assertThat(console.get("/admin/login?locked", Map.of()).body()).contains("已暂时锁定");

            Response overSoap = soap.soap("/services/filing", receipt(textSecurityHeader("reviewer", "reviewer-pass")));
            assertThat(overSoap.faultCode()).as("locked everywhere, from another address too").isEqualTo("UNAUTHENTICATED");
            assertThat(overSoap.body()).contains("已暂时锁定").contains("temporarily locked");
            assertThat(http("GET", "/admin/api/reviews", null, "reviewer").statusCode()).as("the admin API").isEqualTo(401);
            assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'LOGIN_LOCKED' AND target = 'reviewer'")).isEqualTo(1);
        } finally {
            rest("POST", "/admin/api/logins/reviewer/unlock", null, "admin", 200);
        }
        assertThat(soap.soap("/services/filing", receipt(textSecurityHeader("reviewer", "reviewer-pass"))).faultCode())
                .as("authenticated again; a reviewer just has no filing role").isEqualTo("FORBIDDEN");
        assertThat(http("GET", "/admin/api/reviews", null, "reviewer").statusCode()).isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'LOGIN_UNLOCKED' AND target = 'reviewer'"
                + " AND actor = 'admin'")).isEqualTo(1);
    }

    @Test
    void wrongConsolePasswordsForAPartnerAccountRefuseThatAddressOnly() throws Exception {
        LoopbackHttp console = new LoopbackHttp("127.0.0.25", port);
        for (int i = 0; i < 5; i++) {
            assertThat(console.consoleLogin("unit-10486", "not-the-password")).endsWith("/admin/login?error");
        }
        assertThat(console.consoleLogin("unit-10486", "unit-10486-pass")).endsWith("/admin/login?locked");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'LOGIN_THROTTLED' AND target = 'unit-10486'"
                + " AND actor = '127.0.0.25'")).isEqualTo(1);
        assertThat(new LoopbackHttp("127.0.0.26", port).soap("/services/filing",
                receipt(textSecurityHeader("unit-10486", "unit-10486-pass"))).faultCode())
                .as("the unit's own calls go on (authenticated: an unknown batch, or no role for it)").isIn("NOT_FOUND", "FORBIDDEN");
    }

    @Test
    void aDigestNonceIsStoredOnlyForTheRightPassword() throws Exception {
        LoopbackHttp caller = new LoopbackHttp("127.0.0.27", port);
        String wrong = nonce();
        String unknown = nonce();
        String right = nonce();
        assertThat(caller.soap("/services/filing", receipt(digestSecurityHeader("province-12", "guess", wrong))).faultCode())
                .isEqualTo("UNAUTHENTICATED");
        assertThat(caller.soap("/services/filing", receipt(digestSecurityHeader("nobody", "nobody-pass", unknown))).faultCode())
                .isEqualTo("UNAUTHENTICATED");
        String envelope = receipt(digestSecurityHeader("province-12", "province-12-pass", right));
        assertThat(caller.soap("/services/filing", envelope).faultCode()).isEqualTo("NOT_FOUND");
        assertThat(caller.soap("/services/filing", envelope).faultCode()).as("replayed").isEqualTo("UNAUTHENTICATED");

        assertThat(count("SELECT COUNT(*) FROM ws_nonce WHERE nonce IN (?, ?)", wrong, unknown)).isZero();
        assertThat(count("SELECT COUNT(*) FROM ws_nonce WHERE nonce = ?", right)).isEqualTo(1);
    }

    /**
     * A wrong password for a real account and any password for an unknown name get the same answer (the
     * same hash work is asserted by CredentialsTest; timings are only printed). A fresh address per call.
     */
    @Test
    void knownAndUnknownNamesAnswerAlike() throws Exception {
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            for (String user : List.of("portal", "nobody-" + i)) {
                LoopbackHttp caller = new LoopbackHttp("127.0.2." + (2 * i + (user.equals("portal") ? 1 : 2)), port);
                long start = System.nanoTime();
                Response r = caller.soap("/services/verification", verifyReport(textSecurityHeader(user, "guess")));
                (user.equals("portal") ? known : unknown).add(System.nanoTime() - start);
                assertThat(r.status()).isEqualTo(500);
                assertThat(r.body()).as(user).isEqualTo(caller.soap("/services/verification",
                        verifyReport(textSecurityHeader("portal", "another-guess"))).body());
            }
        }
        known.sort(null);
        unknown.sort(null);
        System.out.printf("wrong password, SOAP PasswordText: median %.1f ms for a known name, %.1f ms for an unknown one%n",
                known.get(4) / 1e6, unknown.get(4) / 1e6);
    }

    private static String verifyReport(String header) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:v=\"urn:degreehub:verification:v1\">"
                + header + "<soapenv:Body><v:verifyReportRequest><v:verificationCode>" + CODE
                + "</v:verificationCode></v:verifyReportRequest></soapenv:Body></soapenv:Envelope>";
    }

    private static String receipt(String header) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:f=\"urn:degreehub:filing:v1\">"
                + header + "<soapenv:Body><f:getFilingReceiptRequest><f:batchId>no-such-batch</f:batchId>"
                + "</f:getFilingReceiptRequest></soapenv:Body></soapenv:Envelope>";
    }

    private static String nonce() {
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The wsse:Security header with a PasswordDigest token over {@code nonce} (Base64) and now. */
    static String digestSecurityHeader(String user, String password, String nonce) throws Exception {
        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(Base64.getDecoder().decode(nonce));
        sha1.update(created.getBytes(StandardCharsets.UTF_8));
        sha1.update(password.getBytes(StandardCharsets.UTF_8));
        return "<soapenv:Header><wsse:Security soapenv:mustUnderstand=\"1\" xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\""
                + " xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">"
                + "<wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username>"
                + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">"
                + Base64.getEncoder().encodeToString(sha1.digest()) + "</wsse:Password>"
                + "<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">"
                + nonce + "</wsse:Nonce><wsu:Created>" + created + "</wsu:Created></wsse:UsernameToken></wsse:Security></soapenv:Header>";
    }
}
