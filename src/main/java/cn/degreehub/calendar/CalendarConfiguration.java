package cn.degreehub.calendar;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /**
     * All "today" questions of the hub are asked in China time. {@code degreehub.clock.start} (an ISO
     * instant, for tests and rehearsals) starts the clock at that moment; it then runs normally.
     */
    @Bean
    Clock clock(@Value("${degreehub.clock.start:}") String start) {
        Clock system = Clock.system(CHINA);
        if (start == null || start.isBlank()) {
            return system;
        }
        return Clock.offset(system, Duration.between(system.instant(), OffsetDateTime.parse(start).toInstant()));
    }

    @Bean
    WorkingDayCalendar workingDayCalendar(@Value("${degreehub.calendar.files}") String pattern) throws IOException {
        return CalendarLoader.load(new PathMatchingResourcePatternResolver().getResources(pattern));
    }
}
