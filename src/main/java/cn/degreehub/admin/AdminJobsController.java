package cn.degreehub.admin;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The long operations started from the console, for scripts (ADMIN): progress, counts, outcome. */
@RestController
@RequestMapping("/admin/api/jobs")
public class AdminJobsController {

    private final AdminJobs jobs;

    public AdminJobsController(AdminJobs jobs) {
        this.jobs = jobs;
    }

    @GetMapping
    public List<AdminJobs.Job> recent(@RequestParam(defaultValue = "50") int limit) {
        return jobs.recent(null, Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/{id}")
    public AdminJobs.Job job(@PathVariable long id) {
        return jobs.job(id);
    }
}
