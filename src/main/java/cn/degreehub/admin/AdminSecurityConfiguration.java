package cn.degreehub.admin;

import cn.degreehub.partner.Account;
import cn.degreehub.partner.Credentials;
import cn.degreehub.partner.LoginThrottle;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.Role;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * HTTP security: SOAP endpoints authenticate with WS-Security inside CXF; the admin API uses HTTP basic
 * against the same partner registry; only health, liveness and the verification address /verify are public.
 */
@Configuration(proxyBeanMethods = false)
public class AdminSecurityConfiguration {

    /**
     * SOAP authenticates with WS-Security inside CXF: no HTTP login, session, request cache or CSRF token
     * on this path, so the chain is kept minimal (the full chain was ~10 % of a read operation's CPU).
     */
    @Bean
    @Order(1)
    SecurityFilterChain soapFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/services/**"));
        return openAndStateless(http);
    }

    /**
     * The public verification address (docs/domain-rules.md, "Reports"): open to anyone, whatever the method or
     * Accept header, and so are the error dispatches of its requests (they run as /error, which the last chain
     * keeps for signed-in callers: an error there answered 401). No login of any kind, no session, no CSRF
     * token (it changes nothing), no challenge.
     */
    @Bean
    @Order(0)
    SecurityFilterChain verifyFilterChain(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(path.matcher("/verify"), path.matcher("/verify/**"),
                        AdminSecurityConfiguration::isVerifyErrorDispatch));
        return openAndStateless(http);
    }

    /** A chain Spring Security lets through untouched: no session, request cache, CSRF token or security context. */
    private static SecurityFilterChain openAndStateless(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** The error dispatch (/error) of a request to /verify or below. */
    static boolean isVerifyErrorDispatch(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            return false;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String verify = request.getContextPath() + "/verify";
        return uri instanceof String u && (u.equals(verify) || u.startsWith(verify + "/"));
    }

    /**
     * The admin console (/admin, not /admin/api): form login for ADMIN and REVIEWER accounts, a session
     * (timeout in server.servlet.session.timeout), CSRF tokens on every form, failed-login lockout.
     */
    @Bean
    @Order(2)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, SessionLimitConfiguration.SessionCap sessionCap)
            throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new AndRequestMatcher(path.matcher("/admin/**"), new NegatedRequestMatcher(path.matcher("/admin/api/**"))))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path.matcher("/admin/login"), path.matcher("/admin/console.css")).permitAll()
                        .requestMatchers(path.matcher("/admin/denied")).authenticated()
                        .requestMatchers(path.matcher("/admin/routes/**"), path.matcher("/admin/queues/**"),
                                path.matcher("/admin/partners/**"), path.matcher("/admin/audit/**"),
                                path.matcher("/admin/filings/publication"), path.matcher("/admin/calendar"))
                        .hasRole(Role.ADMIN.name())
                        .anyRequest().hasAnyRole(Role.ADMIN.name(), Role.REVIEWER.name()))
                .formLogin(form -> form.loginPage("/admin/login").defaultSuccessUrl("/admin", true)
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + "/admin/login?" + (e instanceof LockedException ? "locked" : "error"))))
                .logout(logout -> logout.logoutUrl("/admin/logout").logoutSuccessUrl("/admin/login?logout"))
                // no session before a sign-in: the CSRF token is a cookie and the page asked for is not kept (a
                // sign-in always lands on the dashboard), so a flood of anonymous visitors cannot use up the
                // sessions (degreehub.security.max-sessions) admins need
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens()))
                .requestCache(cache -> cache.disable())
                // the cluster's cap on sessions (checked before a sign-in takes one), then a new id on sign-in
                .sessionManagement(session -> session.sessionAuthenticationStrategy(new CompositeSessionAuthenticationStrategy(
                        List.of(sessionCap, new ChangeSessionIdAuthenticationStrategy()))))
                .exceptionHandling(e -> e.accessDeniedPage("/admin/denied"));
        return http.build();
    }

    /**
     * Hawtio and the Jolokia endpoint it talks to: ADMIN only, signed in through the console's login (same
     * session). Hawtio's script sends the CSRF token from the XSRF-TOKEN cookie as a header, so this chain
     * keeps its token in a cookie; Hawtio's own login is off (hawtio.authenticationEnabled).
     */
    @Bean
    @Order(3)
    SecurityFilterChain hawtioFilterChain(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(path.matcher("/actuator/hawtio/**"), path.matcher("/actuator/hawtio"),
                        path.matcher("/actuator/jolokia/**"), path.matcher("/actuator/jolokia")))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(Role.ADMIN.name()))
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/admin/login"))
                        .accessDeniedPage("/admin/denied"))
                // a refused visit is not kept for after the sign-in: no session for anonymous visitors here either
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.csrfTokenRepository(hawtioCsrfTokens())
                        .csrfTokenRequestHandler(new HeaderOrFormCsrfTokenHandler()));
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/admin/api/reviews/**", "/admin/api/reviews", "/admin/api/degree-changes/**",
                                "/admin/api/degree-changes", "/admin/api/deadlines/**", "/admin/api/deadlines",
                                "/admin/api/spot-checks/**", "/admin/api/spot-checks", "/admin/api/bindings/**",
                                "/admin/api/records/**", "/admin/api/policy-holds/**", "/admin/api/policy-holds",
                                "/admin/api/publication/semesters", "/admin/api/check-tasks/**", "/admin/api/closures",
                                "/admin/api/closures/**",
                                // the pushes' list only: a push (.../feedback/{semester}/push) is the admin's
                                "/admin/api/publication/feedback")
                        .hasAnyRole(Role.REVIEWER.name(), Role.ADMIN.name())
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/admin/api/publication/corrections",
                                "/admin/api/publication/corrections/**")
                        .hasAnyRole(Role.REVIEWER.name(), Role.ADMIN.name())
                        .requestMatchers("/admin/api/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                // 401 without a Basic challenge: a browser then never caches credentials a forged request would carry
                .httpBasic(basic -> basic.authenticationEntryPoint(new NoChallengeEntryPoint()))
                .exceptionHandling(e -> e.authenticationEntryPoint(new NoChallengeEntryPoint())
                        // an authenticated caller without the role gets the API's JSON too, not Spring's error page
                        .accessDeniedHandler((request, response, denied) -> {
                            var who = org.springframework.security.core.context.SecurityContextHolder.getContext()
                                    .getAuthentication();
                            if (who == null || !who.isAuthenticated()
                                    || who instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
                                // an anonymous caller (a POST without a CSRF token, say) is asked to authenticate
                                new NoChallengeEntryPoint().commence(request, response,
                                        new org.springframework.security.authentication.InsufficientAuthenticationException(
                                                denied.getMessage()));
                                return;
                            }
                            response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_FORBIDDEN);
                            response.setContentType("application/json;charset=UTF-8");
                            response.getOutputStream().write(("{\"error\":\"FORBIDDEN\",\"messageZh\":\"该账号无权执行此操作\","
                                    + "\"messageEn\":\"This account may not do this\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        }))
                // programs call these with basic auth: a refused call is not kept for after a login (it took a
                // session each, holding the request's headers: an anonymous flood filled the heap with them)
                .requestCache(cache -> cache.disable())
                // the admin API called with basic auth needs no CSRF token (a browser adds no Authorization header
                // to a forged request: it was never challenged, so it holds no Basic credentials for the hub);
                // called with the console's session cookie, it checks the token as the console does
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens()).ignoringRequestMatchers(new AndRequestMatcher(
                        PathPatternRequestMatcher.withDefaults().matcher("/admin/api/**"),
                        request -> request.getRequestedSessionId() == null || !request.isRequestedSessionIdValid())));
        return http.build();
    }

    /**
     * The console's and the admin API's CSRF token: in the session once signed in, in a cookie before
     * (no session for anonymous visitors).
     */
    static SessionOrCookieCsrfTokenRepository csrfTokens() {
        return new SessionOrCookieCsrfTokenRepository();
    }

    /** Hawtio's token: its script copies the XSRF-TOKEN cookie into an X-XSRF-TOKEN header. */
    static CookieCsrfTokenRepository hawtioCsrfTokens() {
        return CookieCsrfTokenRepository.withHttpOnlyFalse();
    }

    /**
     * Console form login and the admin API's HTTP basic: through the login throttle SOAP uses, so an account
     * locked here is locked over SOAP too, and wrong passwords count the same wherever they are tried.
     */
    @Bean
    AuthenticationProvider registryAuthenticationProvider(PartnerRegistry registry, Credentials credentials,
                                                          LoginThrottle throttle) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String username = authentication.getName();
                String password = String.valueOf(authentication.getCredentials());
                String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                        ? web.getRemoteAddress() : null;
                LoginThrottle.Outcome outcome = throttle.attempt(username, address,
                        () -> credentials.checkPassword(username, password));
                switch (outcome.verdict()) {
                    case ACCEPTED -> { }
                    case WRONG_PASSWORD -> throw new BadCredentialsException("Bad credentials");
                    default -> throw new LockedException(LoginThrottle.refusal(outcome).messageEn());
                }
                Account account = registry.account(username).orElseThrow(() -> new BadCredentialsException("Bad credentials"));
                return new UsernamePasswordAuthenticationToken(account, null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name())));
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }
}
