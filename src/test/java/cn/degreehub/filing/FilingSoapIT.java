package cn.degreehub.filing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.DegreeFilingPortType;
import cn.degreehub.contract.filing.FilingReceipt;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.GetFilingReceiptRequest;
import cn.degreehub.contract.filing.RejectedRecord;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.support.HubTestSupport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilingSoapIT extends HubTestSupport {

    static SubmitFilingBatchRequest batch(String batchId, String province, String unit, List<FilingRecord> records) {
        SubmitFilingBatchRequest request = new SubmitFilingBatchRequest();
        request.setBatchId(batchId);
        request.setProvinceCode(province);
        request.setUnitCode(unit);
        request.setSemester("2024-2025-2");
        request.getRecord().addAll(records);
        return request;
    }

    static List<FilingRecord> tianjin(int first, int count) {
        return DemoRecords.records("10056", "天津大学", "120104", 4, 2025, first, count);
    }

    @Test
    void storesValidRecordsAndRejectsBadOnesRecordByRecord() throws Exception {
        int seq = freshSequences(20);
        DegreeFilingPortType filing = filing("province-12");
        List<FilingRecord> earlier = tianjin(seq, 1);
        filing.submitFilingBatch(batch(unique("b"), "12", "10056", earlier));

        List<FilingRecord> records = new java.util.ArrayList<>(tianjin(seq + 1, 5));
        FilingRecord badId = DemoRecords.record("10056", "天津大学", "120104", 4, 2025, seq + 10, 0);
        badId.setZJHM(badId.getZJHM().substring(0, 17) + (badId.getZJHM().endsWith("1") ? "2" : "1"));
        FilingRecord badCert = DemoRecords.record("10056", "天津大学", "120104", 4, 2025, seq + 11, 0);
        badCert.setXWZSBH("10003" + badCert.getXWZSBH().substring(5));
        FilingRecord twice = DemoRecords.record("10056", "天津大学", "120104", 4, 2025, seq + 1, 0);
        records.add(badId);      // index 6
        records.add(badCert);    // index 7
        records.add(twice);      // index 8: same certificate as index 1
        records.add(earlier.get(0)); // index 9: already on file
        String batchId = unique("b");

        FilingReceipt receipt = filing.submitFilingBatch(batch(batchId, "12", "10056", records)).getReceipt();

        assertThat(receipt.getReceived()).isEqualTo(9);
        assertThat(receipt.getAccepted()).isEqualTo(5);
        assertThat(receipt.getRejected()).isEqualTo(4);
        assertThat(receipt.getRejection()).extracting(RejectedRecord::getIndex, RejectedRecord::getCode, RejectedRecord::getField)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(6, FaultCode.INVALID_ID_NUMBER, "ZJHM"),
                        org.assertj.core.groups.Tuple.tuple(7, FaultCode.INVALID_CERTIFICATE_NUMBER, "XWZSBH"),
                        org.assertj.core.groups.Tuple.tuple(8, FaultCode.DUPLICATE_RECORD, "XWZSBH"),
                        org.assertj.core.groups.Tuple.tuple(9, FaultCode.DUPLICATE_RECORD, "XWZSBH"));
        assertThat(receipt.getRejection().get(0).getXWZSBH()).isEqualTo(badId.getXWZSBH());
        assertThat(receipt.getRejection().get(0).getMessageZh()).contains("校验码");

        assertThat(count("SELECT COUNT(*) FROM degree_record WHERE batch_id = ?", batchId)).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM filing_rejection WHERE batch_id = ?", batchId)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT xm FROM degree_record WHERE xwzsbh = ?", String.class,
                records.get(0).getXWZSBH())).isEqualTo(records.get(0).getXM());
        assertThat(jdbc.queryForObject("SELECT status FROM degree_record WHERE xwzsbh = ?", String.class,
                records.get(0).getXWZSBH())).isEqualTo("APPROVED");
    }

    @Test
    void sameBatchIdAgainReturnsTheStoredReceiptAndStoresNothing() throws Exception {
        int seq = freshSequences(10);
        DegreeFilingPortType filing = filing("province-12");
        String batchId = unique("again");
        FilingRecord bad = DemoRecords.record("10056", "天津大学", "120104", 4, 2025, seq + 5, 0);
        bad.setHXWRQ("19700101");
        List<FilingRecord> records = new java.util.ArrayList<>(tianjin(seq, 3));
        records.add(bad);
        FilingReceipt first = filing.submitFilingBatch(batch(batchId, "12", "10056", records)).getReceipt();
        int before = count("SELECT COUNT(*) FROM degree_record");

        // a different body under the same batchId changes nothing
        FilingReceipt second = filing.submitFilingBatch(batch(batchId, "12", "10056", tianjin(seq + 6, 3))).getReceipt();

        assertThat(count("SELECT COUNT(*) FROM degree_record")).isEqualTo(before);
        assertThat(second.getAccepted()).isEqualTo(first.getAccepted()).isEqualTo(3);
        assertThat(second.getRejected()).isEqualTo(1);
        assertThat(second.getRejection().get(0).getField()).isEqualTo("HXWRQ");
        assertThat(second.getReceivedAt()).isEqualTo(first.getReceivedAt());

        GetFilingReceiptRequest get = new GetFilingReceiptRequest();
        get.setBatchId(batchId);
        assertThat(filing.getFilingReceipt(get).getReceipt().getRejection()).hasSize(1);
        assertThat(faultOf(() -> filing("province-42").getFilingReceipt(get))).isEqualTo(FaultCode.NOT_FOUND);

        // on the wire: China time to the millisecond, three digits and the offset, as every contract timestamp
        String raw = postSoap("/services/filing", "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + textSecurityHeader("province-12", "province-12-pass") + "<soapenv:Body><f:getFilingReceiptRequest"
                + " xmlns:f=\"urn:degreehub:filing:v1\"><f:batchId>" + batchId + "</f:batchId></f:getFilingReceiptRequest>"
                + "</soapenv:Body></soapenv:Envelope>").body();
        assertThat(raw).containsPattern("receivedAt>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+08:00<");
    }

    @Test
    void aProvinceMayFileOnlyForUnitsOfItsOwnProvince() throws Exception {
        int seq = freshSequences(2);
        int batches = count("SELECT COUNT(*) FROM filing_batch");
        List<FilingRecord> wuhan = DemoRecords.records("10486", "武汉大学", "420106", 4, 2025, seq, 2);
        assertThat(faultOf(() -> filing("province-12").submitFilingBatch(batch(unique("x"), "12", "10486", wuhan))))
                .isEqualTo(FaultCode.FORBIDDEN);
        assertThat(faultOf(() -> filing("province-12").submitFilingBatch(batch(unique("x"), "42", "10486", wuhan))))
                .isEqualTo(FaultCode.FORBIDDEN);
        assertThat(faultOf(() -> filing("portal").submitFilingBatch(batch(unique("x"), "42", "10486", wuhan))))
                .as("the portal has no filing role").isEqualTo(FaultCode.FORBIDDEN);
        assertThat(count("SELECT COUNT(*) FROM filing_batch")).isEqualTo(batches);
        assertThat(filing("province-42").submitFilingBatch(batch(unique("x"), "42", "10486", wuhan))
                .getReceipt().getAccepted()).isEqualTo(2);
    }

    @Test
    void wrongPasswordIsUnauthenticatedAndDigestWorks() throws Exception {
        int seq = freshSequences(1);
        assertThat(faultOf(() -> filingDigest("province-12", "guess").submitFilingBatch(
                batch(unique("x"), "12", "10056", tianjin(seq, 1))))).isEqualTo(FaultCode.UNAUTHENTICATED);
        assertThat(faultOf(() -> client(DegreeFilingPortType.class, "/services/filing", "province-12", "guess", false)
                .submitFilingBatch(batch(unique("x"), "12", "10056", tianjin(seq, 1))))).isEqualTo(FaultCode.UNAUTHENTICATED);
        assertThat(faultOf(() -> client(DegreeFilingPortType.class, "/services/filing", "nobody", "nobody-pass", false)
                .submitFilingBatch(batch(unique("x"), "12", "10056", tianjin(seq, 1))))).isEqualTo(FaultCode.UNAUTHENTICATED);
        assertThat(filingDigest("province-12", "province-12-pass")
                .submitFilingBatch(batch(unique("d"), "12", "10056", tianjin(seq, 1))).getReceipt().getAccepted())
                .isEqualTo(1);
    }

    @Test
    void aReplayedDigestNonceIsRefused() throws Exception {
        String envelope = cn.degreehub.support.SoapEnvelopes.digestReceiptQuery("province-12", "province-12-pass", "no-such-batch");

        var first = postSoap("/services/filing", envelope);
        var replay = postSoap("/services/filing", envelope);

        assertThat(first.body()).as("authenticated: the batch is simply unknown").contains("<code>NOT_FOUND</code>");
        assertThat(replay.statusCode()).isEqualTo(500);
        assertThat(replay.body()).contains("<code>UNAUTHENTICATED</code>").doesNotContain("province-12-pass");
    }
}
