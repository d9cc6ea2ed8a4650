package cn.degreehub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.catalina.core.StandardContext;
import org.apache.catalina.session.ManagerBase;
import org.junit.jupiter.api.Test;

class SessionLimitConfigurationTest {

    @Test
    void theWebContextKeepsAtMostTheConfiguredSessions() {
        StandardContext context = new StandardContext();
        SessionLimitConfiguration.limit(1234).customize(context);
        assertThat(((ManagerBase) context.getManager()).getMaxActiveSessions()).isEqualTo(1234);
    }
}
