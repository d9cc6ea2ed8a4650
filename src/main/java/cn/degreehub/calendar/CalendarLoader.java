package cn.degreehub.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.Resource;

/** Reads and checks the official years of config/calendar/{year}.json at start ({@link CalendarFile}). */
public final class CalendarLoader {

    private CalendarLoader() {
    }

    public static WorkingDayCalendar load(Resource... files) {
        List<CalendarFile> years = new ArrayList<>();
        for (Resource file : files) {
            try (InputStream in = file.getInputStream()) {
                years.add(CalendarFile.parse(in.readAllBytes(), CalendarFile.yearOfName(file.getFilename())));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read calendar file " + file, e);
            } catch (CalendarFileException e) {
                throw new IllegalStateException("Calendar file " + file.getFilename() + " refused: " + e.messageEn(), e);
            }
        }
        return new WorkingDayCalendar(years);
    }
}
