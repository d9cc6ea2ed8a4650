package cn.degreehub.calendar;

import com.nlf.calendar.Lunar;
import com.nlf.calendar.Solar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The public holidays that 《全国年节及纪念日放假办法》 fixes by law for a year, in the version in force that
 * year. They are what the official notice of a year must give off, and what a year without an official notice
 * is counted on (provisionally: no make-up working days, which only the notice can set).
 * <p>
 * Lunar dates and the 清明 solar term (the sun at 15° ecliptic longitude) come from lunar-java
 * ({@code cn.6tail:lunar}), whose high-precision astronomy (寿星万年历) is computed in China time. ICU4J's
 * ChineseCalendar was tried first and puts 正月初一 of 2027 on Feb 7 instead of Feb 6: that new moon falls at
 * 23:56 Beijing time, closer to midnight than its astronomy can tell.
 */
public final class StatutoryHolidays {

    /** One statutory day off: the festival's name and the date. */
    public record Holiday(String name, LocalDate date) {
    }

    /** First years of the amended rules: 2007 (清明, 端午, 中秋; 春节 from 除夕; 劳动节 1 day), 2013 (春节 初一–初三), 2024. */
    private static final int AMENDED_2007 = 2008;
    private static final int AMENDED_2013 = 2014;
    private static final int AMENDED_2024 = 2025;

    private record Year(List<Holiday> holidays, Set<LocalDate> dates) {
    }

    private static final Map<Integer, Year> CACHE = new ConcurrentHashMap<>();

    private StatutoryHolidays() {
    }

    /**
     * The statutory days off of {@code year} under the version of the rules in force that year: 1999 (until
     * 2007), 2007 amendment (2008–2013: 清明, 端午, 中秋 added, 春节 from 除夕), 2013 amendment (2014–2024: 春节
     * 初一–初三), 2024 amendment (from 2025). A date two festivals share (中秋 on 国庆) is listed once, with the
     * first festival's name.
     */
    public static List<Holiday> of(int year) {
        return year(year).holidays();
    }

    public static boolean isHoliday(LocalDate date) {
        return year(date.getYear()).dates().contains(date);
    }

    private static Year year(int year) {
        return CACHE.computeIfAbsent(year, y -> {
            List<Holiday> holidays = compute(y);
            return new Year(holidays, holidays.stream().map(Holiday::date).collect(Collectors.toUnmodifiableSet()));
        });
    }

    private static List<Holiday> compute(int year) {
        if (year < 1950 || year > 2200) {
            throw new IllegalArgumentException("No holiday rules for year " + year);
        }
        List<Holiday> days = new ArrayList<>();
        add(days, "元旦", LocalDate.of(year, 1, 1));
        LocalDate newYear = lunar(year, 1, 1);
        if (year >= AMENDED_2024) {
            add(days, "春节", newYear.minusDays(1), newYear, newYear.plusDays(1), newYear.plusDays(2));
        } else if (year >= AMENDED_2013 || year < AMENDED_2007) {
            add(days, "春节", newYear, newYear.plusDays(1), newYear.plusDays(2));
        } else {
            add(days, "春节", newYear.minusDays(1), newYear, newYear.plusDays(1));
        }
        if (year >= AMENDED_2007) {
            add(days, "清明节", qingming(year));
        }
        if (year >= AMENDED_2024) {
            add(days, "劳动节", LocalDate.of(year, 5, 1), LocalDate.of(year, 5, 2));
        } else if (year >= AMENDED_2007) {
            add(days, "劳动节", LocalDate.of(year, 5, 1));
        } else {
            add(days, "劳动节", LocalDate.of(year, 5, 1), LocalDate.of(year, 5, 2), LocalDate.of(year, 5, 3));
        }
        if (year >= AMENDED_2007) {
            add(days, "端午节", lunar(year, 5, 5));
            add(days, "中秋节", lunar(year, 8, 15));
        }
        add(days, "国庆节", LocalDate.of(year, 10, 1), LocalDate.of(year, 10, 2), LocalDate.of(year, 10, 3));
        days.sort(java.util.Comparator.comparing(Holiday::date));
        return Collections.unmodifiableList(days);
    }

    private static void add(List<Holiday> days, String name, LocalDate... dates) {
        for (LocalDate d : dates) {
            if (days.stream().noneMatch(h -> h.date().equals(d))) {
                days.add(new Holiday(name, d));
            }
        }
    }

    /** The Gregorian date of a (non-leap) lunar month and day in the lunar year that starts in {@code year}. */
    static LocalDate lunar(int year, int month, int day) {
        return date(Lunar.fromYmd(year, month, day).getSolar());
    }

    /** The day (China time) on which the sun reaches 15° ecliptic longitude: the 清明 solar term. */
    static LocalDate qingming(int year) {
        return date(Lunar.fromYmd(year, 3, 1).getJieQiTable().get("清明"));
    }

    private static LocalDate date(Solar solar) {
        return LocalDate.of(solar.getYear(), solar.getMonth(), solar.getDay());
    }
}
