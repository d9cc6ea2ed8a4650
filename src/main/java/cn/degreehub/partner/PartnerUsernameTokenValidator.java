package cn.degreehub.partner;

import cn.degreehub.partner.LoginThrottle.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Base64;
import java.util.function.BooleanSupplier;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.UsernameTokenValidator;

/**
 * Checks UsernameToken passwords (text and digest) against the partner registry, through the login throttle
 * the console uses too. A token's nonce is stored only once its password is right: a caller without the
 * password cannot fill the nonce table (WSS4J's own nonce cache, which stores before checking, is off).
 */
public class PartnerUsernameTokenValidator extends UsernameTokenValidator {

    /** the nonce column's width; real nonces are 24 Base64 characters */
    private static final int MAX_NONCE_LENGTH = 200;

    private final Credentials credentials;
    private final LoginThrottle throttle;
    private final JdbcReplayCache nonces;

    public PartnerUsernameTokenValidator(Credentials credentials, LoginThrottle throttle, JdbcReplayCache nonces) {
        this.credentials = credentials;
        this.throttle = throttle;
        this.nonces = nonces;
    }

    @Override
    protected void verifyPlaintextPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        authenticate(token, data, () -> credentials.checkPassword(token.getName(), token.getPassword()));
        rememberNonce(token, data);
    }

    @Override
    protected void verifyDigestPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        if (token.getNonce() == null || token.getCreated() == null) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
        byte[] nonce;
        try {
            nonce = Base64.getMimeDecoder().decode(token.getNonce());
        } catch (IllegalArgumentException e) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
        authenticate(token, data, () -> credentials.checkDigest(token.getName(), nonce, token.getCreated(),
                token.getPassword()));
        rememberNonce(token, data);
    }

    @Override
    protected void verifyUnknownPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
    }

    private void authenticate(UsernameToken token, RequestData data, BooleanSupplier check) throws WSSecurityException {
        Outcome outcome = throttle.attempt(token.getName(), clientAddress(data), false, check);
        switch (outcome.verdict()) {
            case ACCEPTED -> { }
            case WRONG_PASSWORD -> throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
            // a typed fault of its own (FaultMapper finds it in the cause chain), not a bare authentication failure
            default -> throw LoginThrottle.refusal(outcome);
        }
    }

    /**
     * A nonce is accepted once: stored durably (its primary key makes two concurrent uses one), until its
     * token could no longer pass the Created check anyway.
     */
    private void rememberNonce(UsernameToken token, RequestData data) throws WSSecurityException {
        if (token.getNonce() == null) {
            return;
        }
        if (token.getNonce().length() > MAX_NONCE_LENGTH) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
        Instant created = token.getCreatedDate();
        Instant from = created != null && created.isAfter(Instant.now()) ? created : Instant.now();
        Instant expiry = from.plusSeconds(Math.max(data.getUtTTL(), 0) + Math.max(data.getUtFutureTTL(), 0));
        if (!nonces.firstUse(token.getNonce(), expiry)) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.INVALID_SECURITY, "badUsernameToken",
                    new Object[] {"A replay attack has been detected"});
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
