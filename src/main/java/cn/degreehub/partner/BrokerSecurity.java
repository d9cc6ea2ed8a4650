package cn.degreehub.partner;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the broker and what they may do there. Partners log in with their registry account
 * (the same password as over SOAP); the hub itself connects in-VM and is the only one with every right.
 * No anonymous connection is accepted.
 *
 * Rights per address ({@link #securitySettings()}): a province sends to {@value #FILING_IN} and reads only
 * {@code degreehub.filing.receipt.<its code>}; a unit reads only {@code degreehub.check.<its code>} and
 * {@code degreehub.feedback.<its code>} (withheld-records feedback), and sends to {@value #CHECK_RESULT}; everything
 * else (dead letters, internal queues, management) is the hub's. The broker stamps each message with the user it
 * authenticated (populate-validated-user), and the consumers check that user against the content
 * ({@link #senderOf}): a batch only for the sending province's units, a result only for the sending unit's tasks.
 */
public class BrokerSecurity implements ActiveMQSecurityManager5 {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerSecurity.class);

    /** The hub's own broker user (in-VM connections). */
    public static final String HUB_USER = cn.degreehub.common.jms.MessageSpool.HUB_BROKER_USER;
    public static final String FILING_IN = "degreehub.filing.in";
    public static final String CHECK_RESULT = "degreehub.check.result";

    private static final String HUB_ROLE = "hub";
    private static final String PROVINCE_ROLE = "province";
    private static final String UNIT_ROLE = "unit";

    private final PartnerRegistry registry;
    private final Credentials credentials;
    private final LoginThrottle throttle;

    public BrokerSecurity(PartnerRegistry registry, Credentials credentials, LoginThrottle throttle) {
        this.registry = registry;
        this.credentials = credentials;
        this.throttle = throttle;
    }

    /** The queue a province reads its filing receipts from. */
    public static String receiptQueue(String provinceCode) {
        return "degreehub.filing.receipt." + provinceCode;
    }

    /** The queue a unit with a queue channel reads its check requests from. */
    public static String checkQueue(String unitCode) {
        return "degreehub.check." + unitCode;
    }

    /** The queue a unit with a queue channel reads its withheld-records feedback from (docs/partner-interfaces.md). */
    public static String feedbackQueue(String unitCode) {
        return "degreehub.feedback." + unitCode;
    }

    @Override
    public Subject authenticate(String user, String password, RemotingConnection connection, String securityDomain) {
        if (connection != null && connection.getTransportConnection() instanceof InVMConnection) {
            return subject(HUB_USER, Set.of(HUB_ROLE));
        }
        if (user == null || password == null || user.length() > 64) {
            LOG.warn("Broker connection from {} refused: no credentials", remote(connection));
            return null;
        }
        var account = registry.account(user).filter(BrokerSecurity::hasQueues);
        if (account.isEmpty()) {
            // no broker rights (unknown, console, portal): refused like a wrong password, at the same cost, and
            // counted against the address only, so that nobody can lock a console account from the broker port
            credentials.checkPassword("\u0000", password);
            throttle.attempt(null, host(connection), () -> false);
            LOG.warn("Broker connection from {} refused: wrong user name or password", remote(connection));
            return null;
        }
        // the same throttle as SOAP and the console: guessing over the broker port is no side door
        LoginThrottle.Outcome outcome = throttle.attempt(user, host(connection), false,
                () -> credentials.checkPassword(user, password));
        if (outcome.verdict() != LoginThrottle.Verdict.ACCEPTED) {
            LOG.warn("Broker connection from {} refused: {}", remote(connection),
                    outcome.verdict() == LoginThrottle.Verdict.WRONG_PASSWORD ? "wrong user name or password" : outcome.verdict());
            return null;
        }
        Account a = account.get();
        Set<String> roles = switch (a.role()) {
            case PROVINCE -> Set.of(PROVINCE_ROLE, PROVINCE_ROLE + "-" + a.provinceCode());
            // the unit's queue carries every department's requests: only the lead account reads it
            case UNIT_LEAD -> Set.of(UNIT_ROLE, UNIT_ROLE + "-" + a.unitCode());
            case UNIT_DEPT -> Set.of(UNIT_ROLE);
            default -> Set.of();
        };
        return subject(a.username(), roles);
    }

    private static boolean hasQueues(Account a) {
        return a.is(cn.degreehub.partner.Role.PROVINCE) || a.is(cn.degreehub.partner.Role.UNIT_LEAD)
                || a.is(cn.degreehub.partner.Role.UNIT_DEPT);
    }

    @Override
    public boolean authorize(Subject subject, Set<Role> roles, CheckType checkType, String address) {
        if (subject == null) {
            return false;
        }
        Set<String> held = new HashSet<>();
        subject.getPrincipals(RolePrincipal.class).forEach(p -> held.add(p.getName()));
        return roles.stream().anyMatch(r -> held.contains(r.getName()) && checkType.hasRole(r));
    }

    @Override
    public boolean validateUser(String user, String password) {
        return authenticate(user, password, null, null) != null;
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return authorize(authenticate(user, password, null, null), roles, checkType, null);
    }

    /** Address match → roles with their rights; the hub's role is in every match (the most specific one wins). */
    public Map<String, Set<Role>> securitySettings() {
        Map<String, Set<Role>> settings = new LinkedHashMap<>();
        settings.put("#", Set.of(hub()));
        settings.put(FILING_IN, Set.of(hub(), role(PROVINCE_ROLE, r -> r.setSend(true))));
        settings.put(CHECK_RESULT, Set.of(hub(), role(UNIT_ROLE, r -> r.setSend(true))));
        for (PartnerRegistryProperties.Province p : registry.provinces()) {
            settings.put(receiptQueue(p.code()), Set.of(hub(), reader(PROVINCE_ROLE + "-" + p.code())));
        }
        for (PartnerRegistryProperties.Unit u : registry.units()) {
            settings.put(checkQueue(u.code()), Set.of(hub(), reader(UNIT_ROLE + "-" + u.code())));
            settings.put(feedbackQueue(u.code()), Set.of(hub(), reader(UNIT_ROLE + "-" + u.code())));
        }
        return settings;
    }

    /** The registry account behind a queue message's sender (MessageSpool.SENDER); empty when none. */
    public java.util.Optional<Account> senderOf(String sender) {
        return registry.account(sender);
    }

    private static Role reader(String name) {
        return role(name, r -> {
            r.setConsume(true);
            r.setBrowse(true);
        });
    }

    private static Role hub() {
        return role(HUB_ROLE, r -> {
            r.setSend(true);
            r.setConsume(true);
            r.setBrowse(true);
            r.setManage(true);
            r.setCreateAddress(true);
            r.setDeleteAddress(true);
            r.setCreateDurableQueue(true);
            r.setDeleteDurableQueue(true);
            r.setCreateNonDurableQueue(true);
            r.setDeleteNonDurableQueue(true);
        });
    }

    private static Role role(String name, Consumer<Role> rights) {
        Role role = new Role();
        role.setName(name);
        rights.accept(role);
        return role;
    }

    private static Subject subject(String user, Set<String> roles) {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(user));
        roles.forEach(r -> subject.getPrincipals().add(new RolePrincipal(r)));
        return subject;
    }

    /** "/127.0.0.1:54321" → "127.0.0.1", the form the throttle counts addresses in. */
    private static String host(RemotingConnection connection) {
        String remote = remote(connection);
        int slash = remote.indexOf('/');
        int colon = remote.lastIndexOf(':');
        return remote.substring(slash + 1, colon > slash ? colon : remote.length());
    }

    private static String remote(RemotingConnection connection) {
        return connection == null ? "?" : connection.getRemoteAddress();
    }
}
