package cn.degreehub.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.degreehub.partner.LoginThrottle.LockEvent;
import cn.degreehub.partner.LoginThrottle.Outcome;
import cn.degreehub.partner.LoginThrottle.Settings;
import cn.degreehub.partner.LoginThrottle.Verdict;
import cn.degreehub.partner.PartnerRegistryProperties.AccountEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import cn.degreehub.support.MovableClock;
import org.junit.jupiter.api.Test;

/** The login throttle's rules on a clock the test moves. */
class LoginThrottleTest {

    private static final String PORTAL_ADDRESS = "10.0.0.1";
    private static final String GUESSER = "203.0.113.9";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T02:00:00Z"));
    private final List<LockEvent> events = new ArrayList<>();
    private final AtomicInteger passwordChecks = new AtomicInteger();
    private LoginThrottle throttle = throttle(30);

    private LoginThrottle throttle(int addressMaxFailures) {
        return new LoginThrottle(registry(), clock, new Settings(5, Duration.ofMinutes(15), 5, addressMaxFailures,
                Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(2), 64, 100, 100), events::add);
    }

    private Outcome login(String user, String address, boolean rightPassword) {
        return throttle.attempt(user, address, () -> {
            passwordChecks.incrementAndGet();
            return rightPassword;
        });
    }

    @Test
    void aStrangerGuessingAtThePortalIsRefusedWhileThePortalWorksFromItsOwnAddress() {
        for (int i = 0; i < 5; i++) {
            assertThat(login("portal", GUESSER, false).verdict()).isEqualTo(Verdict.WRONG_PASSWORD);
        }
        int checks = passwordChecks.get();
        Outcome refused = login("portal", GUESSER, true);
        assertThat(refused.verdict()).as("even the right password, from the guesser's address").isEqualTo(Verdict.THROTTLED);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(passwordChecks.get()).as("a refused attempt does no password work").isEqualTo(checks);
        assertThat(login("portal", PORTAL_ADDRESS, true).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("PAIR");
            assertThat(e.address()).isEqualTo(GUESSER);
        });
    }

    @Test
    void refusalsGrowAndEnd() {
        throttle = throttle(1000);
        List<Duration> periods = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            for (int i = 0; i < 5; i++) {
                assertThat(login("portal", GUESSER, false).verdict()).isEqualTo(Verdict.WRONG_PASSWORD);
            }
            Outcome refused = login("portal", GUESSER, false);
            assertThat(refused.verdict()).isEqualTo(Verdict.THROTTLED);
            periods.add(refused.retryAfter());
            clock.advance(refused.retryAfter().minusSeconds(1));
            assertThat(login("portal", GUESSER, true).verdict()).as("a second before the end").isEqualTo(Verdict.THROTTLED);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(periods).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(32), Duration.ofHours(1), Duration.ofHours(1));
        assertThat(login("portal", GUESSER, true).verdict()).as("the right password once the refusal ended").isEqualTo(Verdict.ACCEPTED);
        for (int i = 0; i < 5; i++) {
            login("portal", GUESSER, false);
        }
        assertThat(login("portal", GUESSER, false).retryAfter()).as("a success starts the pair afresh")
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void oneAddressTryingManyNamesIsRefusedForAll() {
        for (int i = 0; i < 30; i++) {
            assertThat(login("user-" + i, GUESSER, false).verdict()).isEqualTo(Verdict.WRONG_PASSWORD);
        }
        assertThat(login("portal", GUESSER, true).verdict()).isEqualTo(Verdict.THROTTLED);
        assertThat(login("portal", PORTAL_ADDRESS, true).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(events).extracting(LockEvent::kind).containsExactly("ADDRESS");
        clock.advance(Duration.ofMinutes(1));
        assertThat(login("portal", GUESSER, true).verdict()).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void aConsoleAccountIsLockedEverywhereAPartnerAccountNever() {
        for (int i = 0; i < 5; i++) {
            login("reviewer", "198.51.100." + i, false);
            login("portal", "198.51.100." + i, false);
        }
        Outcome locked = login("reviewer", PORTAL_ADDRESS, true);
        assertThat(locked.verdict()).as("five addresses, one wrong password each").isEqualTo(Verdict.LOCKED);
        assertThat(locked.retryAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(login("portal", PORTAL_ADDRESS, true).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(events).extracting(LockEvent::kind).containsExactly("ACCOUNT");

        throttle.unlock("reviewer");
        assertThat(login("reviewer", PORTAL_ADDRESS, true).verdict()).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void unknownNamesAreTrackedLikeKnownOnesAndAbsurdOnesNotAtAll() {
        for (int i = 0; i < 5; i++) {
            login("nobody", GUESSER, false);
        }
        assertThat(login("nobody", GUESSER, false).verdict()).as("an unknown name answers as a known one")
                .isEqualTo(Verdict.THROTTLED);
        int checks = passwordChecks.get();
        String absurd = "x".repeat(4000);
        assertThat(login(absurd, "192.0.2.1", true).verdict()).isEqualTo(Verdict.WRONG_PASSWORD);
        assertThat(passwordChecks.get()).as("no account has such a name: no password work").isEqualTo(checks);
    }

    @Test
    void memoryStaysBoundedWhateverTheNamesAndAddresses() {
        for (int i = 0; i < 5_000; i++) {
            login("guess-" + i, "198.18." + (i / 250) + "." + (i % 250), false);
            login("x".repeat(4000) + i, "198.19." + (i / 250) + "." + (i % 250), false);
        }
        assertThat(throttle.trackedEntries()).allSatisfy((cache, size) -> assertThat(size).as(cache).isLessThanOrEqualTo(100));
    }

    @Test
    void settingsThatWouldForgetARefusalBeforeItEndsAreRefused() {
        assertThatThrownBy(() -> new Settings(5, Duration.ofMinutes(15), 5, 30, Duration.ofMinutes(1),
                Duration.ofHours(1), Duration.ofMinutes(30), 64, 100, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    static PartnerRegistry registry() {
        PartnerRegistryProperties props = new PartnerRegistryProperties();
        props.setAccounts(List.of(
                new AccountEntry("portal", Role.PORTAL, null, null, null, "{noop}portal-pass", null),
                new AccountEntry("reviewer", Role.REVIEWER, null, null, null, "{noop}reviewer-pass", null)));
        return new PartnerRegistry(props);
    }

    @Test
    void wrongPasswordsOverSoapOrTheBrokerDoNotLockAConsoleAccountButALockHoldsThere() {
        throttle = throttle(1000);
        for (int i = 0; i < 20; i++) {
            String address = "198.51.100." + i;
            assertThat(throttle.attempt("reviewer", address, false, () -> false).verdict()).isEqualTo(Verdict.WRONG_PASSWORD);
        }
        assertThat(login("reviewer", PORTAL_ADDRESS, true).verdict()).as("not locked by strangers over SOAP")
                .isEqualTo(Verdict.ACCEPTED);
        for (int i = 0; i < 5; i++) {
            login("reviewer", "198.51.100." + (100 + i), false);
        }
        assertThat(throttle.attempt("reviewer", PORTAL_ADDRESS, false, () -> true).verdict())
                .as("locked in the console: refused over SOAP too").isEqualTo(Verdict.LOCKED);
    }
}
