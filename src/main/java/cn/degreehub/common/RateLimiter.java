package cn.degreehub.common;

import cn.degreehub.contract.types.FaultCode;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per account: look-ups that could probe personal data (report verification, degree
 * query) must not be run at will. Refused calls get RATE_LIMITED.
 */
public class RateLimiter {

    private final Clock clock;
    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(Clock clock, double perSecond, double burst) {
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
    }

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    public void acquire(String account) {
        if (!tryAcquire(account, System.nanoTime())) {
            throw new DegreeHubException(FaultCode.RATE_LIMITED, "查询过于频繁，请稍后再试",
                    "Too many look-ups; try again later");
        }
    }

    /** @param nowNanos a monotonic time, in nanoseconds */
    public boolean tryAcquire(String account, long nowNanos) {
        Bucket b = buckets.computeIfAbsent(account, a -> {
            Bucket n = new Bucket();
            n.tokens = burst;
            n.lastNanos = nowNanos;
            return n;
        });
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (nowNanos - b.lastNanos) / 1e9 * perSecond);
            b.lastNanos = nowNanos;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
