package cn.degreehub.common;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * China time, the one zone of the business: working days, due dates, "today", report and receipt times.
 * Kept in common (which imports no feature package) so every feature can use it without a package cycle.
 */
public final class ChinaTime {

    /** China has a single zone (UTC+8, no daylight saving). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaTime() {
    }

    /** The date in China at the clock's instant, whatever zone the clock itself carries. */
    public static LocalDate today(Clock clock) {
        return clock.instant().atZone(ZONE).toLocalDate();
    }
}
