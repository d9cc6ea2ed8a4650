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
}
