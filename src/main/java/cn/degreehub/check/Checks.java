package cn.degreehub.check;

import cn.degreehub.calendar.ClosedDays;
import cn.degreehub.calendar.DueDate;
import cn.degreehub.calendar.OfficialYearLoaded;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeRules;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.PartnerRegistryProperties.Department;
import cn.degreehub.partner.PartnerRegistryProperties.Unit;
import cn.degreehub.partner.UnitClosures;
import cn.degreehub.report.Report;
import cn.degreehub.verification.AppliedDegree;
import cn.degreehub.verification.ApplicationLifecycle;
import cn.degreehub.verification.ApplicationState;
import cn.degreehub.verification.Applications;
import cn.degreehub.verification.Deadlines;
import cn.degreehub.verification.Rechecks;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;

/**
 * Check tasks (学位信息核查): opened by the center for an application in review, routed to the unit's
 * department, answered by the unit (over SOAP or its queue, {@link CheckEndpoint}). An answer closes the task,
 * issues the report and tells the portal, in one transaction; a CORRECTED answer also proposes a database change.
 * The unit's account, its scope and the contract are the endpoint's: this class takes a task the caller may act on.
 */
public class Checks implements Rechecks {

    private final CheckTasks tasks;
    private final Applications applications;
    private final DegreeRecords records;
    private final ApplicationLifecycle lifecycle;
    private final PartnerRegistry registry;
    private final UnitClosures closures;
    private final Deadlines deadlines;
    private final DegreeChanges changes;
    private final CheckDocuments documents;
    private final Clock clock;
    private final Settings settings;
    private final MeterRegistry meters;

    /** The labour fee per completed check; how many working days a unit may add by announcing a delay. */
    public record Settings(BigDecimal feePerCheckYuan, int maxDelayWorkingDays) {
    }

    /** 核查劳务费: a unit's answered checks of a month, each of its departments listed (none left out). */
    public record LaborFee(String unitCode, YearMonth period, BigDecimal feePerCheckYuan, List<DepartmentFee> departments,
                           int totalChecks, BigDecimal totalFeeYuan) {
    }

    public record DepartmentFee(String department, String name, int completedChecks, BigDecimal feeYuan) {
    }

    public Checks(CheckTasks tasks, Applications applications, DegreeRecords records, ApplicationLifecycle lifecycle,
                  PartnerRegistry registry, UnitClosures closures, Deadlines deadlines, DegreeChanges changes,
                  CheckDocuments documents, Clock clock, Settings settings, MeterRegistry meters) {
        this.tasks = tasks;
        this.applications = applications;
        this.records = records;
        this.lifecycle = lifecycle;
        this.registry = registry;
        this.closures = closures;
        this.deadlines = deadlines;
        this.changes = changes;
        this.documents = documents;
        this.clock = clock;
        this.settings = settings;
        this.meters = meters;
    }

    // ---- the center opens a check (from material review) ----

    /** In the caller's transaction: the application (locked, in REVIEW) goes to CHECKING with a new task. */
    public CheckTasks.Task open(Applications.Stored a, List<String> differing, String actor) {
        return open(a, differing, actor, null);
    }

    @Override
    public void openRecheck(Applications.Stored a, List<String> differing, String actor, String objection) {
        open(a, differing, actor, objection);
    }

    /** @param objection the applicant's objection when this is a re-check of a completed verification, else null */
    public CheckTasks.Task open(Applications.Stored a, List<String> differing, String actor, String objection) {
        Unit unit = registry.unit(a.unitCode()).orElseThrow(() -> new DegreeHubException(FaultCode.INVALID_STATE,
                "学位授予单位 " + a.unitCode() + " 未登记，不能发起核查",
                "Unit " + a.unitCode() + " is not in the partner registry; no check can be sent"));
        LocalDate today = today();
        Optional<DegreeRecords.Stored> record = records.find(a.certificateNumber());
        String studyForm = record.map(r -> studyForm(r.degree().studyFormCode())).orElse(null);
        String department = DepartmentRouting.route(unit, a.level(), a.awardDate(), studyForm, today);
        DueDate due = deadlines.check(today, a.urgent(), closedDays(a.unitCode()));
        String taskId = tasks.nextTaskId(today);
        String document = documents.request(taskId, a, department, differing, record, due, clock.instant(), objection);

        String channel = unit.channel() == null || unit.channel().type() == null ? "QUEUE" : unit.channel().type();
        String departmentName = unit.departments().stream().filter(d -> d.id().equals(department))
                .map(Department::name).findFirst().orElse(department);
        tasks.insert(taskId, a.applicationNo(), a.unitCode(), department, channel, document, a.urgent(), due, actor);
        if (record.isEmpty() || (differing != null && !differing.isEmpty())) {
            // 细则 第十一条: the database change process starts with the manual check of a mismatch or a missing record
            changes.open(taskId, a, record.isPresent());
        }
        lifecycle.move(a.applicationNo(), a.status(), ApplicationState.CHECKING, differing, actor,
                (objection == null ? "" : "异议：" + objection + "；") + "已发送学位授予单位核查（" + unit.name() + "，"
                        + departmentName + "），单位办理期限 " + due.date() + due.noteZh(),
                (objection == null ? "" : "Objection: " + objection + "; ") + "sent to " + a.unitCode() + "/" + department
                        + " for a check, due " + due.date() + due.noteEn());
        meters.counter("degreehub.checks.opened", "unit", a.unitCode()).increment();
        return tasks.find(taskId).orElseThrow();
    }

    public List<CheckTasks.Task> tasksOf(String applicationNo) {
        return tasks.ofApplication(applicationNo);
    }

    // ---- the unit acts on a task (locked, and one the caller may see) ----

    /** The task goes to another of its unit's check departments. */
    public CheckTasks.Task reassign(CheckTasks.Task t, String department, String actor) {
        if (!"OPEN".equals(t.status())) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "任务已办结，不能转派",
                    "The task is closed and cannot be reassigned");
        }
        Unit unit = registry.unit(t.unitCode()).orElseThrow();
        Department target = unit.departments().stream().filter(d -> d.id().equals(department))
                .findFirst().orElseThrow(() -> DegreeHubException.invalid("department",
                        "本单位无此核查部门：" + department, "The unit has no check department " + department));
        tasks.reassign(t.taskId(), target.id(), documents.reassigned(t.document(), target.id()), actor, t.department());
        return tasks.find(t.taskId()).orElseThrow();
    }

    public CheckAnswer.Answered answer(CheckTasks.Task t, CheckAnswer answer, String actor) {
        if (!"OPEN".equals(t.status())) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "任务已办结（" + t.status() + "）",
                    "The task is already " + t.status());
        }
        CheckAnswer.Outcome outcome = answer.outcome();
        Corrections corrected = answer.corrections();
        if (outcome == CheckAnswer.Outcome.CORRECTED && (corrected == null || corrected.fields().isEmpty())) {
            throw DegreeHubException.invalid("corrected", "核实有误时须填写更正后的信息",
                    "A CORRECTED answer must give the corrected fields");
        }
        if (outcome == CheckAnswer.Outcome.OTHER && (answer.remarks() == null || answer.remarks().isBlank())) {
            throw DegreeHubException.invalid("remarks", "答复“其他”时须在备注中说明情况",
                    "An OTHER answer must say what it is in the remarks");
        }
        Applications.Stored a = applications.lock(t.applicationNo()).orElseThrow();
        if (outcome == CheckAnswer.Outcome.OTHER) {
            // no report: the center's reviewer reads the remarks and decides (docs/domain-rules.md, "Check tasks")
            tasks.answer(t.taskId(), outcome.value(), null, answer.remarks(), answer.checker(), actor);
            changes.answered(t.taskId(), outcome, null);
            lifecycle.move(a.applicationNo(), a.status(), ApplicationState.REVIEW, null, actor,
                    "单位答复“其他”，退回中心材料审查：" + answer.remarks().trim(),
                    "The unit answered OTHER; back to the center's review: " + answer.remarks().trim());
            meters.counter("degreehub.checks.answered", "outcome", outcome.value()).increment();
            return new CheckAnswer.Answered(t.taskId(), a.applicationNo(), null, null);
        }
        // the degree as the unit says it is: the national record must come to carry it (DegreeChanges)
        Degree asItIs = outcome == CheckAnswer.Outcome.CORRECTED ? correctedDegree(a, corrected, today()) : a.degree();
        String result;
        List<String> differing = new ArrayList<>();
        switch (outcome) {
            case CONFIRMED -> result = Report.CONSISTENT;
            case CORRECTED -> {
                result = Report.INCONSISTENT;
                differing.addAll(differences(a, corrected));
                if (differing.isEmpty()) {
                    result = Report.CONSISTENT; // the "corrections" repeat what was applied
                }
            }
            default -> result = Report.NO_RECORD;
        }
        Map<String, String> correctedValues = corrected == null ? Map.of() : corrected.fields();
        tasks.answer(t.taskId(), outcome.value(), correctedValues.isEmpty() ? null : correctedValues.toString(),
                answer.remarks(), answer.checker(), actor);
        changes.answered(t.taskId(), outcome, asItIs);
        Report report = lifecycle.issueReport(a.applicationNo(), result, differing, a.degree(), a.languages());
        // a re-check after an objection: the earlier report is replaced, and says so when verified
        lifecycle.complete(a.applicationNo(), report, differing, a.reportNo(),
                "异议复核后由报告 " + report.reportNo() + " 取代 / replaced after an objection", actor,
                "单位核查完成（" + outcome.value() + "），已出具电子认证报告",
                "Checked by the unit (" + outcome.value() + "); the verification report has been issued");
        meters.counter("degreehub.checks.answered", "outcome", outcome.value()).increment();
        return new CheckAnswer.Answered(t.taskId(), a.applicationNo(), report.reportNo(), result);
    }

    /** A unit that cannot answer in time says so before the due date, once, with a reason (docs/domain-rules.md, "Check tasks (学位信息核查)"). */
    public CheckTasks.Task announceDelay(CheckTasks.Task t, LocalDate wanted, String reason, String actor) {
        if (!"OPEN".equals(t.status())) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "任务已办结，不能延期",
                    "The task is closed; no delay can be announced");
        }
        if (t.originalDueDate() != null) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "该任务已申请过延期",
                    "A delay was already announced for this task");
        }
        if (today().isAfter(t.dueDate())) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "须在办理期限届满前申请延期",
                    "A delay must be announced before the due date");
        }
        int extra = deadlines.calendar().workingDaysBetween(t.dueDate(), wanted);
        if (!wanted.isAfter(t.dueDate()) || extra > settings.maxDelayWorkingDays()) {
            throw DegreeHubException.invalid("newDueDate", "延期后的期限须晚于原期限，且至多延长 "
                    + settings.maxDelayWorkingDays() + " 个工作日", "The new due date must be after the current one"
                    + " and at most " + settings.maxDelayWorkingDays() + " working days later");
        }
        String why = reason.trim();
        tasks.delay(t.taskId(), wanted, why, actor);
        applications.unitDueDate(t.applicationNo(), wanted);
        lifecycle.note(t.applicationNo(), ApplicationState.CHECKING, actor,
                "学位授予单位申请延期至 " + wanted + "：" + why,
                "The unit announced a delay to " + wanted + ": " + why);
        return tasks.find(t.taskId()).orElseThrow();
    }

    // ---- a unit's closures (寒假, 暑假) ----

    /**
     * A closure the unit's lead department announces ahead ({@link UnitClosures#announce}: its rules, the row, the
     * audit line); its open tasks are counted again without the closed days, in the same transaction, and a task
     * whose date moves is told in its stored request (what listCheckTasks shows), its events and the application's
     * history, like a new official calendar year. A task whose date the unit chose itself (an announced delay)
     * keeps it. Returns the unit's closures not yet over (docs/domain-rules.md, "Closures").
     */
    public List<UnitClosures.Closure> announceClosure(String unitCode, LocalDate from, LocalDate to, String reason,
                                                      String actor) {
        UnitClosures.Closure announced = closures.announce(unitCode, from, to, reason, actor);
        ClosedDays closed = closedDays(unitCode);
        ClosedDays before = ClosedDays.of(closed.ranges().stream()
                .filter(r -> !(r.from().equals(announced.from()) && r.to().equals(announced.to()))).toList());
        for (CheckTasks.Task t : tasks.lockOpenOfUnit(unitCode)) {
            if (t.originalDueDate() != null) {
                continue;
            }
            LocalDate opened = t.createdAt().atZone(ChinaTime.ZONE).toLocalDate();
            DueDate due = deadlines.check(opened, t.urgent(), closed);
            // only what this closure changes: a closure after the task's time limit leaves it, and a date set
            // otherwise (counted on other settings, or by hand) is not recounted by an unrelated announcement
            if (due.date().equals(deadlines.check(opened, t.urgent(), before).date()) || !due.date().isAfter(t.dueDate())) {
                continue;
            }
            tasks.moveDue(t.taskId(), due, documents.due(t.document(), due), actor,
                    t.dueDate() + " → " + due.date() + " (closure " + announced.from() + ".." + announced.to() + ")");
            applications.find(t.applicationNo()).filter(a -> a.unitDue().date().isBefore(due.date()))
                    .ifPresent(a -> applications.dueDates(a.applicationNo(), a.centerDue(), due));
            lifecycle.note(t.applicationNo(), ApplicationState.CHECKING, actor,
                    "学位授予单位报备放假（" + announced.reason() + "，" + announced.from() + " 至 " + announced.to()
                            + "）：核查任务 " + t.taskId() + " 的单位办理期限由 " + t.dueDate() + " 顺延至 " + due.date() + due.noteZh(),
                    "The unit announced a closure (" + announced.reason() + ", " + announced.from() + " to " + announced.to()
                            + "): check task " + t.taskId() + " is now due " + due.date() + " (was " + t.dueDate() + ")"
                            + due.noteEn());
        }
        return closures.current(unitCode, today());
    }

    /** The unit's closed days, registry and announced: the one input its time limits take besides the calendar. */
    private ClosedDays closedDays(String unitCode) {
        return ClosedDays.of(closures.of(unitCode).stream().map(c -> new ClosedDays.Range(c.from(), c.to())).toList());
    }

    /** The labour fee statement of a unit for a month (checks answered in it, China time). */
    public LaborFee laborFee(String unitCode, YearMonth period) {
        var from = period.atDay(1).atStartOfDay(ChinaTime.ZONE).toInstant();
        var to = period.plusMonths(1).atDay(1).atStartOfDay(ChinaTime.ZONE).toInstant();
        Unit unit = registry.unit(unitCode).orElseThrow();
        Map<String, Integer> counted = new LinkedHashMap<>();
        for (Object[] row : tasks.answeredPerDepartment(unitCode, from, to)) {
            counted.put((String) row[0], (Integer) row[1]);
        }
        BigDecimal fee = settings.feePerCheckYuan();
        List<DepartmentFee> departments = new ArrayList<>();
        int total = 0;
        for (Department d : unit.departments()) {
            int n = counted.getOrDefault(d.id(), 0);
            departments.add(new DepartmentFee(d.id(), d.name(), n, fee.multiply(BigDecimal.valueOf(n))));
            total += n;
        }
        return new LaborFee(unit.code(), period, fee, departments, total, fee.multiply(BigDecimal.valueOf(total)));
    }

    // ---- a new official calendar year ----

    /**
     * Open tasks whose due date was counted provisionally across the year just loaded are counted again on
     * the official calendar, in the publisher's transaction; a date that moved is told in the history.
     */
    @EventListener
    public void officialYearLoaded(OfficialYearLoaded loaded) {
        for (CheckTasks.Task t : tasks.openWithProvisionalDue(loaded.year())) {
            DueDate due = deadlines.check(t.createdAt().atZone(ChinaTime.ZONE).toLocalDate(), t.urgent(),
                    closedDays(t.unitCode()));
            tasks.moveDue(t.taskId(), due, documents.due(t.document(), due), loaded.actor(),
                    t.dueDate() + " → " + due.date());
            if (!due.date().equals(t.dueDate())) {
                lifecycle.note(t.applicationNo(), ApplicationState.CHECKING, loaded.actor(),
                        loaded.year() + " 年官方节假日安排已载入：核查任务 " + t.taskId() + " 的单位办理期限由 " + t.dueDate()
                                + " 调整为 " + due.date() + due.noteZh(),
                        "The official " + loaded.year() + " holiday calendar was loaded: check task " + t.taskId()
                                + " is now due " + due.date() + " (was " + t.dueDate() + ")" + due.noteEn());
            }
        }
    }

    // ---- the degree as corrected ----

    /**
     * The degree as a unit's CORRECTED answer says it is (the application with the unit's corrections), refused
     * when it breaks the {@link DegreeRules} every other entry point applies: once confirmed, its values are
     * written to the national record.
     */
    public static Degree correctedDegree(Applications.Stored a, Corrections c, LocalDate today) {
        Degree was = a.degree();
        Degree corrected = new Degree(c.holderName() != null ? c.holderName().trim() : was.holderName(), null,
                c.idType() != null ? c.idType() : was.idType(),
                c.idNumber() != null ? DegreeRules.normaliseIdNumber(c.idNumber()) : was.idNumber(),
                was.unitCode(), null, c.level() != null ? c.level() : was.level(),
                null, c.awardDate() != null ? c.awardDate() : was.awardDate(),
                c.certificateNumber() != null ? DegreeRules.normaliseCertificateNumber(c.certificateNumber())
                        : was.certificateNumber(), was.discipline(), null);
        AppliedDegree.check(corrected, today, "corrected.");
        return corrected;
    }

    private static List<String> differences(Applications.Stored a, Corrections c) {
        Map<String, String> applied = Map.of("holderName", a.holderName(), "idType", a.idType(), "idNumber", a.idNumber(),
                "level", a.level(), "awardDate", a.awardDate().toString(), "certificateNumber", a.certificateNumber());
        List<String> differing = new ArrayList<>();
        c.fields().forEach((field, value) -> {
            if (!value.equals(applied.get(field))) {
                differing.add(field);
            }
        });
        return differing;
    }

    /** The filing's 学习形式码 to a declared study form; a missing or unknown code counts as unknown. */
    private static String studyForm(String code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case "1" -> "REGULAR";
            case "2" -> "ADULT";
            case "3" -> "INTERNATIONAL";
            default -> null;
        };
    }

    private LocalDate today() {
        return ChinaTime.today(clock);
    }
}
