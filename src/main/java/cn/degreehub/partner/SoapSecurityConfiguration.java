package cn.degreehub.partner;

import cn.degreehub.common.soap.SoapEndpointFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.dom.WSConstants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * WS-Security on every hub endpoint: a UsernameToken (PasswordText, also without Type, or PasswordDigest), a
 * wsu:Timestamp beside it allowed and checked for freshness (docs/partner-interfaces.md, "SOAP: WS-Security
 * UsernameToken").
 */
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

    /** Measured on the real clock (see MessageFreshness), settings degreehub.soap.security.* */
    @Bean
    MessageFreshness messageFreshness(@Value("${degreehub.soap.security.clock-skew}") Duration clockSkew,
                                      @Value("${degreehub.soap.security.max-age}") Duration maxAge) {
        return new MessageFreshness(Clock.systemUTC(), clockSkew, maxAge);
    }

    @Bean
    SoapEndpointFactory soapEndpointFactory(Credentials credentials, LoginThrottle throttle, JdbcReplayCache nonceCache,
                                            MessageFreshness freshness,
                                            @Value("${degreehub.soap.max-message-bytes}") long maxBytes) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
        // the token must carry a password; either type is accepted and checked by the validator
        props.put(ConfigurationConstants.ALLOW_USERNAMETOKEN_NOPASSWORD, "false");
        // WSS4J's own check of a token's Created, with its own bare fault, never refuses: the validator checks
        // it, with the hub's skew and a message naming the cause
        props.put(ConfigurationConstants.TTL_USERNAMETOKEN, String.valueOf(WSS4J_NEVER_SECONDS));
        props.put(ConfigurationConstants.TTL_FUTURE_USERNAMETOKEN, String.valueOf(WSS4J_NEVER_SECONDS));
        Map<Object, Object> validators = new HashMap<>();
        validators.put(WSConstants.USERNAME_TOKEN,
                new PartnerUsernameTokenValidator(credentials, throttle, nonceCache, freshness));
        validators.put(WSConstants.TIMESTAMP, new PartnerTimestampValidator(freshness));
        props.put(WSS4JInInterceptor.VALIDATOR_MAP, validators);
        return new SoapEndpointFactory(new PartnerSecurityInterceptor(props), maxBytes);
    }

    /** ten years: a time to live WSS4J's checks never reach */
    private static final int WSS4J_NEVER_SECONDS = 10 * 366 * 24 * 3600;
}
