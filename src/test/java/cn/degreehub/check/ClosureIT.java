package cn.degreehub.check;

import static cn.degreehub.support.PortalRequests.application;
import static cn.degreehub.support.PortalRequests.asApplied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.degreehub.calendar.ClosedDays;
import cn.degreehub.calendar.WorkingDayCalendar;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.contract.check.AnnounceClosureRequest;
import cn.degreehub.contract.check.AnnounceClosureResponse;
import cn.degreehub.contract.check.CheckTask;
import cn.degreehub.contract.check.ClosureSource;
import cn.degreehub.contract.check.DegreeCheckPortType;
import cn.degreehub.contract.check.ListCheckTasksRequest;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.types.FaultDetail;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.contract.verification.GetApplicationStatusRequest;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.demo.UnitSimulator;
import cn.degreehub.support.Faults;
import cn.degreehub.support.HubTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Closures of degree-granting units (docs/domain-rules.md, "Closures"): a lead department announces its unit's
 * vacation ahead (announceClosure, v1 and v2), the days of a closure do not count toward the unit's time limit for a
 * check, for tasks opened after it and for a task already open. Units 10486 and 10246 here: the shared hub's other
 * tests count unit 10056's dates without closures of theirs.
 */
class ClosureIT extends HubTestSupport {

    @Autowired
    UnitSimulator unitSimulator;

    @Autowired
    WorkingDayCalendar calendar;

    @Autowired
    Clock clock;

    @AfterEach
    void simulatorBackToNormal() {
        unitSimulator.setAnswering(true);
    }

    DegreeCheckPortType unit(String account) {
        return client(DegreeCheckPortType.class, "/services/check", account, account + "-pass", false);
    }

    static AnnounceClosureRequest closure(LocalDate from, LocalDate to, String reason) {
        AnnounceClosureRequest r = new AnnounceClosureRequest();
        r.setRequestId(unique("closure"));
        r.setFrom(from);
        r.setTo(to);
        r.setReason(reason);
        return r;
    }

    /** An application for a degree of {@code unitCode} nobody filed, sent by a reviewer to the unit: its check task. */
    JsonNode checkTaskOpenedToday(String unitCode, String name) throws Exception {
        DegreeAsApplied d = asApplied(DemoRecords.records(unitCode, "x", "420106", 3, 2023, 800_000 + freshSequences(1), 1).get(0));
        d.setHolderName(name);
        SubmitApplicationResponse applied = verificationMtom("portal").submitApplication(application(d, Language.ZH));
        return rest("POST", "/admin/api/reviews/" + applied.getApplicationNo() + "/check", null, "reviewer", 200);
    }

    CheckTask listed(String account, String taskId) throws Exception {
        return unit(account).listCheckTasks(new ListCheckTasksRequest()).getTask().stream()
                .filter(t -> t.getTaskId().equals(taskId)).findFirst().orElseThrow();
    }

    @Test
    void aLeadAnnouncesAClosureAndTheUnitsTimeLimitSkipsItsWorkingDays() throws Exception {
        // the SOAP unit 10486 must not answer: its task stays open while the closure moves its date
        unitSimulator.setAnswering(false);
        LocalDate today = ChinaTime.today(clock);
        JsonNode before = checkTaskOpenedToday("10486", "贺兰");
        String taskId = before.get("taskId").asText();
        String applicationNo = before.get("applicationNo").asText();
        LocalDate plainDue = calendar.addWorkingDays(today, 10);
        assertThat(LocalDate.parse(before.get("dueDate").asText())).as("no closure yet: 10 working days").isEqualTo(plainDue);

        // a closure inside those 10 working days: from a week on, for five days
        LocalDate from = today.plusDays(7);
        LocalDate to = from.plusDays(4);
        ClosedDays closed = ClosedDays.of(List.of(new ClosedDays.Range(from, to)));
        int closedWorkingDays = calendar.workingDaysBetween(from.minusDays(1), to);
        assertThat(closedWorkingDays).as("the closure takes working days of the task's time").isPositive();
        assertThat(from).isBefore(plainDue);
        LocalDate expected = calendar.addWorkingDays(plainDue, closedWorkingDays);
        assertThat(calendar.due(today, 10, closed).date()).isEqualTo(expected);

        // only a lead department may announce; announced ahead, not from today, not years ahead; at most 62 days; to not before from
        assertThat(faultOf(() -> unit("unit-10056-grad").announceClosure(closure(from, to, "寒假"))))
                .isEqualTo(FaultCode.FORBIDDEN);
        FaultDetail past = Faults.detailOf(() -> unit("unit-10486").announceClosure(closure(today, to, "寒假")));
        assertThat(past.getCode()).isEqualTo(FaultCode.INVALID_REQUEST);
        assertThat(past.getField()).isEqualTo("from");
        FaultDetail tooLong = Faults.detailOf(() -> unit("unit-10486").announceClosure(closure(from, from.plusDays(62), "暑假")));
        assertThat(tooLong.getField()).isEqualTo("to");
        assertThat(Faults.detailOf(() -> unit("unit-10486").announceClosure(closure(to, from, "寒假"))).getField()).isEqualTo("to");
        FaultDetail yearsAhead = Faults.detailOf(() -> unit("unit-10486").announceClosure(
                closure(today.plusDays(367), today.plusDays(380), "寒假")));
        assertThat(yearsAhead.getField()).as("not more than a year ahead").isEqualTo("from");
        assertThat(count("SELECT COUNT(*) FROM unit_closure WHERE unit_code = '10486'")).isZero();

        // the lead announces: stored, audited, answered with the unit's closures
        AnnounceClosureRequest request = closure(from, to, "校庆放假");
        AnnounceClosureResponse announced = unit("unit-10486").announceClosure(request);
        assertThat(announced.getUnitCode()).isEqualTo("10486");
        assertThat(announced.getClosure()).singleElement().satisfies(c -> {
            assertThat(c.getFrom()).isEqualTo(from);
            assertThat(c.getTo()).isEqualTo(to);
            assertThat(c.getReason()).isEqualTo("校庆放假");
            assertThat(c.getSource()).isEqualTo(ClosureSource.ANNOUNCED);
        });
        // the same request again: the same answer, nothing stored twice
        assertThat(unit("unit-10486").announceClosure(request).getClosure()).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM unit_closure WHERE unit_code = '10486' AND announced_by = 'unit-10486'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'UNIT_CLOSURE_ANNOUNCE' AND actor = 'unit-10486'"
                + " AND target = '10486'")).isEqualTo(1);
        // overlapping it is refused
        FaultDetail overlap = Faults.detailOf(() -> unit("unit-10486").announceClosure(closure(to, to.plusDays(3), "寒假")));
        assertThat(overlap.getField()).isEqualTo("from");
        assertThat(overlap.getMessageEn()).contains(from.toString());

        // the open task's date moved by exactly the closed working days, told to the unit and in the history
        assertThat(listed("unit-10486", taskId).getDueDate()).isEqualTo(expected);
        assertThat(count("SELECT COUNT(*) FROM check_task_event WHERE task_id = ? AND event = 'DUE_RECOUNTED'", taskId))
                .isEqualTo(1);
        GetApplicationStatusRequest status = new GetApplicationStatusRequest();
        status.setApplicationNo(applicationNo);
        var application = verificationMtom("portal").getApplicationStatus(status);
        assertThat(application.getHistory()).anySatisfy(h -> assertThat(h.getNoteEn()).contains(taskId)
                .contains("now due " + expected + " (was " + plainDue + ")"));
        assertThat(application.getDueDates().getUnitDueDate()).isAfterOrEqualTo(expected);
        // the reviewers' view of time limits shows the new date
        JsonNode deadlines = rest("GET", "/admin/api/deadlines", null, "reviewer", 200);
        assertThat(deadlines.findParents("ref").stream().filter(i -> i.get("ref").asText().equals(taskId))
                .map(i -> i.get("dueDate").asText()).toList()).containsExactly(expected.toString());

        // a task opened now counts the closure from the start
        JsonNode after = checkTaskOpenedToday("10486", "贺朝");
        assertThat(LocalDate.parse(after.get("dueDate").asText())).isEqualTo(expected);

        // a later closure, after every open task's time limit, moves nothing: not even a date set otherwise
        // (here by hand), which a recount from scratch would have changed
        String afterId = after.get("taskId").asText();
        jdbc.update("UPDATE check_task SET due_date = ? WHERE task_id = ?", java.sql.Date.valueOf(plainDue), afterId);
        unit("unit-10486").announceClosure(closure(today.plusDays(100), today.plusDays(110), "寒假"));
        assertThat(listed("unit-10486", taskId).getDueDate()).isEqualTo(expected);
        assertThat(count("SELECT COUNT(*) FROM check_task_event WHERE task_id = ? AND event = 'DUE_RECOUNTED'", taskId))
                .isEqualTo(1);
        assertThat(listed("unit-10486", afterId).getDueDate()).isEqualTo(plainDue);
        assertThat(count("SELECT COUNT(*) FROM check_task_event WHERE task_id = ? AND event = 'DUE_RECOUNTED'", afterId))
                .isZero();

        // the admin API lists every unit's closures, the registry's too (reviewers and admins only)
        JsonNode all = rest("GET", "/admin/api/closures", null, "reviewer", 200);
        JsonNode tianjin = unitIn(all, "10056");
        assertThat(tianjin.get("closures").findValuesAsText("source")).contains("REGISTRY");
        assertThat(tianjin.get("closures").findValuesAsText("from")).contains("2027-01-18");
        JsonNode wuhan = unitIn(all, "10486");
        assertThat(wuhan.get("closures")).hasSize(2).first().satisfies(c -> {
            assertThat(c.get("from").asText()).isEqualTo(from.toString());
            assertThat(c.get("source").asText()).isEqualTo("ANNOUNCED");
            assertThat(c.get("announcedBy").asText()).isEqualTo("unit-10486");
        });
        assertThat(rest("GET", "/admin/api/closures?unit=10486", null, "admin", 200)).hasSize(1);
        assertThat(http("GET", "/admin/api/closures", null, "portal").statusCode()).isEqualTo(403);

        // closures one after another, each within 62 days, cannot push due dates out without end: 120 days a year
        int known = unit("unit-10486").announceClosure(closure(LocalDate.of(2027, 8, 1), LocalDate.of(2027, 9, 30), "秋季停课"))
                .getClosure().size();
        assertThat(known).isGreaterThanOrEqualTo(2);
        FaultDetail chained = Faults.detailOf(() -> unit("unit-10486").announceClosure(
                closure(LocalDate.of(2027, 10, 1), LocalDate.of(2027, 11, 20), "冬季停课")));
        assertThat(chained.getField()).isEqualTo("to");
        assertThat(chained.getMessageEn()).contains("2027").contains("120");
        // a reason of ideographic spaces is no reason
        assertThat(Faults.detailOf(() -> unit("unit-10486").announceClosure(
                closure(LocalDate.of(2027, 7, 10), LocalDate.of(2027, 7, 11), "\u3000\u3000"))).getField()).isEqualTo("reason");
    }

    @Test
    void theV2OperationAnnouncesToo() throws Exception {
        var lead = client(cn.degreehub.contract.v2.check.DegreeCheckPortType.class, "/services/v2/check", "unit-10246",
                "unit-10246-pass", false);
        LocalDate today = ChinaTime.today(clock);
        // a summer vacation far from the shared hub's open tasks
        LocalDate from = today.plusDays(230);
        cn.degreehub.contract.v2.check.AnnounceClosure request = new cn.degreehub.contract.v2.check.AnnounceClosure();
        request.setRequestId(unique("closure-v2"));
        request.setFrom(from);
        request.setTo(from.plusDays(41));
        request.setReason("暑假");
        cn.degreehub.contract.v2.check.AnnounceClosureResponse answer = lead.announceClosure(request);
        assertThat(answer.getUnitCode()).isEqualTo("10246");
        assertThat(answer.getClosure()).singleElement().satisfies(c -> {
            assertThat(c.getFrom()).isEqualTo(from);
            assertThat(c.getTo()).isEqualTo(from.plusDays(41));
            assertThat(c.getSource()).isEqualTo(cn.degreehub.contract.v2.check.ClosureSource.ANNOUNCED);
        });

        request.setRequestId(unique("closure-v2"));
        request.setFrom(today.minusDays(1));
        cn.degreehub.contract.v2.check.DegreeHubFault refused = assertThrows(cn.degreehub.contract.v2.check.DegreeHubFault.class,
                () -> lead.announceClosure(request));
        assertThat(refused.getFaultInfo().getCode()).isEqualTo(FaultCode.INVALID_REQUEST);
        assertThat(refused.getFaultInfo().getField()).isEqualTo("from");
    }

    static JsonNode unitIn(JsonNode units, String code) {
        for (JsonNode u : units) {
            if (u.get("unitCode").asText().equals(code)) {
                return u;
            }
        }
        throw new AssertionError("unit " + code + " not listed: " + units);
    }
}
