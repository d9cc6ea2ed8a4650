package cn.degreehub.support;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Waiting for what the hub does in the background: Awaitility, polled every 100 ms, named for its failure message. */
public final class Waiting {

    private Waiting() {
    }

    /** Up to {@code atMost} for {@code what}; fails with "what" in the message when it never comes. */
    public static ConditionFactory await(String what, Duration atMost) {
        return Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofMillis(100)).pollDelay(Duration.ZERO);
    }

    /** Up to 30 seconds: ample for a delivery, a redelivery schedule of the test hub or a simulated partner. */
    public static ConditionFactory await(String what) {
        return await(what, Duration.ofSeconds(30));
    }
}
