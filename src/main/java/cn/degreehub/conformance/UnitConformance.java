package cn.degreehub.conformance;

import cn.degreehub.calendar.DueDate;
import cn.degreehub.check.CheckDelivery;
import cn.degreehub.check.CheckDocuments;
import cn.degreehub.common.soap.Namespaces;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeLevel;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.verification.ApplicationState;
import cn.degreehub.verification.Applications;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A unit's UnitCheckReceiver against what the hub sends it: check requests covering the contract's enumerations and
 * optional parts, one sent again, and one with a wrong password. The documents are built by the hub's own
 * {@link CheckDocuments} and sent by {@link CheckDelivery}'s client and acknowledgement rule.
 */
final class UnitConformance {

    /** The service's namespace in the unit's contract version (v2: the agreed urn:degreehub:unit-receiver:v1). */
    static String namespace(String contract) {
        return contract.equals("v2") ? Namespaces.UNIT_RECEIVER : Namespaces.CHECK_V1;
    }
    private static final List<String> ALL_FIELDS = List.of("certificateNumber", "holderName", "idType", "idNumber",
            "unitCode", "level", "awardDate");

    /** One check request: which degree, what differs, the record on file, and the task's particulars. */
    private record Case(String name, DegreeLevel level, List<String> differing, String recordStatus, boolean urgent,
                        String objection, Integer provisionalYear) {
    }

    private static final List<Case> CASES = List.of(
            new Case("receive.master.holderName", DegreeLevel.MASTER, List.of("holderName"), "PUBLISHED", false, null, null),
            new Case("receive.bachelor.no-record.urgent", DegreeLevel.BACHELOR, List.of("certificateNumber"), null, true, null, null),
            new Case("receive.doctor.all-fields", DegreeLevel.DOCTOR, ALL_FIELDS, "APPROVED", false, null, null),
            new Case("receive.withheld-record", DegreeLevel.MASTER, List.of("idNumber", "awardDate"), "WITHHELD", false, null, null),
            new Case("receive.recheck.objection", DegreeLevel.MASTER, List.of(), "REVOKED", false,
                    "申请人对核查结论有异议: 学位证书原件与报告不符 / the applicant objects: the certificate differs from the report", null),
            new Case("receive.provisional-due-date", DegreeLevel.BACHELOR, List.of("level"), "PUBLISHED", true, null,
                    LocalDate.now().getYear() + 1));

    private final ConformanceCheck check;
    /** The raw answers of the main client, set when it is made. */
    private ConformanceCheck.RawAnswers answers;
    private final ConformanceCheck.Target target;
    private final CheckDocuments documents = new CheckDocuments();
    private final String today = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);
    /** Task and application numbers of this run, in the hub's formats, unlike any real one (sequence 9xxxxxx). */
    private final int base = 9_000_000 + ThreadLocalRandom.current().nextInt(900_000);

    UnitConformance(ConformanceCheck check, ConformanceCheck.Target target) {
        this.check = check;
        this.target = target;
    }

    void run() {
        check.wsdl(target.url(), namespace(target.contract()), "receiveCheckRequest", target.timeoutMs());
        Object unit = CheckDelivery.receiver(target.contract(), target.url(), target.user(), target.password(),
                target.security(), target.timeoutMs());
        answers = ConformanceCheck.RawAnswers.on(unit);
        String last = null;
        int n = 0;
        for (Case c : CASES) {
            String request = request(c, ++n);
            if (send(unit, request, c.name())) {
                last = request;
            }
        }
        if (last == null) {
            check.fail("idempotent", "not tried: no check request was acknowledged / 未测试");
        } else {
            // the hub sends a request again, same taskId, whenever it missed the answer
            send(unit, last, "idempotent");
        }
        Object wrong = CheckDelivery.receiver(target.contract(), target.url(), target.user(), target.password() + "-wrong",
                target.security(), target.timeoutMs());
        ConformanceCheck.RawAnswers answers = ConformanceCheck.RawAnswers.on(wrong);
        String probe = request(CASES.get(0), ++n);
        PortalConformance.security(check, check.timed(() -> {
            CheckDelivery.send(wrong, probe, documents);
            return true;
        }), answers);
        check.answerTime(target.timeoutMs());
    }

    /** A check request as the hub writes and stores it for a task (CheckDocuments.request). */
    private String request(Case c, int n) {
        String number = today + String.format("%07d", base + n);
        String unitCode = "10056";
        String levelDigit = switch (c.level()) {
            case HONORARY_DOCTOR -> "1";
            case DOCTOR -> "2";
            case MASTER -> "3";
            case BACHELOR -> "4";
        };
        String certificate = unitCode + levelDigit + "2022" + String.format("%06d", 900_000 + n);
        LocalDate awarded = LocalDate.of(2022, 6, 30);
        Applications.Stored application = new Applications.Stored("A" + number, "portal", "张伟", "01",
                "120104199703150013", unitCode, c.level().name(), awarded, certificate, "计算机科学与技术",
                List.of("ZH"), c.urgent(), ApplicationState.CHECKING, null, c.differing(), null, LocalDate.now(),
                null, null);
        Optional<DegreeRecords.Stored> record = c.recordStatus() == null ? Optional.empty()
                : Optional.of(new DegreeRecords.Stored(new Degree("张伟", "ZHANG WEI", "01", "120104199703150013",
                unitCode, "天津大学", c.level(), levelDigit + "08", awarded, certificate,
                new Degree.Discipline("0812", "计算机科学与技术", null), null), "12", "2021-2022-2", c.recordStatus(), 1,
                null));
        DueDate due = new DueDate(LocalDate.now().plusDays(c.urgent() ? 7 : 14), c.provisionalYear());
        String department = c.level() == DegreeLevel.BACHELOR ? "undergrad" : "grad";
        return documents.request("T" + number, application, department, c.differing(), record, due,
                Instant.now(), c.objection());
    }

    private boolean send(Object unit, String request, String name) {
        ConformanceCheck.Timed<Boolean> sent = check.timed(() -> {
            CheckDelivery.send(unit, request, documents);
            return true;
        });
        String what = "taskId " + documents.read(request).getTaskId();
        if (sent.failure() == null) {
            check.pass(name, what + ": received=true (" + sent.ms() + " ms) / 已确认");
            return true;
        }
        check.fail(name, what + ": " + ConformanceCheck.describe(sent.failure(), answers) + " / 未确认, the hub would retry it");
        return false;
    }
}
