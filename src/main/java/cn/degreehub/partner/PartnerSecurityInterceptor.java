package cn.degreehub.partner;

import cn.degreehub.common.soap.SecurityFaults;
import java.util.List;
import java.util.Map;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.bsp.BSPRule;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.RequestData;

/**
 * WSS4J as the hub's endpoints use it: exactly one UsernameToken, a wsu:Timestamp beside it allowed (checked by
 * {@link PartnerTimestampValidator}), nothing else; each refusal names its cause ({@link SecurityFaults}).
 */
public class PartnerSecurityInterceptor extends WSS4JInInterceptor {

    public PartnerSecurityInterceptor(Map<String, Object> properties) {
        super(properties);
    }

    @Override
    public void handleMessage(SoapMessage msg) {
        // WSS4J would store every nonce before the password is checked (anyone could fill the table);
        // the validator stores it in the database once the password is right
        msg.put(SecurityConstants.ENABLE_NONCE_CACHE, Boolean.FALSE);
        super.handleMessage(msg);
    }

    @Override
    protected void computeAction(SoapMessage msg, RequestData reqData) throws WSSecurityException {
        super.computeAction(msg, reqData);
        // the UsernameToken profile defines a Password without Type as PasswordText; the Basic Security Profile's
        // rule that it must carry a Type (R4201) refused what Java and node stacks send
        reqData.setIgnoredBSPRules(List.of(BSPRule.R4201));
    }

    /** Replaces WSS4J's match of the configured actions, which would refuse a Timestamp nobody asked for. */
    @Override
    protected void checkActions(SoapMessage msg, List<WSSecurityEngineResult> results, List<Integer> actions) {
        int tokens = 0;
        for (WSSecurityEngineResult result : results) {
            Object action = result.get(WSSecurityEngineResult.TAG_ACTION);
            if (action instanceof Integer a && (a == WSConstants.UT || a == WSConstants.UT_NOPASSWORD)) {
                tokens++;
            } else if (!(action instanceof Integer b && b == WSConstants.TS)) {
                throw SecurityFaults.malformedHeader("安全头只可包含 wsse:UsernameToken 及可选的 wsu:Timestamp",
                        "a wsse:Security header may hold a wsse:UsernameToken and a wsu:Timestamp, nothing else");
            }
        }
        if (tokens == 0) {
            throw SecurityFaults.missingToken();
        }
        if (tokens > 1) {
            throw SecurityFaults.malformedHeader("安全头中有多个 wsse:UsernameToken",
                    "more than one wsse:UsernameToken");
        }
    }
}
