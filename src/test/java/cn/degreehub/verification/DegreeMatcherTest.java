package cn.degreehub.verification;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.types.DegreeLevel;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.degree.Degree;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DegreeMatcher: the degree as the portal states it (through {@link AppliedDegree}) against a record as filed
 * (read as the degree database reads it); each case changes one thing.
 */
class DegreeMatcherTest {

    @Test
    void anApplicationAsFiledMatches() {
        assertThat(differences(applied(a -> { }), filed(r -> { }))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "holderName, 李四",
            "idType, 02",
            "idNumber, 11010519491231002X",
            "unitCode, 10001",
            "level, MASTER",
            "awardDate, 2024-06-29"})
    void eachDifferingFieldIsNamedAlone(String field, String value) {
        DegreeAsApplied applied = applied(a -> {
            switch (field) {
                case "holderName" -> a.setHolderName(value);
                case "idType" -> a.setIdType(value);
                case "idNumber" -> a.setIdNumber(value);
                case "unitCode" -> a.setUnitCode(value);
                case "level" -> a.setLevel(DegreeLevel.fromValue(value));
                case "awardDate" -> a.setAwardDate(LocalDate.parse(value));
                default -> throw new IllegalArgumentException(field);
            }
        });

        assertThat(differences(applied, filed(r -> { }))).containsExactly(field);
    }

    @Test
    void allDifferencesAreNamedInTheOrderOfTheFields() {
        DegreeAsApplied applied = applied(a -> {
            a.setHolderName("王五");
            a.setAwardDate(LocalDate.of(2020, 1, 1));
            a.setUnitCode("10003");
        });

        assertThat(differences(applied, filed(r -> { })))
                .containsExactly("holderName", "unitCode", "awardDate");
    }

    @ParameterizedTest(name = "\"{0}\" is 张三")
    @CsvSource(delimiter = '|', value = {"' 张三 '", "'张 三'", "'张\u3000三'", "'张\t三'"})
    void namesCompareWithoutBlanks(String written) {
        assertThat(differences(applied(a -> a.setHolderName(written)), filed(r -> { }))).isEmpty();
    }

    @Test
    void theMiddleDotOfMinorityNamesMayBeWrittenAsABullet() {
        FilingRecord record = filed(r -> r.setXM("阿依古丽\u00B7买买提"));

        assertThat(differences(applied(a -> a.setHolderName("阿依古丽\u2022买买提")), record)).isEmpty();
        assertThat(differences(applied(a -> a.setHolderName("阿依古丽·买买提")), record)).isEmpty();
        assertThat(differences(applied(a -> a.setHolderName("阿依古丽买买提")), record))
                .as("the dot itself is part of the name").containsExactly("holderName");
    }

    @Test
    void idNumbersCompareTrimmedAndWithACapitalX() {
        FilingRecord record = filed(r -> r.setZJHM("11010519491231002X"));

        assertThat(differences(applied(a -> a.setIdNumber(" 11010519491231002x ")), record)).isEmpty();
        assertThat(differences(applied(a -> a.setIdNumber("110105194912310021")), record))
                .containsExactly("idNumber");
    }

    @Test
    void theLevelIsTheFirstDigitOfTheDegreeCategoryCode() {
        assertThat(differences(applied(a -> a.setLevel(DegreeLevel.DOCTOR)), filed(r -> r.setXWLBM("2301"))))
                .isEmpty();
        assertThat(differences(applied(a -> a.setLevel(DegreeLevel.MASTER)), filed(r -> r.setXWLBM("3301"))))
                .isEmpty();
        assertThat(differences(applied(a -> { }), filed(r -> r.setXWLBM(""))))
                .as("a record without a category matches no level").containsExactly("level");
        assertThat(differences(applied(a -> { }), filed(r -> r.setXWLBM("9999")))).containsExactly("level");
    }

    @Test
    void aRecordWithoutAnAwardDateDiffersInIt() {
        assertThat(differences(applied(a -> { }), filed(r -> r.setHXWRQ(null)))).containsExactly("awardDate");
    }

    @Test
    void missingNamesAndIdNumbersCompareAsEmpty() {
        assertThat(DegreeMatcher.normaliseName(null)).isEmpty();
        assertThat(DegreeMatcher.normaliseId(null)).isEmpty();
        // a portal request always names the holder (schema); two records without one are alike
        assertThat(DegreeMatcher.differences(onRecord(filed(r -> r.setXM(null))), onRecord(filed(r -> r.setXM(null)))))
                .isEmpty();
    }

    private static List<String> differences(DegreeAsApplied applied, FilingRecord filed) {
        return DegreeMatcher.differences(VerificationEndpoint.degree(applied), onRecord(filed));
    }

    /** A filed record as the database gives it back: the level from the category code, the date from CCYYMMDD. */
    private static Degree onRecord(FilingRecord r) {
        return new Degree(r.getXM(), null, r.getZJLXM(), r.getZJHM(), r.getXWSYDWM(), null,
                cn.degreehub.degree.DegreeLevel.ofCategoryCode(r.getXWLBM()).orElse(null), r.getXWLBM(),
                r.getHXWRQ() == null ? null : LocalDate.parse(r.getHXWRQ(), DateTimeFormatter.BASIC_ISO_DATE),
                r.getXWZSBH(), Degree.Discipline.NONE, null);
    }

    private static DegreeAsApplied applied(Consumer<DegreeAsApplied> change) {
        DegreeAsApplied a = new DegreeAsApplied();
        a.setHolderName("张三");
        a.setIdType("01");
        a.setIdNumber("110105194912310021");
        a.setUnitCode("10055");
        a.setLevel(DegreeLevel.BACHELOR);
        a.setAwardDate(LocalDate.of(2025, 6, 30));
        a.setCertificateNumber("1005542025000001");
        change.accept(a);
        return a;
    }

    private static FilingRecord filed(Consumer<FilingRecord> change) {
        FilingRecord r = new FilingRecord();
        r.setXM("张三");
        r.setZJLXM("01");
        r.setZJHM("110105194912310021");
        r.setXWSYDWM("10055");
        r.setXWLBM("4301");
        r.setHXWRQ("20250630");
        r.setXWZSBH("1005542025000001");
        change.accept(r);
        return r;
    }
}
