package cn.degreehub.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Chinese working-day calendar: Monday to Friday are working days except public holidays; weekend days
 * are off except make-up working days (调休). A year with an official notice loaded is counted on it. A later
 * year without one is counted provisionally on the statutory holidays ({@link StatutoryHolidays}, no make-up
 * days), and every date computed across such a year says so ({@link DueDate#provisionalYear()}). Years before
 * the first official one are an error: the rules of those years are not modelled.
 * <p>
 * A new official year can be loaded while the hub runs ({@link #load}); each computation reads one consistent
 * state.
 */
public final class WorkingDayCalendar {

    private record State(TreeMap<Integer, CalendarFile> years, Map<LocalDate, Boolean> exceptions) {
    }

    private volatile State state;

    public WorkingDayCalendar(Collection<CalendarFile> files) {
        if (files.isEmpty()) {
            throw new IllegalStateException("No working-day calendar files found");
        }
        TreeMap<Integer, CalendarFile> years = new TreeMap<>();
        files.forEach(f -> years.put(f.year(), f));
        this.state = state(years);
    }

    private static State state(TreeMap<Integer, CalendarFile> years) {
        Map<LocalDate, Boolean> exceptions = new HashMap<>();
        // in year order: a later notice that lists a day of the year before has the last word on it
        years.values().forEach(f -> exceptions.putAll(f.days()));
        return new State(years, exceptions);
    }

    /**
     * Loads (or replaces) an official year. Returns false, changing nothing, when the same year is already
     * loaded with the same days.
     */
    public synchronized boolean load(CalendarFile file) {
        CalendarFile current = state.years().get(file.year());
        if (current != null && current.days().equals(file.days())) {
            return false;
        }
        TreeMap<Integer, CalendarFile> years = new TreeMap<>(state.years());
        years.put(file.year(), file);
        state = state(years);
        return true;
    }

    /** The years with an official notice loaded, in order. */
    public NavigableSet<Integer> years() {
        return Collections.unmodifiableNavigableSet(state.years().navigableKeySet());
    }

    public boolean isOfficial(int year) {
        return state.years().containsKey(year);
    }

    /**
     * The last day up to which every year from {@code today}'s on has an official notice; empty when
     * today's year itself has none.
     */
    public Optional<LocalDate> lastOfficialDay(LocalDate today) {
        State s = state;
        int year = today.getYear();
        if (!s.years().containsKey(year)) {
            return Optional.empty();
        }
        while (s.years().containsKey(year + 1)) {
            year++;
        }
        return Optional.of(LocalDate.of(year, 12, 31));
    }

    public boolean isWorkingDay(LocalDate date) {
        return isWorkingDay(state, date);
    }

    private static boolean isWorkingDay(State s, LocalDate date) {
        Boolean offDay = s.exceptions().get(date);
        if (offDay != null) {
            return !offDay;
        }
        if (date.getYear() < s.years().firstKey()) {
            throw new CalendarDataMissingException(date.getYear());
        }
        if (!s.years().containsKey(date.getYear()) && StatutoryHolidays.isHoliday(date)) {
            return false;
        }
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    private static boolean provisional(State s, LocalDate date) {
        return !s.years().containsKey(date.getYear()) && !s.exceptions().containsKey(date);
    }

    /**
     * The date that is {@code n} working days after {@code start} (the start day itself is not counted),
     * marked provisional if any day counted lies in a year without an official notice. {@code n = 0} returns
     * {@code start}; negative n counts backwards.
     */
    public DueDate due(LocalDate start, int n) {
        return due(start, n, ClosedDays.NONE);
    }

    /**
     * {@link #due(LocalDate, int)} for a party that does not work on {@code closed} days: a working day inside a
     * closed range is not counted (a unit's vacation extends its time limit, docs/domain-rules.md, "Closures").
     * The one place where closures meet the calendar.
     */
    public DueDate due(LocalDate start, int n, ClosedDays closed) {
        State s = state;
        LocalDate d = start;
        Integer provisionalYear = null;
        int step = n >= 0 ? 1 : -1;
        int left = Math.abs(n);
        while (left > 0) {
            d = d.plusDays(step);
            if (provisionalYear == null && provisional(s, d)) {
                provisionalYear = d.getYear();
            }
            if (isWorkingDay(s, d) && !closed.contains(d)) {
                left--;
            }
        }
        return new DueDate(d, provisionalYear);
    }

    /** {@link #due}'s date alone, for counts whose provisional mark is not shown. */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        return due(start, n).date();
    }

    /**
     * Working days after {@code from} up to and including {@code to}; negative if {@code to} is before
     * {@code from}. For a deadline counted from a decision date, this is how many working days have passed.
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        return workingDaysBetween(from, to, ClosedDays.NONE);
    }

    /** {@link #workingDaysBetween(LocalDate, LocalDate)} without the {@code closed} days. */
    public int workingDaysBetween(LocalDate from, LocalDate to, ClosedDays closed) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from, closed);
        }
        State s = state;
        int count = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(s, d) && !closed.contains(d)) {
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
        State s = state;
        int seen = 0;
        for (LocalDate d = month.atDay(1); !d.isAfter(month.atEndOfMonth()); d = d.plusDays(1)) {
            if (isWorkingDay(s, d) && ++seen == n) {
                return d;
            }
        }
        throw new IllegalArgumentException(month + " has fewer than " + n + " working days");
    }
}
