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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hub's Camel routes for the console and the admin API: state and figures per route, the last error,
 * failures in the last hour, and stop / start / suspend / resume (audited).
 * <p>
 * In a cluster a pause is the cluster's: the wanted state is kept in table route_pause, and every node applies
 * it ({@link #applySharedState()}, at start and every {@code degreehub.cluster.route-sync-ms}): a route an admin
 * stopped or suspended on one node is stopped or suspended on every node, and started or resumed everywhere
 * again. The figures, failures and last errors stay each node's own.
 */
public class RouteControl extends EventNotifierSupport {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RouteControl.class);

    private static final java.time.format.DateTimeFormatter ERROR_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ChinaTime.ZONE);

    private final CamelContext camel;
    private final AuditLog audit;
    private final Clock clock;
    private final Deque<Instant> failures = new ArrayDeque<>();
    private final Map<String, String> lastErrors = new java.util.concurrent.ConcurrentHashMap<>();
    /** Routes an admin stopped or suspended on purpose: not a fault for the health check. */
    private final java.util.Set<String> pausedByAdmin = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final JdbcTemplate jdbc;

    public RouteControl(CamelContext camel, AuditLog audit, Clock clock) {
        this(camel, audit, clock, null);
    }

    /** @param jdbc the database the nodes share (route_pause); null: pauses are this node's only */
    public RouteControl(CamelContext camel, AuditLog audit, Clock clock, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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

    /**
     * An admin stopped, suspended, started or resumed a route (here, or through Jolokia): remembered for the health
     * check, and as the cluster's wanted state (route_pause) which every node applies.
     */
    public void adminActed(String id, String action) {
        adminActed(id, action, "jmx");
    }

    void adminActed(String id, String action, String actor) {
        if (action.equals("stop") || action.equals("suspend")) {
            pausedByAdmin.add(id);
            if (jdbc != null) {
                jdbc.update("DELETE FROM route_pause WHERE route_id = ?", id);
                jdbc.update("INSERT INTO route_pause (route_id, action, actor, paused_at) VALUES (?, ?, ?, ?)", id, action,
                        actor == null ? "-" : actor, cn.degreehub.common.UtcTime.column(clock.instant()));
            }
        } else if (action.equals("start") || action.equals("resume")) {
            pausedByAdmin.remove(id);
            if (jdbc != null) {
                jdbc.update("DELETE FROM route_pause WHERE route_id = ?", id);
            }
        }
    }

    /** The pauses wanted in the cluster: route id to "stop" or "suspend". */
    public Map<String, String> sharedPauses() {
        Map<String, String> wanted = new java.util.TreeMap<>();
        if (jdbc != null) {
            jdbc.query("SELECT route_id, action FROM route_pause", rs -> {
                wanted.put(rs.getString(1), rs.getString(2));
            });
        }
        return wanted;
    }

    /**
     * Makes this node's routes what the cluster wants: paused where an admin paused them on any node, running
     * again where an admin started or resumed them. Returns how many routes it changed.
     */
    public synchronized int applySharedState() {
        if (jdbc == null || !camel.getStatus().isStarted()) {
            return 0;
        }
        Map<String, String> wanted = sharedPauses();
        int changed = 0;
        for (Route route : camel.getRoutes()) {
            String id = route.getRouteId();
            org.apache.camel.ServiceStatus status = camel.getRouteController().getRouteStatus(id);
            String want = wanted.get(id);
            try {
                if ("stop".equals(want) && !status.isStopped()) {
                    camel.getRouteController().stopRoute(id);
                } else if ("suspend".equals(want) && status.isStarted()) {
                    camel.getRouteController().suspendRoute(id);
                } else if (want == null && pausedByAdmin.contains(id) && status.isStopped()) {
                    camel.getRouteController().startRoute(id);
                } else if (want == null && pausedByAdmin.contains(id) && status.isSuspended()) {
                    camel.getRouteController().resumeRoute(id);
                } else {
                    if (want != null) {
                        pausedByAdmin.add(id);
                    }
                    continue;
                }
            } catch (Exception e) {
                log.warn("Route {} could not be brought to the cluster's state ({}): {}", id, want == null ? "running" : want,
                        e.toString());
                continue;
            }
            if (want != null) {
                pausedByAdmin.add(id);
            } else {
                pausedByAdmin.remove(id);
            }
            changed++;
            log.info("Route {} {} as an admin wanted on another node", id, want == null ? "running again" : want);
        }
        return changed;
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
        adminActed(id, action, actor);
        audit.record(actor, "ROUTE_" + action.toUpperCase(), id, null);
        return camel.getRouteController().getRouteStatus(id).name();
    }
}
