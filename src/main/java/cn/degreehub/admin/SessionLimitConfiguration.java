package cn.degreehub.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.catalina.Context;
import org.apache.catalina.session.ManagerBase;
import org.apache.catalina.session.StandardManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.session.SessionAuthenticationException;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;

/**
 * HTTP sessions are the console's only, and only signed-in users get one (an anonymous visitor's CSRF token and
 * language are cookies, a refused page is not kept: AdminSecurityConfiguration). They live in the database
 * (Spring Session JDBC, tables SPRING_SESSION*), so every node of a cluster accepts a sign-in made on another
 * and a sign-in survives its node. At most {@code degreehub.security.max-sessions} live sessions exist in the
 * whole cluster, a backstop so that sign-ins cannot exhaust the table: beyond it a new sign-in is refused
 * ({@link SessionCap}) until sessions expire, while signed-in admins and SOAP (stateless) go on.
 */
@Configuration(proxyBeanMethods = false)
public class SessionLimitConfiguration {

    /** Tomcat's own session manager keeps the same cap, should anything still ask Tomcat for a session. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> sessionLimit(
            @Value("${degreehub.security.max-sessions}") int maxSessions) {
        return factory -> factory.addContextCustomizers(limit(maxSessions));
    }

    static TomcatContextCustomizer limit(int maxSessions) {
        return (Context context) -> {
            if (!(context.getManager() instanceof ManagerBase)) {
                context.setManager(new StandardManager());
            }
            ((ManagerBase) context.getManager()).setMaxActiveSessions(maxSessions);
        };
    }

    @Bean
    SessionCap sessionCap(JdbcTemplate jdbc, Clock clock, @Value("${degreehub.security.max-sessions}") int maxSessions,
                          MeterRegistry meters) {
        SessionCap cap = new SessionCap(jdbc, clock, maxSessions);
        // the cluster's live console sessions (Tomcat's own session metrics stay at 0: Spring Session keeps them)
        Gauge.builder("degreehub.console.sessions", cap, SessionCap::liveSessions)
                .description("live console sessions of all nodes (Spring Session JDBC)").register(meters);
        return cap;
    }

    /**
     * A sign-in that would take a new session is refused while the cluster holds the most live sessions allowed
     * (a sign-in from a session that exists keeps it). Counted in the database, at sign-ins only.
     */
    public static class SessionCap implements SessionAuthenticationStrategy {

        private final JdbcTemplate jdbc;
        private final Clock clock;
        private final int maxSessions;

        SessionCap(JdbcTemplate jdbc, Clock clock, int maxSessions) {
            this.jdbc = jdbc;
            this.clock = clock;
            this.maxSessions = maxSessions;
        }

        /** Sessions not yet expired, on every node. */
        public int liveSessions() {
            return jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION WHERE EXPIRY_TIME >= ?", Integer.class,
                    clock.millis());
        }

        @Override
        public void onAuthentication(Authentication authentication, HttpServletRequest request,
                                     HttpServletResponse response) {
            if (request.getSession(false) == null && liveSessions() >= maxSessions) {
                throw new SessionAuthenticationException("Too many console sessions (degreehub.security.max-sessions)");
            }
        }
    }
}
