package cn.degreehub.filing;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.filing.FilingRecordValidator.BatchContext;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.PartnerRegistryProperties;
import cn.degreehub.partner.PartnerRegistryProperties.Channel;
import cn.degreehub.partner.PartnerRegistryProperties.Province;
import cn.degreehub.partner.PartnerRegistryProperties.Unit;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FilingRecordValidatorTest {

    static final FilingRecordValidator VALIDATOR;
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    /** A batch of 天津大学 in the semester of the record's award date (when it has a valid one). */
    static BatchContext tianjin(FilingRecord r) {
        LocalDate awarded = FilingRecordValidator.parseDate(r.getHXWRQ());
        return new BatchContext("12", "10056", Semester.of(awarded == null ? LocalDate.of(2025, 6, 30) : awarded), TODAY);
    }

    static {
        PartnerRegistryProperties p = new PartnerRegistryProperties();
        p.setProvinces(List.of(new Province("12", "天津"), new Province("42", "湖北")));
        p.setUnits(List.of(new Unit("10056", "天津大学", "Tianjin University", "12", new Channel("QUEUE", null, null, null), List.of()),
                new Unit("10486", "武汉大学", "Wuhan University", "42", new Channel("QUEUE", null, null, null), List.of())));
        VALIDATOR = new FilingRecordValidator(new PartnerRegistry(p));
    }

    static FilingRecord valid() {
        return DemoRecords.record("10056", "天津大学", "120104", 4, 2025, 1, 0);
    }

    static Optional<Rejection> check(FilingRecord r) {
        return VALIDATOR.check(FilingDocuments.filed(r), tianjin(r));
    }

    static Optional<Rejection> check(Consumer<FilingRecord> change) {
        FilingRecord r = valid();
        change.accept(r);
        return VALIDATOR.check(FilingDocuments.filed(r), tianjin(r));
    }

    static void assertRejected(Consumer<FilingRecord> change, FaultCode code, String field) {
        Rejection rejection = check(change).orElseThrow(() -> new AssertionError("record was accepted"));
        assertThat(rejection.code()).isEqualTo(code);
        assertThat(rejection.field()).isEqualTo(field);
        assertThat(rejection.messageZh()).isNotBlank();
        assertThat(rejection.messageEn()).isNotBlank();
    }

    @Test
    void acceptsValidRecordsOfEveryLevel() {
        assertThat(check(valid())).isEmpty();
        assertThat(check(DemoRecords.record("10056", "天津大学", "120104", 3, 2024, 7, 0))).isEmpty();
        assertThat(check(DemoRecords.record("10056", "天津大学", "120104", 2, 2010, 7, 0))).isEmpty();
        FilingRecord honorary = DemoRecords.record("10056", "天津大学", "120104", 2, 2025, 990, 0);
        honorary.setXWLBM("108");
        assertThat(check(honorary)).as("honorary doctorates are filed").isEmpty();
        assertThat(check(r -> r.setXWLBM("108"))).as("honorary XWLBM with a bachelor certificate").isPresent();
    }

    @Test
    void requiredFieldsAndFormats() {
        assertRejected(r -> r.setXM(null), FaultCode.INVALID_REQUEST, "XM");
        assertRejected(r -> r.setXM("  "), FaultCode.INVALID_REQUEST, "XM");
        assertRejected(r -> r.setXM("王".repeat(41)), FaultCode.INVALID_REQUEST, "XM");
        assertRejected(r -> r.setXBM("3"), FaultCode.INVALID_REQUEST, "XBM");
        assertRejected(r -> r.setHXWRQ("20250231"), FaultCode.INVALID_REQUEST, "HXWRQ");
        assertRejected(r -> r.setHXWRQ("2025-06-30"), FaultCode.INVALID_REQUEST, "HXWRQ");
        assertRejected(r -> r.setXWSYDWM("1005"), FaultCode.INVALID_REQUEST, "XWSYDWM");
    }

    @Test
    void residentIdNumberCheckCharacterAndBirthDate() {
        assertRejected(r -> r.setZJHM(r.getZJHM().substring(0, 17) + (r.getZJHM().endsWith("0") ? "1" : "0")),
                FaultCode.INVALID_ID_NUMBER, "ZJHM");
        assertRejected(r -> r.setZJHM("12010419"), FaultCode.INVALID_ID_NUMBER, "ZJHM");
        assertRejected(r -> r.setCSRQ("19990101"), FaultCode.INVALID_ID_NUMBER, "CSRQ");
        assertThat(check(r -> {
            r.setZJLXM("02");
            r.setZJHM("E12345678");
        })).as("a passport has no check character").isEmpty();
    }

    @Test
    void certificateNumberMustAgreeWithUnitLevelAndYear() {
        assertRejected(r -> r.setXWZSBH("1005642025X00001"), FaultCode.INVALID_CERTIFICATE_NUMBER, "XWZSBH");
        assertRejected(r -> r.setXWZSBH("1000342025000001"), FaultCode.INVALID_CERTIFICATE_NUMBER, "XWZSBH");
        assertRejected(r -> r.setXWZSBH("1005632025000001"), FaultCode.INVALID_CERTIFICATE_NUMBER, "XWZSBH");
        assertRejected(r -> r.setXWZSBH("1005642024000001"), FaultCode.INVALID_CERTIFICATE_NUMBER, "XWZSBH");
        assertThat(check(r -> r.setXWZSBH("C1005642025Z00001"))).as("self-study bachelor").isEmpty();
        assertThat(check(r -> r.setXWZSBH("1005642025S00001"))).as("second bachelor").isEmpty();
    }

    @Test
    void certificatesBefore2006AreFreeForm() {
        assertThat(check(r -> {
            r.setHXWRQ("20030701");
            r.setXWZSBH("8888123");
            r.setCSRQ(null);
        })).isEmpty();
    }

    @Test
    void awardDateNeitherInTheFutureNorBefore1981() {
        assertRejected(r -> {
            r.setHXWRQ("20261124");
            r.setXWZSBH("1005642026000001");
        }, FaultCode.INVALID_REQUEST, "HXWRQ");
        assertRejected(r -> r.setHXWRQ("19801231"), FaultCode.INVALID_REQUEST, "HXWRQ");
        assertThat(check(r -> {
            r.setHXWRQ("20261123");
            r.setXWZSBH("1005642026000001");
        })).as("today is fine").isEmpty();
    }

    @Test
    void unitMustBelongToTheFilingProvince() {
        assertRejected(r -> {
            r.setXWSYDWM("10486");
            r.setXWZSBH("1048642025000001");
        }, FaultCode.FORBIDDEN, "XWSYDWM");
        assertRejected(r -> r.setXWSYDWM("99999"), FaultCode.INVALID_REQUEST, "XWSYDWM");
    }

    @Test
    void disciplineCategoryMustBeKnown() {
        assertRejected(r -> r.setXWLBM("415"), FaultCode.INVALID_REQUEST, "XWLBM");
        assertRejected(r -> r.setXWLBM("508"), FaultCode.INVALID_REQUEST, "XWLBM");
        assertRejected(r -> r.setZYDM("150101"), FaultCode.INVALID_REQUEST, "ZYDM");
        assertThat(check(r -> r.setZYDM("140101"))).as("交叉学科").isEmpty();
    }

    @Test
    void anAwardDateOutsideTheBatchsSemesterIsRejectedWithItsOwnCode() {
        FilingRecord r = DemoRecords.record("10056", "天津大学", "120104", 3, 2019, 7, 0); // awarded 2019-06-30
        Rejection wrong = VALIDATOR.check(FilingDocuments.filed(r),
                new BatchContext("12", "10056", Semester.parse("2019-2020-1").orElseThrow(), TODAY)).orElseThrow();
        assertThat(wrong.code()).isEqualTo(FaultCode.SEMESTER_MISMATCH);
        assertThat(wrong.field()).isEqualTo("HXWRQ");
        assertThat(wrong.messageZh()).contains("2019-06-30", "2019-2020-1", "2018-2019-2");
        assertThat(wrong.messageEn()).contains("file it under 2018-2019-2");
        // the semester's first and last days belong to it: Sep 1 and the end of February (2020: a leap year)
        BatchContext first = new BatchContext("12", "10056", Semester.parse("2019-2020-1").orElseThrow(), TODAY);
        r.setHXWRQ("20190901");
        assertThat(VALIDATOR.check(FilingDocuments.filed(r), first)).isEmpty();
        r.setHXWRQ("20200229");
        r.setXWZSBH(r.getXWZSBH().substring(0, 6) + "2020" + r.getXWZSBH().substring(10)); // the award year in the number
        assertThat(VALIDATOR.check(FilingDocuments.filed(r), first)).isEmpty();
        r.setHXWRQ("20200301");
        assertThat(VALIDATOR.check(FilingDocuments.filed(r), first)).map(Rejection::code).hasValue(FaultCode.SEMESTER_MISMATCH);
    }
}
