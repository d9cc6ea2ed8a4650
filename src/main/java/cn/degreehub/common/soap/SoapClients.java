package cn.degreehub.common.soap;

import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;

/** SOAP clients of the hub's partners' services (the portal, the units), with a UsernameToken. */
public final class SoapClients {

    private SoapClients() {
    }

    /**
     * @param passwordType "PasswordDigest" or "PasswordText"
     * The token is not mustUnderstand: a partner that does not check it still answers.
     */
    public static <T> T withUsernameToken(Class<T> type, String url, String username, String password,
                                          String passwordType, long timeoutMs) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(type);
        factory.setAddress(url);
        Map<String, Object> wss = new HashMap<>();
        wss.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
        wss.put(ConfigurationConstants.USER, username);
        wss.put(ConfigurationConstants.PASSWORD_TYPE, passwordType);
        wss.put(ConfigurationConstants.MUST_UNDERSTAND, "false");
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
        conduit.setClient(policy);
        return port;
    }
}
