package cn.degreehub.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The statutory holidays of the rules in force, from lunar-java's lunar dates and solar terms. */
class StatutoryHolidaysTest {

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    static List<LocalDate> dates(int year, String name) {
        return StatutoryHolidays.of(year).stream().filter(h -> h.name().equals(name)).map(StatutoryHolidays.Holiday::date)
                .toList();
    }

    @Test
    void holidaysOf2027() {
        assertThat(dates(2027, "元旦")).containsExactly(d("2027-01-01"));
        // 除夕 Feb 5 and 初一–初三 (2024 amendment: four days)
        assertThat(dates(2027, "春节")).containsExactly(d("2027-02-05"), d("2027-02-06"), d("2027-02-07"), d("2027-02-08"));
        assertThat(dates(2027, "清明节")).containsExactly(d("2027-04-05"));
        assertThat(dates(2027, "劳动节")).containsExactly(d("2027-05-01"), d("2027-05-02"));
        assertThat(dates(2027, "端午节")).containsExactly(d("2027-06-09"));
        assertThat(dates(2027, "中秋节")).containsExactly(d("2027-09-15"));
        assertThat(dates(2027, "国庆节")).containsExactly(d("2027-10-01"), d("2027-10-02"), d("2027-10-03"));
        assertThat(StatutoryHolidays.of(2027)).hasSize(13);
    }

    @Test
    void holidaysOf2028WithMidAutumnOnNationalDay() {
        assertThat(dates(2028, "春节")).containsExactly(d("2028-01-25"), d("2028-01-26"), d("2028-01-27"), d("2028-01-28"));
        assertThat(dates(2028, "清明节")).containsExactly(d("2028-04-04"));
        assertThat(dates(2028, "端午节")).containsExactly(d("2028-05-28"));
        // 中秋 falls on Oct 3, 国庆's third day: one day off, not two, and counted once
        assertThat(StatutoryHolidays.of(2028)).filteredOn(h -> h.date().equals(d("2028-10-03"))).hasSize(1);
        assertThat(StatutoryHolidays.of(2028)).hasSize(12);
        assertThat(StatutoryHolidays.isHoliday(d("2028-10-03"))).isTrue();
    }

    @Test
    void earlierVersionsOfTheRules() {
        // 2014–2024: 春节 初一–初三, 劳动节 one day
        assertThat(dates(2024, "春节")).containsExactly(d("2024-02-10"), d("2024-02-11"), d("2024-02-12"));
        assertThat(dates(2024, "劳动节")).containsExactly(d("2024-05-01"));
        // 2008–2013: 春节 from 除夕
        assertThat(dates(2010, "春节")).containsExactly(d("2010-02-13"), d("2010-02-14"), d("2010-02-15"));
        // until 2007: no 清明, 端午, 中秋; 劳动节 three days
        assertThat(dates(2007, "清明节")).isEmpty();
        assertThat(dates(2007, "劳动节")).hasSize(3);
    }

    /** Every official notice 2007–2026 gives every statutory day of its year off: the rules and the lunar dates agree. */
    @Test
    void everyOfficialNoticeGivesTheStatutoryDaysOff() throws Exception {
        for (int year = 2007; year <= 2026; year++) {
            CalendarFile file = CalendarFile.parse(Files.readAllBytes(Path.of("config/calendar", year + ".json")), year);
            for (StatutoryHolidays.Holiday h : StatutoryHolidays.of(year)) {
                assertThat(file.days().get(h.date())).as(year + " " + h).isTrue();
            }
        }
    }
}
