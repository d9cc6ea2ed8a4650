package cn.degreehub.partner;

import cn.degreehub.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PartnerRegistryProperties.class, LoginThrottle.Settings.class})
public class PartnerConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    @Bean
    PartnerRegistry partnerRegistry(PartnerRegistryProperties props) {
        return new PartnerRegistry(props);
    }

    /** A unit's closures: the registry's and those announced (docs/domain-rules.md, "Closures"). */
    @Bean
    UnitClosures unitClosures(org.springframework.jdbc.core.JdbcTemplate jdbc, PartnerRegistry registry, AuditLog audit,
                              Clock clock, @Value("${degreehub.closures.max-days}") int maxDays,
                              @Value("${degreehub.closures.max-ahead-days}") int maxAheadDays,
                              @Value("${degreehub.closures.max-days-per-year}") int maxDaysPerYear) {
        return new UnitClosures(jdbc, registry, audit, clock, maxDays, maxAheadDays, maxDaysPerYear);
    }

    /** Outside the demo profile the hub refuses to start while any account keeps its demo password. */
    @Bean
    Credentials credentials(PartnerRegistry registry,
                            @Value("${degreehub.security.master-key:}") String masterKey,
                            @Value("${degreehub.demo.enabled:false}") boolean demo) {
        Credentials credentials = new Credentials(registry, masterKey);
        if (!demo) {
            credentials.accountWithDemoPassword().ifPresent(user -> {
                throw new IllegalStateException("Account '" + user + "' still has its demo password; "
                        + "set real credentials in the partner registry before starting outside the demo profile");
            });
        }
        return credentials;
    }

    /**
     * Failed logins of SOAP, the console and the admin API. Each refusal period is logged and audited; a user
     * name is named only if it is an account's (an unknown one may be a password typed in the wrong field).
     */
    @Bean
    LoginThrottle loginThrottle(PartnerRegistry registry, Clock clock, LoginThrottle.Settings settings, AuditLog audit,
                                MeterRegistry meters,
                                @org.springframework.beans.factory.annotation.Value("${degreehub.cluster.nodes:1}") int nodes) {
        // each node's own throttle, with its share of the limits (LoginThrottle, "In a cluster")
        LoginThrottle throttle = new LoginThrottle(registry, clock, settings.perNode(nodes), event -> {
            long seconds = event.duration().toSeconds();
            boolean known = event.username() != null && registry.account(event.username()).isPresent();
            switch (event.kind()) {
                case "ACCOUNT" -> {
                    LOG.warn("Account {} locked for {} s after {} wrong passwords in a row (the last from {})",
                            event.username(), seconds, event.failures(), event.address());
                    audit.record(event.username(), "LOGIN_LOCKED", event.username(), "locked everywhere for " + seconds
                            + " s after " + event.failures() + " wrong passwords in a row, the last from " + event.address());
                }
                case "PAIR" -> {
                    LOG.warn("Logins as {} from {} refused for {} s after {} wrong passwords",
                            known ? event.username() : "an unknown name", event.address(), seconds, event.failures());
                    if (known) {
                        audit.record(event.address(), "LOGIN_THROTTLED", event.username(), "logins from " + event.address()
                                + " refused for " + seconds + " s after " + event.failures() + " wrong passwords");
                    }
                }
                default -> {
                    LOG.warn("Logins from {} refused for {} s after {} wrong passwords", event.address(), seconds,
                            event.failures());
                    audit.record(event.address(), "LOGIN_THROTTLED", event.address(), "all logins from this address"
                            + " refused for " + seconds + " s after " + event.failures() + " wrong passwords");
                }
            }
        });
        throttle.publish(meters);
        return throttle;
    }
}
