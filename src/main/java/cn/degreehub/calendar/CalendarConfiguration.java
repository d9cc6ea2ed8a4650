package cn.degreehub.calendar;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.ChinaTime;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {


    /**
     * All "today" questions of the hub are asked in China time. {@code degreehub.clock.start} (an ISO
     * instant, for tests and rehearsals) starts the clock at that moment; it then runs normally.
     */
    @Bean
    Clock clock(@Value("${degreehub.clock.start:}") String start) {
        Clock system = Clock.system(ChinaTime.ZONE);
        if (start == null || start.isBlank()) {
            return system;
        }
        return Clock.offset(system, Duration.between(system.instant(), OffsetDateTime.parse(start).toInstant()));
    }

    @Bean
    WorkingDayCalendar workingDayCalendar(@Value("${degreehub.calendar.directory}") String directory) throws IOException {
        return CalendarLoader.load(new PathMatchingResourcePatternResolver()
                .getResources("file:" + directory + "/*.json"));
    }

    @Bean
    CalendarUpdates calendarUpdates(WorkingDayCalendar calendar, @Value("${degreehub.calendar.directory}") String directory,
                                    AuditLog audit, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
        return new CalendarUpdates(calendar, Path.of(directory), audit, events, tx, clock);
    }

    /** Health component "calendar" (the bean name without "HealthIndicator"). */
    @Bean
    CalendarHealth calendarHealthIndicator(WorkingDayCalendar calendar, Clock clock, MeterRegistry meters,
                                           @Value("${degreehub.calendar.warn-days}") int warnDays) {
        return new CalendarHealth(calendar, clock, warnDays, meters);
    }
}
