package cn.degreehub.calendar;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

@Configuration(proxyBeanMethods = false)
public class CalendarConfiguration {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** All "today" questions of the hub are asked in China time. */
    @Bean
    Clock clock() {
        return Clock.system(CHINA);
    }

    @Bean
    WorkingDayCalendar workingDayCalendar(@Value("${degreehub.calendar.files}") String pattern) throws IOException {
        return CalendarLoader.load(new PathMatchingResourcePatternResolver().getResources(pattern));
    }
}
