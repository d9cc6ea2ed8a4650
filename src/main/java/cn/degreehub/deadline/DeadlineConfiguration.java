package cn.degreehub.deadline;

import cn.degreehub.calendar.CalendarHealth;
import cn.degreehub.calendar.WorkingDayCalendar;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class DeadlineConfiguration {

    @Bean
    TimeLimitWatch timeLimitWatch(JdbcTemplate jdbc, java.util.List<TimeLimited> sources, WorkingDayCalendar calendar, CalendarHealth calendarHealth, Clock clock,
                                  MeterRegistry meters, @Value("${degreehub.time-limits.reminder-working-days}") int reminderDays) {
        return new TimeLimitWatch(jdbc, sources, calendar, calendarHealth, clock, reminderDays, meters);
    }
}
