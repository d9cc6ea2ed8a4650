package cn.degreehub.common.soap;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;

/**
 * SOAP clients of the hub's partners' services (the portal, the units), with a UsernameToken shaped as the partner
 * wants it ({@link CallSecurity}), over HTTP/1.1 (docs/partner-interfaces.md, "What the hub sends").
 */
public final class SoapClients {

    /** How a UsernameToken carries its password. */
    public enum PasswordType {
        TEXT("PasswordText"), DIGEST("PasswordDigest");

        private final String wss4j;

        PasswordType(String wss4j) {
            this.wss4j = wss4j;
        }
    }

    /**
     * The WS-Security header the hub sends one partner.
     *
     * @param passwordType text or digest (default: digest, what the hub always sent)
     * @param timestamp    whether a wsu:Timestamp goes with the token (default: no)
     * @param timestampTtl the Timestamp's Created-to-Expires span (default: 5 minutes)
     */
    public record CallSecurity(PasswordType passwordType, Boolean timestamp, Duration timestampTtl) {

        public static final CallSecurity DEFAULT = new CallSecurity(null, null, null);

        public CallSecurity {
            passwordType = passwordType == null ? PasswordType.DIGEST : passwordType;
            timestamp = timestamp != null && timestamp;
            timestampTtl = timestampTtl == null ? Duration.ofMinutes(5) : timestampTtl;
            if (timestampTtl.toSeconds() < 1) {
                throw new IllegalArgumentException("A Timestamp's time to live must be at least one second");
            }
        }
    }

    /**
     * java.net.http (CXF's conduit) would otherwise offer "Upgrade: h2c" on every cleartext POST, which servers
     * behind some proxies and older stacks refuse or mishandle.
     */
    static final String HTTP_VERSION = "1.1";

    private SoapClients() {
    }

    /** The token is not mustUnderstand: a partner that does not check it still answers. */
    public static <T> T withUsernameToken(Class<T> type, String url, String username, String password,
                                          CallSecurity security, long timeoutMs) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(type);
        factory.setAddress(url);
        Map<String, Object> wss = new HashMap<>();
        wss.put(ConfigurationConstants.ACTION, security.timestamp()
                ? ConfigurationConstants.USERNAME_TOKEN + " " + ConfigurationConstants.TIMESTAMP
                : ConfigurationConstants.USERNAME_TOKEN);
        wss.put(ConfigurationConstants.USER, username);
        wss.put(ConfigurationConstants.PASSWORD_TYPE, security.passwordType().wss4j);
        wss.put(ConfigurationConstants.MUST_UNDERSTAND, "false");
        if (security.timestamp()) {
            wss.put(ConfigurationConstants.TTL_TIMESTAMP, String.valueOf(security.timestampTtl().toSeconds()));
        }
        wss.put(ConfigurationConstants.PW_CALLBACK_REF, (javax.security.auth.callback.CallbackHandler) callbacks -> {
            for (var c : callbacks) {
                if (c instanceof WSPasswordCallback pc) {
                    pc.setPassword(password);
                }
            }
        });
        factory.getOutInterceptors().add(new WSS4JOutInterceptor(wss));
        T port = factory.create(type);
        HTTPConduit conduit = (HTTPConduit) ClientProxy.getClient(port).getConduit();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(timeoutMs);
        policy.setReceiveTimeout(timeoutMs);
        policy.setVersion(HTTP_VERSION);
        conduit.setClient(policy);
        return port;
    }
}
