package cn.degreehub.verification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.calendar.CalendarLoader;
import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Due dates of applications and checks across 国庆 2025 and 春节 2026, on the official calendar in config/. */
class DeadlinesTest {

    static Deadlines deadlines;

    @BeforeAll
    static void load() throws IOException {
        deadlines = new Deadlines(CalendarLoader.load(new PathMatchingResourcePatternResolver()
                .getResources("file:config/calendar/*.json")), 8, 10, 3, 5);
    }

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void anApplicationReceivedBeforeNationalDay2025() {
        // Fri 26 Sep; working: Sun 28 Sep (make-up), 29, 30 Sep; 1-8 Oct off; 9, 10, Sat 11 Oct (make-up), 13, 14 Oct
        Deadlines.ApplicationDue due = deadlines.application(d("2025-09-26"), false);
        assertThat(due.centerDue().date()).isEqualTo(d("2025-10-14"));
        // then 15, 16, 17, 20, 21, 22, 23, 24, 27, 28 Oct: 18 working days in all
        assertThat(due.unitDue().date()).isEqualTo(d("2025-10-28"));
        assertThat(deadlines.calendar().workingDaysBetween(d("2025-09-26"), due.unitDue().date())).isEqualTo(18);
    }

    @Test
    void anApplicationReceivedDuringTheHolidayCountsFromItsEnd() {
        // received on 3 Oct (a holiday): 9, 10, Sat 11 (make-up), 13, 14, 15, 16, 17 Oct
        Deadlines.ApplicationDue due = deadlines.application(d("2025-10-03"), false);
        assertThat(due.centerDue().date()).isEqualTo(d("2025-10-17"));
    }

    @Test
    void anApplicationReceivedBeforeSpringFestival2026() {
        // Thu 12 Feb; working: 13, Sat 14 Feb (make-up); 15-23 Feb off; 24, 25, 26, 27, Sat 28 Feb (make-up), 2 Mar
        Deadlines.ApplicationDue due = deadlines.application(d("2026-02-12"), false);
        assertThat(due.centerDue().date()).isEqualTo(d("2026-03-02"));
        assertThat(due.unitDue().date()).isEqualTo(d("2026-03-16"));
    }

    @Test
    void urgentApplicationsAcrossSpringFestival2026() {
        Deadlines.ApplicationDue due = deadlines.application(d("2026-02-12"), true);
        assertThat(due.centerDue().date()).isEqualTo(d("2026-02-24"));
        assertThat(due.unitDue().date()).isEqualTo(d("2026-03-02"));
    }

    @Test
    void aCheckSentJustBeforeSpringFestivalGivesTheUnitTenWorkingDays() {
        // sent Fri 13 Feb: Sat 14 (make-up), 24, 25, 26, 27, Sat 28 Feb (make-up), 2, 3, 4, 5 Mar
        assertThat(deadlines.check(d("2026-02-13"), false).date()).isEqualTo(d("2026-03-05"));
        assertThat(deadlines.check(d("2026-02-13"), true).date()).isEqualTo(d("2026-02-27"));
    }
}
