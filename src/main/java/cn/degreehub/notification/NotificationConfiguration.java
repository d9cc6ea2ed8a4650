package cn.degreehub.notification;

import cn.degreehub.contract.portal.PortalNotificationPortType;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.cxf.Bus;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class NotificationConfiguration {

    @Bean
    StatusEvents statusEvents(JdbcTemplate jdbc, Clock clock) {
        return new StatusEvents(jdbc, clock);
    }

    @Bean
    PortalNotifications portalNotifications(JdbcTemplate jdbc, Clock clock,
                                            @Value("${degreehub.portal.notification-url}") String url,
                                            @Value("${degreehub.portal.username}") String username,
                                            @Value("${degreehub.portal.password}") String password,
                                            @Value("${degreehub.portal.timeout-ms}") long timeoutMs,
                                            @Value("${degreehub.queues.max-deliveries}") int maxDeliveries) {
        Supplier<PortalNotificationPortType> client = new Supplier<>() {
            private volatile PortalNotificationPortType proxy;

            @Override
            public PortalNotificationPortType get() {
                if (proxy == null) {
                    synchronized (this) {
                        if (proxy == null) {
                            proxy = portalClient(url, username, password, timeoutMs);
                        }
                    }
                }
                return proxy;
            }
        };
        return new PortalNotifications(jdbc, client, clock, maxDeliveries);
    }

    static PortalNotificationPortType portalClient(String url, String username, String password, long timeoutMs) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(PortalNotificationPortType.class);
        factory.setAddress(url);
        Map<String, Object> wss = new HashMap<>();
        wss.put(ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN);
        wss.put(ConfigurationConstants.USER, username);
        wss.put(ConfigurationConstants.PASSWORD_TYPE, "PasswordDigest");
        wss.put(ConfigurationConstants.MUST_UNDERSTAND, "false");
        wss.put(ConfigurationConstants.PW_CALLBACK_REF, (javax.security.auth.callback.CallbackHandler) callbacks -> {
            for (var c : callbacks) {
                if (c instanceof WSPasswordCallback pc) {
                    pc.setPassword(password);
                }
            }
        });
        factory.getOutInterceptors().add(new WSS4JOutInterceptor(wss));
        PortalNotificationPortType port = factory.create(PortalNotificationPortType.class);
        HTTPConduit conduit = (HTTPConduit) ClientProxy.getClient(port).getConduit();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(timeoutMs);
        policy.setReceiveTimeout(timeoutMs);
        conduit.setClient(policy);
        return port;
    }

    /** Demo profile: the portal's notification service, simulated inside the hub at /services/portal-simulator. */
    @Bean
    @ConditionalOnProperty(name = "degreehub.demo.portal-simulator", havingValue = "true")
    PortalSimulator portalSimulator() {
        return new PortalSimulator();
    }

    @Bean
    @ConditionalOnProperty(name = "degreehub.demo.portal-simulator", havingValue = "true")
    EndpointImpl portalSimulatorEndpoint(Bus bus, PortalSimulator simulator) {
        EndpointImpl endpoint = new EndpointImpl(bus, simulator);
        endpoint.publish("/portal-simulator");
        return endpoint;
    }
}
