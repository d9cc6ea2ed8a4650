package cn.degreehub.admin;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.partner.Account;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The hub's Camel routes with their figures; stop, start, suspend, resume (role ADMIN, audited). */
@RestController
@RequestMapping("/admin/api/routes")
public class RoutesController {

    private final CamelContext camel;
    private final AuditLog audit;

    public RoutesController(CamelContext camel, AuditLog audit) {
        this.camel = camel;
        this.audit = audit;
    }

    @GetMapping
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
            return m;
        }).toList();
    }

    @PostMapping("/{id}/{action}")
    public Map<String, Object> act(@PathVariable String id, @PathVariable String action,
                                   @AuthenticationPrincipal Account admin) throws Exception {
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
        audit.record(admin.username(), "ROUTE_" + action.toUpperCase(), id, null);
        return Map.of("id", id, "state", camel.getRouteController().getRouteStatus(id).name());
    }
}
