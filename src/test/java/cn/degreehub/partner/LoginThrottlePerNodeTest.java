package cn.degreehub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failed-login limits are each node's: a cluster of n nodes divides them, so together they allow about as many. */
class LoginThrottlePerNodeTest {

    private final LoginThrottle.Settings settings = new LoginThrottle.Settings(5, Duration.ofMinutes(15), 5, 30,
            Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(2), 64, 1000, 1000);

    @Test
    void oneNodeKeepsTheConfiguredLimits() {
        assertThat(settings.perNode(1)).isEqualTo(settings);
    }

    @Test
    void nodesShareTheLimitsRoundedUpAndNeverBelowOne() {
        LoginThrottle.Settings two = settings.perNode(2);
        assertThat(two.accountMaxFailures()).isEqualTo(3);
        assertThat(two.pairMaxFailures()).isEqualTo(3);
        assertThat(two.addressMaxFailures()).isEqualTo(15);
        assertThat(two.accountLock()).isEqualTo(settings.accountLock());
        assertThat(settings.perNode(10).accountMaxFailures()).isEqualTo(1);
    }
}
