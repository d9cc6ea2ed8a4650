package cn.degreehub.publication;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.deadline.TimeLimitWatch;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.support.HubTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Publication by semester (docs/domain-rules.md, "Semesters and publication"): a first semester's records online by
 * Jun 1, a second's by Dec 1; each semester's status in the admin API and on the filings page, judged on the days
 * around the deadlines, and the time-limit watch's reminder before a deadline and alert after it, on the official
 * calendar (2009: 端午 May 28-30 off, Sunday May 31 a make-up working day).
 */
class PublicationScheduleIT extends HubTestSupport {

    @Autowired
    TimeLimitWatch watch;

    void file(String semester, int year, String hxwrq) throws Exception {
        List<FilingRecord> records = DemoRecords.records("10056", "天津大学", "120104", 3, year, freshSequences(2), 2);
        records.forEach(r -> r.setHXWRQ(hxwrq));
        SubmitFilingBatchRequest batch = new SubmitFilingBatchRequest();
        batch.setBatchId(unique("schedule"));
        batch.setProvinceCode("12");
        batch.setUnitCode("10056");
        batch.setSemester(semester);
        batch.getRecord().addAll(records);
        assertThat(filing("province-12").submitFilingBatch(batch).getReceipt().getAccepted()).isEqualTo(2);
    }

    JsonNode semester(String semester, String on) throws Exception {
        for (JsonNode s : rest("GET", "/admin/api/publication/semesters?on=" + on, null, "reviewer", 200)) {
            if (s.get("semester").asText().equals(semester)) {
                return s;
            }
        }
        throw new AssertionError("no semester " + semester);
    }

    List<String> alerts(String semester) {
        return jdbc.queryForList("SELECT kind || '@' || TO_CHAR(due_date, 'YYYY-MM-DD') FROM deadline_alert"
                + " WHERE subject = 'PUBLICATION' AND ref = ? ORDER BY id", String.class, semester);
    }

    @Test
    void eachSemesterHasItsDeadlineItsStateAndItsAlerts() throws Exception {
        file("2008-2009-1", 2008, "20081220"); // first semester: online by 2009-06-01
        file("2008-2009-2", 2009, "20090630"); // second semester: online by 2009-12-01

        JsonNode first = semester("2008-2009-1", "2009-05-31");
        assertThat(first.get("deadline").asText()).isEqualTo("2009-06-01");
        assertThat(first.get("approved").asInt()).isEqualTo(2);
        assertThat(first.get("state").asText()).isEqualTo("PENDING");
        assertThat(semester("2008-2009-1", "2009-06-01").get("state").asText()).as("due on the day itself").isEqualTo("PENDING");
        assertThat(semester("2008-2009-1", "2009-06-02").get("state").asText()).isEqualTo("OVERDUE");
        assertThat(semester("2008-2009-2", "2009-11-30").get("deadline").asText()).isEqualTo("2009-12-01");
        assertThat(semester("2008-2009-2", "2009-12-02").get("state").asText()).isEqualTo("OVERDUE");

        // a reminder two working days ahead: from Tue 05-26 there are 3 (05-27, Sunday 05-31, 06-01), from Wed 05-27
        // only 2, as Thu 05-28 to Sat 05-30 are 端午 off
        watch.scan(LocalDate.of(2009, 5, 26));
        assertThat(alerts("2008-2009-1")).isEmpty();
        watch.scan(LocalDate.of(2009, 5, 27));
        assertThat(alerts("2008-2009-1")).containsExactly("REMINDER@2009-06-01");
        watch.scan(LocalDate.of(2009, 6, 1));
        assertThat(alerts("2008-2009-1")).as("told once").containsExactly("REMINDER@2009-06-01");
        watch.scan(LocalDate.of(2009, 6, 2));
        assertThat(alerts("2008-2009-1")).containsExactly("REMINDER@2009-06-01", "OVERDUE@2009-06-01");
        watch.scan(LocalDate.of(2009, 11, 30));
        assertThat(alerts("2008-2009-2")).containsExactly("REMINDER@2009-12-01");
        watch.scan(LocalDate.of(2009, 12, 2));
        assertThat(alerts("2008-2009-2")).containsExactly("REMINDER@2009-12-01", "OVERDUE@2009-12-01");
        assertThat(rest("GET", "/admin/api/deadlines/alerts", null, "reviewer", 200).findValuesAsText("ref"))
                .contains("2008-2009-1", "2008-2009-2");

        // published now, long after its deadline: done, but late; nothing waits any more
        publishNow();
        JsonNode done = semester("2008-2009-1", "2026-11-23");
        assertThat(done.get("approved").asInt()).isZero();
        assertThat(done.get("published").asInt()).isEqualTo(2);
        assertThat(done.get("state").asText()).isEqualTo("LATE");
        assertThat(rest("GET", "/admin/api/deadlines", null, "reviewer", 200).findValuesAsText("ref"))
                .doesNotContain("2008-2009-1", "2008-2009-2");
        assertThat(http("GET", "/admin/api/publication/semesters", null, "portal").statusCode()).isIn(401, 403);
    }

    /**
     * The monthly correction cycles over HTTP (the cycle itself across months: CorrectionCycleTest). The hub's clock is
     * in November 2026: October's corrections are due by the 5th working day of November (Nov 6), November's by
     * Dec 7 (Dec 1 is a Tuesday); November is not over, so it cannot be processed yet.
     */
    @Test
    void correctionCyclesAreListedAndAFinishedMonthIsProcessedOnce() throws Exception {
        JsonNode recent = rest("GET", "/admin/api/publication/corrections?months=3", null, "reviewer", 200);
        assertThat(recent).hasSize(3);
        assertThat(recent.get(0).get("month").asText()).isEqualTo("2026-10");
        assertThat(recent.get(0).get("dueDate").asText()).isEqualTo("2026-11-06");
        assertThat(recent.get(1).get("dueDate").asText()).isEqualTo("2026-10-13"); // after the National Day week
        assertThat(rest("POST", "/admin/api/publication/corrections/2026-11", null, "admin", 409).toString())
                .contains("INVALID_STATE");
        assertThat(http("POST", "/admin/api/publication/corrections/2026-10", null, "reviewer").statusCode()).isEqualTo(403);
        assertThat(http("GET", "/admin/api/publication/corrections", null, "portal").statusCode()).isIn(401, 403);
        assertThat(rest("GET", "/admin/api/publication/corrections/2026-1x", null, "reviewer", 400).toString())
                .contains("month");
        assertThat(rest("POST", "/admin/api/publication/corrections/2000-01", null, "admin", 400).toString())
                .as("no calendar before 2007: refused, not a 500").contains("month");
        assertThat(rest("GET", "/admin/api/publication/corrections?months=0", null, "reviewer", 400).toString())
                .contains("months");
        assertThat(rest("GET", "/admin/api/publication/corrections/2026-09", null, "reviewer", 200).get("dueDate").asText())
                .as("a month not processed is shown as the list shows it").isEqualTo("2026-10-13");

        JsonNode october = rest("POST", "/admin/api/publication/corrections/2026-10", null, "admin", 200);
        assertThat(october.get("state").asText()).as("processed on Nov 23, after its due date").isEqualTo("LATE");
        assertThat(october.get("processedBy").asText()).isEqualTo("admin");
        JsonNode again = rest("POST", "/admin/api/publication/corrections/2026-10", null, "admin", 200);
        assertThat(again.get("processedAt").asText()).as("processed once").isEqualTo(october.get("processedAt").asText());
        JsonNode detail = rest("GET", "/admin/api/publication/corrections/2026-10?page=1&size=10", null, "reviewer", 200);
        assertThat(detail.get("corrected").asInt()).isEqualTo(detail.get("records").size());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'CORRECTION_CYCLE' AND target = '2026-10'",
                Integer.class)).isEqualTo(1);
    }
}
