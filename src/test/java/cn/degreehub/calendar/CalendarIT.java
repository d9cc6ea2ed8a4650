package cn.degreehub.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.check.CheckTask;
import cn.degreehub.contract.check.DegreeCheckPortType;
import cn.degreehub.contract.check.ListCheckTasksRequest;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.GetApplicationStatusRequest;
import cn.degreehub.contract.verification.GetApplicationStatusResponse;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.support.HubTestSupport;
import cn.degreehub.support.PortalRequests;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.soap.SOAPBinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A hub of its own (own JVM, see pom.xml) on 2026-12-21, when the official calendar has 10 days left: due dates
 * reaching into 2027 are counted provisionally and say so, health and metrics warn, and loading a 2027 notice
 * (a test fixture with a make-up Saturday, 2027-01-02) counts them again on it. Everything is called from outside:
 * SOAP, the admin REST API, the actuator, files in the calendar directory.
 */
class CalendarIT extends HubTestSupport {

    static final Path CALENDAR_DIR;

    static {
        System.setProperty(CLOCK_PROPERTY, "2026-12-21T10:00:00+08:00");
        try {
            CALENDAR_DIR = Files.createDirectories(DATA.resolve("calendar"));
            try (var official = Files.newDirectoryStream(Path.of("config/calendar"), "*.json")) {
                for (Path f : official) {
                    Files.copy(f, CALENDAR_DIR.resolve(f.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void lateDecember(DynamicPropertyRegistry registry) {
        registry.add("degreehub.calendar.directory", CALENDAR_DIR::toString);
        registry.add("degreehub.calendar.poll-ms", () -> "500");
        // the tasks must stay open until the new year is loaded
        registry.add("degreehub.demo.unit-simulator.enabled", () -> "false");
    }

    @Autowired
    cn.degreehub.deadline.TimeLimitWatch timeLimitWatch;

    DegreeVerificationPortType portal() {
        DegreeVerificationPortType port = freshClient(DegreeVerificationPortType.class, "/services/verification", "portal",
                "portal-pass", false);
        ((SOAPBinding) ((BindingProvider) port).getBinding()).setMTOMEnabled(true);
        return port;
    }

    DegreeCheckPortType unit() {
        return client(DegreeCheckPortType.class, "/services/check", "unit-10056", "unit-10056-pass", false);
    }

    /** An application for a degree of unit 10056 nobody filed: it goes to review. */
    SubmitApplicationResponse applyForUnfiledDegree(String name) throws Exception {
        var r = DemoRecords.records("10056", "x", "420106", 3, 2023, 500_000 + freshSequences(1), 1).get(0);
        DegreeAsApplied d = PortalRequests.asApplied(r);
        d.setHolderName(name);
        return portal().submitApplication(PortalRequests.application(d, Language.ZH));
    }

    CheckTask task(String taskId) throws Exception {
        return unit().listCheckTasks(new ListCheckTasksRequest()).getTask().stream()
                .filter(t -> t.getTaskId().equals(taskId)).findFirst().orElseThrow();
    }

    GetApplicationStatusResponse status(String applicationNo) throws Exception {
        GetApplicationStatusRequest request = new GetApplicationStatusRequest();
        request.setApplicationNo(applicationNo);
        return portal().getApplicationStatus(request);
    }

    @Test
    void aYearWithoutItsNoticeIsCountedProvisionallyUntilTheNoticeIsLoaded() throws Exception {
        // Mon 2026-12-21: the center's 8 working days end on Thu 2026-12-31 (official); the unit's 10 more run
        // into 2027: Jan 1 (元旦) and the weekend off, then Jan 4-8 and 11-15 → Fri 2027-01-15, provisional
        SubmitApplicationResponse applied = applyForUnfiledDegree("冯远");
        assertThat(applied.getStatus().value()).isEqualTo("REVIEW");
        assertThat(applied.getDueDates().getReceivedDate()).isEqualTo(LocalDate.of(2026, 12, 21));
        assertThat(applied.getDueDates().getCenterDueDate()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(applied.getDueDates().getCenterDueProvisionalYear()).isNull();
        assertThat(applied.getDueDates().getUnitDueDate()).isEqualTo(LocalDate.of(2027, 1, 15));
        assertThat(applied.getDueDates().getUnitDueProvisionalYear()).isEqualTo(2027);
        String applicationNo = applied.getApplicationNo();
        assertThat(status(applicationNo).getDueDates().getUnitDueProvisionalYear()).isEqualTo(2027);

        // a check task opened today: the unit's 10 working days from Dec 21 → Tue 2027-01-05, provisional
        String second = applyForUnfiledDegree("卫青").getApplicationNo();
        JsonNode opened = rest("POST", "/admin/api/reviews/" + second + "/check", null, "reviewer", 200);
        String taskId = opened.get("taskId").asText();
        assertThat(opened.get("dueDate").asText()).isEqualTo("2027-01-05");
        assertThat(opened.get("dueProvisionalYear").asInt()).isEqualTo(2027);
        CheckTask task = task(taskId);
        assertThat(task.getDueDate()).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThat(task.getDueDateProvisionalYear()).isEqualTo(2027);
        JsonNode deadlines = rest("GET", "/admin/api/deadlines", null, "reviewer", 200);
        assertThat(item(deadlines, taskId).get("provisionalYear").asInt()).isEqualTo(2027);
        assertThat(item(deadlines, applicationNo).get("provisionalYear").isNull()).as("the center's date is official").isTrue();

        // health and metrics warn: 10 days of official data left; still HTTP 200
        // get() asserts HTTP 200
        JsonNode calendar = JSON.readTree(get("/actuator/health", "admin")).get("components").get("calendar");
        assertThat(calendar.get("status").asText()).isEqualTo("WARNING");
        assertThat(calendar.get("details").get("lastOfficialDay").asText()).isEqualTo("2026-12-31");
        assertThat(calendar.get("details").get("officialDaysLeft").asInt()).isEqualTo(10);
        assertThat(metric("degreehub_calendar_official_days_left")).isEqualTo(10.0);

        // a revocation decided today is reported within 10 working days: 2027-01-05, provisional
        cn.degreehub.contract.filing.RevokeDegreeRequest revocation = new cn.degreehub.contract.filing.RevokeDegreeRequest();
        revocation.setRequestId(unique("rev"));
        revocation.setXWZSBH(file(2025, 1).get(0).getXWZSBH());
        revocation.setDecisionDate(LocalDate.of(2026, 12, 21));
        revocation.setReason("学术不端, 校学位评定委员会决定撤销");
        var revoked = filing("province-12").revokeDegree(revocation);
        assertThat(revoked.getReportDueDate()).isEqualTo(LocalDate.of(2027, 1, 5));
        assertThat(revoked.getReportDueProvisionalYear()).isEqualTo(2027);
        assertThat(revoked.isLate()).isFalse();

        // the time-limit watch lists the hub's own warning once per last official day
        timeLimitWatch.scan();
        timeLimitWatch.scan();
        JsonNode alerts = rest("GET", "/admin/api/deadlines/alerts", null, "reviewer", 200);
        assertThat(alerts.findValues("kind").stream().filter(k -> k.asText().equals("CALENDAR")).count()).isEqualTo(1);
        for (JsonNode a : alerts) {
            if (a.get("kind").asText().equals("CALENDAR")) {
                assertThat(a.get("ref").asText()).isEqualTo("2027");
                assertThat(a.get("dueDate").asText()).isEqualTo("2026-12-31");
            }
        }

        // the 2027 notice (fixture: statutory days off, and Saturday 2027-01-02 a make-up working day)
        JsonNode loaded = rest("PUT", "/admin/api/calendar/2027", fixture2027(), "admin", 200);
        assertThat(loaded.get("changed").asBoolean()).isTrue();
        assertThat(Files.exists(CALENDAR_DIR.resolve("2027.json"))).as("kept for the next start").isTrue();

        // counted again: the unit's date of the application Sat Jan 2, Jan 4-8, 11-14 → Thu 2027-01-14
        GetApplicationStatusResponse after = status(applicationNo);
        assertThat(after.getDueDates().getCenterDueDate()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(after.getDueDates().getUnitDueDate()).isEqualTo(LocalDate.of(2027, 1, 14));
        assertThat(after.getDueDates().getUnitDueProvisionalYear()).isNull();
        assertThat(after.getHistory()).anySatisfy(h -> assertThat(h.getNoteEn())
                .contains("official 2027 holiday calendar was loaded").contains("2027-01-15 → 2027-01-14"));
        // the task: Dec 22-31, Sat Jan 2, Mon Jan 4 → 2027-01-04
        CheckTask recounted = task(taskId);
        assertThat(recounted.getDueDate()).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(recounted.getDueDateProvisionalYear()).isNull();
        assertThat(status(second).getHistory()).anySatisfy(h -> assertThat(h.getNoteEn()).contains(taskId)
                .contains("now due 2027-01-04 (was 2027-01-05)"));
        assertThat(item(rest("GET", "/admin/api/deadlines", null, "reviewer", 200), taskId).get("provisionalYear").isNull())
                .isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'CALENDAR_LOAD' AND actor = 'admin'"
                + " AND target = '2027.json'", Integer.class)).isEqualTo(1);

        JsonNode upToDate = JSON.readTree(get("/actuator/health", "admin")).get("components").get("calendar");
        assertThat(upToDate.get("status").asText()).isEqualTo("UP");
        assertThat(upToDate.get("details").get("lastOfficialDay").asText()).isEqualTo("2027-12-31");
        assertThat(metric("degreehub_calendar_official_days_left")).isEqualTo(375.0);

        // the same notice again changes nothing
        assertThat(rest("PUT", "/admin/api/calendar/2027", fixture2027(), "admin", 200).get("changed").asBoolean()).isFalse();
    }

    @Test
    void aNoticePlacedInTheCalendarDirectoryIsPickedUpWithoutARestart() throws Exception {
        assertThat(rest("GET", "/admin/api/calendar", null, "admin", 200).get("officialYears").toString()).doesNotContain("2029");
        StringBuilder days = new StringBuilder();
        for (StatutoryHolidays.Holiday h : StatutoryHolidays.of(2029)) {
            days.append(days.length() == 0 ? "" : ",").append("{\"name\":\"").append(h.name()).append("\",\"date\":\"")
                    .append(h.date()).append("\",\"isOffDay\":true}");
        }
        Path temp = Files.writeString(DATA.resolve("2029.json.tmp"), "{\"year\":2029,\"papers\":[],\"days\":[" + days + "]}");
        Files.move(temp, CALENDAR_DIR.resolve("2029.json"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                rest("GET", "/admin/api/calendar", null, "admin", 200).get("officialYears").toString()).contains("2029"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'CALENDAR_LOAD'"
                + " AND actor = 'config/calendar' AND target = '2029.json'", Integer.class)).isEqualTo(1);
    }

    @Test
    void aBadNoticeIsRefusedWithItsReasonAndChangesNothing() throws Exception {
        String fixture = fixture2027();
        JsonNode otherYear = rest("PUT", "/admin/api/calendar/2028", fixture, "admin", 400);
        assertThat(otherYear.get("error").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(otherYear.get("messageEn").asText()).contains("says year 2027 but is named for 2028");
        assertThat(otherYear.get("messageZh").asText()).contains("年份");
        JsonNode malformed = rest("PUT", "/admin/api/calendar/2028", "{\"year\": 2028, \"days\": [", "admin", 400);
        assertThat(malformed.get("messageEn").asText()).contains("Not valid JSON");
        String noNationalDay = "{\"year\":2028,\"papers\":[],\"days\":[{\"name\":\"元旦\",\"date\":\"2028-01-01\",\"isOffDay\":true}]}";
        assertThat(rest("PUT", "/admin/api/calendar/2028", noNationalDay, "admin", 400).get("messageEn").asText())
                .contains("statutory holiday 春节 on 2028-01-25 is not given off");
        assertThat(rest("GET", "/admin/api/calendar", null, "admin", 200).get("officialYears").toString()).doesNotContain("2028");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'CALENDAR_REFUSED' AND actor = 'admin'",
                Integer.class)).isGreaterThanOrEqualTo(3);
        // only an ADMIN may load a calendar
        rest("PUT", "/admin/api/calendar/2027", fixture, "reviewer", 403);
    }

    @Test
    void camelRouteFiguresAreOnPrometheusAndPartnerFaultsAreNotRouteFailures() throws Exception {
        String total = "camel_exchanges_total{camelContext=\"degree-hub\",eventType=\"route\",kind=\"CamelRoute\","
                + "routeId=\"verification-getApplicationStatus\"}";
        String failed = total.replace("camel_exchanges_total", "camel_exchanges_failed_total");
        double before = metric(total);
        double failedBefore = metric(failed);
        String known = applyForUnfiledDegree("钱程").getApplicationNo();
        status(known);
        assertThat(metric(total)).isEqualTo(before + 1);
        // a partner's bad request (NOT_FOUND) is answered with its fault and is no failure of the route
        GetApplicationStatusRequest unknown = new GetApplicationStatusRequest();
        unknown.setApplicationNo("A202612210000000");
        assertThat(faultOf(() -> portal().getApplicationStatus(unknown)).value()).isEqualTo("NOT_FOUND");
        assertThat(metric(total)).isEqualTo(before + 2);
        assertThat(metric(failed)).isEqualTo(failedBefore);
        assertThat(get("/actuator/prometheus", "admin")).contains("camel_route_policy_seconds_count{");
    }

    static JsonNode item(JsonNode items, String ref) {
        for (JsonNode i : items) {
            if (i.get("ref").asText().equals(ref)) {
                return i;
            }
        }
        throw new AssertionError(ref + " not in " + items);
    }

    static String fixture2027() throws IOException {
        return Files.readString(Path.of("src/test/resources/calendar/2027.json"));
    }

    double metric(String series) throws Exception {
        String body = get("/actuator/prometheus", "admin");
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.E+-]+)$", Pattern.MULTILINE).matcher(body);
        assertThat(m.find()).as(series + " on /actuator/prometheus").isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** GET as {@code user}; the body as text. */
    String get(String path, String user) throws Exception {
        HttpResponse<byte[]> r = http("GET", path, null, user);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
