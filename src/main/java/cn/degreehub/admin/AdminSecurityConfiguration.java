package cn.degreehub.admin;

import cn.degreehub.partner.Account;
import cn.degreehub.partner.Credentials;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.Role;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * HTTP security: SOAP endpoints authenticate with WS-Security inside CXF; the admin API uses HTTP basic
 * against the same partner registry; only health and liveness are public.
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
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/services/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        // the verification address printed on reports and in their QR code: anyone holding a code
                        .requestMatchers("/verify/**").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/admin/api/reviews/**", "/admin/api/reviews", "/admin/api/degree-changes/**",
                                "/admin/api/degree-changes", "/admin/api/deadlines/**", "/admin/api/deadlines",
                                "/admin/api/spot-checks/**", "/admin/api/spot-checks")
                        .hasAnyRole(Role.REVIEWER.name(), Role.ADMIN.name())
                        .requestMatchers("/admin/api/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // SOAP carries its own authentication; the admin API is called with basic auth, not a browser session
                .csrf(csrf -> csrf.ignoringRequestMatchers("/admin/api/**"));
        return http.build();
    }

    @Bean
    AuthenticationProvider registryAuthenticationProvider(PartnerRegistry registry, Credentials credentials) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String username = authentication.getName();
                String password = String.valueOf(authentication.getCredentials());
                Account account = registry.account(username).orElse(null);
                if (account == null || !credentials.checkPassword(username, password)) {
                    throw new BadCredentialsException("Bad credentials");
                }
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
