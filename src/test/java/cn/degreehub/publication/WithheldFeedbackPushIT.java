package cn.degreehub.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.contract.feedback.FeedbackRecord;
import cn.degreehub.contract.feedback.ObjectFactory;
import cn.degreehub.contract.feedback.WithheldFeedback;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.demo.UnitFeedbackSimulator;
import cn.degreehub.filing.Semester;
import cn.degreehub.support.HubTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.xml.bind.JAXBContext;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.transform.stream.StreamSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

/**
 * Withheld feedback pushed to the units (docs/domain-rules.md, "Withheld feedback pushed to the units"): the semester
 * whose feedback date is coming is pushed per unit over the unit's channel, the queue unit's account reads exactly its
 * withheld records from its own queue, the SOAP unit's UnitFeedbackReceiver gets its document, each push is listed with
 * its delivery and pushed once (again only when the unit's withheld records changed).
 */
class WithheldFeedbackPushIT extends HubTestSupport {

    @Autowired
    Clock clock;

    @Autowired
    UnitFeedbackSimulator simulator;

    /** The demo queue unit's own reader of its feedback queue: stopped here, so the test reads the queue instead. */
    @Autowired
    @Qualifier("unitFeedbackSimulatorListener")
    DefaultMessageListenerContainer simulatorListener;

    @Value("${degreehub.publication.feedback.lead-days}")
    int leadDays;

    /** The semester whose feedback date (its publication deadline's eve) is the first on or after {@code today}. */
    static Semester comingSemester(LocalDate today) {
        Semester s = Semester.of(today.minusYears(1));
        while (WithheldFeedbackPush.feedbackDate(s).isBefore(today)) {
            s = s.term() == 1 ? new Semester(s.startYear(), 2) : new Semester(s.startYear() + 1, 1);
        }
        return s;
    }

    /** Files records of a second semester of {@code year} for a unit, the ones at {@code classified} marked classified. */
    List<FilingRecord> file(String province, String unit, String unitName, String region, int year, int count,
                            Set<Integer> classified) throws Exception {
        int seq = freshSequences(count);
        List<FilingRecord> records = new ArrayList<>(DemoRecords.records(unit, unitName, region, 3, year, seq, count));
        classified.forEach(i -> records.get(i).setSFSM("1"));
        SubmitFilingBatchRequest batch = new SubmitFilingBatchRequest();
        batch.setBatchId(unique("feedback"));
        batch.setProvinceCode(province);
        batch.setUnitCode(unit);
        batch.setSemester((year - 1) + "-" + year + "-2");
        batch.getRecord().addAll(records);
        assertThat(filing("province-" + province).submitFilingBatch(batch).getReceipt().getAccepted()).isEqualTo(count);
        return records;
    }

    Set<String> withheldOnFile(String semester, String unit) {
        return new TreeSet<>(jdbc.queryForList("SELECT xwzsbh FROM degree_record WHERE status = 'WITHHELD' AND semester = ?"
                + " AND xwsydwm = ?", String.class, semester, unit));
    }

    JsonNode push(String semester) throws Exception {
        return rest("POST", "/admin/api/publication/feedback/" + semester + "/push", null, "admin", 200);
    }

    static String pushIdOf(JsonNode answer, String unit) {
        for (JsonNode p : answer.get("pushed")) {
            if (p.get("unitCode").asText().equals(unit)) {
                return p.get("pushId").asText();
            }
        }
        throw new AssertionError("no push for unit " + unit + " in " + answer);
    }

    JsonNode listed(String semester, String pushId) throws Exception {
        for (JsonNode p : rest("GET", "/admin/api/publication/feedback?semester=" + semester, null, "reviewer", 200)) {
            if (p.get("pushId").asText().equals(pushId)) {
                return p;
            }
        }
        throw new AssertionError("push " + pushId + " not listed");
    }

    JsonNode delivered(String semester, String pushId) throws Exception {
        long until = System.currentTimeMillis() + 30_000;
        JsonNode p = listed(semester, pushId);
        while (!p.get("delivery").asText().equals("DELIVERED") && System.currentTimeMillis() < until) {
            Thread.sleep(200);
            p = listed(semester, pushId);
        }
        assertThat(p.get("delivery").asText()).as(p.toString()).isEqualTo("DELIVERED");
        return p;
    }

    static WithheldFeedback read(String document) throws Exception {
        return JAXBContext.newInstance(ObjectFactory.class).createUnmarshaller()
                .unmarshal(new StreamSource(new StringReader(document)), WithheldFeedback.class).getValue();
    }

    static Set<String> numbers(WithheldFeedback feedback) {
        return feedback.getRecord().stream().map(FeedbackRecord::getXWZSBH).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void eachUnitGetsItsWithheldRecordsOnceOverItsChannel() throws Exception {
        LocalDate today = ChinaTime.today(clock);
        Semester semester = comingSemester(today);
        String name = semester.toString();
        LocalDate feedbackDate = WithheldFeedbackPush.feedbackDate(semester);
        assertThat(feedbackDate).as("the day before the deadline").isEqualTo(semester.publicationDeadline().minusDays(1));
        assertThat(ChronoUnit.DAYS.between(today, feedbackDate)).as("the push window is open").isBetween(0L, (long) leadDays);
        String timeliness = today.isAfter(feedbackDate) ? "LATE" : "ON_TIME";
        int year = semester.startYear() + 1;

        List<FilingRecord> tianjin = file("12", "10056", "天津大学", "120104", year, 4, Set.of(1, 3));
        List<FilingRecord> wuhan = file("42", "10486", "武汉大学", "420106", year, 3, Set.of(0));
        publishNow();
        Set<String> tianjinWithheld = withheldOnFile(name, "10056");
        Set<String> wuhanWithheld = withheldOnFile(name, "10486");
        assertThat(tianjinWithheld).contains(tianjin.get(1).getXWZSBH(), tianjin.get(3).getXWZSBH())
                .doesNotContain(tianjin.get(0).getXWZSBH());
        assertThat(wuhanWithheld).contains(wuhan.get(0).getXWZSBH()).doesNotContain(wuhan.get(1).getXWZSBH());

        // who may push, who may look
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url("/admin/api/publication/feedback/" + name + "/push")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(http("POST", "/admin/api/publication/feedback/" + name + "/push", null, "reviewer").statusCode())
                .isEqualTo(403);
        assertThat(http("GET", "/admin/api/publication/feedback", null, "province-12").statusCode()).isIn(401, 403);
        assertThat(http("POST", "/admin/api/publication/feedback/2025-2027-2/push", null, "admin").statusCode())
                .isEqualTo(400);

        simulatorListener.shutdown();
        try (ActiveMQConnectionFactory unit = brokerAccount("unit-10056"); Connection c = unit.createConnection()) {
            c.start();
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            JsonNode first = push(name);
            String tianjinPush = pushIdOf(first, "10056");
            String wuhanPush = pushIdOf(first, "10486");

            // the queue unit's account reads its feedback from its own queue: exactly its withheld records
            Message message;
            try (MessageConsumer consumer = session.createConsumer(session.createQueue("degreehub.feedback.10056"),
                    "degreehubPushId = '" + tianjinPush + "'")) {
                message = consumer.receive(30_000);
            }
            assertThat(message).as("feedback " + tianjinPush + " on degreehub.feedback.10056").isNotNull();
            WithheldFeedback feedback = read(((TextMessage) message).getText());
            assertThat(feedback.getPushId()).isEqualTo(tianjinPush);
            assertThat(feedback.getUnitCode()).isEqualTo("10056");
            assertThat(feedback.getSemester()).isEqualTo(name);
            assertThat(feedback.getFeedbackDate()).isEqualTo(feedbackDate);
            assertThat(feedback.isLate()).isEqualTo(today.isAfter(feedbackDate));
            assertThat(feedback.getRecordCount()).isEqualTo(tianjinWithheld.size());
            assertThat(numbers(feedback)).isEqualTo(tianjinWithheld);
            FeedbackRecord classified = feedback.getRecord().stream()
                    .filter(r -> r.getXWZSBH().equals(tianjin.get(1).getXWZSBH())).findFirst().orElseThrow();
            assertThat(classified.getReason().value()).isEqualTo("CLASSIFIED");
            assertThat(classified.getXM()).isEqualTo(tianjin.get(1).getXM());
            assertThat(classified.getMessageZh()).isNotBlank();
            assertThat(classified.getMessageEn()).isNotBlank();
            String id = tianjin.get(1).getZJHM();
            assertThat(classified.getMaskedIdNumber()).contains("*").endsWith(id.substring(id.length() - 4))
                    .isNotEqualTo(id);
            assertThat(((TextMessage) message).getText()).doesNotContain(id);

            // and nobody else's
            assertThatThrownBy(() -> session.createConsumer(session.createQueue("degreehub.feedback.10001")).close())
                    .isInstanceOf(JMSSecurityException.class);

            // the SOAP unit's UnitFeedbackReceiver got its document
            long until = System.currentTimeMillis() + 30_000;
            while (simulator.received().stream().noneMatch(f -> f.getPushId().equals(wuhanPush))
                    && System.currentTimeMillis() < until) {
                Thread.sleep(200);
            }
            WithheldFeedback soap = simulator.received().stream().filter(f -> f.getPushId().equals(wuhanPush))
                    .findFirst().orElseThrow(() -> new AssertionError("the SOAP unit did not receive " + wuhanPush));
            assertThat(soap.getUnitCode()).isEqualTo("10486");
            assertThat(numbers(soap)).isEqualTo(wuhanWithheld);

            // both listed as delivered, with their counts, and audited
            JsonNode q = delivered(name, tianjinPush);
            assertThat(q.get("unitCode").asText()).isEqualTo("10056");
            assertThat(q.get("channel").asText()).isEqualTo("QUEUE");
            assertThat(q.get("records").asInt()).isEqualTo(tianjinWithheld.size());
            assertThat(q.get("attempts").asInt()).isEqualTo(1);
            assertThat(q.get("deliveredAt").isNull()).isFalse();
            assertThat(q.get("feedbackDate").asText()).isEqualTo(feedbackDate.toString());
            assertThat(q.get("timeliness").asText()).isEqualTo(timeliness);
            JsonNode s = delivered(name, wuhanPush);
            assertThat(s.get("channel").asText()).isEqualTo("SOAP");
            assertThat(s.get("records").asInt()).isEqualTo(wuhanWithheld.size());
            assertThat(s.get("timeliness").asText()).isEqualTo(timeliness);
            for (String pushId : List.of(tianjinPush, wuhanPush)) {
                assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'WITHHELD_FEEDBACK_PUSH' AND target = ?"
                        + " AND actor = 'admin'", pushId)).isEqualTo(1);
            }

            // pushed once: the same records again are not pushed again
            int rows = count("SELECT COUNT(*) FROM withheld_feedback_push WHERE semester = ?", name);
            assertThat(push(name).get("pushed")).isEmpty();
            assertThat(count("SELECT COUNT(*) FROM withheld_feedback_push WHERE semester = ?", name)).isEqualTo(rows);

            // a new withholding of the queue unit: it alone gets its feedback again, with the new record
            List<FilingRecord> more = file("12", "10056", "天津大学", "120104", year, 1, Set.of(0));
            publishNow();
            JsonNode again = push(name);
            assertThat(again.get("pushed")).hasSize(1);
            String second = pushIdOf(again, "10056");
            assertThat(second).isNotEqualTo(tianjinPush);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue("degreehub.feedback.10056"),
                    "degreehubPushId = '" + second + "'")) {
                message = consumer.receive(30_000);
            }
            assertThat(message).isNotNull();
            assertThat(numbers(read(((TextMessage) message).getText())))
                    .isEqualTo(withheldOnFile(name, "10056")).contains(more.get(0).getXWZSBH());
            assertThat(delivered(name, second).get("records").asInt()).isEqualTo(tianjinWithheld.size() + 1);
        } finally {
            simulatorListener.initialize();
            simulatorListener.start();
        }
    }

    @Test
    void aSemesterWhoseFeedbackDateHasPassedIsPushedLate() throws Exception {
        LocalDate today = ChinaTime.today(clock);
        // a second semester two years back: its feedback date long past
        Semester past = new Semester(comingSemester(today).startYear() - 2, 2);
        assertThat(WithheldFeedbackPush.feedbackDate(past)).isBefore(today);
        file("42", "10486", "武汉大学", "420106", past.startYear() + 1, 2, Set.of(1));
        publishNow();
        JsonNode answer = push(past.toString());
        String pushId = pushIdOf(answer, "10486");
        for (JsonNode p : answer.get("pushed")) {
            assertThat(p.get("late").asBoolean()).as(p.toString()).isTrue();
        }
        JsonNode listed = delivered(past.toString(), pushId);
        assertThat(listed.get("late").asBoolean()).isTrue();
        assertThat(listed.get("timeliness").asText()).isEqualTo("LATE");
        assertThat(listed.get("records").asInt()).isEqualTo(withheldOnFile(past.toString(), "10486").size());
    }
}
