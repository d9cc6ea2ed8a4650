package cn.degreehub.publication;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Each semester's publication status and deadline (REVIEWER or ADMIN; docs/domain-rules.md, "Semesters and
 * publication"). {@code on} judges another day than today (planning: "where will we stand on Dec 1?").
 */
@RestController
public class PublicationScheduleController {

    private final PublicationSchedule schedule;

    public PublicationScheduleController(PublicationSchedule schedule) {
        this.schedule = schedule;
    }

    @GetMapping("/admin/api/publication/semesters")
    public List<Map<String, Object>> semesters(@RequestParam(required = false) LocalDate on) {
        return (on == null ? schedule.status() : schedule.status(on)).stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("semester", s.semester());
            m.put("approved", s.approved());
            m.put("published", s.published());
            m.put("withheld", s.withheld());
            m.put("revoked", s.revoked());
            m.put("deadline", s.deadline().toString());
            m.put("lastPublished", s.lastPublished() == null ? null : s.lastPublished().toString());
            m.put("state", s.state().name());
            return m;
        }).toList();
    }
}
