package cn.degreehub.deadline;

import cn.degreehub.common.ChinaTime;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Time limits for the center (roles REVIEWER, ADMIN): what is open, when it is due, what is overdue. */
@RestController
@RequestMapping("/admin/api/deadlines")
public class DeadlineController {

    private final TimeLimitWatch watch;
    private final Clock clock;

    public DeadlineController(TimeLimitWatch watch, Clock clock) {
        this.watch = watch;
        this.clock = clock;
    }

    @GetMapping
    public List<TimeLimitWatch.OpenItem> open(@RequestParam(required = false) String unit,
                                              @RequestParam(defaultValue = "false") boolean overdueOnly) {
        LocalDate today = ChinaTime.today(clock);
        return watch.open(today, unit).stream().filter(i -> !overdueOnly || i.overdue()).toList();
    }

    @GetMapping("/alerts")
    public List<TimeLimitWatch.Alert> alerts(@RequestParam(defaultValue = "100") int max) {
        return watch.alerts(Math.min(1000, Math.max(1, max)));
    }
}
