package cn.degreehub.publication;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.filing.Semester;
import cn.degreehub.partner.Account;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Withheld feedback pushed to the units (docs/domain-rules.md, "Withheld feedback pushed to the units"): the pushes of
 * a semester with their delivery (REVIEWER or ADMIN), and an admin's push of a semester now (ADMIN), which goes
 * through routes/publication.xml like the daily one.
 */
@RestController
public class WithheldFeedbackPushController {

    private final WithheldFeedbackPush pushes;
    private final ProducerTemplate camel;

    public WithheldFeedbackPushController(WithheldFeedbackPush pushes, ProducerTemplate camel) {
        this.pushes = pushes;
        this.camel = camel;
    }

    @GetMapping("/admin/api/publication/feedback")
    public List<Map<String, Object>> list(@RequestParam(required = false) String semester) {
        return pushes.list(semester == null ? null : valid(semester)).stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pushId", p.pushId());
            m.put("semester", p.semester());
            m.put("unitCode", p.unitCode());
            m.put("records", p.records());
            m.put("channel", p.channel());
            m.put("delivery", p.delivery());
            m.put("attempts", p.attempts());
            m.put("createdAt", cn.degreehub.common.ChinaTime.timestamp(p.createdAt()));
            m.put("createdBy", p.createdBy());
            m.put("deliveredAt", p.deliveredAt() == null ? null : cn.degreehub.common.ChinaTime.timestamp(p.deliveredAt()));
            m.put("feedbackDate", p.feedbackDate().toString());
            m.put("late", p.late());
            m.put("timeliness", p.timeliness());
            m.put("lastError", p.lastError());
            return m;
        }).toList();
    }

    @PostMapping("/admin/api/publication/feedback/{semester}/push")
    public Map<String, Object> push(@PathVariable String semester, @AuthenticationPrincipal Account admin) {
        List<?> pushed = camel.requestBodyAndHeaders("direct:publication-feedback-push", null, Map.of(
                "degreehubTriggeredBy", admin.username(), "degreehubSemester", valid(semester)), List.class);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("semester", semester);
        m.put("pushed", pushed);
        return m;
    }

    private static String valid(String semester) {
        return Semester.parse(semester).map(Semester::toString).orElseThrow(() ->
                DegreeHubException.invalid("semester", "学期格式应为 2025-2026-1", "Semester must look like 2025-2026-1"));
    }
}
