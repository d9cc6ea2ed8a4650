package cn.degreehub.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void burstThenRefillAtTheConfiguredRatePerAccount() {
        RateLimiter limiter = new RateLimiter(Clock.systemUTC(), 2, 3, 100);
        long t = 1_000_000_000L;
        assertThat(limiter.tryAcquire("portal", t)).isTrue();
        assertThat(limiter.tryAcquire("portal", t)).isTrue();
        assertThat(limiter.tryAcquire("portal", t)).isTrue();
        assertThat(limiter.tryAcquire("portal", t)).as("burst used up").isFalse();
        assertThat(limiter.tryAcquire("other", t)).as("buckets are per account").isTrue();
        assertThat(limiter.tryAcquire("portal", t + 400_000_000L)).as("0.8 token after 0.4 s").isFalse();
        assertThat(limiter.tryAcquire("portal", t + 600_000_000L)).as("1.2 tokens after 0.6 s").isTrue();
        assertThat(limiter.tryAcquire("portal", t + 600_000_000L)).isFalse();
    }
}
