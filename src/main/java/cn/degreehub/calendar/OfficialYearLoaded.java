package cn.degreehub.calendar;

/**
 * An official holiday notice for {@code year} is now in the calendar. Published inside one transaction, in
 * which the owners of due dates count again what they had counted provisionally across that year.
 */
public record OfficialYearLoaded(int year, String actor) {
}
