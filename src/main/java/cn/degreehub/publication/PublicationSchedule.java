package cn.degreehub.publication;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.deadline.TimeLimited;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.filing.Semester;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Publication by semester (docs/domain-rules.md, "Semesters and publication"): the records of a first semester must
 * be online by Jun 1, those of a second by Dec 1. Each semester's status (approved, published, withheld; its deadline;
 * pending, on time, late or overdue), and the semesters still waiting for publication as time-limited work: the
 * time-limit watch reminds before the deadline and alerts once it is missed (subject PUBLICATION).
 */
public class PublicationSchedule implements TimeLimited {

    public static final String PUBLICATION = "PUBLICATION";

    /**
     * PENDING: records wait, the deadline is ahead; OVERDUE: records wait past it; ON_TIME: none waits and the last
     * was published by the deadline (or none needed publishing); LATE: none waits, the last published after it.
     */
    public enum State { PENDING, OVERDUE, ON_TIME, LATE }

    public record Status(String semester, int approved, int published, int withheld, int revoked, LocalDate deadline,
                         LocalDate lastPublished, State state) {
    }

    private final DegreeRecords records;
    private final Clock clock;

    public PublicationSchedule(DegreeRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    /** Every semester on file, judged on {@code today} (China time), newest first. */
    public List<Status> status(LocalDate today) {
        return records.semesterCounts().stream().flatMap(c -> Semester.parse(c.semester()).stream().map(s -> {
            LocalDate deadline = s.publicationDeadline();
            LocalDate last = c.lastPublishedAt() == null ? null : c.lastPublishedAt().atZone(ChinaTime.ZONE).toLocalDate();
            State state;
            if (c.approved() > 0) {
                state = today.isAfter(deadline) ? State.OVERDUE : State.PENDING;
            } else {
                state = last != null && last.isAfter(deadline) ? State.LATE : State.ON_TIME;
            }
            return new Status(c.semester(), c.approved(), c.published(), c.withheld(), c.revoked(), deadline, last, state);
        })).toList();
    }

    public List<Status> status() {
        return status(ChinaTime.today(clock));
    }

    @Override
    public String subject() {
        return PUBLICATION;
    }

    /** Semesters with records waiting for publication, due on their deadline; none per unit (a semester is national). */
    @Override
    public List<Due> open(String unitCode) {
        if (unitCode != null) {
            return List.of();
        }
        return records.semesterCounts().stream().filter(c -> c.approved() > 0)
                .flatMap(c -> Semester.parse(c.semester()).stream()
                        .map(s -> new Due(c.semester(), null, null, null, s.publicationDeadline(), null)))
                .toList();
    }

    @Override
    public int overdue(LocalDate today) {
        return (int) status(today).stream().filter(s -> s.state() == State.OVERDUE).count();
    }
}
