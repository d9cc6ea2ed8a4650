package cn.degreehub.partner;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.types.FaultCode;
import java.security.Principal;
import java.util.Arrays;
import javax.security.auth.Subject;
import org.apache.camel.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.security.SecurityContext;

/** Finds the account a SOAP request was authenticated as and checks it may call the service. */
public class PartnerAuthentication {

    private final PartnerRegistry registry;

    public PartnerAuthentication(PartnerRegistry registry) {
        this.registry = registry;
    }

    /** The caller's account; refuses a caller without one of the roles (comma-separated). */
    public Account require(Exchange exchange, String roles) {
        String username = principalName(exchange);
        Account account = registry.account(username).orElseThrow(() -> new DegreeHubException(
                FaultCode.UNAUTHENTICATED, "未认证的调用方", "Caller not authenticated"));
        boolean allowed = Arrays.stream(roles.split(",")).map(String::trim).anyMatch(r -> account.role().name().equals(r));
        if (!allowed) {
            throw DegreeHubException.forbidden("账号 " + account.username() + " 无权调用此服务",
                    "Account " + account.username() + " may not call this service");
        }
        return account;
    }

    private static String principalName(Exchange exchange) {
        Message cxf = exchange.getIn().getHeader("CamelCxfMessage", Message.class);
        if (cxf != null) {
            SecurityContext sc = cxf.get(SecurityContext.class);
            if (sc != null && sc.getUserPrincipal() != null) {
                return sc.getUserPrincipal().getName();
            }
        }
        Subject subject = exchange.getIn().getHeader("CamelAuthentication", Subject.class);
        if (subject != null) {
            return subject.getPrincipals().stream().map(Principal::getName).findFirst().orElse(null);
        }
        return null;
    }
}
