package cn.degreehub.admin;

import cn.degreehub.partner.Account;
import java.util.List;
import java.util.Map;
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

    private final RouteControl routes;

    public RoutesController(RouteControl routes) {
        this.routes = routes;
    }

    @GetMapping
    public List<Map<String, Object>> routes() {
        return routes.routes();
    }

    @PostMapping("/{id}/{action}")
    public Map<String, Object> act(@PathVariable String id, @PathVariable String action,
                                   @AuthenticationPrincipal Account admin) throws Exception {
        return Map.of("id", id, "state", routes.act(id, action, admin.username()));
    }
}
