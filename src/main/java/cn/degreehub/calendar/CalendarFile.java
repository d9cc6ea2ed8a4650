package cn.degreehub.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One year's official holiday notice in the holiday-cn format of {@code config/calendar/{year}.json}:
 * {@code year}, {@code papers[]} (the State Council notices) and {@code days[]} of {@code name}, {@code date},
 * {@code isOffDay} (a holiday, or a make-up working day on a weekend). Checked before anything is loaded: the
 * format, the year it claims against the year expected (its file name), dates of that year only (a notice may
 * begin in the last days of the year before), and every statutory holiday of the rules in force given off.
 */
public record CalendarFile(int year, List<String> papers, Map<LocalDate, Boolean> days) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param expectedYear the year the file must be for (from its name or the operator's upload), or null
     */
    public static CalendarFile parse(byte[] content, Integer expectedYear) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw new CalendarFileException("不是有效的 JSON 文件：第 " + e.getLocation().getLineNr() + " 行附近有误",
                    "Not valid JSON: error near line " + e.getLocation().getLineNr());
        } catch (java.io.IOException e) {
            throw new CalendarFileException("文件无法读取", "The file cannot be read");
        }
        if (root == null || !root.isObject()) {
            throw new CalendarFileException("文件须为一个 JSON 对象（含 year、papers、days）",
                    "The file must be one JSON object with year, papers and days");
        }
        JsonNode yearNode = root.get("year");
        if (yearNode == null || !yearNode.isIntegralNumber()) {
            throw new CalendarFileException("缺少年份 year（数字）", "year (a number) is missing");
        }
        int year = yearNode.asInt();
        if (expectedYear != null && year != expectedYear) {
            throw new CalendarFileException("文件声明的年份 " + year + " 与文件名的年份 " + expectedYear + " 不符",
                    "The file says year " + year + " but is named for " + expectedYear);
        }
        JsonNode papersNode = root.get("papers");
        if (papersNode == null || !papersNode.isArray()) {
            throw new CalendarFileException("缺少 papers（国务院通知的网址列表）", "papers (the State Council notices) is missing");
        }
        List<String> papers = new ArrayList<>();
        for (JsonNode p : papersNode) {
            if (!p.isTextual()) {
                throw new CalendarFileException("papers 的每一项须为文本", "Every entry of papers must be a string");
            }
            papers.add(p.asText());
        }
        JsonNode daysNode = root.get("days");
        if (daysNode == null || !daysNode.isArray()) {
            throw new CalendarFileException("缺少 days（放假和调休上班的日期）", "days (holidays and make-up days) is missing");
        }
        Map<LocalDate, Boolean> days = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode d : daysNode) {
            i++;
            JsonNode name = d.get("name");
            JsonNode date = d.get("date");
            JsonNode off = d.get("isOffDay");
            if (name == null || !name.isTextual() || date == null || !date.isTextual() || off == null || !off.isBoolean()) {
                throw new CalendarFileException("days 第 " + i + " 项须有 name（文本）、date（日期）和 isOffDay（true/false）",
                        "days entry " + i + " needs name (text), date (a date) and isOffDay (true/false)");
            }
            LocalDate day;
            try {
                day = LocalDate.parse(date.asText());
            } catch (DateTimeParseException e) {
                throw new CalendarFileException("days 第 " + i + " 项的日期 " + date.asText() + " 不是 yyyy-MM-dd 格式",
                        "days entry " + i + ": " + date.asText() + " is not a yyyy-MM-dd date");
            }
            // a notice may start in the last days of the year before (the 2007 notice: 2006-12-30/31)
            boolean inYear = day.getYear() == year || day.getYear() == year - 1 && day.getMonthValue() == 12;
            if (!inYear) {
                throw new CalendarFileException("日期 " + day + " 不属于 " + year + " 年：文件可能是另一年份的安排",
                        day + " is not in " + year + ": the file may be another year's notice");
            }
            if (days.put(day, off.asBoolean()) != null) {
                throw new CalendarFileException("日期 " + day + " 重复出现", day + " is listed twice");
            }
        }
        for (StatutoryHolidays.Holiday h : StatutoryHolidays.of(year)) {
            if (!Boolean.TRUE.equals(days.get(h.date()))) {
                boolean weekend = h.date().getDayOfWeek() == DayOfWeek.SATURDAY || h.date().getDayOfWeek() == DayOfWeek.SUNDAY;
                throw new CalendarFileException("法定节假日 " + h.name() + "（" + h.date() + (weekend ? "，周末" : "")
                        + "）未列为放假：与《全国年节及纪念日放假办法》不符",
                        "The statutory holiday " + h.name() + " on " + h.date() + " is not given off: the file does not"
                                + " follow the national holiday rules in force for " + year);
            }
        }
        return new CalendarFile(year, List.copyOf(papers), Map.copyOf(days));
    }

    /** The year a file name {@code 2027.json} stands for, or null for any other name. */
    public static Integer yearOfName(String fileName) {
        var m = java.util.regex.Pattern.compile("(\\d{4})\\.json").matcher(fileName == null ? "" : fileName);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }
}
