package cn.degreehub.check;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.IdempotentRequests;
import cn.degreehub.common.Paging;
import cn.degreehub.contract.check.AnnounceCheckDelayRequest;
import cn.degreehub.contract.check.AnnounceCheckDelayResponse;
import cn.degreehub.contract.check.AnnounceClosureRequest;
import cn.degreehub.contract.check.AnnounceClosureResponse;
import cn.degreehub.contract.check.Closure;
import cn.degreehub.contract.check.ClosureSource;
import cn.degreehub.contract.check.CheckOutcome;
import cn.degreehub.contract.check.CheckRequest;
import cn.degreehub.contract.check.CheckTask;
import cn.degreehub.contract.check.CheckTaskStatus;
import cn.degreehub.contract.check.CorrectedFields;
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
import cn.degreehub.contract.verification.ReportResult;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeLevel;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.Role;
import cn.degreehub.partner.UnitClosures;
import cn.degreehub.verification.Applications;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Optional;

/**
 * DegreeCheckService and the results queue degreehub.check.result (routes/checks.xml): who may act on which
 * task, one answer per request id, and the contract mapped to and from {@link Checks}.
 */
public class CheckEndpoint {

    private final Checks checks;
    private final CheckTasks tasks;
    private final CheckDocuments documents;
    private final PartnerRegistry registry;
    private final IdempotentRequests idempotent;

    public CheckEndpoint(Checks checks, CheckTasks tasks, CheckDocuments documents, PartnerRegistry registry,
                         IdempotentRequests idempotent) {
        this.checks = checks;
        this.tasks = tasks;
        this.documents = documents;
        this.registry = registry;
        this.idempotent = idempotent;
    }

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
                    ReassignCheckTaskResponse response = new ReassignCheckTaskResponse();
                    response.setTask(view(checks.reassign(t, request.getDepartment(), account.username())));
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
        CheckAnswer answer = new CheckAnswer(outcome(request.getOutcome()), corrections(request.getCorrected()),
                request.getRemarks(), request.getChecker());
        CheckAnswer.Answered answered = checks.answer(t, answer, actor);
        SubmitCheckResultResponse response = new SubmitCheckResultResponse();
        response.setTaskId(answered.taskId());
        response.setStatus(CheckTaskStatus.ANSWERED);
        response.setApplicationNo(answered.applicationNo());
        response.setReportNo(answered.reportNo());
        response.setResult(answered.result() == null ? null : ReportResult.fromValue(answered.result()));
        return response;
    }

    public AnnounceCheckDelayResponse announceDelay(Account account, AnnounceCheckDelayRequest request) {
        return idempotent.once(account.username(), "announceCheckDelay", request.getRequestId(),
                AnnounceCheckDelayResponse.class, () -> {
                    CheckTasks.Task t = visible(account, tasks.lock(request.getTaskId()));
                    AnnounceCheckDelayResponse response = new AnnounceCheckDelayResponse();
                    response.setTask(view(checks.announceDelay(t, request.getNewDueDate(), request.getReason(),
                            account.username())));
                    return response;
                });
    }

    /** A lead department announces its unit's closure (寒假, 暑假) ahead; the answer lists the unit's closures not yet over. */
    public AnnounceClosureResponse announceClosure(Account account, AnnounceClosureRequest request) {
        if (account.role() != Role.UNIT_LEAD) {
            throw DegreeHubException.forbidden("只有牵头部门（一级账号）可以报备本单位放假安排",
                    "Only the unit's lead department may announce the unit's closures");
        }
        return idempotent.once(account.username(), "announceClosure", request.getRequestId(),
                AnnounceClosureResponse.class, () -> {
                    AnnounceClosureResponse response = new AnnounceClosureResponse();
                    response.setUnitCode(account.unitCode());
                    for (UnitClosures.Closure c : checks.announceClosure(account.unitCode(), request.getFrom(),
                            request.getTo(), request.getReason(), account.username())) {
                        Closure closure = new Closure();
                        closure.setFrom(c.from());
                        closure.setTo(c.to());
                        closure.setReason(c.reason());
                        closure.setSource(ClosureSource.fromValue(c.source().name()));
                        response.getClosure().add(closure);
                    }
                    return response;
                });
    }

    public GetLaborFeeStatementResponse laborFee(Account account, GetLaborFeeStatementRequest request) {
        if (account.role() != Role.UNIT_LEAD) {
            throw DegreeHubException.forbidden("只有牵头部门（一级账号）可以查看核查劳务费统计",
                    "Only the unit's lead department may see the labour fee statement");
        }
        Checks.LaborFee statement = checks.laborFee(account.unitCode(), YearMonth.parse(request.getPeriod()));
        GetLaborFeeStatementResponse response = new GetLaborFeeStatementResponse();
        response.setUnitCode(statement.unitCode());
        response.setPeriod(statement.period().toString());
        response.setFeePerCheckYuan(statement.feePerCheckYuan());
        for (Checks.DepartmentFee d : statement.departments()) {
            DepartmentFee fee = new DepartmentFee();
            fee.setDepartment(d.department());
            fee.setName(d.name());
            fee.setCompletedChecks(d.completedChecks());
            fee.setFeeYuan(d.feeYuan());
            response.getDepartment().add(fee);
        }
        response.setTotalChecks(statement.totalChecks());
        response.setTotalFeeYuan(statement.totalFeeYuan());
        return response;
    }

    /**
     * A unit's corrected answer as the degree it says (the contract's entry point to
     * {@link Checks#correctedDegree}): refused when it breaks the rules every other entry point applies.
     */
    public static Degree correctedDegree(Applications.Stored a, CorrectedFields c, LocalDate today) {
        return Checks.correctedDegree(a, corrections(c), today);
    }

    // ---- the contract and the domain ----

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
        // a re-check's reason (the applicant's objection, or the center's spot check): the unit must see what to check
        v.setObjection(d.getObjection());
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

    private static CheckAnswer.Outcome outcome(CheckOutcome outcome) {
        return outcome == null ? null : CheckAnswer.Outcome.valueOf(outcome.value());
    }

    private static Corrections corrections(CorrectedFields c) {
        return c == null ? null : new Corrections(c.getHolderName(), c.getIdType(), c.getIdNumber(),
                c.getLevel() == null ? null : DegreeLevel.valueOf(c.getLevel().value()), c.getAwardDate(),
                c.getCertificateNumber());
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
}
