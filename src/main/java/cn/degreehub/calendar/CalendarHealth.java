package cn.degreehub.calendar;

import cn.degreehub.common.ChinaTime;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * How much official holiday data is left: health component {@code calendar} (status WARNING, still HTTP 200,
 * when fewer than the configured days remain), gauge {@code degreehub_calendar_official_days_left}, and the
 * console's banner and alert. Past the last official day the hub goes on, counting provisionally.
 */
public class CalendarHealth implements HealthIndicator {

    /** Serious enough for an operator to act, not a reason to take the hub out of service. */
    public static final Status WARNING = new Status("WARNING", "official holiday data runs out soon");

    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final int warnDays;

    public CalendarHealth(WorkingDayCalendar calendar, Clock clock, int warnDays, MeterRegistry meters) {
        this.calendar = calendar;
        this.clock = clock;
        this.warnDays = warnDays;
        Gauge.builder("degreehub.calendar.official.days.left", this, h -> h.state().daysLeft())
                .description("days from today to the last day with an official holiday notice loaded (0: none for today)")
                .register(meters);
    }

    /**
     * @param lastOfficialDay the last day every year from today's on has an official notice for; null when today's
     *                        year has none
     * @param daysLeft        days from today to it, 0 when there is none
     * @param nextYear        the first year without an official notice (counted provisionally)
     */
    public record State(LocalDate today, LocalDate lastOfficialDay, long daysLeft, int nextYear, boolean warning) {
    }

    public State state() {
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        Optional<LocalDate> last = calendar.lastOfficialDay(today);
        long left = last.map(d -> ChronoUnit.DAYS.between(today, d)).orElse(0L);
        int next = last.map(d -> d.getYear() + 1).orElse(today.getYear());
        return new State(today, last.orElse(null), left, next, last.isEmpty() || left < warnDays);
    }

    @Override
    public Health health() {
        State s = state();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("lastOfficialDay", s.lastOfficialDay() == null ? "none" : s.lastOfficialDay().toString());
        details.put("officialDaysLeft", s.daysLeft());
        details.put("officialYears", calendar.years().first() + "-" + calendar.years().last());
        details.put("provisionalFrom", s.nextYear() + "-01-01");
        if (s.warning()) {
            details.put("action", "load the official " + s.nextYear() + " holiday notice (config/calendar/" + s.nextYear()
                    + ".json or the console's time-limits page); until then dates are counted provisionally");
        }
        return Health.status(s.warning() ? WARNING : Status.UP).withDetails(details).build();
    }
}
