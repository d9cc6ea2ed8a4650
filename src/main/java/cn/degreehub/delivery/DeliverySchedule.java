package cn.degreehub.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * When a delivery to a partner is tried again: the first retry after {@code firstInterval}, each wait
 * {@code multiplier} times longer, at most {@code maxInterval}; given up once {@code giveUpAfter} has
 * passed since the first attempt (degreehub.deliveries.&lt;partner&gt;.* in config/application.yml).
 */
public record DeliverySchedule(Duration firstInterval, double multiplier, Duration maxInterval, Duration giveUpAfter) {

    public DeliverySchedule {
        if (firstInterval.isNegative() || firstInterval.isZero() || multiplier < 1 || maxInterval.compareTo(firstInterval) < 0) {
            throw new IllegalArgumentException("degreehub.deliveries: first-interval > 0, multiplier >= 1,"
                    + " max-interval >= first-interval");
        }
    }

    public static DeliverySchedule of(Environment environment, String partner) {
        return Binder.get(environment).bind("degreehub.deliveries." + partner, DeliverySchedule.class).get();
    }

    public boolean givesUp(Duration sinceFirstAttempt) {
        return sinceFirstAttempt.compareTo(giveUpAfter) >= 0;
    }

    /**
     * The wait after a failed attempt. Derived from the time already spent rather than from a count, so the
     * schedule starts afresh when a replayed dead letter's window restarts: waits of firstInterval × m^k sum
     * to (m - 1) × (time spent) + firstInterval, e.g. 1 s, 1 s, 2 s, 4 s … when doubling.
     */
    public Duration next(Duration sinceFirstAttempt) {
        long millis = (long) Math.max(firstInterval.toMillis(), (multiplier - 1) * sinceFirstAttempt.toMillis());
        return Duration.ofMillis(Math.min(millis, maxInterval.toMillis()));
    }
}
