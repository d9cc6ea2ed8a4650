package cn.degreehub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.support.ClusterDatabase;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A route an admin pauses on one node is paused on every node, and runs again everywhere when resumed. */
class SharedRoutePausesTest {

    private final DataSource db = ClusterDatabase.migrated("route-pauses");
    private final JdbcTemplate jdbc = new JdbcTemplate(db);

    private CamelContext node() throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:relay?period=60000").routeId("portal-relay").log("relay");
                from("timer:watch?period=60000").routeId("time-limits-watch").log("watch");
            }
        });
        camel.start();
        return camel;
    }

    @Test
    void aPauseOnOneNodeIsAppliedOnTheOthers() throws Exception {
        CamelContext a = node();
        CamelContext b = node();
        try {
            AuditLog audit = new AuditLog(jdbc, Clock.systemUTC());
            RouteControl onA = new RouteControl(a, audit, Clock.systemUTC(), jdbc);
            RouteControl onB = new RouteControl(b, audit, Clock.systemUTC(), jdbc);

            onA.act("portal-relay", "suspend", "admin");
            onA.act("time-limits-watch", "stop", "admin");
            assertThat(onB.applySharedState()).isEqualTo(2);
            assertThat(b.getRouteController().getRouteStatus("portal-relay")).isEqualTo(ServiceStatus.Suspended);
            assertThat(b.getRouteController().getRouteStatus("time-limits-watch")).isEqualTo(ServiceStatus.Stopped);
            assertThat(onB.pausedByAdmin("portal-relay")).isTrue();
            // nothing more to do on a node that already has the cluster's state
            assertThat(onA.applySharedState()).isZero();

            // resumed and started again from node B: node A follows
            onB.act("portal-relay", "resume", "admin");
            onB.act("time-limits-watch", "start", "admin");
            assertThat(onA.applySharedState()).isEqualTo(2);
            assertThat(a.getRouteController().getRouteStatus("portal-relay")).isEqualTo(ServiceStatus.Started);
            assertThat(a.getRouteController().getRouteStatus("time-limits-watch")).isEqualTo(ServiceStatus.Started);
            assertThat(onA.pausedByAdmin("portal-relay")).isFalse();
            assertThat(onA.sharedPauses()).isEmpty();
        } finally {
            a.stop();
            b.stop();
        }
    }
}
