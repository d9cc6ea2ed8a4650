package cn.degreehub.degree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.degreehub.check.CheckEndpoint;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.check.CorrectedFields;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.verification.Applicant;
import cn.degreehub.verification.ApplicationState;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.contract.verification.SubmitApplicationRequest;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.filing.FilingDocuments;
import cn.degreehub.filing.FilingRecordValidator;
import cn.degreehub.filing.FilingRecordValidator.BatchContext;
import cn.degreehub.filing.Rejection;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.PartnerRegistryProperties;
import cn.degreehub.partner.PartnerRegistryProperties.Channel;
import cn.degreehub.partner.PartnerRegistryProperties.Province;
import cn.degreehub.partner.PartnerRegistryProperties.Unit;
import cn.degreehub.review.MaterialReview;
import cn.degreehub.verification.Applications;
import cn.degreehub.verification.VerificationEndpoint;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules of a degree's ID and certificate numbers, and that every entry point applies the same ones: filing
 * (and correctRecord, which validates the merged record with the same validator), the portal's
 * submitApplication, a reviewer's correction and a unit's corrected check answer.
 */
class DegreeRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final FilingRecordValidator FILING;

    static {
        PartnerRegistryProperties p = new PartnerRegistryProperties();
        p.setProvinces(List.of(new Province("12", "天津")));
        p.setUnits(List.of(new Unit("10056", "天津大学", "Tianjin University", "12", new Channel("QUEUE", null, null, null), List.of())));
        FILING = new FilingRecordValidator(new PartnerRegistry(p));
    }

    // ---- the rules ----

    @ParameterizedTest(name = "{0} awarded {1}: {2}")
    @CsvSource({
            "1005642025000001, 2025-06-30, true",
            "C1005642025Z00001, 2025-06-30, true",
            "1005642025X00001, 2025-06-30, false",   // unknown letter at position 11
            "ABC123, 2010-06-30, false",             // since 2006 only the national structure
            "1005642025000001, 2006-01-01, true",    // a structured number need not name the year here
            "8888123, 2005-12-31, true",             // before 2006: each unit's own numbers
            "A, 2003-07-01, true",
            "12345678901234567, 2003-07-01, true",   // 17, the size of the database's field
            "123456789012345678, 2003-07-01, false", // 18 would never be found in the database
            "88-123, 2003-07-01, false",
            "88a123, 2003-07-01, false",             // capitals only (typed input is normalised first)
    })
    void certificateNumberByAwardDate(String number, LocalDate awarded, boolean valid) {
        assertThat(DegreeRules.certificateNumber(number, awarded).isEmpty()).isEqualTo(valid);
    }

    @Test
    void cutOffs() {
        assertThat(DegreeRules.isStructured(LocalDate.of(2005, 12, 31))).isFalse();
        assertThat(DegreeRules.isStructured(LocalDate.of(2006, 1, 1))).isTrue();
        assertThat(DegreeRules.isOnline(LocalDate.of(2008, 8, 31))).isFalse();
        assertThat(DegreeRules.isOnline(LocalDate.of(2008, 9, 1))).isTrue();
        assertThat(DegreeLevel.ofCategoryCode("308")).hasValue(DegreeLevel.MASTER);
        assertThat(DegreeLevel.ofCategoryCode("108")).hasValue(DegreeLevel.HONORARY_DOCTOR);
        assertThat(DegreeLevel.ofCategoryCode("508")).isEmpty();
        assertThat(DegreeLevel.ofCategoryCode(null)).isEmpty();
    }

    @Test
    void recordNumbersAgreeWithUnitLevelAndYear() {
        LocalDate awarded = LocalDate.of(2025, 6, 30);
        assertThat(DegreeRules.certificateNumberOfRecord("1005642025000001", "10056", DegreeLevel.BACHELOR, awarded)).isEmpty();
        assertThat(DegreeRules.certificateNumberOfRecord("1000342025000001", "10056", DegreeLevel.BACHELOR, awarded)).isPresent();
        assertThat(DegreeRules.certificateNumberOfRecord("1005632025000001", "10056", DegreeLevel.BACHELOR, awarded)).isPresent();
        assertThat(DegreeRules.certificateNumberOfRecord("1005642024000001", "10056", DegreeLevel.BACHELOR, awarded)).isPresent();
        assertThat(DegreeRules.certificateNumberOfRecord("8888123", "10056", DegreeLevel.BACHELOR, LocalDate.of(2003, 7, 1)))
                .isEmpty();
    }

    @Test
    void violationsSayWhatIsWrongInChineseAndEnglish() {
        String id = valid().getZJHM();
        String wrongCheck = id.substring(0, 17) + (id.endsWith("0") ? "1" : "0");
        for (Optional<DegreeRules.Violation> v : List.of(DegreeRules.idNumber("01", wrongCheck),
                DegreeRules.idNumber("01", "12010419"), DegreeRules.certificateNumber("ABC123", LocalDate.of(2010, 6, 30)),
                DegreeRules.certificateNumber("123456789012345678", LocalDate.of(2003, 7, 1)))) {
            assertThat(v).isPresent();
            assertThat(v.get().messageZh()).isNotBlank().isNotEqualTo(v.get().messageEn());
            assertThat(v.get().messageEn()).isNotBlank();
        }
        assertThat(DegreeRules.idNumber("02", "E12345678")).as("a passport has no check character").isEmpty();
    }

    // ---- every entry point applies them ----

    @ParameterizedTest(name = "{0} awarded {1}")
    @CsvSource({
            "1005642025000001, 2025-06-30",
            "C1005642025Z00001, 2025-06-30",
            "1005642025S00001, 2025-06-30",
            "1005642025X00001, 2025-06-30",
            "ABC123, 2010-06-30",
            "1005642025, 2025-06-30",
            "8888123, 2003-07-01",
            "A, 2003-07-01",
            "ABC, 2005-12-31",
            "12345678901234567, 2003-07-01",
            "123456789012345678, 2003-07-01",
            "ABCDEFGHIJKLMNOPQRSTUVWX, 2003-07-01",
            "88-123, 2003-07-01",
    })
    void aCertificateNumberIsTakenEverywhereOrNowhere(String number, LocalDate awarded) {
        boolean rule = DegreeRules.certificateNumber(number, awarded).isEmpty();
        FaultCode filed = filing(r -> {
            r.setXWZSBH(number);
            r.setHXWRQ(awarded.format(DateTimeFormatter.BASIC_ISO_DATE));
            r.setCSRQ(null);
        });
        assertThat(filed == null).as("filing takes " + number).isEqualTo(rule);
        if (!rule) {
            // a number longer than the record's field is refused as such before its rule is looked at
            assertThat(filed).isIn(FaultCode.INVALID_CERTIFICATE_NUMBER, FaultCode.INVALID_REQUEST);
        }
        assertThat(submit(d -> {
            d.setCertificateNumber(number);
            d.setAwardDate(awarded);
        })).as("submitApplication").isEqualTo(accepted(rule, FaultCode.INVALID_CERTIFICATE_NUMBER));
        assertThat(review(Map.of("certificateNumber", number, "awardDate", awarded.toString())))
                .as("review correction").isEqualTo(accepted(rule, FaultCode.INVALID_CERTIFICATE_NUMBER));
        assertThat(unit(c -> {
            c.setCertificateNumber(number);
            c.setAwardDate(awarded);
        })).as("unit's corrected answer").isEqualTo(accepted(rule, FaultCode.INVALID_CERTIFICATE_NUMBER));
    }

    @Test
    void aReviewerCannotStoreWhatThePortalIsRefused() {
        // the copies this class replaced: review took "ABC123" for a 2010 degree, submitApplication did not
        assertThat(submit(d -> d.setCertificateNumber("ABC123"))).isEqualTo(FaultCode.INVALID_CERTIFICATE_NUMBER);
        assertThat(review(Map.of("certificateNumber", "ABC123"))).isEqualTo(FaultCode.INVALID_CERTIFICATE_NUMBER);
        // moving the award date across 2006 is judged with the number it leaves
        assertThat(review(Map.of("awardDate", "2005-06-30"))).as("a structured number is digits").isNull();
        Map<String, String> both = new LinkedHashMap<>();
        both.put("awardDate", "2005-06-30");
        both.put("certificateNumber", "8888123");
        assertThat(review(both)).isNull();
        assertThat(review(Map.of("awardDate", "2026-11-24"))).as("not in the future").isEqualTo(FaultCode.INVALID_REQUEST);
        // typed input is normalised as the portal's is
        assertThat(review(Map.of("certificateNumber", " c1005642025z00001 "))).isNull();
        assertThat(submit(d -> d.setCertificateNumber(" c1005642025z00001 "))).isNull();
    }

    @Test
    void anIdNumberIsTakenEverywhereOrNowhere() {
        String id = valid().getZJHM();
        String wrongCheck = id.substring(0, 17) + (id.endsWith("0") ? "1" : "0");
        for (String[] c : new String[][] {{"01", id}, {"01", id.toLowerCase()}, {"01", wrongCheck}, {"01", "12010419"},
                {"01", "E12345678"}, {"02", "E12345678"}}) {
            String type = c[0];
            String number = c[1];
            boolean rule = DegreeRules.idNumber(type, DegreeRules.normaliseIdNumber(number)).isEmpty();
            FaultCode expected = accepted(rule, FaultCode.INVALID_ID_NUMBER);
            String what = type + "/" + number;
            if (number.equals(number.toUpperCase())) {
                // filing takes exported records as given (no lowercase check character there)
                assertThat(filing(r -> {
                    r.setZJLXM(type);
                    r.setZJHM(number);
                    r.setCSRQ(null);
                })).as("filing " + what).isEqualTo(expected);
            }
            assertThat(submit(d -> {
                d.setIdType(type);
                d.setIdNumber(number);
            })).as("submitApplication " + what).isEqualTo(expected);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("idType", type);
            fields.put("idNumber", number);
            assertThat(review(fields)).as("review " + what).isEqualTo(expected);
            assertThat(unit(u -> {
                u.setIdType(type);
                u.setIdNumber(number);
            })).as("unit " + what).isEqualTo(expected);
        }
        // a reviewer who changes only the ID type gets the number checked against it
        assertThat(review(Map.of("idType", "02"))).isNull();
    }

    // ---- the entry points ----

    static FilingRecord valid() {
        return DemoRecords.record("10056", "天津大学", "120104", 4, 2025, 1, 0);
    }

    static FaultCode accepted(boolean valid, FaultCode otherwise) {
        return valid ? null : otherwise;
    }

    /** The fault filing answers for the record, or null when it is taken. */
    static FaultCode filing(java.util.function.Consumer<FilingRecord> change) {
        FilingRecord r = valid();
        change.accept(r);
        java.time.LocalDate awarded = java.time.LocalDate.parse(r.getHXWRQ(), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        return FILING.check(FilingDocuments.filed(r), new BatchContext("12", "10056", cn.degreehub.filing.Semester.of(awarded), TODAY))
                .map(Rejection::code).orElse(null);
    }

    static DegreeAsApplied applied() {
        FilingRecord r = valid();
        DegreeAsApplied d = new DegreeAsApplied();
        d.setHolderName(r.getXM());
        d.setIdType(r.getZJLXM());
        d.setIdNumber(r.getZJHM());
        d.setUnitCode(r.getXWSYDWM());
        d.setLevel(cn.degreehub.contract.types.DegreeLevel.BACHELOR);
        d.setAwardDate(LocalDate.of(2010, 6, 30));
        d.setCertificateNumber("1005642010000001");
        return d;
    }

    static FaultCode submit(java.util.function.Consumer<DegreeAsApplied> change) {
        SubmitApplicationRequest request = new SubmitApplicationRequest();
        Applicant applicant = new Applicant();
        applicant.setName("申请人");
        applicant.setIdType("02");
        applicant.setIdNumber("E12345678");
        request.setApplicant(applicant);
        DegreeAsApplied d = applied();
        change.accept(d);
        request.setDegree(d);
        return fault(() -> VerificationEndpoint.checkApplication(request, TODAY));
    }

    /** An application in review for {@link #applied()}. */
    static Applications.Stored inReview() {
        DegreeAsApplied d = applied();
        return new Applications.Stored("A202611230000001", "portal", d.getHolderName(), d.getIdType(), d.getIdNumber(),
                d.getUnitCode(), d.getLevel().value(), d.getAwardDate(), d.getCertificateNumber(), null, List.of("ZH"),
                false, ApplicationState.REVIEW, null, List.of(), null, TODAY, null, null);
    }

    static FaultCode review(Map<String, String> fields) {
        return fault(() -> MaterialReview.corrections(inReview(), fields, TODAY));
    }

    static FaultCode unit(java.util.function.Consumer<CorrectedFields> change) {
        CorrectedFields c = new CorrectedFields();
        change.accept(c);
        return fault(() -> CheckEndpoint.correctedDegree(inReview(), c, TODAY));
    }

    static FaultCode fault(Runnable entryPoint) {
        DegreeHubException e = catchThrowableOfType(entryPoint::run, DegreeHubException.class);
        return e == null ? null : e.code();
    }
}
