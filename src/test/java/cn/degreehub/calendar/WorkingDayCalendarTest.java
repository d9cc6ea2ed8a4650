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
    void closedDaysAreNotCountedAndTheDueDateMovesByTheClosedWorkingDays() {
        // 10 working days from Mon 2026-11-23: Nov 24-27, Nov 30-Dec 4, Dec 7
        assertThat(CAL.due(d("2026-11-23"), 10).date()).isEqualTo(d("2026-12-07"));
        // closed Tue Dec 1 to Sun Dec 6: four working days (Dec 1-4) not counted, the weekend was off anyway
        ClosedDays closed = ClosedDays.of(java.util.List.of(new ClosedDays.Range(d("2026-12-01"), d("2026-12-06"))));
        assertThat(CAL.due(d("2026-11-23"), 10, closed).date()).isEqualTo(d("2026-12-11"));
        assertThat(CAL.workingDaysBetween(d("2026-11-23"), d("2026-12-11"), closed)).isEqualTo(10);
        assertThat(CAL.workingDaysBetween(d("2026-11-23"), d("2026-12-11"))).isEqualTo(14);
        // overlapping ranges close a day once; a range after the due date changes nothing
        ClosedDays overlapping = ClosedDays.of(java.util.List.of(new ClosedDays.Range(d("2026-12-03"), d("2026-12-04")),
                new ClosedDays.Range(d("2026-12-01"), d("2026-12-03")), new ClosedDays.Range(d("2027-01-18"), d("2027-02-21"))));
        assertThat(CAL.due(d("2026-11-23"), 10, overlapping).date()).isEqualTo(d("2026-12-11"));
        assertThat(CAL.due(d("2026-11-23"), 10, ClosedDays.NONE)).isEqualTo(CAL.due(d("2026-11-23"), 10));
        assertThatThrownBy(() -> new ClosedDays.Range(d("2026-12-02"), d("2026-12-01")))
                .isInstanceOf(IllegalArgumentException.class);
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
    void yearsBeforeTheFirstNoticeAreAnErrorNotAGuess() {
        assertThatThrownBy(() -> CAL.isWorkingDay(d("2006-06-01")))
                .isInstanceOf(CalendarDataMissingException.class).hasMessageContaining("2006");
    }

    @Test
    void officialDatesAreNotProvisional() {
        assertThat(CAL.due(d("2025-09-25"), 18)).isEqualTo(DueDate.official(d("2025-10-27")));
        assertThat(CAL.lastOfficialDay(d("2026-11-30"))).contains(d("2026-12-31"));
        assertThat(CAL.lastOfficialDay(d("2027-01-04"))).isEmpty();
    }

    @Test
    void dueDatesFromOfficial2026IntoProvisional2027() {
        // Mon 2026-12-21: 22, 23, 24, 25, 28, 29, 30, 31 Dec (official: no holiday), then 2027: Jan 1 (元旦) off,
        // Sat 2, Sun 3 off (no make-up days are guessed), Mon 4, Tue 5
        assertThat(CAL.due(d("2026-12-21"), 8)).isEqualTo(DueDate.official(d("2026-12-31")));
        assertThat(CAL.due(d("2026-12-21"), 10)).isEqualTo(new DueDate(d("2027-01-05"), 2027));
        // a count that only steps on 2027's weekend and holiday is provisional too: a notice could make one a working day
        assertThat(CAL.due(d("2026-12-31"), 1)).isEqualTo(new DueDate(d("2027-01-04"), 2027));
        assertThat(CAL.workingDaysBetween(d("2026-12-21"), d("2027-01-05"))).isEqualTo(10);
    }

    @Test
    void provisionalSpringFestival2027SpansAWeekend() {
        // 除夕 Fri Feb 5, 初一 Sat 6, 初二 Sun 7, 初三 Mon 8: the statutory days are off, the weekend is off anyway,
        // and no make-up Saturday is invented
        assertThat(CAL.isWorkingDay(d("2027-02-04"))).isTrue();
        for (String off : new String[] {"2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"}) {
            assertThat(CAL.isWorkingDay(d(off))).as(off).isFalse();
        }
        assertThat(CAL.isWorkingDay(d("2027-02-09"))).isTrue();
        assertThat(CAL.due(d("2027-02-04"), 1)).isEqualTo(new DueDate(d("2027-02-09"), 2027));
    }

    @Test
    void provisional2028MidAutumnOnNationalDayCountsOnce() {
        // 中秋 Tue Oct 3 2028 = 国庆's third day: Oct 1 (Sun), 2, 3 off; Wed Oct 4 works
        assertThat(CAL.isWorkingDay(d("2028-10-02"))).isFalse();
        assertThat(CAL.isWorkingDay(d("2028-10-03"))).isFalse();
        assertThat(CAL.isWorkingDay(d("2028-10-04"))).isTrue();
        assertThat(CAL.due(d("2028-09-29"), 1)).isEqualTo(new DueDate(d("2028-10-04"), 2028));
    }

    @Test
    void aLoadedYearReplacesTheProvisionalCount() throws Exception {
        WorkingDayCalendar cal = CalendarLoader.load(new PathMatchingResourcePatternResolver()
                .getResources("file:config/calendar/2026.json"));
        assertThat(cal.due(d("2026-12-31"), 1)).isEqualTo(new DueDate(d("2027-01-04"), 2027));
        // a 2027 notice with a make-up working day on Saturday 2 January
        String json = "{\"year\":2027,\"papers\":[],\"days\":["
                + "{\"name\":\"元旦\",\"date\":\"2027-01-01\",\"isOffDay\":true},"
                + "{\"name\":\"元旦\",\"date\":\"2027-01-02\",\"isOffDay\":false}" + allStatutory2027() + "]}";
        assertThat(cal.load(CalendarFile.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), 2027))).isTrue();
        assertThat(cal.due(d("2026-12-31"), 1)).isEqualTo(DueDate.official(d("2027-01-02")));
        assertThat(cal.lastOfficialDay(d("2026-12-31"))).contains(d("2027-12-31"));
        assertThat(cal.load(CalendarFile.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), 2027)))
                .as("the same notice again changes nothing").isFalse();
    }

    static String allStatutory2027() {
        StringBuilder sb = new StringBuilder();
        StatutoryHolidays.of(2027).stream().filter(h -> !h.date().equals(d("2027-01-01"))).forEach(h -> sb
                .append(",{\"name\":\"").append(h.name()).append("\",\"date\":\"").append(h.date())
                .append("\",\"isOffDay\":true}"));
        return sb.toString();
    }
}
