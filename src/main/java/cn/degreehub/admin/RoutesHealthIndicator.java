package cn.degreehub.admin;

import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

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
        Map<String, String> states = routes.states();
        List<String> notRunning = states.keySet().stream().filter(id -> !"Started".equals(states.get(id))).toList();
        List<String> paused = notRunning.stream().filter(routes::pausedByAdmin).toList();
        builder.status(paused.size() == notRunning.size() ? Status.UP : Status.DOWN)
                .withDetail("routes", states.size())
                .withDetail("notRunning", notRunning.stream().map(id -> id + "=" + states.get(id)).toList())
                .withDetail("pausedByAdmin", paused)
                .withDetail("failuresLastHour", routes.failuresInLastHour());
    }
}
