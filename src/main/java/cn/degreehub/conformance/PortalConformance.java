package cn.degreehub.conformance;

import cn.degreehub.contract.portal.NotifyApplicationStatusRequest;
import cn.degreehub.common.soap.Namespaces;
import cn.degreehub.notification.PortalNotifications;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The portal's PortalNotificationService against what the hub sends it: the notifications of applications going
 * through every status and result, in order, one sent again, and one with a wrong password. Messages, client and the
 * acknowledgement rule are the hub's own ({@link PortalNotifications}).
 */
final class PortalConformance {

    /** The service's namespace in the portal's contract version. */
    static String namespace(String contract) {
        return contract.equals("v2") ? Namespaces.PORTAL_CALLBACK_V2 : Namespaces.PORTAL_CALLBACK_V1;
    }

    /** One notification: its application (by index), status and result, as the hub sends them in order. */
    private record Step(int application, String status, String result) {
    }

    /** Every ApplicationStatus, and COMPLETED with every ReportResult, each application from RECEIVED on. */
    private static final List<Step> STEPS = List.of(
            new Step(1, "RECEIVED", null), new Step(1, "REVIEW", null), new Step(1, "CHECKING", null),
            new Step(1, "COMPLETED", "INCONSISTENT"),
            new Step(2, "RECEIVED", null), new Step(2, "COMPLETED", "CONSISTENT"),
            new Step(3, "RECEIVED", null), new Step(3, "REVIEW", null), new Step(3, "COMPLETED", "NO_RECORD"),
            new Step(4, "RECEIVED", null), new Step(4, "REVIEW", null), new Step(4, "CANCELLED", null),
            new Step(5, "RECEIVED", null), new Step(5, "REJECTED", null));

    private final ConformanceCheck check;
    /** The raw answers of the main client, set when it is made. */
    private ConformanceCheck.RawAnswers answers;
    private final ConformanceCheck.Target target;
    /** Application and report numbers of this run, in the hub's formats, unlike any real one (sequence 9xxxxxx). */
    private final String today = LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE);
    private final int base = 9_000_000 + ThreadLocalRandom.current().nextInt(900_000);

    PortalConformance(ConformanceCheck check, ConformanceCheck.Target target) {
        this.check = check;
        this.target = target;
    }

    void run() {
        check.wsdl(target.url(), namespace(target.contract()), "notifyApplicationStatus", target.timeoutMs());
        Object port = PortalNotifications.port(target.contract(), target.url(), target.user(), target.password(),
                target.security(), target.timeoutMs());
        answers = ConformanceCheck.RawAnswers.on(port);
        PortalNotifications.Sender portal = PortalNotifications.sender(port);
        int[] sequence = new int[6];
        NotifyApplicationStatusRequest last = null;
        for (Step step : STEPS) {
            int seq = ++sequence[step.application()];
            NotifyApplicationStatusRequest n = notification(step, seq);
            String name = "notify." + step.status() + (step.result() == null ? "" : "." + step.result());
            if (send(portal, n, name)) {
                last = n;
            }
        }
        if (last == null) {
            check.fail("idempotent", "not tried: no notification was acknowledged / 未测试");
        } else {
            // the hub sends a notification again, same eventId and sequenceNo, whenever it missed the answer
            send(portal, last, "idempotent");
        }
        wrongPassword();
        check.answerTime(target.timeoutMs());
    }

    private NotifyApplicationStatusRequest notification(Step step, int seq) {
        String applicationNo = "A" + today + String.format("%07d", base + step.application());
        String reportNo = step.result() == null ? null : "R" + applicationNo.substring(1);
        return PortalNotifications.message(UUID.randomUUID().toString(), applicationNo, step.status(), reportNo,
                step.result(), Instant.now(), seq);
    }

    /** One notification sent by the hub's rule: acknowledged only with received = true. */
    private boolean send(PortalNotifications.Sender portal, NotifyApplicationStatusRequest n, String name) {
        ConformanceCheck.Timed<Boolean> sent = check.timed(() -> {
            portal.send(n);
            return true;
        });
        String what = n.getApplicationNo() + " #" + n.getSequenceNo() + " eventId " + n.getEventId();
        if (sent.failure() == null) {
            check.pass(name, what + ": received=true (" + sent.ms() + " ms) / 已确认");
            return true;
        }
        check.fail(name, what + ": " + ConformanceCheck.describe(sent.failure(), answers) + " / 未确认, the hub would retry it");
        return false;
    }

    private void wrongPassword() {
        Object wrong = PortalNotifications.port(target.contract(), target.url(), target.user(),
                target.password() + "-wrong", target.security(), target.timeoutMs());
        ConformanceCheck.RawAnswers answers = ConformanceCheck.RawAnswers.on(wrong);
        NotifyApplicationStatusRequest n = notification(new Step(5, "RECEIVED", null), 1);
        ConformanceCheck.Timed<Boolean> sent = check.timed(() -> {
            PortalNotifications.sender(wrong).send(n);
            return true;
        });
        security(check, sent, answers);
    }

    /** The wrong password's outcome: a SOAP fault is right, acceptance a warning, anything else a failure. */
    static void security(ConformanceCheck check, ConformanceCheck.Timed<Boolean> sent, ConformanceCheck.RawAnswers answers) {
        if (sent.failure() == null) {
            check.warn("security.wrong-password", "a wrong password was accepted: the endpoint does not check the"
                    + " hub's UsernameToken / 未校验用户名令牌");
        } else if (answers.fault()) {
            check.pass("security.wrong-password", "refused: " + ConformanceCheck.describe(sent.failure()) + " / 已拒绝");
        } else if (ConformanceCheck.describe(sent.failure()).matches(".*\\b(401|403)\\b.*")) {
            check.pass("security.wrong-password", "refused with HTTP 401/403 (a SOAP fault is better) / 已拒绝: "
                    + ConformanceCheck.describe(sent.failure()));
        } else {
            check.fail("security.wrong-password", "neither accepted nor refused with a fault: "
                    + ConformanceCheck.describe(sent.failure()));
        }
    }
}
