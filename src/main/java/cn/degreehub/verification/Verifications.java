package cn.degreehub.verification;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.calendar.DueDate;
import cn.degreehub.calendar.OfficialYearLoaded;
import org.springframework.context.event.EventListener;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeRules;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.report.Report;
import cn.degreehub.report.ReportService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Degree verification applications from the portal: eligibility, instant match against the published
 * degree-award database (→ report at once), or material review. Every status change is kept in the
 * application's history and announced to the portal through the outbox, in the same transaction (through
 * {@link ApplicationLifecycle}). The portal's operations reach this class through {@link VerificationEndpoint};
 * material review and spot checks call it directly.
 */
public class Verifications {

    private static final String HUB = "degree-hub";

    private final Applications applications;
    private final DegreeRecords records;
    private final ApplicationLifecycle lifecycle;
    private final Clock clock;
    private final Deadlines deadlines;
    private final Rechecks rechecks;
    private final MeterRegistry meters;

    public Verifications(Applications applications, DegreeRecords records, ApplicationLifecycle lifecycle,
                               Clock clock,
                               Deadlines deadlines, Rechecks rechecks, MeterRegistry meters) {
        this.applications = applications;
        this.records = records;
        this.lifecycle = lifecycle;
        this.clock = clock;
        this.deadlines = deadlines;
        this.rechecks = rechecks;
        this.meters = meters;
    }

    /** What a submission came to: the dates counted, the status decided, and the report when issued at once. */
    public record Submitted(String applicationNo, LocalDate receivedDate, Deadlines.ApplicationDue dueDates,
                            ApplicationState status, Report report, List<String> differing, String noteZh,
                            String noteEn) {
    }

    /**
     * In the caller's transaction: stores the application (checked and inspected by the caller, {@link
     * VerificationEndpoint}) and decides it at once: a report when the published record matches, else review or
     * rejection.
     */
    public Submitted submit(String account, NewApplication application) {
        LocalDate received = today();
        Deadlines.ApplicationDue dueDates = deadlines.application(received, application.urgent());
        String applicationNo = "A" + received.toString().replace("-", "") + String.format("%07d", applications.nextNumber());
        applications.insert(applicationNo, account, application, received, dueDates.centerDue(), dueDates.unitDue());
        for (AttachmentInspector.Inspected a : application.attachments()) {
            applications.addAttachment(applicationNo, a, ReportService.sha256(a.content()));
        }
        lifecycle.received(applicationNo, account);

        Decision decision = decide(application.degree(), application.honorary());
        Report report = settle(applicationNo, ApplicationState.RECEIVED, decision, application.languages(), HUB, "", "");
        meters.counter("degreehub.applications", "outcome", decision.status().value()).increment();
        return new Submitted(applicationNo, received, dueDates, decision.status(), report, decision.differing(),
                decision.noteZh(), decision.noteEn());
    }

    private record Decision(ApplicationState status, List<String> differing, String noteZh, String noteEn,
                            DegreeRecords.Stored record) {
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

    /** In the caller's transaction: a report found wrong is revoked and the portal told (spot checks, the console). */
    public void revokeReport(String reportNo, String reason, String actor) {
        lifecycle.reportRevoked(reportNo, reason, actor);
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
            String result = found.isPresent() ? Report.INCONSISTENT : Report.NO_RECORD;
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
        return lifecycle.issueReport(applicationNo, Report.CONSISTENT, List.of(), d, languages);
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

    /** The submitter's application; another account's is answered as if it did not exist. */
    public Applications.Stored owned(String account, String applicationNo) {
        return owned(account, applications.find(applicationNo));
    }

    public List<Applications.HistoryRow> history(String applicationNo) {
        return applications.history(applicationNo);
    }

    /** In the caller's transaction: allowed before any check request went out to a unit (RECEIVED or REVIEW). */
    public void cancel(String account, String applicationNo) {
        Applications.Stored a = owned(account, applications.lock(applicationNo));
        if (a.status() != ApplicationState.RECEIVED && a.status() != ApplicationState.REVIEW) {
            throw new DegreeHubException(FaultCode.INVALID_STATE,
                    "当前状态（" + a.status().value() + "）不能撤销申请",
                    "An application in status " + a.status().value() + " cannot be cancelled");
        }
        lifecycle.move(a.applicationNo(), a.status(), ApplicationState.CANCELLED, null, account, "申请人撤销",
                "Cancelled by the applicant");
    }

    /**
     * 异议, in the caller's transaction: an objection to a completed verification opens a re-check by the unit (a
     * new check task); the unit's answer issues a new report and the earlier one then verifies as REVOKED,
     * pointing to it.
     */
    public void object(String account, String applicationNo, String reason) {
        Applications.Stored a = owned(account, applications.lock(applicationNo));
        if (a.status() != ApplicationState.COMPLETED) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "仅可对已完成的认证提出异议",
                    "Only a completed verification can be objected to");
        }
        rechecks.openRecheck(a, a.differingFields(), account, reason);
    }

    /**
     * A spot check asks the unit to co-operate (细则 第十五条): a check task for the completed application, answered
     * as any check; the answer issues the report that replaces the checked one.
     */
    public void askUnit(String applicationNo, String reason, String actor) {
        Applications.Stored a = applications.lock(applicationNo).orElseThrow(() -> DegreeHubException.notFound("申请", "Application"));
        if (a.status() != ApplicationState.COMPLETED) {
            throw new DegreeHubException(FaultCode.INVALID_STATE, "仅可对已完成的认证请单位核查",
                    "Only a completed verification can be checked by the unit");
        }
        rechecks.openRecheck(a, a.differingFields(), actor, "中心抽查，请单位协助核查：" + reason);
    }

    private static Applications.Stored owned(String account, Optional<Applications.Stored> found) {
        // another account's application is answered as if it did not exist
        return found.filter(a -> a.submittedBy().equals(account))
                .orElseThrow(() -> DegreeHubException.notFound("申请", "Application"));
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

    private LocalDate today() {
        return ChinaTime.today(clock);
    }
}
