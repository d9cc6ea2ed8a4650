package cn.degreehub.calendar;

import java.time.LocalDate;

/**
 * A date counted in working days. {@code provisionalYear} names the first year the count crossed for which
 * no official holiday notice was loaded: there it followed the statutory holidays only (no make-up days), so
 * the date may move when that year's notice is loaded. Null when every day counted was official.
 */
public record DueDate(LocalDate date, Integer provisionalYear) {

    public static DueDate official(LocalDate date) {
        return new DueDate(date, null);
    }

    public boolean provisional() {
        return provisionalYear != null;
    }

    /** Said after the date in a history line: empty when official. */
    public String noteZh() {
        return provisional() ? "（暂定：" + provisionalYear + " 年官方节假日安排尚未发布）" : "";
    }

    public String noteEn() {
        return provisional() ? " (provisional: no official " + provisionalYear + " holiday calendar yet)" : "";
    }

    /** This date, still provisional if {@code earlier} was (a count that started from a provisional date). */
    public DueDate after(DueDate earlier) {
        return earlier.provisional() && !provisional() ? new DueDate(date, earlier.provisionalYear) : this;
    }
}
