package cn.degreehub.partner;

import cn.degreehub.common.BoundedState;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.partner.PartnerRegistryProperties.AccountEntry;
import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The one place that decides whether a login may be tried, for SOAP (UsernameToken) and for the console and
 * admin API alike, and remembers wrong passwords:
 * <ul>
 * <li>per client address, any user name: after {@code addressMaxFailures} the address is refused for a while;</li>
 * <li>per user name from one client address: after {@code pairMaxFailures} that pair is refused for a while.
 * Both periods double with each refusal up to {@code maxLock}: guessing is useless, yet a stranger guessing at
 * the portal's account from elsewhere never refuses the portal at its own address;</li>
 * <li>per console account (ADMIN, REVIEWER): after {@code accountMaxFailures} wrong passwords in a row, from
 * anywhere, the account is locked everywhere for {@code accountLock}. Partner accounts are never locked
 * account-wide, so nobody can lock a partner out.</li>
 * </ul>
 * Refused attempts do no password work. Known and unknown user names are tracked alike (nothing tells them
 * apart); a name no account can have (too long, empty) is not tracked, only counted for its address. All of it
 * lives in bounded caches: memory stays flat whatever anonymous callers send.
 * <p>
 * In a cluster the throttle is each node's own, on purpose (its memory is what keeps a flood cheap): the limits
 * are divided by the nodes ({@code degreehub.cluster.nodes}, {@link Settings#perNode}), so a guesser spread over
 * all nodes gets about the configured number of wrong passwords in all; a lock and an administrator's unlock act
 * on the node that saw them (docs/operations.md, "Cluster").
 */
public class LoginThrottle {

    public enum Verdict { ACCEPTED, WRONG_PASSWORD, THROTTLED, LOCKED }

    /** @param retryAfter for THROTTLED and LOCKED: how long the refusal lasts */
    public record Outcome(Verdict verdict, Duration retryAfter) {
    }

    /** A refusal period began: {@code kind} ADDRESS, PAIR or ACCOUNT. */
    public record LockEvent(String kind, String username, String address, int failures, Duration duration) {
    }

    @ConfigurationProperties("degreehub.security.logins")
    public record Settings(int accountMaxFailures, Duration accountLock, int pairMaxFailures, int addressMaxFailures,
                           Duration firstLock, Duration maxLock, Duration forgetAfter, int maxUserNameLength,
                           long maxTrackedAddresses, long maxTrackedPairs) {
        public Settings {
            if (forgetAfter.compareTo(maxLock) < 0 || forgetAfter.compareTo(accountLock) < 0) {
                throw new IllegalArgumentException("forget-after must be at least max-lock and account-lock: "
                        + "a refusal must not be forgotten before it ends");
            }
        }

        /**
         * One node's share of a cluster of {@code nodes}: each number of wrong passwords divided by the nodes
         * (rounded up, at least 1), so that all nodes together allow about the configured number.
         */
        public Settings perNode(int nodes) {
            if (nodes <= 1) {
                return this;
            }
            return new Settings(share(accountMaxFailures, nodes), accountLock, share(pairMaxFailures, nodes),
                    share(addressMaxFailures, nodes), firstLock, maxLock, forgetAfter, maxUserNameLength,
                    maxTrackedAddresses, maxTrackedPairs);
        }

        private static int share(int max, int nodes) {
            return Math.max(1, (max + nodes - 1) / nodes);
        }
    }

    /** A textual IPv6 address with a zone fits; anything longer comes from a forwarded header and is cut. */
    private static final int MAX_ADDRESS_LENGTH = 64;

    private record Failures(int inARow, int locks, Instant lockedUntil) {
    }

    private final PartnerRegistry registry;
    private final Clock clock;
    private final Settings settings;
    private final Consumer<LockEvent> onLock;
    private final Cache<String, Failures> addresses;
    private final Cache<String, Failures> pairs;
    /** keyed only by console accounts of the registry: bounded by it */
    private final Cache<String, Failures> accounts;

    public LoginThrottle(PartnerRegistry registry, Clock clock, Settings settings, Consumer<LockEvent> onLock) {
        this.registry = registry;
        this.clock = clock;
        this.settings = settings;
        this.onLock = onLock;
        for (AccountEntry a : registry.accountEntries()) {
            if (a.username().length() > settings.maxUserNameLength()) {
                throw new IllegalStateException("Account " + a.username() + " is longer than the longest user name"
                        + " a login may give (degreehub.security.logins.max-user-name-length)");
            }
        }
        this.addresses = BoundedState.cache(settings.maxTrackedAddresses(), settings.forgetAfter(), clock);
        this.pairs = BoundedState.cache(settings.maxTrackedPairs(), settings.forgetAfter(), clock);
        this.accounts = BoundedState.cache(Math.max(1, registry.accountCount()), settings.forgetAfter(), clock);
    }

    public void publish(MeterRegistry meters) {
        BoundedState.publish(meters, "login-addresses", addresses, settings.maxTrackedAddresses());
        BoundedState.publish(meters, "login-pairs", pairs, settings.maxTrackedPairs());
        BoundedState.publish(meters, "login-accounts", accounts, Math.max(1, registry.accountCount()));
    }

    /** Entries held now, per cache. */
    public Map<String, Long> trackedEntries() {
        return Map.of("login-addresses", BoundedState.size(addresses), "login-pairs", BoundedState.size(pairs),
                "login-accounts", BoundedState.size(accounts));
    }

    /**
     * One login attempt: refused at once while the address, the pair or the console account is refused;
     * otherwise {@code passwordMatches} is asked (it must cost the same for unknown names) and the answer counted.
     */
    public Outcome attempt(String username, String clientAddress, BooleanSupplier passwordMatches) {
        return attempt(username, clientAddress, true, passwordMatches);
    }

    /**
     * @param consoleLogin true for the console and the admin API: only their failures lock a console account
     *                     (SOAP and the broker honour the lock, but a stranger guessing there cannot set it)
     */
    public Outcome attempt(String username, String clientAddress, boolean consoleLogin, BooleanSupplier passwordMatches) {
        Instant now = clock.instant();
        String address = clientAddress == null ? "unknown" : clientAddress.length() > MAX_ADDRESS_LENGTH
                ? clientAddress.substring(0, MAX_ADDRESS_LENGTH) : clientAddress;
        Duration wait = refusedFor(addresses, address, now);
        if (wait != null) {
            return new Outcome(Verdict.THROTTLED, wait);
        }
        if (username == null || username.isEmpty() || username.length() > settings.maxUserNameLength()) {
            failed(addresses, address, settings.addressMaxFailures(), true, now, "ADDRESS", null, address);
            return new Outcome(Verdict.WRONG_PASSWORD, null);
        }
        String pair = username + '\u0000' + address;
        wait = refusedFor(pairs, pair, now);
        if (wait != null) {
            return new Outcome(Verdict.THROTTLED, wait);
        }
        boolean consoleAccount = registry.account(username).map(a -> a.role().console()).orElse(false);
        wait = consoleAccount ? refusedFor(accounts, username, now) : null;
        if (wait != null) {
            return new Outcome(Verdict.LOCKED, wait);
        }
        if (passwordMatches.getAsBoolean()) {
            pairs.invalidate(pair);
            if (consoleAccount && consoleLogin) {
                accounts.invalidate(username);
            }
            return new Outcome(Verdict.ACCEPTED, null);
        }
        failed(addresses, address, settings.addressMaxFailures(), true, now, "ADDRESS", null, address);
        failed(pairs, pair, settings.pairMaxFailures(), true, now, "PAIR", username, address);
        if (consoleAccount && consoleLogin) {
            failed(accounts, username, settings.accountMaxFailures(), false, now, "ACCOUNT", username, address);
        }
        return new Outcome(Verdict.WRONG_PASSWORD, null);
    }

    /** An administrator lifts the lock of an account and the refusals of its name at every address. */
    public void unlock(String username) {
        accounts.invalidate(username);
        pairs.asMap().keySet().removeIf(key -> key.startsWith(username + '\u0000'));
    }

    private static Duration refusedFor(Cache<String, Failures> cache, String key, Instant now) {
        Failures f = cache.getIfPresent(key);
        return f == null || f.lockedUntil() == null || !now.isBefore(f.lockedUntil()) ? null
                : Duration.between(now, f.lockedUntil());
    }

    private void failed(Cache<String, Failures> cache, String key, int maxFailures, boolean growing, Instant now,
                        String kind, String username, String address) {
        Failures after = cache.asMap().compute(key, (k, old) -> {
            int inARow = (old == null ? 0 : old.inARow()) + 1;
            int locks = old == null ? 0 : old.locks();
            if (inARow < maxFailures) {
                return new Failures(inARow, locks, old == null ? null : old.lockedUntil());
            }
            return new Failures(0, locks + 1, now.plus(growing ? lockFor(locks + 1) : settings.accountLock()));
        });
        if (after.inARow() == 0) {
            onLock.accept(new LockEvent(kind, username, address, maxFailures,
                    Duration.between(now, after.lockedUntil())));
        }
    }

    /** The n-th refusal of an address or pair: the first period, doubled each time, at most maxLock. */
    Duration lockFor(int n) {
        Duration d = settings.firstLock().multipliedBy(1L << Math.min(n - 1, 30));
        return d.compareTo(settings.maxLock()) > 0 || d.isNegative() ? settings.maxLock() : d;
    }

    /** The SOAP fault for a refused attempt: the same words as the console's. */
    public static DegreeHubException refusal(Outcome outcome) {
        long seconds = Math.max(1, (outcome.retryAfter().toMillis() + 999) / 1000);
        if (outcome.verdict() == Verdict.LOCKED) {
            return new DegreeHubException(FaultCode.UNAUTHENTICATED,
                    "账号因多次密码错误已暂时锁定，请于 " + seconds + " 秒后再试或联系管理员解锁",
                    "Account temporarily locked after repeated wrong passwords; try again in " + seconds
                            + " s or ask an administrator to unlock it");
        }
        return new DegreeHubException(FaultCode.RATE_LIMITED,
                "密码错误次数过多，来自此地址的登录已暂停，请于 " + seconds + " 秒后再试",
                "Too many wrong passwords; logins from this address are paused, try again in " + seconds + " s");
    }
}
