package cn.degreehub.common;

import cn.degreehub.contract.types.FaultCode;
import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket per account or client address: look-ups that could probe personal data (report verification,
 * degree query) must not be run at will. Refused calls get RATE_LIMITED. At most {@code maxKeys} buckets are
 * kept; one unused for as long as it takes to fill up again is dropped (a new bucket is full, so nothing is lost).
 */
public class RateLimiter {

    private final double perSecond;
    private final double burst;
    private final long maxKeys;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(Clock clock, double perSecond, double burst, long maxKeys) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxKeys = maxKeys;
        this.buckets = BoundedState.idleCache(maxKeys, Duration.ofMillis((long) Math.ceil(burst / perSecond * 1000) + 1000));
    }

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    public void publish(MeterRegistry meters, String name) {
        BoundedState.publish(meters, name, buckets, maxKeys);
    }

    public void acquire(String account) {
        if (!tryAcquire(account, System.nanoTime())) {
            throw new DegreeHubException(FaultCode.RATE_LIMITED, "查询过于频繁，请稍后再试",
                    "Too many look-ups; try again later");
        }
    }

    /** @param nowNanos a monotonic time, in nanoseconds */
    public boolean tryAcquire(String account, long nowNanos) {
        Bucket b = buckets.get(account, a -> {
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
