package cn.degreehub.verification;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.IdempotentRequests;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.verification.CancelApplicationRequest;
import cn.degreehub.contract.verification.CancelApplicationResponse;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.contract.verification.DegreeField;
import cn.degreehub.calendar.DueDate;
import cn.degreehub.calendar.OfficialYearLoaded;
import org.springframework.context.event.EventListener;
import cn.degreehub.contract.verification.DueDates;
import cn.degreehub.contract.verification.GetApplicationStatusRequest;
import cn.degreehub.contract.verification.GetApplicationStatusResponse;
import cn.degreehub.contract.verification.HistoryEntry;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.RaiseObjectionRequest;
import cn.degreehub.contract.verification.RaiseObjectionResponse;
import cn.degreehub.contract.verification.ReportResult;
import cn.degreehub.contract.verification.SubmitApplicationRequest;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeRules;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.partner.Account;
import cn.degreehub.report.Report;
import cn.degreehub.report.ReportService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Degree verification applications from the portal: eligibility, instant match against the published
 * degree-award database (→ report at once), or material review. Every status change is kept in the
 * application's history and announced to the portal through the outbox, in the same transaction.
 */
public class VerificationService {

    private static final String HUB = "degree-hub";

    private final Applications applications;
    private final DegreeRecords records;
    private final ApplicationLifecycle lifecycle;
    private final AttachmentInspector attachments;
    private final IdempotentRequests idempotent;
    private final Clock clock;
    private final Deadlines deadlines;
    private final Rechecks rechecks;
    private final MeterRegistry meters;

    public VerificationService(Applications applications, DegreeRecords records, ApplicationLifecycle lifecycle,
                               AttachmentInspector attachments, IdempotentRequests idempotent, Clock clock,
                               Deadlines deadlines, Rechecks rechecks, MeterRegistry meters) {
        this.applications = applications;
        this.records = records;
        this.lifecycle = lifecycle;
        this.attachments = attachments;
        this.idempotent = idempotent;
        this.clock = clock;
        this.deadlines = deadlines;
        this.rechecks = rechecks;
        this.meters = meters;
    }

    public SubmitApplicationResponse submit(Account account, SubmitApplicationRequest request) {
        checkApplication(request, today());
        List<AttachmentInspector.Inspected> inspected = attachments.inspectAll(request.getAttachment());
        return idempotent.once(account.username(), "submitApplication", request.getRequestId(),
                SubmitApplicationResponse.class, () -> receive(account, request, inspected));
    }

    private SubmitApplicationResponse receive(Account account, SubmitApplicationRequest request,
                                              List<AttachmentInspector.Inspected> inspected) {
        DegreeAsApplied degree = request.getDegree();
        LocalDate received = today();
        boolean urgent = Boolean.TRUE.equals(request.isUrgent());
        Deadlines.ApplicationDue dueDates = deadlines.application(received, urgent);
        String applicationNo = "A" + received.toString().replace("-", "") + String.format("%07d", applications.nextNumber());
        List<String> languages = languages(request.getLanguages());
        applications.insert(applicationNo, account.username(), request, languages, received, dueDates.centerDue(),
                dueDates.unitDue());
        for (AttachmentInspector.Inspected a : inspected) {
            applications.addAttachment(applicationNo, a, ReportService.sha256(a.content()));
        }
        lifecycle.received(applicationNo, account.username());

        SubmitApplicationResponse response = new SubmitApplicationResponse();
        response.setApplicationNo(applicationNo);
        response.setDueDates(dueDates(received, dueDates.centerDue(), dueDates.unitDue()));

        Decision decision = decide(AppliedDegree.of(degree), Boolean.TRUE.equals(degree.isHonorary()));
        Report report = settle(applicationNo, ApplicationState.RECEIVED, decision, languages, HUB, "", "");
        String reportNo = report == null ? null : report.reportNo();
        String result = report == null ? null : report.result();
        meters.counter("degreehub.applications", "outcome", decision.status().value()).increment();

        response.setStatus(wire(decision.status()));
        response.setReportNo(reportNo);
        response.setResult(result == null ? null : ReportResult.fromValue(result));
        decision.differing().forEach(f -> response.getDifferingField().add(DegreeField.fromValue(f)));
        response.setNoteZh(decision.noteZh());
        response.setNoteEn(decision.noteEn());
        return response;
    }

    private record Decision(ApplicationState status, List<String> differing, String noteZh, String noteEn,
                            DegreeRecords.Stored record) {
    }

    /**
     * The checks of a new application before anything is stored: the applicant's ID number and the degree as
     * applied ({@link DegreeRules}, shared with filing, material review and units' corrections).
     */
    public static void checkApplication(SubmitApplicationRequest request, LocalDate today) {
        DegreeRules.idNumber(request.getApplicant().getIdType(),
                DegreeRules.normaliseIdNumber(request.getApplicant().getIdNumber())).ifPresent(v -> {
                    throw AppliedDegree.fault(v, "applicant.");
                });
        AppliedDegree.check(AppliedDegree.of(request.getDegree()), today, "degree.");
    }

    /** Eligibility, then the instant match (docs/domain-rules.md); anything not matching goes to material review. */
    private Decision decide(Degree degree, boolean honorary) {
        if (honorary) {
            return new Decision(ApplicationState.REJECTED, List.of(), "名誉博士学位不在认证范围内",
                    "Honorary doctorates are not eligible for verification", null);
        }
        if (!degree.online()) {
            return new Decision(ApplicationState.REVIEW, List.of(), "2008年9月1日前授予的学位须人工核验",
                    "Degrees granted before 2008-09-01 are verified manually", null);
        }
        Optional<DegreeRecords.Stored> found = records.find(degree.certificateNumber());
        if (found.isPresent() && found.get().degree().honorary()) {
            return new Decision(ApplicationState.REJECTED, List.of(), "名誉博士学位不在认证范围内",
                    "Honorary doctorates are not eligible for verification", null);
        }
        if (found.isEmpty() || !"PUBLISHED".equals(found.get().status())) {
            return new Decision(ApplicationState.REVIEW, List.of("certificateNumber"),
                    "已公开的学位授予信息中无此证书编号，转人工审核",
                    "No published degree record has this certificate number; sent to material review", null);
        }
        List<String> differing = DegreeMatcher.differences(degree, found.get().degree());
        if (!differing.isEmpty()) {
            return new Decision(ApplicationState.REVIEW, differing, "申请信息与学位授予信息不一致，转人工审核",
                    "The application differs from the degree record; sent to material review", null);
        }
        return new Decision(ApplicationState.COMPLETED, List.of(), "信息一致，已出具电子认证报告",
                "Consistent; the verification report has been issued", found.get());
    }

    /**
     * Material review: match a (corrected) application again, in the caller's transaction. Now consistent →
     * report at once (COMPLETED); still different → stays in REVIEW with the differing fields; honorary → REJECTED.
     */
    public ApplicationState rematch(Applications.Stored a, String actor) {
        Decision decision = decide(a.degree(), false);
        settle(a.applicationNo(), a.status(), decision, a.languages(), actor, "复核比对：", "Matched again after review: ");
        meters.counter("degreehub.applications.rematched", "outcome", decision.status().value()).increment();
        return decision.status();
    }

    /** Material review found the application ineligible (e.g. not a degree under the regulations). */
    public void reject(Applications.Stored a, String reason, String actor) {
        lifecycle.move(a.applicationNo(), a.status(), ApplicationState.REJECTED, null, actor,
                "不符合认证条件：" + reason, "Not eligible: " + reason);
    }

    /**
     * A spot check found the report wrong: in the caller's transaction, a new report is issued from the
     * national record as it stands now (CONSISTENT, INCONSISTENT with the differing fields, or NO_RECORD); the
     * old one is revoked, pointing to it, and the portal is told of the new report.
     */
    public Report reissue(String applicationNo, String reason, String actor) {
        Applications.Stored a = applications.lock(applicationNo)
                .orElseThrow(() -> DegreeHubException.notFound("申请", "Application"));
        if (a.status() != ApplicationState.COMPLETED || a.reportNo() == null) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "仅可重新出具已完成认证的报告",
                    "Only the report of a completed verification can be re-issued");
        }
        Optional<DegreeRecords.Stored> found = records.find(a.certificateNumber())
                .filter(r -> "PUBLISHED".equals(r.status()));
        List<String> differing = found.map(r -> DegreeMatcher.differences(a.degree(), r.degree())).orElse(List.of());
        Report report;
        if (found.isPresent() && differing.isEmpty()) {
            report = issueConsistent(applicationNo, found.get(), a.languages());
        } else {
            String result = found.isPresent() ? ReportResult.INCONSISTENT.value() : ReportResult.NO_RECORD.value();
            report = lifecycle.issueReport(applicationNo, result, differing, a.degree(), a.languages());
        }
        lifecycle.complete(applicationNo, report, differing, a.reportNo(), "抽查后重新出具：" + reason, actor,
                "抽查后重新出具报告 " + report.reportNo() + "：" + reason,
                "Report re-issued as " + report.reportNo() + " after a spot check: " + reason);
        return report;
    }

    private Report issueConsistent(String applicationNo, DegreeRecords.Stored r, List<String> languages) {
        Degree d = r.degree();
        Objects.requireNonNull(d.level(), "level of a matched record");
        return lifecycle.issueReport(applicationNo, ReportResult.CONSISTENT.value(), List.of(), d, languages);
    }

    /**
     * Open applications whose due dates were counted provisionally across the year just loaded are counted
     * again on the official calendar, in the publisher's transaction; a date that moved is told in the history.
     */
    @EventListener
    public void officialYearLoaded(OfficialYearLoaded loaded) {
        for (Applications.Stored a : applications.openWithProvisionalDueDates(loaded.year())) {
            Deadlines.ApplicationDue counted = deadlines.application(a.receivedDate(), a.urgent());
            DueDate center = Integer.valueOf(loaded.year()).equals(a.centerDue().provisionalYear()) ? counted.centerDue()
                    : a.centerDue();
            DueDate unit = Integer.valueOf(loaded.year()).equals(a.unitDue().provisionalYear()) ? counted.unitDue()
                    : a.unitDue();
            applications.dueDates(a.applicationNo(), center, unit);
            if (!center.date().equals(a.centerDue().date()) || !unit.date().equals(a.unitDue().date())) {
                lifecycle.note(a.applicationNo(), a.status(), loaded.actor(),
                        loaded.year() + " 年官方节假日安排已载入，办理期限重新计算：中心 " + a.centerDue().date() + " → "
                                + center.date() + "，单位 " + a.unitDue().date() + " → " + unit.date(),
                        "The official " + loaded.year() + " holiday calendar was loaded and the due dates counted again:"
                                + " center " + a.centerDue().date() + " → " + center.date() + ", unit "
                                + a.unitDue().date() + " → " + unit.date());
            }
        }
    }

    /** The contract's due dates, each with its provisional year when counted across one. */
    private static DueDates dueDates(LocalDate received, DueDate centerDue, DueDate unitDue) {
        DueDates due = new DueDates();
        due.setReceivedDate(received);
        due.setCenterDueDate(centerDue.date());
        due.setCenterDueProvisionalYear(centerDue.provisionalYear());
        due.setUnitDueDate(unitDue.date());
        due.setUnitDueProvisionalYear(unitDue.provisionalYear());
        return due;
    }

    public GetApplicationStatusResponse status(Account account, GetApplicationStatusRequest request) {
        Applications.Stored a = owned(account, applications.find(request.getApplicationNo()));
        GetApplicationStatusResponse response = new GetApplicationStatusResponse();
        response.setApplicationNo(a.applicationNo());
        response.setStatus(wire(a.status()));
        response.setReportNo(a.reportNo());
        response.setResult(a.result() == null ? null : ReportResult.fromValue(a.result()));
        a.differingFields().forEach(f -> response.getDifferingField().add(DegreeField.fromValue(f)));
        response.setDueDates(dueDates(a.receivedDate(), a.centerDue(), a.unitDue()));
        for (Applications.HistoryRow h : applications.history(a.applicationNo())) {
            HistoryEntry e = new HistoryEntry();
            e.setTime(OffsetDateTime.ofInstant(h.at(), ChinaTime.ZONE));
            e.setStatus(wire(h.status()));
            e.setNoteZh(h.noteZh());
            e.setNoteEn(h.noteEn());
            response.getHistory().add(e);
        }
        return response;
    }

    /** Allowed before any check request went out to a unit (status RECEIVED or REVIEW). */
    public CancelApplicationResponse cancel(Account account, CancelApplicationRequest request) {
        return idempotent.once(account.username(), "cancelApplication", request.getRequestId(),
                CancelApplicationResponse.class, () -> {
                    Applications.Stored a = owned(account, applications.lock(request.getApplicationNo()));
                    if (a.status() != ApplicationState.RECEIVED && a.status() != ApplicationState.REVIEW) {
                        throw new DegreeHubException(FaultCode.INVALID_STATE,
                                "当前状态（" + a.status().value() + "）不能撤销申请",
                                "An application in status " + a.status().value() + " cannot be cancelled");
                    }
                    lifecycle.move(a.applicationNo(), a.status(), ApplicationState.CANCELLED, null,
                            account.username(), "申请人撤销", "Cancelled by the applicant");
                    CancelApplicationResponse response = new CancelApplicationResponse();
                    response.setApplicationNo(a.applicationNo());
                    response.setStatus(wire(ApplicationState.CANCELLED));
                    return response;
                });
    }

    /**
     * 异议: an objection to a completed verification opens a re-check by the unit (a new check task); the
     * unit's answer issues a new report and the earlier one then verifies as REVOKED, pointing to it.
     */
    public RaiseObjectionResponse objection(Account account, RaiseObjectionRequest request) {
        return idempotent.once(account.username(), "raiseObjection", request.getRequestId(),
                RaiseObjectionResponse.class, () -> {
                    Applications.Stored a = owned(account, applications.lock(request.getApplicationNo()));
                    if (a.status() != ApplicationState.COMPLETED) {
                        throw new DegreeHubException(FaultCode.INVALID_STATE, "仅可对已完成的认证提出异议",
                                "Only a completed verification can be objected to");
                    }
                    rechecks.openRecheck(a, a.differingFields(), account.username(), request.getReason());
                    RaiseObjectionResponse response = new RaiseObjectionResponse();
                    response.setApplicationNo(a.applicationNo());
                    response.setStatus(wire(ApplicationState.CHECKING));
                    return response;
                });
    }

    private static Applications.Stored owned(Account account, Optional<Applications.Stored> found) {
        // another account's application is answered as if it did not exist
        return found.filter(a -> a.submittedBy().equals(account.username()))
                .orElseThrow(() -> DegreeHubException.notFound("申请", "Application"));
    }

    private static List<String> languages(List<Language> asked) {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        set.add(Language.ZH.value()); // the Chinese report always exists; English is its translation
        asked.forEach(l -> set.add(l.value()));
        return List.copyOf(set);
    }

    /**
     * The decision taken: COMPLETED with a report at once (the record matched), else the status decided, through
     * the lifecycle. Returns the report, or null.
     */
    private Report settle(String applicationNo, ApplicationState from, Decision decision, List<String> languages,
                          String actor, String notePrefixZh, String notePrefixEn) {
        String zh = notePrefixZh + decision.noteZh();
        String en = notePrefixEn + decision.noteEn();
        if (decision.status() != ApplicationState.COMPLETED) {
            lifecycle.move(applicationNo, from, decision.status(), decision.differing(), actor, zh, en);
            return null;
        }
        Report report = issueConsistent(applicationNo, decision.record(), languages);
        lifecycle.complete(applicationNo, report, decision.differing(), null, null, actor, zh, en);
        return report;
    }

    private static cn.degreehub.contract.verification.ApplicationStatus wire(ApplicationState state) {
        return cn.degreehub.contract.verification.ApplicationStatus.fromValue(state.value());
    }

    private LocalDate today() {
        return ChinaTime.today(clock);
    }
}
