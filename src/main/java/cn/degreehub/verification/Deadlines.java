package cn.degreehub.verification;

import cn.degreehub.calendar.ClosedDays;
import cn.degreehub.calendar.DueDate;
import cn.degreehub.calendar.WorkingDayCalendar;
import java.time.LocalDate;

/**
 * The working-day clock of a verification (docs/domain-rules.md, "Time limits (工作日)"): the center has 8 working days from receipt, the
 * unit 10 more (18 in all); urgent applications have shorter targets. Counted on the official calendar,
 * where make-up days (调休) are working days and holidays are not.
 */
public class Deadlines {

    private final WorkingDayCalendar calendar;
    private final int centerDays;
    private final int unitDays;
    private final int urgentCenterDays;
    private final int urgentUnitDays;

    public Deadlines(WorkingDayCalendar calendar, int centerDays, int unitDays, int urgentCenterDays, int urgentUnitDays) {
        this.calendar = calendar;
        this.centerDays = centerDays;
        this.unitDays = unitDays;
        this.urgentCenterDays = urgentCenterDays;
        this.urgentUnitDays = urgentUnitDays;
    }

    /** Both dates may be provisional (counted across a year without an official holiday notice). */
    public record ApplicationDue(DueDate centerDue, DueDate unitDue) {
    }

    /** Promised at receipt: the center's date, and the unit's date after it (the 18-day promise). */
    public ApplicationDue application(LocalDate received, boolean urgent) {
        DueDate center = calendar.due(received, urgent ? urgentCenterDays : centerDays);
        return new ApplicationDue(center, calendar.due(center.date(), urgent ? urgentUnitDays : unitDays).after(center));
    }

    /** A unit's own time for a check: counted from the day the request was sent. */
    public DueDate check(LocalDate sent, boolean urgent) {
        return check(sent, urgent, ClosedDays.NONE);
    }

    /** The same, the unit's closed days (its vacations) not counted (docs/domain-rules.md, "Closures"). */
    public DueDate check(LocalDate sent, boolean urgent, ClosedDays unitClosed) {
        return calendar.due(sent, urgent ? urgentUnitDays : unitDays, unitClosed);
    }

    public WorkingDayCalendar calendar() {
        return calendar;
    }
}
