package cn.degreehub.check;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.IdempotentRequests;
import cn.degreehub.common.Paging;
import cn.degreehub.contract.check.AnnounceCheckDelayRequest;
import cn.degreehub.contract.check.AnnounceCheckDelayResponse;
import cn.degreehub.contract.check.CheckOutcome;
import cn.degreehub.contract.check.CheckRequest;
import cn.degreehub.contract.check.CheckTask;
import cn.degreehub.contract.check.CheckTaskStatus;
import cn.degreehub.contract.check.CorrectedFields;
import cn.degreehub.contract.check.DegreeOnRecord;
import cn.degreehub.contract.check.DeliveryState;
import cn.degreehub.contract.check.DepartmentFee;
import cn.degreehub.contract.check.GetLaborFeeStatementRequest;
import cn.degreehub.contract.check.GetLaborFeeStatementResponse;
import cn.degreehub.contract.check.ListCheckTasksRequest;
import cn.degreehub.contract.check.ListCheckTasksResponse;
import cn.degreehub.contract.check.ReassignCheckTaskRequest;
import cn.degreehub.contract.check.ReassignCheckTaskResponse;
import cn.degreehub.contract.check.SubmitCheckResultRequest;
import cn.degreehub.contract.check.SubmitCheckResultResponse;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.verification.ApplicationState;
import cn.degreehub.contract.verification.ReportResult;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeLevel;
import cn.degreehub.degree.DegreeRules;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.PartnerRegistryProperties.Department;
import cn.degreehub.partner.PartnerRegistryProperties.Unit;
import cn.degreehub.partner.Role;
import cn.degreehub.report.Report;
import cn.degreehub.verification.AppliedDegree;
import cn.degreehub.verification.ApplicationLifecycle;
import cn.degreehub.verification.Applications;
import cn.degreehub.calendar.DueDate;
import cn.degreehub.calendar.OfficialYearLoaded;
import cn.degreehub.verification.Deadlines;
import cn.degreehub.verification.Rechecks;
import org.springframework.context.event.EventListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Check tasks (学位信息核查): opened by the center for an application in review, routed to the unit's
 * department, answered by the unit over SOAP or its queue. An answer closes the task, issues the report and
 * tells the portal, in one transaction; a CORRECTED answer also proposes a database change.
 */
public class CheckService implements Rechecks {

    private static final String HUB = "degree-hub";

    private final CheckTasks tasks;
    private final Applications applications;
    private final DegreeRecords records;
    private final ApplicationLifecycle lifecycle;
    private final PartnerRegistry registry;
    private final Deadlines deadlines;
    private final IdempotentRequests idempotent;
    private final DegreeChanges changes;
    private final Clock clock;
    private final Settings settings;
    private final MeterRegistry meters;
    private final CheckDocuments documents;

    /** The labour fee per completed check; how many working days a unit may add by announcing a delay. */
    public record Settings(BigDecimal feePerCheckYuan, int maxDelayWorkingDays) {
    }

    public CheckService(CheckTasks tasks, Applications applications, DegreeRecords records, ApplicationLifecycle lifecycle,
                        PartnerRegistry registry, Deadlines deadlines,
                        IdempotentRequests idempotent, DegreeChanges changes, CheckDocuments documents, Clock clock,
                        Settings settings, MeterRegistry meters) {
        this.tasks = tasks;
        this.applications = applications;
        this.records = records;
        this.lifecycle = lifecycle;
        this.registry = registry;
        this.deadlines = deadlines;
        this.idempotent = idempotent;
        this.changes = changes;
        this.clock = clock;
        this.settings = settings;
        this.meters = meters;
        this.documents = documents;
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
        DueDate due = deadlines.check(today, a.urgent());
        String taskId = tasks.nextTaskId(today);

        CheckRequest request = new CheckRequest();
        request.setTaskId(taskId);
        request.setApplicationNo(a.applicationNo());
        request.setUnitCode(a.unitCode());
        request.setDepartment(department);
        request.setDegree(a.asApplied());
        differing.forEach(f -> request.getDifferingField().add(cn.degreehub.contract.verification.DegreeField.fromValue(f)));
        record.ifPresent(r -> request.setDatabaseRecord(onRecord(r)));
        request.setUrgent(a.urgent());
        request.setDueDate(due.date());
        request.setDueDateProvisionalYear(due.provisionalYear());
        request.setCreatedAt(OffsetDateTime.ofInstant(clock.instant(), ChinaTime.ZONE));
        request.setObjection(objection);

        String channel = unit.channel() == null || unit.channel().type() == null ? "QUEUE" : unit.channel().type();
        String departmentName = unit.departments().stream().filter(d -> d.id().equals(department))
                .map(Department::name).findFirst().orElse(department);
        tasks.insert(taskId, a.applicationNo(), a.unitCode(), department, channel, documents.write(request), a.urgent(), due, actor);
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

    // ---- DegreeCheckService ----

    public ListCheckTasksResponse list(Account account, ListCheckTasksRequest request) {
        CheckTasks.Scope scope = scope(account);
        Paging paging = Paging.of(request.getPaging());
        CheckTasks.Page found = tasks.list(scope, request.getStatus() == null ? null : request.getStatus().value(), paging);
        ListCheckTasksResponse response = new ListCheckTasksResponse();
        response.setTotal(found.total());
        response.setPage(paging.page());
        response.setPageSize(paging.size());
        found.tasks().forEach(t -> response.getTask().add(view(t)));
        return response;
    }

    public ReassignCheckTaskResponse reassign(Account account, ReassignCheckTaskRequest request) {
        if (account.role() != Role.UNIT_LEAD) {
            throw DegreeHubException.forbidden("只有牵头部门（一级账号）可以转派核查任务",
                    "Only the unit's lead department may reassign check tasks");
        }
        return idempotent.once(account.username(), "reassignCheckTask", request.getRequestId(),
                ReassignCheckTaskResponse.class, () -> {
                    CheckTasks.Task t = visible(account, tasks.lock(request.getTaskId()));
                    if (!"OPEN".equals(t.status())) {
                        throw new DegreeHubException(FaultCode.INVALID_STATE, "任务已办结，不能转派",
                                "The task is closed and cannot be reassigned");
                    }
                    Unit unit = registry.unit(t.unitCode()).orElseThrow();
                    Department target = unit.departments().stream().filter(d -> d.id().equals(request.getDepartment()))
                            .findFirst().orElseThrow(() -> DegreeHubException.invalid("department",
                                    "本单位无此核查部门：" + request.getDepartment(),
                                    "The unit has no check department " + request.getDepartment()));
                    CheckRequest document = documents.read(t.document());
                    document.setDepartment(target.id());
                    tasks.reassign(t.taskId(), target.id(), documents.write(document), account.username(), t.department());
                    ReassignCheckTaskResponse response = new ReassignCheckTaskResponse();
                    response.setTask(view(tasks.find(t.taskId()).orElseThrow()));
                    return response;
                });
    }

    public SubmitCheckResultResponse submitResult(Account account, SubmitCheckResultRequest request) {
        return idempotent.once(account.username(), "submitCheckResult", request.getRequestId(),
                SubmitCheckResultResponse.class, () -> answer(visible(account, tasks.lock(request.getTaskId())), request,
                        account.username()));
    }

    /**
     * A result document from queue degreehub.check.result. The queue carries no WS-Security: the broker
     * authenticated the sender ({@code sender}, a registry account), and a unit answers only its own tasks.
     */
    public SubmitCheckResultResponse resultFromQueue(Path spooled, String sender) throws IOException {
        SubmitCheckResultRequest request;
        try (InputStream in = Files.newInputStream(spooled)) {
            request = documents.readResult(in);
        }
        Account account = registry.account(sender).filter(a -> a.is(Role.UNIT_LEAD) || a.is(Role.UNIT_DEPT))
                .orElseThrow(() -> DegreeHubException.forbidden("报文发送方 " + sender + " 不是学位授予单位账号",
                        "The sender " + sender + " is not a degree-granting unit's account"));
        String queueAccount = "queue:" + account.username();
        // the same visibility as over SOAP: another unit's (or department's) task is not found
        return idempotent.once(queueAccount, "submitCheckResult", request.getRequestId(), SubmitCheckResultResponse.class,
                () -> answer(visible(account, tasks.lock(request.getTaskId())), request, queueAccount));
    }

    private SubmitCheckResultResponse answer(CheckTasks.Task t, SubmitCheckResultRequest request, String actor) {
        if (!"OPEN".equals(t.status())) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "任务已办结（" + t.status() + "）",
                    "The task is already " + t.status());
        }
        CheckOutcome outcome = request.getOutcome();
        CorrectedFields corrected = request.getCorrected();
        if (outcome == CheckOutcome.CORRECTED && (corrected == null || corrections(corrected).isEmpty())) {
            throw DegreeHubException.invalid("corrected", "核实有误时须填写更正后的信息",
                    "A CORRECTED answer must give the corrected fields");
        }
        Applications.Stored a = applications.lock(t.applicationNo()).orElseThrow();
        if (outcome == CheckOutcome.CORRECTED) {
            correctedDegree(a, corrected, today());
        }
        String result;
        List<String> differing = new ArrayList<>();
        switch (outcome) {
            case CONFIRMED -> result = ReportResult.CONSISTENT.value();
            case CORRECTED -> {
                result = ReportResult.INCONSISTENT.value();
                differing.addAll(differences(a, corrected));
                if (differing.isEmpty()) {
                    result = ReportResult.CONSISTENT.value(); // the "corrections" repeat what was applied
                }
            }
            default -> result = ReportResult.NO_RECORD.value();
        }
        Map<String, String> correctedValues = corrected == null ? Map.of() : corrections(corrected);
        tasks.answer(t.taskId(), outcome.value(), correctedValues.isEmpty() ? null : correctedValues.toString(),
                request.getRemarks(), request.getChecker(), actor);
        if (outcome == CheckOutcome.CORRECTED) {
            changes.propose(t.taskId(), a, corrected);
        }
        Report report = lifecycle.issueReport(a.applicationNo(), result, differing, a.degree(), a.languages());
        // a re-check after an objection: the earlier report is replaced, and says so when verified
        lifecycle.complete(a.applicationNo(), report, differing, a.reportNo(),
                "异议复核后由报告 " + report.reportNo() + " 取代 / replaced after an objection", actor,
                "单位核查完成（" + outcome.value() + "），已出具电子认证报告",
                "Checked by the unit (" + outcome.value() + "); the verification report has been issued");
        meters.counter("degreehub.checks.answered", "outcome", outcome.value()).increment();

        SubmitCheckResultResponse response = new SubmitCheckResultResponse();
        response.setTaskId(t.taskId());
        response.setStatus(CheckTaskStatus.ANSWERED);
        response.setApplicationNo(a.applicationNo());
        response.setReportNo(report.reportNo());
        response.setResult(ReportResult.fromValue(result));
        return response;
    }

    /** A unit that cannot answer in time says so before the due date, once, with a reason (docs/domain-rules.md, "Check tasks (学位信息核查)"). */
    public AnnounceCheckDelayResponse announceDelay(Account account, AnnounceCheckDelayRequest request) {
        return idempotent.once(account.username(), "announceCheckDelay", request.getRequestId(),
                AnnounceCheckDelayResponse.class, () -> {
                    CheckTasks.Task t = visible(account, tasks.lock(request.getTaskId()));
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
                    LocalDate wanted = request.getNewDueDate();
                    int extra = deadlines.calendar().workingDaysBetween(t.dueDate(), wanted);
                    if (!wanted.isAfter(t.dueDate()) || extra > settings.maxDelayWorkingDays()) {
                        throw DegreeHubException.invalid("newDueDate", "延期后的期限须晚于原期限，且至多延长 "
                                + settings.maxDelayWorkingDays() + " 个工作日", "The new due date must be after the current one"
                                + " and at most " + settings.maxDelayWorkingDays() + " working days later");
                    }
                    String reason = request.getReason().trim();
                    tasks.delay(t.taskId(), wanted, reason, account.username());
                    applications.unitDueDate(t.applicationNo(), wanted);
                    lifecycle.note(t.applicationNo(), ApplicationState.CHECKING, account.username(),
                            "学位授予单位申请延期至 " + wanted + "：" + reason,
                            "The unit announced a delay to " + wanted + ": " + reason);
                    AnnounceCheckDelayResponse response = new AnnounceCheckDelayResponse();
                    response.setTask(view(tasks.find(t.taskId()).orElseThrow()));
                    return response;
                });
    }

    public GetLaborFeeStatementResponse laborFee(Account account, GetLaborFeeStatementRequest request) {
        if (account.role() != Role.UNIT_LEAD) {
            throw DegreeHubException.forbidden("只有牵头部门（一级账号）可以查看核查劳务费统计",
                    "Only the unit's lead department may see the labour fee statement");
        }
        YearMonth period = YearMonth.parse(request.getPeriod());
        var from = period.atDay(1).atStartOfDay(ChinaTime.ZONE).toInstant();
        var to = period.plusMonths(1).atDay(1).atStartOfDay(ChinaTime.ZONE).toInstant();
        Unit unit = registry.unit(account.unitCode()).orElseThrow();
        Map<String, Integer> counted = new LinkedHashMap<>();
        for (Object[] row : tasks.answeredPerDepartment(account.unitCode(), from, to)) {
            counted.put((String) row[0], (Integer) row[1]);
        }
        GetLaborFeeStatementResponse response = new GetLaborFeeStatementResponse();
        response.setUnitCode(unit.code());
        response.setPeriod(period.toString());
        response.setFeePerCheckYuan(settings.feePerCheckYuan());
        int total = 0;
        for (Department d : unit.departments()) {
            int n = counted.getOrDefault(d.id(), 0);
            DepartmentFee fee = new DepartmentFee();
            fee.setDepartment(d.id());
            fee.setName(d.name());
            fee.setCompletedChecks(n);
            fee.setFeeYuan(settings.feePerCheckYuan().multiply(BigDecimal.valueOf(n)));
            response.getDepartment().add(fee);
            total += n;
        }
        response.setTotalChecks(total);
        response.setTotalFeeYuan(settings.feePerCheckYuan().multiply(BigDecimal.valueOf(total)));
        return response;
    }

    // ---- a new official calendar year ----

    /**
     * Open tasks whose due date was counted provisionally across the year just loaded are counted again on
     * the official calendar, in the publisher's transaction; a date that moved is told in the history.
     */
    @EventListener
    public void officialYearLoaded(OfficialYearLoaded loaded) {
        for (CheckTasks.Task t : tasks.openWithProvisionalDue(loaded.year())) {
            DueDate due = deadlines.check(t.createdAt().atZone(ChinaTime.ZONE).toLocalDate(), t.urgent());
            CheckRequest document = documents.read(t.document());
            document.setDueDate(due.date());
            document.setDueDateProvisionalYear(due.provisionalYear());
            tasks.moveDue(t.taskId(), due, documents.write(document), loaded.actor(), t.dueDate() + " → " + due.date());
            if (!due.date().equals(t.dueDate())) {
                lifecycle.note(t.applicationNo(), ApplicationState.CHECKING, loaded.actor(),
                        loaded.year() + " 年官方节假日安排已载入：核查任务 " + t.taskId() + " 的单位办理期限由 " + t.dueDate()
                                + " 调整为 " + due.date() + due.noteZh(),
                        "The official " + loaded.year() + " holiday calendar was loaded: check task " + t.taskId()
                                + " is now due " + due.date() + " (was " + t.dueDate() + ")" + due.noteEn());
            }
        }
    }

    // ---- views and documents ----

    CheckTask view(CheckTasks.Task t) {
        CheckRequest d = documents.read(t.document());
        CheckTask v = new CheckTask();
        v.setTaskId(t.taskId());
        v.setApplicationNo(t.applicationNo());
        v.setUnitCode(t.unitCode());
        v.setDepartment(t.department());
        v.setDegree(d.getDegree());
        v.getDifferingField().addAll(d.getDifferingField());
        v.setDatabaseRecord(d.getDatabaseRecord());
        v.setUrgent(t.urgent());
        v.setDueDate(t.dueDate());
        v.setDueDateProvisionalYear(t.dueProvisionalYear());
        v.setCreatedAt(OffsetDateTime.ofInstant(t.createdAt(), ChinaTime.ZONE));
        v.setStatus(CheckTaskStatus.fromValue(t.status()));
        v.setDelivery("QUEUED".equals(t.delivery()) ? DeliveryState.PENDING : DeliveryState.fromValue(t.delivery()));
        v.setOutcome(t.outcome() == null ? null : CheckOutcome.fromValue(t.outcome()));
        v.setAnsweredAt(t.answeredAt() == null ? null : OffsetDateTime.ofInstant(t.answeredAt(), ChinaTime.ZONE));
        v.setDelayReason(t.delayReason());
        return v;
    }

    private CheckTasks.Scope scope(Account account) {
        if (account.unitCode() == null) {
            throw DegreeHubException.forbidden("账号不属于学位授予单位", "The account does not belong to a degree-granting unit");
        }
        return account.role() == Role.UNIT_LEAD ? CheckTasks.Scope.unit(account.unitCode())
                : new CheckTasks.Scope(account.unitCode(), account.department());
    }

    /** Another unit's task is answered as unknown; another department's task of the same unit is FORBIDDEN. */
    private CheckTasks.Task visible(Account account, Optional<CheckTasks.Task> found) {
        CheckTasks.Scope scope = scope(account);
        CheckTasks.Task t = found.filter(x -> x.unitCode().equals(scope.unitCode()))
                .orElseThrow(() -> DegreeHubException.notFound("核查任务", "Check task"));
        if (scope.department() != null && !scope.department().equals(t.department())) {
            throw DegreeHubException.forbidden("该任务不在本部门核查范围内", "The task is outside this department's scope");
        }
        return t;
    }

    /** The national record as the check request shows it to the unit (codes and dates as filed). */
    private static DegreeOnRecord onRecord(DegreeRecords.Stored r) {
        Degree degree = r.degree();
        DegreeOnRecord d = new DegreeOnRecord();
        d.setHolderName(degree.holderName());
        d.setIdType(degree.idType());
        d.setIdNumber(degree.idNumber());
        d.setUnitCode(degree.unitCode());
        d.setLevelCode(degree.levelCode());
        d.setAwardDate(degree.awardDate() == null ? null : degree.awardDate().format(DateTimeFormatter.BASIC_ISO_DATE));
        d.setCertificateNumber(degree.certificateNumber());
        d.setRecordStatus(r.status());
        return d;
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

    static Map<String, String> corrections(CorrectedFields c) {
        Map<String, String> m = new LinkedHashMap<>();
        if (c.getHolderName() != null) m.put("holderName", c.getHolderName().trim());
        if (c.getIdType() != null) m.put("idType", c.getIdType());
        if (c.getIdNumber() != null) m.put("idNumber", c.getIdNumber().trim().toUpperCase());
        if (c.getLevel() != null) m.put("level", c.getLevel().value());
        if (c.getAwardDate() != null) m.put("awardDate", c.getAwardDate().toString());
        if (c.getCertificateNumber() != null) m.put("certificateNumber", c.getCertificateNumber().trim().toUpperCase());
        return m;
    }

    /**
     * The degree as a unit's CORRECTED answer says it is (the application with the unit's corrections), refused
     * when it breaks the {@link DegreeRules} every other entry point applies: once confirmed, its values are
     * written to the national record.
     */
    public static Degree correctedDegree(Applications.Stored a, CorrectedFields c, LocalDate today) {
        Degree was = a.degree();
        Degree corrected = new Degree(c.getHolderName() != null ? c.getHolderName().trim() : was.holderName(), null,
                c.getIdType() != null ? c.getIdType() : was.idType(),
                c.getIdNumber() != null ? DegreeRules.normaliseIdNumber(c.getIdNumber()) : was.idNumber(),
                was.unitCode(), null, c.getLevel() != null ? DegreeLevel.valueOf(c.getLevel().value()) : was.level(),
                null, c.getAwardDate() != null ? c.getAwardDate() : was.awardDate(),
                c.getCertificateNumber() != null ? DegreeRules.normaliseCertificateNumber(c.getCertificateNumber())
                        : was.certificateNumber(), was.discipline(), null);
        AppliedDegree.check(corrected, today, "corrected.");
        return corrected;
    }

    private static List<String> differences(Applications.Stored a, CorrectedFields c) {
        Map<String, String> applied = Map.of("holderName", a.holderName(), "idType", a.idType(), "idNumber", a.idNumber(),
                "level", a.level(), "awardDate", a.awardDate().toString(), "certificateNumber", a.certificateNumber());
        List<String> differing = new ArrayList<>();
        corrections(c).forEach((field, value) -> {
            if (!value.equals(applied.get(field))) {
                differing.add(field);
            }
        });
        return differing;
    }

    private LocalDate today() {
        return ChinaTime.today(clock);
    }
}
