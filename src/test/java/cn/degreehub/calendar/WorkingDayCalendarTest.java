package cn.degreehub.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** On the official data in config/calendar: 国庆 2025 and 春节 2026 with their make-up working days. */
class WorkingDayCalendarTest {

    static final WorkingDayCalendar CAL;

    static {
        try {
            CAL = CalendarLoader.load(new PathMatchingResourcePatternResolver().getResources("file:config/calendar/*.json"));
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void loadsEveryYearFrom2007To2026() {
        assertThat(CAL.years()).contains(2007, 2016, 2025, 2026).hasSize(20);
    }

    @Test
    void nationalDay2025HolidaysAndMakeUpDays() {
        assertThat(CAL.isWorkingDay(d("2025-09-28"))).as("Sunday make-up day").isTrue();
        assertThat(CAL.isWorkingDay(d("2025-09-30"))).isTrue();
        for (LocalDate x = d("2025-10-01"); !x.isAfter(d("2025-10-08")); x = x.plusDays(1)) {
            assertThat(CAL.isWorkingDay(x)).as(x.toString()).isFalse();
        }
        assertThat(CAL.isWorkingDay(d("2025-10-09"))).isTrue();
        assertThat(CAL.isWorkingDay(d("2025-10-11"))).as("Saturday make-up day").isTrue();
        assertThat(CAL.isWorkingDay(d("2025-10-12"))).as("ordinary Sunday").isFalse();
    }

    @Test
    void addWorkingDaysAcrossNationalDay2025() {
        assertThat(CAL.addWorkingDays(d("2025-09-26"), 1)).isEqualTo(d("2025-09-28"));
        assertThat(CAL.addWorkingDays(d("2025-09-30"), 1)).isEqualTo(d("2025-10-09"));
        assertThat(CAL.addWorkingDays(d("2025-09-30"), 3)).isEqualTo(d("2025-10-11"));
        // the 18-working-day promise for an application of Thursday 2025-09-25
        assertThat(CAL.addWorkingDays(d("2025-09-25"), 18)).isEqualTo(d("2025-10-27"));
        assertThat(CAL.addWorkingDays(d("2025-10-27"), -18)).isEqualTo(d("2025-09-25"));
        assertThat(CAL.addWorkingDays(d("2025-10-03"), 0)).isEqualTo(d("2025-10-03"));
    }

    @Test
    void springFestival2026() {
        assertThat(CAL.isWorkingDay(d("2026-02-14"))).as("Saturday make-up day").isTrue();
        assertThat(CAL.isWorkingDay(d("2026-02-16"))).isFalse();
        assertThat(CAL.isWorkingDay(d("2026-02-23"))).as("Monday of the holiday").isFalse();
        assertThat(CAL.isWorkingDay(d("2026-02-28"))).as("Saturday make-up day").isTrue();
        assertThat(CAL.addWorkingDays(d("2026-02-13"), 1)).isEqualTo(d("2026-02-14"));
        assertThat(CAL.addWorkingDays(d("2026-02-14"), 1)).isEqualTo(d("2026-02-24"));
        assertThat(CAL.workingDaysBetween(d("2026-02-12"), d("2026-02-28"))).isEqualTo(7);
        assertThat(CAL.workingDaysBetween(d("2026-02-28"), d("2026-02-12"))).isEqualTo(-7);
    }

    @Test
    void nthWorkingDayOfMonth() {
        assertThat(CAL.nthWorkingDayOfMonth(YearMonth.of(2025, 10), 1)).isEqualTo(d("2025-10-09"));
        assertThat(CAL.nthWorkingDayOfMonth(YearMonth.of(2025, 10), 5)).isEqualTo(d("2025-10-14"));
        assertThat(CAL.nthWorkingDayOfMonth(YearMonth.of(2026, 2), 5)).isEqualTo(d("2026-02-06"));
        assertThat(CAL.nthWorkingDayOfMonth(YearMonth.of(2026, 2), 11)).isEqualTo(d("2026-02-14"));
        assertThatThrownBy(() -> CAL.nthWorkingDayOfMonth(YearMonth.of(2026, 2), 25))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingYearIsAnErrorNotAGuess() {
        assertThatThrownBy(() -> CAL.isWorkingDay(d("2027-01-04")))
                .isInstanceOf(CalendarDataMissingException.class).hasMessageContaining("2027");
        assertThatThrownBy(() -> CAL.addWorkingDays(d("2026-12-28"), 5))
                .isInstanceOf(CalendarDataMissingException.class);
        assertThatThrownBy(() -> CAL.isWorkingDay(d("2006-06-01")))
                .isInstanceOf(CalendarDataMissingException.class);
    }
}
