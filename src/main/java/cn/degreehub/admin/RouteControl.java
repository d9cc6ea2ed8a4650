package cn.degreehub.admin;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * The hub's Camel routes for the console and the admin API: state and figures per route, the last error,
 * failures in the last hour, and stop / start / suspend / resume (audited).
 */
public class RouteControl extends EventNotifierSupport {

    private static final java.time.format.DateTimeFormatter ERROR_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ChinaTime.ZONE);

    private final CamelContext camel;
    private final AuditLog audit;
    private final Clock clock;
    private final Deque<Instant> failures = new ArrayDeque<>();
    private final Map<String, String> lastErrors = new java.util.concurrent.ConcurrentHashMap<>();
    /** Routes an admin stopped or suspended on purpose: not a fault for the health check. */
    private final java.util.Set<String> pausedByAdmin = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public RouteControl(CamelContext camel, AuditLog audit, Clock clock) {
        this.camel = camel;
        this.audit = audit;
        this.clock = clock;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        camel.getManagementStrategy().addEventNotifier(this);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeFailedEvent failed) {
            Instant now = clock.instant();
            synchronized (failures) {
                failures.addLast(now);
                while (failures.size() > 10_000) {
                    failures.removeFirst();
                }
            }
            String route = failed.getExchange().getFromRouteId();
            Exception e = failed.getExchange().getException();
            if (route != null) {
                // operators read China time
                lastErrors.put(route, ERROR_TIME.format(now) + " " + (e == null ? "failed" : e.getClass().getSimpleName() + ": "
                        + cn.degreehub.common.Masking.idNumbersIn(String.valueOf(e.getMessage()))));
            }
        }
    }

    public int failuresInLastHour() {
        Instant since = clock.instant().minus(Duration.ofHours(1));
        synchronized (failures) {
            return (int) failures.stream().filter(t -> t.isAfter(since)).count();
        }
    }

    /** An admin stopped, suspended, started or resumed a route (here, or through Jolokia): remembered for the health check. */
    public void adminActed(String id, String action) {
        if (action.equals("stop") || action.equals("suspend")) {
            pausedByAdmin.add(id);
        } else if (action.equals("start") || action.equals("resume")) {
            pausedByAdmin.remove(id);
        }
    }

    /** Whether a route that is not running was stopped or suspended by an admin. */
    public boolean pausedByAdmin(String id) {
        return pausedByAdmin.contains(id);
    }

    public boolean contextStarted() {
        return camel.getStatus().isStarted();
    }

    /** Each route's state (Started, Stopped, Suspended...) by id, without the figures. */
    public Map<String, String> states() {
        Map<String, String> states = new java.util.TreeMap<>();
        camel.getRoutes().forEach(r -> states.put(r.getRouteId(),
                camel.getRouteController().getRouteStatus(r.getRouteId()).name()));
        return states;
    }

    public List<Map<String, Object>> routes() {
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        return camel.getRoutes().stream().map(Route::getRouteId).sorted().map(id -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("state", camel.getRouteController().getRouteStatus(id).name());
            ManagedRouteMBean r = managed == null ? null : managed.getManagedRoute(id);
            if (r != null) {
                m.put("exchangesTotal", r.getExchangesTotal());
                m.put("exchangesFailed", r.getExchangesFailed());
                m.put("exchangesInflight", r.getExchangesInflight());
                m.put("meanProcessingTimeMs", r.getMeanProcessingTime());
                m.put("maxProcessingTimeMs", r.getMaxProcessingTime());
            }
            m.put("lastError", lastErrors.get(id));
            return m;
        }).toList();
    }

    public String act(String id, String action, String actor) throws Exception {
        if (camel.getRoute(id) == null) {
            throw DegreeHubException.notFound("路由", "Route");
        }
        switch (action) {
            case "stop" -> camel.getRouteController().stopRoute(id);
            case "start" -> camel.getRouteController().startRoute(id);
            case "suspend" -> camel.getRouteController().suspendRoute(id);
            case "resume" -> camel.getRouteController().resumeRoute(id);
            default -> throw DegreeHubException.invalid("action", "操作须为 stop/start/suspend/resume",
                    "The action is stop, start, suspend or resume");
        }
        adminActed(id, action);
        audit.record(actor, "ROUTE_" + action.toUpperCase(), id, null);
        return camel.getRouteController().getRouteStatus(id).name();
    }
}
