package cn.degreehub.filing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An academic semester, e.g. {@code 2025-2026-1}: the first semester runs Sep 1 to the end of February,
 * the second Mar 1 to Aug 31 (docs/domain-rules.md, "Semesters and publication").
 */
public record Semester(int startYear, int term) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-(\\d{4})-([12])");

    public static Optional<Semester> parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches() || Integer.parseInt(m.group(2)) != Integer.parseInt(m.group(1)) + 1) {
            return Optional.empty();
        }
        return Optional.of(new Semester(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3))));
    }

    public static Semester of(LocalDate date) {
        int m = date.getMonthValue();
        if (m >= 9) {
            return new Semester(date.getYear(), 1);
        }
        return m <= 2 ? new Semester(date.getYear() - 1, 1) : new Semester(date.getYear() - 1, 2);
    }

    public LocalDate firstDay() {
        return term == 1 ? LocalDate.of(startYear, 9, 1) : LocalDate.of(startYear + 1, 3, 1);
    }

    public LocalDate lastDay() {
        return term == 1 ? YearMonth.of(startYear + 1, 2).atEndOfMonth() : LocalDate.of(startYear + 1, 8, 31);
    }

    /**
     * The day the semester's approved records must be online by: Jun 1 for a first semester, Dec 1 for a second
     * (docs/domain-rules.md, "Semesters and publication").
     */
    public LocalDate publicationDeadline() {
        return term == 1 ? LocalDate.of(startYear + 1, 6, 1) : LocalDate.of(startYear + 1, 12, 1);
    }

    public boolean contains(LocalDate date) {
        return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
    }

    @Override
    public String toString() {
        return startYear + "-" + (startYear + 1) + "-" + term;
    }
}
