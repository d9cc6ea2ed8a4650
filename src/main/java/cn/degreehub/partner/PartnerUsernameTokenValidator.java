package cn.degreehub.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.UsernameTokenValidator;

/** Checks UsernameToken passwords (text and digest) against the partner registry. */
public class PartnerUsernameTokenValidator extends UsernameTokenValidator {

    private final Credentials credentials;

    public PartnerUsernameTokenValidator(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    protected void verifyPlaintextPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        if (!credentials.checkPassword(token.getName(), token.getPassword())) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
    }

    @Override
    protected void verifyDigestPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        String secret = credentials.digestSecret(token.getName())
                .orElseThrow(() -> new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION));
        if (token.getNonce() == null || token.getCreated() == null) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
        String expected = org.apache.wss4j.common.util.UsernameTokenUtil.doPasswordDigest(
                Base64.getMimeDecoder().decode(token.getNonce()), token.getCreated(), secret);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                String.valueOf(token.getPassword()).getBytes(StandardCharsets.UTF_8))) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
    }

    @Override
    protected void verifyUnknownPassword(UsernameToken token, RequestData data) throws WSSecurityException {
        throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
    }
}
