package cn.degreehub.partner;

import cn.degreehub.common.soap.SecurityFaults;
import cn.degreehub.partner.LoginThrottle.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Base64;
import java.util.function.BooleanSupplier;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.common.util.XMLUtils;
import org.apache.wss4j.dom.message.token.Timestamp;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.Credential;
import org.apache.wss4j.dom.validate.UsernameTokenValidator;
import org.w3c.dom.Element;

/**
 * Checks UsernameToken passwords (text and digest) against the partner registry, through the login throttle
 * the console uses too. A Password without Type is PasswordText, as the UsernameToken profile defines it. The
 * Timestamp beside the token and the token's Created are checked first ({@link MessageFreshness}), the password
 * next; only a wrong password counts
 * with the throttle. A token's nonce is stored only once its password is right: a caller without the password
 * cannot fill the nonce table (WSS4J's own nonce cache, which stores before checking, is off). Every refusal
 * names its cause ({@link SecurityFaults}), but a wrong password and an unknown user name read alike.
 */
public class PartnerUsernameTokenValidator extends UsernameTokenValidator {

    /** the nonce column's width; real nonces are 24 Base64 characters */
    private static final int MAX_NONCE_LENGTH = 200;

    private final Credentials credentials;
    private final LoginThrottle throttle;
    private final JdbcReplayCache nonces;
    private final MessageFreshness freshness;

    public PartnerUsernameTokenValidator(Credentials credentials, LoginThrottle throttle, JdbcReplayCache nonces,
                                         MessageFreshness freshness) {
        this.credentials = credentials;
        this.throttle = throttle;
        this.nonces = nonces;
        this.freshness = freshness;
    }

    @Override
    public Credential validate(Credential credential, RequestData data) throws WSSecurityException {
        UsernameToken token = credential == null ? null : credential.getUsernametoken();
        if (token == null) {
            throw SecurityFaults.missingToken();
        }
        if (!token.containsPasswordElement()) {
            throw SecurityFaults.malformedHeader("wsse:UsernameToken 缺少密码（wsse:Password）",
                    "wsse:UsernameToken without wsse:Password");
        }
        String type = token.getPasswordType();
        if (type != null && !type.isBlank() && !WSConstants.PASSWORD_TEXT.equals(type)
                && !WSConstants.PASSWORD_DIGEST.equals(type)) {
            throw SecurityFaults.unsupportedPasswordType(type);
        }
        checkTimestampBeside(token, data);
        freshness.checkTokenCreated(token.getCreatedDate());
        return super.validate(credential, data);
    }

    /**
     * WSS4J reads the header in document order: a Timestamp after the token would be checked only after the
     * password (and a stale request's nonce stored). The Timestamp beside the token is checked here first.
     */
    private void checkTimestampBeside(UsernameToken token, RequestData data) throws WSSecurityException {
        if (token.getElement() == null || !(token.getElement().getParentNode() instanceof Element header)) {
            return;
        }
        Element beside = XMLUtils.getDirectChildElement(header, WSConstants.TIMESTAMP_TOKEN_LN, WSConstants.WSU_NS);
        if (beside != null) {
            Timestamp timestamp = new Timestamp(beside, data.getBSPEnforcer());
            freshness.checkTimestamp(timestamp.getCreated(), timestamp.getExpires());
        }
    }

    @Override
    protected void verifyPlaintextPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        authenticate(token, data, () -> credentials.checkPassword(token.getName(), token.getPassword()));
        rememberNonce(token);
    }

    @Override
    protected void verifyDigestPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        if (token.getNonce() == null || token.getCreated() == null) {
            throw SecurityFaults.malformedHeader("PasswordDigest 须带随机数（wsse:Nonce）和创建时间（wsu:Created）",
                    "a PasswordDigest token needs wsse:Nonce and wsu:Created");
        }
        byte[] nonce;
        try {
            nonce = Base64.getMimeDecoder().decode(token.getNonce());
        } catch (IllegalArgumentException e) {
            throw SecurityFaults.malformedHeader("随机数（wsse:Nonce）不是 Base64 编码", "wsse:Nonce is not Base64");
        }
        if (token.getNonce().length() > MAX_NONCE_LENGTH) {
            throw SecurityFaults.malformedHeader("随机数（wsse:Nonce）过长", "wsse:Nonce too long");
        }
        authenticate(token, data, () -> credentials.checkDigest(token.getName(), nonce, token.getCreated(),
                token.getPassword()));
        rememberNonce(token);
    }

    @Override
    protected void verifyUnknownPassword(UsernameToken token, RequestData data) {
        throw SecurityFaults.malformedHeader("wsse:UsernameToken 缺少密码（wsse:Password）",
                "wsse:UsernameToken without wsse:Password");
    }

    private void authenticate(UsernameToken token, RequestData data, BooleanSupplier check) {
        Outcome outcome = throttle.attempt(token.getName(), clientAddress(data), false, check);
        switch (outcome.verdict()) {
            case ACCEPTED -> { }
            // the same words for an unknown user name: nothing tells a caller which names exist
            case WRONG_PASSWORD -> throw SecurityFaults.wrongCredentials();
            // a typed fault of its own (FaultMapper finds it in the cause chain), not a bare authentication failure
            default -> throw LoginThrottle.refusal(outcome);
        }
    }

    /**
     * A nonce is accepted once: stored durably (its primary key makes two concurrent uses one), until its
     * token could no longer pass the Created check anyway.
     */
    private void rememberNonce(UsernameToken token) {
        if (token.getNonce() == null) {
            return;
        }
        if (token.getNonce().length() > MAX_NONCE_LENGTH) {
            throw SecurityFaults.malformedHeader("随机数（wsse:Nonce）过长", "wsse:Nonce too long");
        }
        if (!nonces.firstUse(token.getNonce(), freshness.nonceExpiry(token.getCreatedDate()))) {
            throw SecurityFaults.replayedNonce();
        }
    }

    static String clientAddress(RequestData data) {
        if (data.getMsgContext() instanceof Message message
                && message.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest request) {
            return request.getRemoteAddr();
        }
        return null;
    }
}
