package cn.degreehub.verification;

import cn.degreehub.calendar.DueDate;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.binding.Bindings;
import cn.degreehub.common.IdempotentRequests;
import cn.degreehub.common.Masking;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.Attachment;
import cn.degreehub.contract.verification.BindDegreeRequest;
import cn.degreehub.contract.verification.BindDegreeResponse;
import cn.degreehub.contract.verification.BindRefusal;
import cn.degreehub.contract.verification.CancelApplicationRequest;
import cn.degreehub.contract.verification.CancelApplicationResponse;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.contract.verification.DegreeField;
import cn.degreehub.contract.verification.DegreeSummary;
import cn.degreehub.contract.verification.DueDates;
import cn.degreehub.contract.verification.GetApplicationStatusRequest;
import cn.degreehub.contract.verification.GetApplicationStatusResponse;
import cn.degreehub.contract.verification.HistoryEntry;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.QueryDegreeRequest;
import cn.degreehub.contract.verification.QueryDegreeResponse;
import cn.degreehub.contract.verification.QueryReason;
import cn.degreehub.contract.verification.RaiseObjectionRequest;
import cn.degreehub.contract.verification.RaiseObjectionResponse;
import cn.degreehub.contract.verification.ReportResult;
import cn.degreehub.contract.verification.SubmitApplicationRequest;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeLevel;
import cn.degreehub.degree.DegreeRules;
import cn.degreehub.partner.Account;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The portal's application operations of DegreeVerificationService (submitApplication, getApplicationStatus,
 * cancelApplication, raiseObjection, queryDegree): the contract mapped to {@link Verifications} and
 * {@link DegreeQuery} and back. A submission is checked and its attachments inspected before anything is stored;
 * repeated requests are answered from {@link IdempotentRequests} with the first answer.
 */
public class VerificationEndpoint {

    private final Verifications verifications;
    private final DegreeQuery query;
    private final AttachmentInspector attachments;
    private final IdempotentRequests idempotent;
    private final Clock clock;
    private final Bindings bindings;

    public VerificationEndpoint(Bindings bindings, Verifications verifications, DegreeQuery query, AttachmentInspector attachments,
                                IdempotentRequests idempotent, Clock clock) {
        this.verifications = verifications;
        this.query = query;
        this.attachments = attachments;
        this.idempotent = idempotent;
        this.clock = clock;
        this.bindings = bindings;
    }

    public SubmitApplicationResponse submit(Account account, SubmitApplicationRequest request) {
        checkApplication(request, ChinaTime.today(clock));
        List<AttachmentInspector.Inspected> inspected = attachments.inspectAll(
                request.getAttachment().stream().map(VerificationEndpoint::upload).toList());
        NewApplication application = new NewApplication(request.getRequestId(),
                new NewApplication.Applicant(request.getApplicant().getName(), request.getApplicant().getIdType(),
                        request.getApplicant().getIdNumber(), request.getApplicant().getPhone(),
                        request.getApplicant().getEmail()),
                degree(request.getDegree()), Boolean.TRUE.equals(request.getDegree().isHonorary()),
                Boolean.TRUE.equals(request.isUrgent()), languages(request.getLanguages()), inspected);
        return idempotent.once(account.username(), "submitApplication", request.getRequestId(),
                SubmitApplicationResponse.class, () -> {
                    Verifications.Submitted s = verifications.submit(account.username(), application);
                    SubmitApplicationResponse response = new SubmitApplicationResponse();
                    response.setApplicationNo(s.applicationNo());
                    response.setDueDates(dueDates(s.receivedDate(), s.dueDates().centerDue(), s.dueDates().unitDue()));
                    response.setStatus(status(s.status()));
                    if (s.report() != null) {
                        response.setReportNo(s.report().reportNo());
                        response.setResult(ReportResult.fromValue(s.report().result()));
                    }
                    s.differing().forEach(f -> response.getDifferingField().add(DegreeField.fromValue(f)));
                    response.setNoteZh(s.noteZh());
                    response.setNoteEn(s.noteEn());
                    return response;
                });
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
        AppliedDegree.check(degree(request.getDegree()), today, "degree.");
    }

    /** The contract's degree as applied, normalised as an application stores it. */
    public static Degree degree(DegreeAsApplied d) {
        return new Degree(d.getHolderName().trim(), null, d.getIdType(), DegreeRules.normaliseIdNumber(d.getIdNumber()),
                d.getUnitCode(), null, DegreeLevel.valueOf(d.getLevel().value()), null, d.getAwardDate(),
                DegreeRules.normaliseCertificateNumber(d.getCertificateNumber()),
                new Degree.Discipline(null, d.getDiscipline(), null), null);
    }

    public GetApplicationStatusResponse status(Account account, GetApplicationStatusRequest request) {
        Applications.Stored a = verifications.owned(account.username(), request.getApplicationNo());
        GetApplicationStatusResponse response = new GetApplicationStatusResponse();
        response.setApplicationNo(a.applicationNo());
        response.setStatus(status(a.status()));
        response.setReportNo(a.reportNo());
        response.setResult(a.result() == null ? null : ReportResult.fromValue(a.result()));
        a.differingFields().forEach(f -> response.getDifferingField().add(DegreeField.fromValue(f)));
        response.setDueDates(dueDates(a.receivedDate(), a.centerDue(), a.unitDue()));
        for (Applications.HistoryRow h : verifications.history(a.applicationNo())) {
            HistoryEntry e = new HistoryEntry();
            e.setTime(OffsetDateTime.ofInstant(h.at(), ChinaTime.ZONE));
            e.setStatus(status(h.status()));
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
                    verifications.cancel(account.username(), request.getApplicationNo());
                    CancelApplicationResponse response = new CancelApplicationResponse();
                    response.setApplicationNo(request.getApplicationNo());
                    response.setStatus(ApplicationStatus.CANCELLED);
                    return response;
                });
    }

    /** 异议: opens a re-check by the unit ({@link Verifications#object}). */
    public RaiseObjectionResponse objection(Account account, RaiseObjectionRequest request) {
        return idempotent.once(account.username(), "raiseObjection", request.getRequestId(),
                RaiseObjectionResponse.class, () -> {
                    verifications.object(account.username(), request.getApplicationNo(), request.getReason());
                    RaiseObjectionResponse response = new RaiseObjectionResponse();
                    response.setApplicationNo(request.getApplicationNo());
                    response.setStatus(ApplicationStatus.CHECKING);
                    return response;
                });
    }

    /** 学位证书网上查询: a published degree, masked, or the reason none is shown ({@link DegreeQuery}). */
    public QueryDegreeResponse query(Account account, QueryDegreeRequest request) {
        DegreeQuery.Answer answer = query.query(account.username(), request.getCertificateNumber(),
                request.getHolderName());
        QueryDegreeResponse response = new QueryDegreeResponse();
        if (answer.degree() == null) {
            response.setFound(false);
            response.setReason(QueryReason.fromValue(answer.notShown().name()));
            return response;
        }
        response.setFound(true);
        response.setSummary(summary(answer.degree(), answer.unitName()));
        return response;
    }

    /**
     * 学位绑定 ({@link Bindings}): the degree bound to the holder's account, or why not, with the attempts left.
     * Once per requestId: a repeat answers the first answer and uses no attempt.
     */
    public BindDegreeResponse bind(Account account, BindDegreeRequest request) {
        return idempotent.once(account.username(), "bindDegree", request.getRequestId(), BindDegreeResponse.class, () -> {
            Bindings.Outcome outcome = bindings.bind(account.username(), request.getHolderAccountId(), request.getName(),
                    request.getIdType(), request.getIdNumber(), request.getCertificateNumber());
            BindDegreeResponse response = new BindDegreeResponse();
            response.setBound(outcome.bound());
            response.setAttemptsLeft(outcome.attemptsLeft());
            if (outcome.bound()) {
                if (outcome.degree() != null) {
                    response.setSummary(summary(outcome.degree(), query.unitName(outcome.degree())));
                }
                response.setMessageZh("学位已绑定");
                response.setMessageEn("The degree is bound to the account");
            } else if (outcome.refusal() == Bindings.Refusal.NOT_MATCHED) {
                response.setReason(BindRefusal.NOT_MATCHED);
                response.setMessageZh("未找到与该持证人信息相符的已公布学位，剩余尝试次数 " + outcome.attemptsLeft());
                response.setMessageEn("No published degree matches this holder; attempts left: " + outcome.attemptsLeft());
            } else {
                response.setReason(BindRefusal.NO_ATTEMPTS_LEFT);
                response.setMessageZh("绑定尝试次数已用完，请联系学位中心客服增加次数");
                response.setMessageEn("No binding attempts left: the center's service desk can grant more");
            }
            return response;
        });
    }

    /** A degree as queryDegree and bindDegree show it: the ID number masked, the discipline as code and name. */
    private static DegreeSummary summary(Degree d, String unitName) {
        DegreeSummary s = new DegreeSummary();
        s.setHolderName(d.holderName());
        s.setIdNumber(Masking.idNumber(d.idNumber()));
        s.setUnitCode(d.unitCode());
        s.setUnitName(unitName);
        s.setLevel(cn.degreehub.contract.types.DegreeLevel.fromValue(d.level().name()));
        s.setDiscipline(d.discipline().name());
        s.setDisciplineCode(d.discipline().code());
        s.setDisciplineName(d.discipline().shownName());
        s.setAwardDate(d.awardDate());
        s.setCertificateNumber(d.certificateNumber());
        return s;
    }

    private static AttachmentInspector.Upload upload(Attachment a) {
        return new AttachmentInspector.Upload(a.getKind().value(), a.getFileName(), a.getContentType(), a.getContent());
    }

    private static List<String> languages(List<Language> asked) {
        LinkedHashSet<String> set = new LinkedHashSet<>();
        set.add(Language.ZH.value()); // the Chinese report always exists; English is its translation
        asked.forEach(l -> set.add(l.value()));
        return List.copyOf(set);
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

    private static ApplicationStatus status(ApplicationState state) {
        return ApplicationStatus.fromValue(state.value());
    }
}
