package cn.degreehub.publication;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.Paging;
import cn.degreehub.partner.Account;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monthly correction cycles (docs/domain-rules.md, "Semesters and publication"): the recent months with their due
 * dates and outcomes, one month's records (REVIEWER or ADMIN), and processing a finished month now (ADMIN).
 */
@RestController
@RequestMapping("/admin/api/publication/corrections")
public class CorrectionCycleController {

    private final CorrectionCycle cycles;

    public CorrectionCycleController(CorrectionCycle cycles) {
        this.cycles = cycles;
    }

    @GetMapping
    public List<Map<String, Object>> recent(@RequestParam(defaultValue = "12") int months) {
        if (months < 1 || months > 36) {
            throw DegreeHubException.invalid("months", "月数须在 1 到 36 之间", "months is between 1 and 36");
        }
        return cycles.recent(months).stream().map(CorrectionCycleController::view).toList();
    }

    @GetMapping("/{month}")
    public Map<String, Object> month(@PathVariable String month, @RequestParam(defaultValue = "1") int page,
                                     @RequestParam(defaultValue = "50") int size) {
        YearMonth m = parse(month);
        CorrectionCycle.Cycle cycle = onCalendar(m, () -> cycles.status(m));
        Paging paging = Paging.of(page, size, Paging.MAX_SIZE);
        Map<String, Object> view = view(cycle);
        view.put("page", paging.page());
        view.put("size", paging.size());
        view.put("records", cycles.records(m, paging.offset(), paging.size()));
        return view;
    }

    @PostMapping("/{month}")
    public Map<String, Object> process(@PathVariable String month, @AuthenticationPrincipal Account user) {
        YearMonth m = parse(month);
        return view(onCalendar(m, () -> cycles.process(m, user.username())));
    }

    /** A month's due date needs the calendar of the next month's year: none before the calendar data begins. */
    private static <T> T onCalendar(YearMonth month, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (cn.degreehub.calendar.CalendarDataMissingException e) {
            throw DegreeHubException.invalid("month", "没有 " + month.plusMonths(1).getYear() + " 年的工作日日历，无法计算 " + month
                    + " 的处理期限", "No working-day calendar for " + month.plusMonths(1).getYear() + ": " + month
                    + " has no due date here");
        }
    }

    private static YearMonth parse(String month) {
        try {
            if (!month.matches("[0-9]{4}-[0-9]{2}")) {
                throw new DateTimeParseException("yyyy-MM", month, 0);
            }
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw DegreeHubException.invalid("month", "月份格式为 yyyy-MM", "A month is written yyyy-MM");
        }
    }

    static Map<String, Object> view(CorrectionCycle.Cycle c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("month", c.month().toString());
        m.put("dueDate", c.dueDate().toString());
        m.put("state", c.state().name());
        m.put("processedAt", c.processedAt() == null ? null : ChinaTime.timestamp(c.processedAt()));
        m.put("processedBy", c.processedBy());
        m.put("corrected", c.corrected());
        m.put("published", c.published());
        m.put("fedBack", c.fedBack());
        m.put("other", c.other());
        return m;
    }
}
