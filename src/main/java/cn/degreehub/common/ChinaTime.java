package cn.degreehub.common;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * China time, the one zone of the business: working days, due dates, "today", report and receipt times.
 * Kept in common (which imports no feature package) so every feature can use it without a package cycle.
 */
public final class ChinaTime {

    /** China has a single zone (UTC+8, no daylight saving). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * Every timestamp a partner reads (contracts, queue documents, JSON): milliseconds, always three digits, and the
     * +08:00 offset. Not more digits: .NET's DateTime reads at most seven, and the database keeps microseconds on
     * one engine and nanoseconds in memory, so unbounded digits differed between answers (docs/partner-interfaces.md).
     */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private ChinaTime() {
    }

    /** A timestamp as partners read it: China time, milliseconds (truncated), with offset. */
    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).atZone(ZONE).format(TIMESTAMP);
    }

    /** The same for a value with any offset: the same instant, written in China time. */
    public static String timestamp(OffsetDateTime value) {
        return timestamp(value.toInstant());
    }

    /** The date in China at the clock's instant, whatever zone the clock itself carries. */
    public static LocalDate today(Clock clock) {
        return clock.instant().atZone(ZONE).toLocalDate();
    }
}
