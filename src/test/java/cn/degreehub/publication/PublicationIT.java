package cn.degreehub.publication;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.DegreeFilingPortType;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.GetWithheldFeedbackRequest;
import cn.degreehub.contract.filing.GetWithheldFeedbackResponse;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.contract.filing.WithheldReason;
import cn.degreehub.contract.filing.WithheldRecord;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.types.Paging;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.support.HubTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicationIT extends HubTestSupport {

    static final String SEMESTER = "2018-2019-2";

    HttpResponse<String> runPublication(String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/admin/api/publication/run")))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user + "-pass").getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aManualRunWhileAnotherNodeRunsOneIsRefusedAndRunsOnceItIsDone() throws Exception {
        // another node of the cluster is publishing: it holds the run's lock in the shared database
        jdbc.update("DELETE FROM shedlock WHERE name = 'publication-exclusive'");
        jdbc.update("INSERT INTO shedlock (name, lock_until, locked_at, locked_by) VALUES ('publication-exclusive',"
                + " CURRENT_TIMESTAMP + INTERVAL '1' HOUR, CURRENT_TIMESTAMP, 'node-other')");
        int runs = count("SELECT COUNT(*) FROM publication_run");
        try {
            HttpResponse<String> refused = runPublication("admin");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("INVALID_STATE").contains("publication-exclusive").contains("正在");
            assertThat(count("SELECT COUNT(*) FROM publication_run")).as("no run started").isEqualTo(runs);
        } finally {
            // the other node's run ends (ShedLock keeps the row and moves lock_until back)
            jdbc.update("UPDATE shedlock SET lock_until = CURRENT_TIMESTAMP - INTERVAL '1' SECOND"
                    + " WHERE name = 'publication-exclusive'");
        }
        HttpResponse<String> ran = runPublication("admin");
        assertThat(ran.statusCode()).isEqualTo(200);
        assertThat(ran.body()).contains("\"runId\"");
        assertThat(count("SELECT COUNT(*) FROM publication_run")).isEqualTo(runs + 1);
        // released at once (no minimum hold): the next manual run is not refused
        assertThat(runPublication("admin").statusCode()).isEqualTo(200);
    }

    @Test
    void publicationPublishesOrWithholdsWithReasonsAndFeedsBack() throws Exception {
        int seq = freshSequences(10);
        List<FilingRecord> records = new ArrayList<>(DemoRecords.records("10486", "武汉大学", "420106", 4, 2019, seq, 3));
        FilingRecord classified = DemoRecords.record("10486", "武汉大学", "420106", 3, 2019, seq + 3, 0);
        classified.setSFSM("1");
        FilingRecord review = DemoRecords.record("10486", "武汉大学", "420106", 3, 2019, seq + 4, 0);
        review.setZCSC("1");
        FilingRecord honorary = DemoRecords.record("10486", "武汉大学", "420106", 2, 2019, seq + 5, 0);
        honorary.setXWLBM("108");
        FilingRecord incomplete = DemoRecords.record("10486", "武汉大学", "420106", 4, 2019, seq + 6, 0);
        incomplete.setZYMC(null);
        records.addAll(List.of(classified, review, honorary, incomplete));
        SubmitFilingBatchRequest batch = new SubmitFilingBatchRequest();
        batch.setBatchId(unique("pub"));
        batch.setProvinceCode("42");
        batch.setUnitCode("10486");
        batch.setSemester(SEMESTER);
        batch.getRecord().addAll(records);
        DegreeFilingPortType filing = filing("province-42");
        assertThat(filing.submitFilingBatch(batch).getReceipt().getAccepted()).isEqualTo(7);

        assertThat(runPublication(null).statusCode()).isEqualTo(401);
        assertThat(runPublication("province-42").statusCode()).as("only ADMIN").isEqualTo(403);
        HttpResponse<String> run = runPublication("admin");
        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.body()).contains("\"published\":").contains("\"HONORARY\":");

        assertThat(status(records.get(0))).isEqualTo("PUBLISHED");
        assertThat(status(classified)).isEqualTo("WITHHELD:CLASSIFIED");
        assertThat(status(review)).isEqualTo("WITHHELD:POLICY_REVIEW");
        assertThat(status(honorary)).isEqualTo("WITHHELD:HONORARY");
        assertThat(status(incomplete)).isEqualTo("WITHHELD:INCOMPLETE");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE actor = 'admin' AND action = 'PUBLICATION_RUN'")).isPositive();

        GetWithheldFeedbackRequest byProvince = new GetWithheldFeedbackRequest();
        byProvince.setProvinceCode("42");
        byProvince.setSemester(SEMESTER);
        Paging paging = new Paging();
        paging.setPage(1);
        paging.setPageSize(3);
        byProvince.setPaging(paging);
        GetWithheldFeedbackResponse page1 = filing.getWithheldFeedback(byProvince);
        assertThat(page1.getTotal()).isEqualTo(4);
        assertThat(page1.getRecord()).hasSize(3);
        paging.setPage(2);
        GetWithheldFeedbackResponse page2 = filing.getWithheldFeedback(byProvince);
        assertThat(page2.getRecord()).hasSize(1);
        List<WithheldRecord> all = new ArrayList<>(page1.getRecord());
        all.addAll(page2.getRecord());
        assertThat(all).extracting(WithheldRecord::getReason).containsExactlyInAnyOrder(
                WithheldReason.CLASSIFIED, WithheldReason.POLICY_REVIEW, WithheldReason.HONORARY, WithheldReason.INCOMPLETE);
        assertThat(all).allSatisfy(r -> assertThat(r.getMessageZh()).isNotBlank());

        GetWithheldFeedbackRequest byUnit = new GetWithheldFeedbackRequest();
        byUnit.setUnitCode("10486");
        byUnit.setSemester(SEMESTER);
        assertThat(filing("unit-10486").getWithheldFeedback(byUnit).getTotal()).as("the unit's lead sees its own").isEqualTo(4);
        assertThat(faultOf(() -> filing("province-12").getWithheldFeedback(byUnit))).isEqualTo(FaultCode.FORBIDDEN);
        assertThat(faultOf(() -> filing("province-12").getWithheldFeedback(byProvince))).isEqualTo(FaultCode.FORBIDDEN);
    }

    String status(FilingRecord r) {
        return jdbc.queryForObject("SELECT status || CASE WHEN withheld_reason IS NULL THEN '' ELSE ':' || withheld_reason END"
                + " FROM degree_record WHERE xwzsbh = ?", String.class, r.getXWZSBH());
    }
}
