package cn.degreehub.admin;

import org.apache.catalina.Context;
import org.apache.catalina.session.ManagerBase;
import org.apache.catalina.session.StandardManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.embedded.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP sessions are the console's only, and only signed-in users get one (an anonymous visitor's CSRF token and
 * language are cookies, a refused page is not kept: AdminSecurityConfiguration). At most
 * {@code degreehub.security.max-sessions} exist, a backstop so that sign-ins cannot exhaust memory; beyond it
 * new sign-ins are refused until sessions expire, while signed-in admins and SOAP (stateless) go on.
 */
@Configuration(proxyBeanMethods = false)
public class SessionLimitConfiguration {

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
}
