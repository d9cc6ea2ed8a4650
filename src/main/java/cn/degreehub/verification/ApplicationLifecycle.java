package cn.degreehub.verification;

import cn.degreehub.degree.Degree;
import cn.degreehub.filing.DegreeRevoked;
import cn.degreehub.notification.StatusEvents;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.report.Report;
import cn.degreehub.report.ReportService;
import java.util.List;
import org.springframework.context.event.EventListener;

/**
 * The one owner of an application's lifecycle (docs/domain-rules.md, "Verification applications"): every
 * change of status is written with its history line and, in the same transaction (the caller's), the portal's
 * notification in the outbox; a report that completes an application is issued here, and one it replaces is
 * revoked pointing to it. Submission, material review, checks by units and spot checks all change applications
 * through this class.
 */
public class ApplicationLifecycle {

    private final Applications applications;
    private final StatusEvents events;
    private final ReportService reports;
    private final PartnerRegistry registry;

    public ApplicationLifecycle(Applications applications, StatusEvents events, ReportService reports,
                                PartnerRegistry registry) {
        this.applications = applications;
        this.events = events;
        this.reports = reports;
        this.registry = registry;
    }

    /** A new application: its first history line, and RECEIVED for the portal. */
    public void received(String applicationNo, String actor) {
        applications.history(applicationNo, ApplicationState.RECEIVED, actor, "已受理", "Received");
        events.changed(applicationNo, ApplicationState.RECEIVED.value(), null, null);
    }

    /** A history line without a change of status (a correction, a reassignment, a moved due date). */
    public void note(String applicationNo, ApplicationState status, String actor, String noteZh, String noteEn) {
        applications.history(applicationNo, status, actor, noteZh, noteEn);
    }

    /**
     * From {@code from} to {@code to} without a report, with its history line; the portal is told when the status
     * changes (a review that stays in review is history only). {@code differing}: the fields found different
     * (null keeps those found before).
     */
    public void move(String applicationNo, ApplicationState from, ApplicationState to, List<String> differing,
                     String actor, String noteZh, String noteEn) {
        applications.changeStatus(applicationNo, to, null, differing, null, actor, noteZh, noteEn);
        if (from != to) {
            events.changed(applicationNo, to.value(), null, null);
        }
    }

    /**
     * Issues the report of an application about {@code degree}: the national record's when it matched, else the
     * degree as applied; the unit named as the registry knows it.
     */
    public Report issueReport(String applicationNo, String result, List<String> differing, Degree degree,
                              List<String> languages) {
        String unitName = registry.unit(degree.unitCode()).map(u -> u.name())
                .orElse(degree.unitName() == null ? degree.unitCode() : degree.unitName());
        return reports.issue(ReportService.NewReport.of(applicationNo, result, differing, degree, unitName, languages));
    }

    /**
     * A report revoked on its own (a spot check, the center's console, its degree revoked): the application keeps its
     * status, its history says why, and the portal is told with the report's status REVOKED.
     */
    public void reportRevoked(String reportNo, String reason, String actor) {
        reports.revoke(reportNo, reason, null);
        Report report = reports.byNumber(reportNo);
        Applications.Stored application = applications.find(report.applicationNo()).orElseThrow();
        applications.history(application.applicationNo(), application.status(), actor,
                "报告 " + reportNo + " 已撤销：" + reason, "Report " + reportNo + " revoked: " + reason);
        events.changed(application.applicationNo(), application.status().value(), reportNo, report.result(), "REVOKED");
    }

    /**
     * A filed degree was revoked (revokeDegree): each of its reports that still counts is revoked with the reason, in
     * the revocation's transaction (docs/domain-rules.md, "Revocation").
     */
    @EventListener
    public void degreeRevoked(DegreeRevoked revoked) {
        for (String reportNo : reports.openReportsOf(revoked.certificateNumber())) {
            reportRevoked(reportNo, "学位已撤销 / degree revoked: " + revoked.reason(), revoked.actor());
        }
    }

    /**
     * COMPLETED with {@code report} (issued by {@link #issueReport}); a report it replaces is revoked and points to
     * it. The portal is told, with the report.
     */
    public void complete(String applicationNo, Report report, List<String> differing, String replacedReportNo,
                         String replacedBecause, String actor, String noteZh, String noteEn) {
        if (replacedReportNo != null) {
            reports.revoke(replacedReportNo, replacedBecause, report.reportNo());
        }
        applications.changeStatus(applicationNo, ApplicationState.COMPLETED, report.result(), differing,
                report.reportNo(), actor, noteZh, noteEn);
        events.changed(applicationNo, ApplicationState.COMPLETED.value(), report.reportNo(), report.result());
    }
}
