package cn.degreehub.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.Resource;

/** Reads the holiday-cn format of config/calendar/{year}.json (see its README). */
public final class CalendarLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CalendarLoader() {
    }

    public static WorkingDayCalendar load(Resource... files) {
        Set<Integer> years = new HashSet<>();
        Map<LocalDate, Boolean> days = new HashMap<>();
        for (Resource file : files) {
            try (InputStream in = file.getInputStream()) {
                JsonNode root = JSON.readTree(in);
                if (!root.hasNonNull("year") || !root.has("days")) {
                    throw new IllegalStateException("Not a calendar file (needs year and days): " + file);
                }
                years.add(root.get("year").asInt());
                for (JsonNode day : root.get("days")) {
                    days.put(LocalDate.parse(day.get("date").asText()), day.get("isOffDay").asBoolean());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read calendar file " + file, e);
            }
        }
        if (years.isEmpty()) {
            throw new IllegalStateException("No working-day calendar files found");
        }
        return new WorkingDayCalendar(years, days);
    }
}
