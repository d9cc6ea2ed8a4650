package cn.degreehub.admin;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.partner.Account;
import cn.degreehub.partner.Role;
import cn.degreehub.support.ClusterDatabase;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.authentication.session.SessionAuthenticationException;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The console's sessions on the database the nodes share (V11__cluster.sql): what one node's sign-in stored,
 * another node reads; the cap counts the cluster's sessions.
 */
class ClusterSessionsTest {

    private final DataSource db = ClusterDatabase.migrated("cluster-sessions");

    /** A node's repository, as Spring Session builds it (its session type is not public: used as Session). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private SessionRepository<Session> node() {
        JdbcTemplate jdbc = new JdbcTemplate(db);
        return (SessionRepository) new JdbcIndexedSessionRepository(jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(db)));
    }

    @Test
    void aSignInOnOneNodeIsAcceptedByAnother() {
        SessionRepository<Session> nodeA = node();
        SessionRepository<Session> nodeB = node();
        Account admin = new Account("admin", Role.ADMIN, null, null, null);
        SecurityContext signedIn = new SecurityContextImpl(new UsernamePasswordAuthenticationToken(admin, null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));

        Session session = nodeA.createSession();
        session.setAttribute("SPRING_SECURITY_CONTEXT", signedIn);
        session.setAttribute("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN",
                new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "token-1"));
        nodeA.save(session);

        // node A is gone; node B serves the next request of the same cookie
        Session onB = nodeB.findById(session.getId());
        assertThat(onB).isNotNull();
        SecurityContext context = onB.getAttribute("SPRING_SECURITY_CONTEXT");
        assertThat(context.getAuthentication().getPrincipal()).isEqualTo(admin);
        assertThat(((DefaultCsrfToken) onB.getAttribute(
                "org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN")).getToken())
                .isEqualTo("token-1");
        // a sign-out on node B ends it for node A too
        nodeB.deleteById(session.getId());
        assertThat(nodeA.findById(session.getId())).isNull();
    }

    @Test
    void theSessionCapCountsTheClustersSessions() {
        SessionRepository<Session> nodeA = node();
        SessionRepository<Session> nodeB = node();
        var sessionCap = new SessionLimitConfiguration.SessionCap(new JdbcTemplate(db), Clock.systemUTC(), 2);
        int before = sessionCap.liveSessions();
        nodeA.save(nodeA.createSession());
        nodeB.save(nodeB.createSession());
        assertThat(sessionCap.liveSessions()).isEqualTo(before + 2);
        var signIn = new UsernamePasswordAuthenticationToken("admin", null, List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sessionCap.onAuthentication(signIn,
                new MockHttpServletRequest(), new MockHttpServletResponse())).isInstanceOf(SessionAuthenticationException.class);
        // a sign-in from a session that exists takes no new one
        MockHttpServletRequest withSession = new MockHttpServletRequest();
        withSession.getSession(true);
        sessionCap.onAuthentication(signIn, withSession, new MockHttpServletResponse());
    }
}
