package cn.degreehub.filing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SemesterTest {

    @Test
    void firstSemesterRunsSeptemberToEndOfFebruary() {
        Semester s = Semester.parse("2023-2024-1").orElseThrow();
        assertThat(s.firstDay()).isEqualTo(LocalDate.of(2023, 9, 1));
        assertThat(s.lastDay()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(Semester.of(LocalDate.of(2024, 2, 29))).isEqualTo(s);
        assertThat(Semester.of(LocalDate.of(2023, 9, 1))).isEqualTo(s);
    }

    @Test
    void secondSemesterRunsMarchToAugust() {
        Semester s = Semester.of(LocalDate.of(2025, 6, 30));
        assertThat(s).hasToString("2024-2025-2");
        assertThat(s.firstDay()).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(s.lastDay()).isEqualTo(LocalDate.of(2025, 8, 31));
        assertThat(s.contains(LocalDate.of(2025, 9, 1))).isFalse();
    }

    @Test
    void refusesYearsThatDoNotFollowEachOther() {
        assertThat(Semester.parse("2025-2027-1")).isEmpty();
        assertThat(Semester.parse("2025-2026-3")).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aFirstSemesterIsOnlineByJuneFirstASecondByDecemberFirst() {
        org.assertj.core.api.Assertions.assertThat(Semester.parse("2025-2026-1").orElseThrow().publicationDeadline())
                .isEqualTo(java.time.LocalDate.of(2026, 6, 1));
        org.assertj.core.api.Assertions.assertThat(Semester.parse("2025-2026-2").orElseThrow().publicationDeadline())
                .isEqualTo(java.time.LocalDate.of(2026, 12, 1));
        // the deadline follows the semester's end: a first semester ends in February, a second in August
        org.assertj.core.api.Assertions.assertThat(Semester.of(java.time.LocalDate.of(2026, 2, 28)).publicationDeadline())
                .isEqualTo(java.time.LocalDate.of(2026, 6, 1));
        org.assertj.core.api.Assertions.assertThat(Semester.of(java.time.LocalDate.of(2026, 3, 1)).publicationDeadline())
                .isEqualTo(java.time.LocalDate.of(2026, 12, 1));
    }
}
