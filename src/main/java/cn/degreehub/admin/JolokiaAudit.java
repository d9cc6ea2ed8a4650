package cn.degreehub.admin;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.partner.Account;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What an admin changes through Hawtio (JMX operations and attribute writes sent to Jolokia, e.g. stopping a
 * route) goes into the audit log like the console's own actions; reads, searches, lists and operations that
 * only read (get..., dump..., canInvoke...) are not recorded.
 */
public class JolokiaAudit extends OncePerRequestFilter {

    /** Hawtio asks canInvoke for every MBean in one bulk request: hundreds of kilobytes. */
    private static final int MAX_BODY = 8 * 1024 * 1024;
    /** Operations that only read (Hawtio calls them to draw its pages): not changes, not audited. */
    private static final java.util.regex.Pattern READ_ONLY = java.util.regex.Pattern.compile(
            "(get|is|has|dump|list|browse|count|find|search|explain|query|canInvoke|create\\w*Json)[A-Z(].*|canInvoke.*");

    /** A Camel route's MBean, e.g. org.apache.camel:context=degree-hub,type=routes,name="check-dispatch". */
    private static final java.util.regex.Pattern ROUTE_MBEAN = java.util.regex.Pattern.compile(
            "org\\.apache\\.camel:.*type=routes.*name=\"?([^\",]+)\"?.*");

    private final AuditLog audit;
    private final RouteControl routes;
    private final ObjectMapper json = new ObjectMapper();

    public JolokiaAudit(AuditLog audit, RouteControl routes) {
        this.audit = audit;
        this.routes = routes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        String actor = authentication == null ? "anonymous"
                : authentication.getPrincipal() instanceof Account account ? account.username() : authentication.getName();
        if ("GET".equals(request.getMethod())) {
            // GET /jolokia/<type>/<mbean>/<operation or attribute>/...: the path is the request
            String path = request.getRequestURI().substring(request.getContextPath().length());
            int at = path.indexOf("/jolokia/");
            String[] parts = (at < 0 ? "" : path.substring(at + "/jolokia/".length())).split("/");
            if (parts.length > 2) {
                record(actor, parts[0], parts[1], parts[2], null);
            }
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        try {
            JsonNode root = json.readTree(body);
            for (JsonNode r : root != null && root.isArray() ? root : List.of(root == null ? json.nullNode() : root)) {
                String type = r.path("type").asText("");
                String member = type.equals("exec") ? r.path("operation").asText() : r.path("attribute").asText();
                String what = type.equals("exec") ? member + " " + r.path("arguments") : member + " = " + r.path("value");
                record(actor, type, r.path("mbean").asText(), member, what);
            }
        } catch (IOException notJson) {
            // Jolokia answers the malformed request itself
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    /**
     * Audits a write, or an operation that does more than read (Hawtio asking what the user may do, or reading a
     * route's XML or statistics, changes nothing); a route stopped or started in Hawtio counts as an admin's
     * doing, as one in the console.
     */
    private void record(String actor, String type, String mbean, String member, String what) {
        if (!(type.equals("write") || type.equals("exec") && !READ_ONLY.matcher(member).matches())) {
            return;
        }
        audit.record(actor, "JMX_" + type.toUpperCase(), mbean, what == null ? member : cut(what));
        var route = ROUTE_MBEAN.matcher(mbean);
        if (type.equals("exec") && route.matches()) {
            routes.adminActed(route.group(1), member.replaceAll("\\(.*", ""));
        }
    }

    private static String cut(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400);
    }

    /** The request with its body read once and handed on. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public int available() {
                    return in.available();
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
