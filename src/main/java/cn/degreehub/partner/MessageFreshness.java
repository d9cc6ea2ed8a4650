package cn.degreehub.partner;

import cn.degreehub.common.soap.SecurityFaults;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The one rule for the times in a WS-Security header, a wsu:Timestamp's and a UsernameToken's Created alike
 * (docs/partner-interfaces.md, "SOAP: WS-Security UsernameToken"): nothing created later than now + skew,
 * nothing expired before now - skew, nothing without Expires created before now - maxAge - skew.
 * <p>
 * Measured on the real clock, not the hub's business clock (which tests and rehearsals may start elsewhere,
 * degreehub.clock.start): partners' clocks are real ones.
 */
public final class MessageFreshness {

    static final String TIMESTAMP = "wsu:Timestamp";
    static final String USERNAME_TOKEN = "wsse:UsernameToken";

    private final Clock clock;
    private final Duration skew;
    private final Duration maxAge;

    public MessageFreshness(Clock clock, Duration skew, Duration maxAge) {
        if (skew.isNegative() || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("degreehub.soap.security: clock-skew must not be negative, max-age must"
                    + " be positive");
        }
        this.clock = clock;
        this.skew = skew;
        this.maxAge = maxAge;
    }

    /** A wsu:Timestamp: Created required (WSS4J makes sure), Expires optional. */
    void checkTimestamp(Instant created, Instant expires) {
        Instant now = clock.instant();
        if (created.isAfter(now.plus(skew))) {
            throw SecurityFaults.createdInFuture(TIMESTAMP, skew);
        }
        if (expires != null) {
            if (!expires.isAfter(created)) {
                throw SecurityFaults.malformedHeader("wsu:Timestamp 的过期时间（Expires）不晚于创建时间（Created）",
                        "wsu:Timestamp Expires is not after its Created");
            }
            if (expires.isBefore(now.minus(skew))) {
                throw SecurityFaults.timestampExpired(skew);
            }
        } else if (created.isBefore(now.minus(maxAge).minus(skew))) {
            throw SecurityFaults.createdTooLongAgo(TIMESTAMP, maxAge);
        }
    }

    /** A UsernameToken's Created (a PasswordDigest token always has one; a text token may). */
    void checkTokenCreated(Instant created) {
        if (created == null) {
            return;
        }
        Instant now = clock.instant();
        if (created.isAfter(now.plus(skew))) {
            throw SecurityFaults.createdInFuture(USERNAME_TOKEN, skew);
        }
        if (created.isBefore(now.minus(maxAge).minus(skew))) {
            throw SecurityFaults.createdTooLongAgo(USERNAME_TOKEN, maxAge);
        }
    }

    /** Until when a token's nonce must be remembered: after it, the token's Created is refused anyway. */
    Instant nonceExpiry(Instant created) {
        Instant now = clock.instant();
        Instant from = created != null && created.isBefore(now) ? created : now;
        return from.plus(maxAge).plus(skew).plus(skew);
    }
}
