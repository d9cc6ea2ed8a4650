package cn.degreehub.partner;

import cn.degreehub.common.soap.SoapEndpointFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.ws.security.SecurityConstants;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.dom.WSConstants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** WS-Security UsernameToken (PasswordText or PasswordDigest) on every hub endpoint. */
@Configuration(proxyBeanMethods = false)
public class SoapSecurityConfiguration {

    @Bean
    JdbcReplayCache nonceCache(JdbcTemplate jdbc, Clock clock) {
        return new JdbcReplayCache(jdbc, clock);
    }

    @Bean
    PartnerAuthentication partnerAuthentication(PartnerRegistry registry) {
        return new PartnerAuthentication(registry);
    }

    @Bean
    SoapEndpointFactory soapEndpointFactory(Credentials credentials, LoginThrottle throttle, JdbcReplayCache nonceCache,
                                            @Value("${degreehub.soap.max-message-bytes}") long maxBytes) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
        // the token must carry a password; either type is accepted and checked by the validator
        props.put(ConfigurationConstants.ALLOW_USERNAMETOKEN_NOPASSWORD, "false");
        Map<Object, Object> validators = new HashMap<>();
        validators.put(WSConstants.USERNAME_TOKEN, new PartnerUsernameTokenValidator(credentials, throttle, nonceCache));
        props.put(WSS4JInInterceptor.VALIDATOR_MAP, validators);
        WSS4JInInterceptor wss = new WSS4JInInterceptor(props) {
            @Override
            public void handleMessage(org.apache.cxf.binding.soap.SoapMessage msg) {
                // WSS4J would store every nonce before the password is checked (anyone could fill the table);
                // the validator stores it in the database once the password is right
                msg.put(SecurityConstants.ENABLE_NONCE_CACHE, Boolean.FALSE);
                super.handleMessage(msg);
            }
        };
        return new SoapEndpointFactory(wss, maxBytes);
    }
}
