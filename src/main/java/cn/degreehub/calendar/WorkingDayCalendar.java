package cn.degreehub.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The official Chinese working-day calendar: Monday to Friday are working days
 * except public holidays; weekend days are off except make-up working days (调休).
 * Every date a computation touches must lie in a loaded year: a missing year is
 * an error, never a guess.
 */
public final class WorkingDayCalendar {

    private final Set<Integer> years;
    /** date -> true if a day off (holiday), false if a make-up working day. */
    private final Map<LocalDate, Boolean> exceptions;

    public WorkingDayCalendar(Set<Integer> years, Map<LocalDate, Boolean> exceptions) {
        this.years = Collections.unmodifiableSet(new TreeSet<>(years));
        this.exceptions = Map.copyOf(exceptions);
    }

    public Set<Integer> years() {
        return years;
    }

    public boolean covers(LocalDate date) {
        return years.contains(date.getYear());
    }

    public boolean isWorkingDay(LocalDate date) {
        requireYear(date);
        Boolean offDay = exceptions.get(date);
        if (offDay != null) {
            return !offDay;
        }
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /**
     * The date that is {@code n} working days after {@code start} (the start day itself is not counted).
     * {@code n = 0} returns {@code start}; negative n counts backwards.
     */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        requireYear(start);
        LocalDate d = start;
        int step = n >= 0 ? 1 : -1;
        int left = Math.abs(n);
        while (left > 0) {
            d = d.plusDays(step);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /**
     * Working days after {@code from} up to and including {@code to}; negative if {@code to} is before
     * {@code from}. For a deadline counted from a decision date, this is how many working days have passed.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        requireYear(from);
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return count;
    }

    /** The n-th (1-based) working day of a month, e.g. the 5th working day on which corrections are processed. */
    public LocalDate nthWorkingDayOfMonth(YearMonth month, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        int seen = 0;
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            if (isWorkingDay(d) && ++seen == n) {
                return d;
            }
        }
        throw new IllegalArgumentException(month + " has fewer than " + n + " working days");
    }

    private void requireYear(LocalDate date) {
        if (!years.contains(date.getYear())) {
            throw new CalendarDataMissingException(date.getYear());
        }
    }
}
