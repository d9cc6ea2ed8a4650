package cn.degreehub.publication;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.calendar.WorkingDayCalendar;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.UtcTime;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.filing.DegreeRecords;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly correction cycle (docs/domain-rules.md, "Semesters and publication"): the corrections of month M are
 * processed by the 5th working day of M+1. The nightly publication run publishes what now qualifies; processing a month
 * then records each corrected record's outcome: PUBLISHED, FED_BACK (still withheld, with its reason: the unit sees it
 * again in its withheld feedback) or REVOKED. Each month is processed once; after each nightly run the hub catches up
 * on every finished month not yet processed (routes/publication.xml).
 */
public class CorrectionCycle {

    private static final Logger LOG = LoggerFactory.getLogger(CorrectionCycle.class);

    /** Corrections of a month are processed by this working day of the next month. */
    public static final int DUE_WORKING_DAY = 5;
    /** How far back the nightly catch-up looks: older months are processed on request only. */
    static final int CATCH_UP_MONTHS = 12;

    public enum Outcome { PUBLISHED, FED_BACK, REVOKED }

    /**
     * PENDING: the month is over, its cycle not processed, due ahead; OVERDUE: past due; ON_TIME or LATE: processed;
     * NONE: a month before the first correction on record, nothing to process.
     */
    public enum State { PENDING, OVERDUE, ON_TIME, LATE, NONE }

    public record Cycle(YearMonth month, LocalDate dueDate, Instant processedAt, String processedBy, int corrected,
                        int published, int fedBack, int other, State state) {
    }

    public record Record(String certificateNumber, String unitCode, String provinceCode, String semester, Outcome outcome,
                         String reason, String detail) {
    }

    private final JdbcTemplate jdbc;
    private final DegreeRecords records;
    private final WorkingDayCalendar calendar;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;

    public CorrectionCycle(JdbcTemplate jdbc, DegreeRecords records, WorkingDayCalendar calendar,
                           TransactionTemplate tx, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.records = records;
        this.calendar = calendar;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** The day month {@code month}'s corrections must be processed by: the 5th working day of the next month. */
    public LocalDate dueDate(YearMonth month) {
        return calendar.nthWorkingDayOfMonth(month.plusMonths(1), DUE_WORKING_DAY);
    }

    /**
     * Processes every finished month (of the last twelve, from the first correction on record) not processed yet;
     * called after the nightly publication run. Returns the cycles processed now.
     */
    public List<Cycle> catchUp(String actor) {
        YearMonth current = YearMonth.from(ChinaTime.today(clock));
        Optional<YearMonth> first = firstCorrectionMonth();
        if (first.isEmpty()) {
            return List.of();
        }
        YearMonth from = first.get().isAfter(current.minusMonths(CATCH_UP_MONTHS)) ? first.get()
                : current.minusMonths(CATCH_UP_MONTHS);
        List<Cycle> done = new ArrayList<>();
        for (YearMonth m = from; m.isBefore(current); m = m.plusMonths(1)) {
            if (find(m).isEmpty()) {
                done.add(process(m, actor));
            }
        }
        return done;
    }

    /**
     * Processes month {@code month}'s corrections now: refused while the month is not over (INVALID_STATE); a month
     * processed before is answered as it was.
     */
    public Cycle process(YearMonth month, String actor) {
        if (!month.isBefore(YearMonth.from(ChinaTime.today(clock)))) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, month + " 尚未结束, 其更正在次月处理",
                    month + " is not over yet: its corrections are processed in the next month");
        }
        Optional<Cycle> before = find(month);
        if (before.isPresent()) {
            return before.get();
        }
        Instant from = month.atDay(1).atStartOfDay(ChinaTime.ZONE).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(ChinaTime.ZONE).toInstant();
        List<DegreeRecords.Corrected> corrected = records.correctedBetween(from, to);
        long waiting = corrected.stream().filter(c -> "APPROVED".equals(c.status())).count();
        if (waiting > 0) {
            // the nightly run publishes before it processes; one asked for by hand may come between
            throw new DegreeHubException(FaultCode.INVALID_STATE, month + " 有 " + waiting + " 条更正记录尚待公布运行, 请先运行公布",
                    waiting + " records corrected in " + month + " wait for a publication run: publish first");
        }
        List<Record> outcomes = corrected.stream().map(c -> new Record(c.certificateNumber(), c.unitCode(),
                c.provinceCode(), c.semester(), outcome(c), c.withheldReason(), c.withheldDetail())).toList();
        Map<Outcome, Long> counts = outcomes.stream().collect(Collectors.groupingBy(Record::outcome, Collectors.counting()));
        int published = counts.getOrDefault(Outcome.PUBLISHED, 0L).intValue();
        int fedBack = counts.getOrDefault(Outcome.FED_BACK, 0L).intValue();
        Instant now = clock.instant();
        LocalDate due = dueDate(month);
        try {
            tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO correction_cycle (cycle_month, due_date, processed_at, processed_by, corrected, published,"
                                + " fed_back, other) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", month.toString(), Date.valueOf(due),
                        UtcTime.column(now), actor, outcomes.size(), published, fedBack,
                        outcomes.size() - published - fedBack);
                jdbc.batchUpdate("INSERT INTO correction_cycle_record (cycle_month, xwzsbh, unit_code, province_code, semester,"
                        + " outcome, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", outcomes.stream()
                        .map(r -> new Object[] {month.toString(), r.certificateNumber(), r.unitCode(), r.provinceCode(),
                                r.semester(), r.outcome().name(), r.reason(), r.detail()}).toList());
            });
        } catch (DuplicateKeyException e) {
            // another node processed it meanwhile: its cycle stands
            return find(month).orElseThrow();
        }
        Map<String, Long> fedBackPerUnit = new TreeMap<>(outcomes.stream().filter(r -> r.outcome() == Outcome.FED_BACK)
                .collect(Collectors.groupingBy(Record::unitCode, Collectors.counting())));
        audit.record(actor, "CORRECTION_CYCLE", month.toString(), "corrected=" + outcomes.size() + " published=" + published
                + " fedBack=" + fedBack + " fedBackPerUnit=" + fedBackPerUnit + " due=" + due);
        LOG.info("Correction cycle {} by {}: {} corrected, {} published, {} fed back again {}, due {} ({})", month, actor,
                outcomes.size(), published, fedBack, fedBackPerUnit, due,
                ChinaTime.today(clock).isAfter(due) ? "late" : "on time");
        return find(month).orElseThrow();
    }

    private static Outcome outcome(DegreeRecords.Corrected c) {
        return switch (c.status()) {
            case "PUBLISHED" -> Outcome.PUBLISHED;
            case "REVOKED" -> Outcome.REVOKED;
            // WITHHELD (and APPROVED, should a publication run have failed): still not online, fed back again
            default -> Outcome.FED_BACK;
        };
    }

    public Optional<Cycle> find(YearMonth month) {
        return jdbc.query("SELECT * FROM correction_cycle WHERE cycle_month = ?", (rs, i) -> {
            LocalDate due = rs.getDate("due_date").toLocalDate();
            Instant at = UtcTime.instant(rs.getTimestamp("processed_at").toLocalDateTime());
            State state = at.atZone(ChinaTime.ZONE).toLocalDate().isAfter(due) ? State.LATE : State.ON_TIME;
            return new Cycle(month, due, at, rs.getString("processed_by"), rs.getInt("corrected"), rs.getInt("published"),
                    rs.getInt("fed_back"), rs.getInt("other"), state);
        }, month.toString()).stream().findFirst();
    }

    /**
     * The cycles of the last {@code months} months before this one, newest first: processed ones as recorded, the
     * others PENDING or OVERDUE (from the first correction on, a month without corrections is processed with zero
     * counts when its turn comes), or NONE before it.
     */
    public List<Cycle> recent(int months) {
        YearMonth current = YearMonth.from(ChinaTime.today(clock));
        Optional<YearMonth> first = firstCorrectionMonth();
        List<Cycle> cycles = new ArrayList<>();
        for (int i = 1; i <= months; i++) {
            cycles.add(status(current.minusMonths(i), first));
        }
        return cycles;
    }

    /** A month's cycle: as processed, or PENDING, OVERDUE or NONE (see {@link #recent}). */
    public Cycle status(YearMonth month) {
        return status(month, firstCorrectionMonth());
    }

    private Cycle status(YearMonth month, Optional<YearMonth> first) {
        return find(month).orElseGet(() -> {
            LocalDate today = ChinaTime.today(clock);
            LocalDate due = dueDate(month);
            State state = first.isEmpty() || month.isBefore(first.get()) ? State.NONE
                    : today.isAfter(due) ? State.OVERDUE : State.PENDING;
            return new Cycle(month, due, null, null, 0, 0, 0, 0, state);
        });
    }

    private Optional<YearMonth> firstCorrectionMonth() {
        return records.firstCorrection().map(i -> YearMonth.from(i.atZone(ChinaTime.ZONE)));
    }

    /** One page of a processed month's records, by number. */
    public List<Record> records(YearMonth month, int offset, int size) {
        return jdbc.query("SELECT * FROM correction_cycle_record WHERE cycle_month = ? ORDER BY xwzsbh OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                (rs, i) -> new Record(rs.getString("xwzsbh"), rs.getString("unit_code"), rs.getString("province_code"),
                        rs.getString("semester"), Outcome.valueOf(rs.getString("outcome")), rs.getString("reason"),
                        rs.getString("detail")), month.toString(), offset, size);
    }
}
