package cn.degreehub.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * The console's CSRF token: in the HTTP session once there is one (a signed-in user), so a token planted in a
 * cookie by another site cannot stand in for it; before the sign-in in a cookie, so that an anonymous visitor
 * of the login page takes no session (the sessions are capped: degreehub.security.max-sessions).
 */
class SessionOrCookieCsrfTokenRepository implements CsrfTokenRepository {

    private final HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();
    private final CookieCsrfTokenRepository cookie = CookieCsrfTokenRepository.withHttpOnlyFalse();

    SessionOrCookieCsrfTokenRepository() {
        // one header name for both, as documented for the console and the admin API
        cookie.setHeaderName("X-CSRF-TOKEN");
        cookie.setCookieName("DEGREEHUB-LOGIN-CSRF");
    }

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return signedIn(request) ? session.generateToken(request) : cookie.generateToken(request);
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        if (token == null) {
            // a sign-in or sign-out clears the token wherever it was
            cookie.saveToken(null, request, response);
            if (signedIn(request)) {
                session.saveToken(null, request, response);
            }
        } else if (signedIn(request)) {
            session.saveToken(token, request, response);
        } else {
            cookie.saveToken(token, request, response);
        }
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return signedIn(request) ? session.loadToken(request) : cookie.loadToken(request);
    }

    private static boolean signedIn(HttpServletRequest request) {
        return request.getSession(false) != null;
    }
}
