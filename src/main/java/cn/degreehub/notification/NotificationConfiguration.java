package cn.degreehub.notification;

import cn.degreehub.common.soap.SoapClients;
import cn.degreehub.delivery.DeliveryConfiguration.Outboxes;
import cn.degreehub.delivery.Outbox;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
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
    PortalNotifications portalNotifications(JdbcTemplate jdbc,
                                            @Value("${degreehub.portal.notification-url}") String url,
                                            @Value("${degreehub.portal.username}") String username,
                                            @Value("${degreehub.portal.password}") String password,
                                            @Value("${degreehub.portal.timeout-ms}") long timeoutMs,
                                            @Value("${degreehub.portal.password-type}") SoapClients.PasswordType passwordType,
                                            @Value("${degreehub.portal.timestamp}") boolean timestamp,
                                            @Value("${degreehub.portal.timestamp-ttl}") java.time.Duration timestampTtl,
                                            @Value("${degreehub.portal.contract}") String contract) {
        SoapClients.CallSecurity security = new SoapClients.CallSecurity(passwordType, timestamp, timestampTtl);
        Supplier<PortalNotifications.Sender> client = new Supplier<>() {
            private volatile PortalNotifications.Sender proxy;

            @Override
            public PortalNotifications.Sender get() {
                if (proxy == null) {
                    synchronized (this) {
                        if (proxy == null) {
                            proxy = PortalNotifications.sender(contract, url, username, password, security, timeoutMs);
                        }
                    }
                }
                return proxy;
            }
        };
        return new PortalNotifications(jdbc, client);
    }

    /** The outbox relay to the portal (routes/notifications.xml). */
    @Bean
    Outbox portalOutbox(PortalNotifications notifications, Outboxes outboxes,
                       @Value("${degreehub.portal.timeout-ms}") long timeoutMs,
                       @Value("${degreehub.portal.consumers}") int threads) {
        return outboxes.create("portal", "degreehub.portal.notify", PortalNotifications.TABLE, notifications, timeoutMs, threads);
    }
}
