package cn.degreehub.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The admin API and actuator refuse an unauthenticated call with 401 and no {@code WWW-Authenticate: Basic}
 * challenge. Without the challenge a browser never shows its password dialog for these addresses and so never
 * caches Basic credentials that it would add to a request another site forges (the API needs no CSRF token
 * when called with Basic credentials). Programs send their credentials with the request (curl -u, an
 * Authorization header) and are not affected.
 */
public class NoChallengeEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/json;charset=UTF-8");
        String zh = e instanceof LockedException ? "账号暂时锁定，请稍后再试" : "需要认证：请随请求发送 HTTP Basic 凭据";
        String en = e instanceof LockedException ? e.getMessage()
                : "Authentication required: send HTTP Basic credentials with the request";
        response.getOutputStream().write(("{\"error\":\"UNAUTHENTICATED\",\"messageZh\":\"" + zh + "\",\"messageEn\":\""
                + en.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
