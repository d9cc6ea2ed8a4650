package cn.degreehub.calendar;

import cn.degreehub.partner.Account;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The working-day calendar for scripts (ADMIN): what is official, and a new year's notice loaded at run time. */
@RestController
@RequestMapping("/admin/api/calendar")
public class CalendarController {

    private final CalendarHealth health;
    private final WorkingDayCalendar calendar;
    private final CalendarUpdates updates;

    public CalendarController(CalendarHealth health, WorkingDayCalendar calendar, CalendarUpdates updates) {
        this.health = health;
        this.calendar = calendar;
        this.updates = updates;
    }

    @GetMapping
    public Map<String, Object> state() {
        CalendarHealth.State s = health.state();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("today", s.today().toString());
        m.put("officialYears", calendar.years());
        m.put("lastOfficialDay", s.lastOfficialDay() == null ? null : s.lastOfficialDay().toString());
        m.put("officialDaysLeft", s.daysLeft());
        m.put("provisionalFrom", s.nextYear());
        m.put("warning", s.warning());
        m.put("provisionalHolidays", StatutoryHolidays.of(s.nextYear()));
        return m;
    }

    /** The body is the {year}.json file as published; refused with INVALID_REQUEST and the reason. */
    @PutMapping(path = "/{year}", consumes = "application/json")
    public Map<String, Object> load(@PathVariable int year, @RequestBody byte[] file,
                                    @AuthenticationPrincipal Account admin) {
        CalendarUpdates.Loaded loaded = updates.upload(file, year + ".json", admin.username());
        return Map.of("year", loaded.year(), "changed", loaded.changed());
    }
}
