package cn.degreehub.calendar;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Days on which one party does not work although the calendar does: a degree-granting unit's vacations (寒假, 暑假),
 * which extend its time limits (docs/domain-rules.md, "Closures"). Ranges may overlap; a day is closed once.
 */
public final class ClosedDays {

    public static final ClosedDays NONE = new ClosedDays(List.of());

    /** From {@code from} to {@code to}, both inclusive. */
    public record Range(LocalDate from, LocalDate to) {
        public Range {
            if (from == null || to == null || to.isBefore(from)) {
                throw new IllegalArgumentException("A closed range runs from a day to the same or a later day: " + from + ".." + to);
            }
        }

        public boolean contains(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    private final List<Range> ranges;

    private ClosedDays(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static ClosedDays of(Collection<Range> ranges) {
        return ranges.isEmpty() ? NONE
                : new ClosedDays(ranges.stream().sorted(Comparator.comparing(Range::from)).toList());
    }

    public boolean contains(LocalDate day) {
        for (Range r : ranges) {
            if (r.contains(day)) {
                return true;
            }
        }
        return false;
    }

    public List<Range> ranges() {
        return ranges;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }
}
