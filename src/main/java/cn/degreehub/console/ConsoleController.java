package cn.degreehub.console;

import cn.degreehub.admin.RouteControl;
import cn.degreehub.calendar.CalendarHealth;
import cn.degreehub.calendar.CalendarUpdates;
import cn.degreehub.calendar.WorkingDayCalendar;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.deadline.TimeLimitWatch;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.PartnerRegistry;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The admin console's pages (templates/console): login, dashboard, routes. */
@Controller
public class ConsoleController {

    private final Dashboard dashboard;
    private final RouteControl routes;
    private final Queues queues;
    private final TimeLimitWatch timeLimits;
    private final PartnerRegistry registry;
    private final CalendarHealth calendar;
    private final WorkingDayCalendar workingDays;
    private final CalendarUpdates calendarUpdates;
    private final Clock clock;

    public ConsoleController(Dashboard dashboard, RouteControl routes, Queues queues, TimeLimitWatch timeLimits,
                             PartnerRegistry registry, CalendarHealth calendar, WorkingDayCalendar workingDays,
                             CalendarUpdates calendarUpdates, Clock clock) {
        this.calendar = calendar;
        this.workingDays = workingDays;
        this.calendarUpdates = calendarUpdates;
        this.dashboard = dashboard;
        this.routes = routes;
        this.queues = queues;
        this.timeLimits = timeLimits;
        this.registry = registry;
        this.clock = clock;
    }

    @GetMapping("/admin/login")
    public String login() {
        return "console/login";
    }

    /** Forwarded to on a refused GET or POST; the status stays 403. */
    @RequestMapping("/admin/denied")
    public String denied() {
        return "console/denied";
    }

    @GetMapping({"/admin", "/admin/"})
    public String dashboard(Model model) {
        model.addAttribute("figures", dashboard.figures());
        model.addAttribute("calendar", calendar.state());
        model.addAttribute("page", "dashboard");
        return "console/dashboard";
    }

    @GetMapping("/admin/routes")
    public String routes(Model model) {
        model.addAttribute("routes", routes.routes());
        model.addAttribute("page", "routes");
        return "console/routes";
    }

    /** Open applications (the center's days) and check tasks (the unit's), soonest due first; overdue marked. */
    @GetMapping("/admin/time-limits")
    public String timeLimits(@RequestParam(required = false) String unit, @RequestParam(required = false) String province,
                             @RequestParam(defaultValue = "false") boolean overdueOnly, Model model) {
        LocalDate today = ChinaTime.today(clock);
        String unitFilter = unit == null || unit.isBlank() ? null : unit.trim();
        String provinceFilter = province == null || province.isBlank() ? null : province.trim();
        model.addAttribute("items", timeLimits.open(today, unitFilter).stream()
                .filter(i -> !overdueOnly || i.overdue())
                .filter(i -> provinceFilter == null || registry.unit(i.unitCode())
                        .map(u -> provinceFilter.equals(u.province())).orElse(false))
                .toList());
        model.addAttribute("today", today);
        model.addAttribute("unit", unitFilter);
        model.addAttribute("province", provinceFilter);
        model.addAttribute("overdueOnly", overdueOnly);
        model.addAttribute("provinces", registry.provinces());
        model.addAttribute("alerts", timeLimits.alerts(50));
        model.addAttribute("calendar", calendar.state());
        model.addAttribute("officialYears", workingDays.years());
        model.addAttribute("page", "time-limits");
        return "console/time-limits";
    }

    /** An ADMIN loads a year's official holiday notice; the outcome (or the reason it was refused) is shown. */
    @PostMapping("/admin/calendar")
    public String loadCalendar(@RequestParam("file") org.springframework.web.multipart.MultipartFile file,
                               @AuthenticationPrincipal Account admin, RedirectAttributes flash) throws Exception {
        Flash.outcome(flash, () -> {
            CalendarUpdates.Loaded loaded = calendarUpdates.upload(file.getBytes(), file.getOriginalFilename(),
                    admin.username());
            return loaded.year() + ".json " + (loaded.changed() ? "已载入 / loaded" : "与已载入的相同，未改变 / unchanged");
        });
        return "redirect:/admin/time-limits#calendar";
    }

    @GetMapping("/admin/queues")
    public String queues(@RequestParam(required = false) String queue, Model model) {
        model.addAttribute("queues", queues.list());
        if (queue != null) {
            model.addAttribute("queue", queue);
            model.addAttribute("messages", queues.messages(queue));
        }
        model.addAttribute("page", "queues");
        return "console/queues";
    }

    @PostMapping("/admin/queues/replay")
    public String replay(@RequestParam String queue, @RequestParam String messageId, @AuthenticationPrincipal Account admin,
                         RedirectAttributes flash) throws Exception {
        return onMessage(queue, flash, () -> messageId + " → " + queues.replay(queue, messageId, admin.username()));
    }

    @PostMapping("/admin/queues/delete")
    public String delete(@RequestParam String queue, @RequestParam String messageId, @AuthenticationPrincipal Account admin,
                         RedirectAttributes flash) throws Exception {
        return onMessage(queue, flash, () -> {
            queues.delete(queue, messageId, admin.username());
            return messageId + " ✕";
        });
    }

    /** Runs an action on a queue's message and shows its outcome on the queue's page. */
    private static String onMessage(String queue, RedirectAttributes flash, java.util.concurrent.Callable<String> action)
            throws Exception {
        Flash.outcome(flash, action);
        return "redirect:/admin/queues?queue=" + java.net.URLEncoder.encode(queue, java.nio.charset.StandardCharsets.UTF_8);
    }

    @PostMapping("/admin/routes/{id}/{action}")
    public String routeAction(@PathVariable String id, @PathVariable String action, @AuthenticationPrincipal Account admin,
                              RedirectAttributes flash) throws Exception {
        Flash.outcome(flash, () -> id + " → " + routes.act(id, action, admin.username()));
        return "redirect:/admin/routes";
    }
}
