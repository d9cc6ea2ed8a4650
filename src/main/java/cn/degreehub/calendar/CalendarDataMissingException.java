package cn.degreehub.calendar;

/** A working-day computation reached a year for which no official calendar is loaded. */
public class CalendarDataMissingException extends RuntimeException {
    private final int year;

    public CalendarDataMissingException(int year) {
        super("No working-day calendar loaded for year " + year
                + " (add config/calendar/" + year + ".json from the State Council notice)");
        this.year = year;
    }

    public int year() {
        return year;
    }
}
