package cn.degreehub.admin;

import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health group "routes": DOWN when the Camel context is not running or a route is not running without an
 * admin having stopped or suspended it (a consumer that failed to start); routes paused on purpose are
 * listed but leave the hub UP.
 */
public class RoutesHealthIndicator extends AbstractHealthIndicator {

    private final RouteControl routes;

    public RoutesHealthIndicator(RouteControl routes) {
        super("Camel routes health check failed");
        this.routes = routes;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!routes.contextStarted()) {
            builder.down().withDetail("camelContext", "not started");
            return;
        }
        List<Map<String, Object>> all = routes.routes();
        List<String> notRunning = all.stream().filter(r -> !"Started".equals(r.get("state")))
                .map(r -> r.get("id") + "=" + r.get("state")).toList();
        List<String> failed = all.stream().filter(r -> !"Started".equals(r.get("state")))
                .map(r -> (String) r.get("id")).filter(id -> !routes.pausedByAdmin(id)).toList();
        builder.status(failed.isEmpty() ? org.springframework.boot.actuate.health.Status.UP
                        : org.springframework.boot.actuate.health.Status.DOWN)
                .withDetail("routes", all.size())
                .withDetail("notRunning", notRunning)
                .withDetail("pausedByAdmin", all.stream().map(r -> (String) r.get("id")).filter(routes::pausedByAdmin).toList())
                .withDetail("failuresLastHour", routes.failuresInLastHour());
    }
}
