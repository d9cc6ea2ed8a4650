package cn.degreehub.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed-login lockout for the console and the admin API: after {@code maxFailures} wrong passwords in a
 * row an account is refused for {@code lockFor}, even with the right password.
 */
public class LoginAttempts {

    private final Clock clock;
    private final int maxFailures;
    private final Duration lockFor;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private record State(int failures, Instant lockedUntil) {
    }

    public LoginAttempts(Clock clock, int maxFailures, Duration lockFor) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockFor = lockFor;
    }

    public boolean isLocked(String username) {
        State s = states.get(username);
        return s != null && s.lockedUntil() != null && clock.instant().isBefore(s.lockedUntil());
    }

    /** @return true if this failure locked the account */
    public boolean failed(String username) {
        State s = states.merge(username, new State(1, null), (old, one) -> {
            int failures = old.lockedUntil() != null && !clock.instant().isBefore(old.lockedUntil()) ? 1 : old.failures() + 1;
            return new State(failures, failures >= maxFailures ? clock.instant().plus(lockFor) : null);
        });
        return s.lockedUntil() != null && s.failures() == maxFailures;
    }

    public void succeeded(String username) {
        states.remove(username);
    }
}
