package cn.degreehub.partner;

import cn.degreehub.common.soap.SecurityFaults;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.Timestamp;
import org.apache.wss4j.dom.validate.Credential;
import org.apache.wss4j.dom.validate.Validator;

/**
 * A wsu:Timestamp beside the UsernameToken (node-soap, Metro and .NET send one by default) is optional; when
 * present it must be fresh ({@link MessageFreshness}). It is not signed, so it only keeps stale retries out;
 * replays of a digest are kept out by its nonce.
 */
public class PartnerTimestampValidator implements Validator {

    private final MessageFreshness freshness;

    public PartnerTimestampValidator(MessageFreshness freshness) {
        this.freshness = freshness;
    }

    @Override
    public Credential validate(Credential credential, RequestData data) {
        Timestamp timestamp = credential == null ? null : credential.getTimestamp();
        if (timestamp == null || timestamp.getCreated() == null) {
            throw SecurityFaults.malformedHeader("wsu:Timestamp 缺少创建时间（Created）", "wsu:Timestamp without Created");
        }
        freshness.checkTimestamp(timestamp.getCreated(), timestamp.getExpires());
        return credential;
    }
}
