package cn.degreehub.admin;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.partner.Account;
import java.util.Set;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.jolokia.server.core.restrictor.AllowAllRestrictor;
import org.jolokia.server.core.util.RequestType;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * What an admin may do through Jolokia (Hawtio's back end): read, list and search everything; run operations
 * that only read (get..., dump..., canInvoke...) on the Camel, Hawtio, Jolokia and java.lang MBeans; start,
 * stop, suspend and resume a Camel route as the console does. Everything else is refused: attribute writes,
 * other operations (a heap dump to a path of the caller's choice, resetting statistics...), notifications.
 * <p>
 * Jolokia asks here before each exec and write, whatever the request's HTTP form (GET with the operation in
 * the path, POST, bulk POST), so every change and every refusal is audited here under the admin's name; a
 * route stopped here counts as paused by an admin, as one paused in the console. Reads, HTTP methods and
 * client addresses are allowed as by Jolokia's allow-all restrictor: who may call at all is Spring Security's
 * decision (ADMIN, console login).
 */
public class JolokiaPolicy extends AllowAllRestrictor {

    /** Operations that only read, by name (Hawtio calls them to draw its pages). */
    private static final Pattern READ_ONLY = Pattern.compile(
            "(get|is|has|dump|list|browse|count|find|search|explain|query|canInvoke|create\\w*Json)([A-Z].*)?");
    /** Domains whose read-only operations may run: dumpHeap (com.sun.management) and the like are not among them. */
    private static final Set<String> READ_ONLY_DOMAINS = Set.of("org.apache.camel", "hawtio", "jolokia", "java.lang");
    private static final Set<String> ROUTE_OPERATIONS = Set.of("start", "stop", "suspend", "resume");

    private final AuditLog audit;
    private final RouteControl routes;

    public JolokiaPolicy(AuditLog audit, RouteControl routes) {
        this.audit = audit;
        this.routes = routes;
    }

    @Override
    public boolean isOperationAllowed(ObjectName mbean, String operation) {
        // Jolokia passes the operation with its signature when the caller gave one: "stop()", "dumpHeap(java.lang.String,boolean)"
        String name = operation.replaceAll("\\(.*", "");
        String route = routeId(mbean);
        if (route != null && ROUTE_OPERATIONS.contains(name)) {
            audit.record(actor(), "JMX_EXEC", mbean.toString(), operation);
            routes.adminActed(route, name);
            return true;
        }
        if (READ_ONLY_DOMAINS.contains(mbean.getDomain()) && READ_ONLY.matcher(name).matches()) {
            return true;
        }
        audit.record(actor(), "JMX_REFUSED", mbean.toString(), operation);
        return false;
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName mbean, String attribute) {
        audit.record(actor(), "JMX_REFUSED", mbean.toString(), attribute + " = ...");
        return false;
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        // write is refused attribute by attribute above, so that the attempt is audited
        return type != RequestType.NOTIFICATION && type != RequestType.CONFIG;
    }

    /**
     * Hawtio is served by the hub itself, so it needs no CORS headers, and none are sent (another site's script
     * cannot read answers); a request is not refused for its Origin (browsers send one on same-origin POSTs too).
     */
    @Override
    public boolean isOriginAllowed(String origin, boolean strictCheck) {
        return strictCheck;
    }

    /** The route of a Camel route MBean, e.g. org.apache.camel:context=degree-hub,type=routes,name="check-dispatch". */
    private static String routeId(ObjectName mbean) {
        if (!"org.apache.camel".equals(mbean.getDomain()) || !"routes".equals(mbean.getKeyProperty("type"))) {
            return null;
        }
        String name = mbean.getKeyProperty("name");
        return name != null && name.startsWith("\"") ? ObjectName.unquote(name) : name;
    }

    private static String actor() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "anonymous"
                : authentication.getPrincipal() instanceof Account account ? account.username() : authentication.getName();
    }
}
