package cn.degreehub.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** SOAP documents written by hand, for what a generated client would not send (replays, broken input). */
public final class SoapEnvelopes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SoapEnvelopes() {
    }

    /** A wsse:Security header with a PasswordDigest token: a fresh nonce, created now. */
    public static String digestSecurityHeader(String user, String password) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha1.update(nonce);
        sha1.update(created.getBytes(StandardCharsets.UTF_8));
        sha1.update(password.getBytes(StandardCharsets.UTF_8));
        String digest = Base64.getEncoder().encodeToString(sha1.digest());
        return "<soapenv:Header><wsse:Security soapenv:mustUnderstand=\"1\" xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\""
                + " xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">"
                + "<wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username>"
                + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">" + digest + "</wsse:Password>"
                + "<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">"
                + Base64.getEncoder().encodeToString(nonce) + "</wsse:Nonce><wsu:Created>" + created + "</wsu:Created>"
                + "</wsse:UsernameToken></wsse:Security></soapenv:Header>";
    }

    /** getFilingReceipt for a batch, authenticated with a fresh PasswordDigest token. */
    public static String digestReceiptQuery(String user, String password, String batchId) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:f=\"urn:degreehub:filing:v1\">"
                + digestSecurityHeader(user, password)
                + "<soapenv:Body><f:getFilingReceiptRequest><f:batchId>" + batchId + "</f:batchId></f:getFilingReceiptRequest>"
                + "</soapenv:Body></soapenv:Envelope>";
    }
}
