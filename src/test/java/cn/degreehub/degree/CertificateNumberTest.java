package cn.degreehub.degree;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.degree.CertificateNumber.Variant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateNumberTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "1024642008000001, STANDARD, 10246, 4, 2008",
            "1000332015123456, STANDARD, 10003, 3, 2015",
            "1005622024000017, STANDARD, 10056, 2, 2024",
            "1048642019S00012, DOUBLE_BACHELOR, 10486, 4, 2019",
            "1048642019E00012, DOUBLE_BACHELOR, 10486, 4, 2019",
            "C1042242018000123, ADULT_BACHELOR, 10422, 4, 2018",
            "C1042242018Z00123, SELF_STUDY_BACHELOR, 10422, 4, 2018",
            "Z1000332020000456, PROFESSIONAL, 10003, 3, 2020",
            "Z1000322021000001, PROFESSIONAL, 10003, 2, 2021",
            "T1024632017000088, EQUIVALENT, 10246, 3, 2017",
    })
    void parsesEveryVariant(String number, Variant variant, String unit, int level, int year) {
        CertificateNumber cn = CertificateNumber.parse(number).orElseThrow();
        assertThat(cn.variant()).isEqualTo(variant);
        assertThat(cn.unitCode()).isEqualTo(unit);
        assertThat(cn.levelDigit()).isEqualTo(level);
        assertThat(cn.awardYear()).isEqualTo(year);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "102464200800001",     // 15 characters
            "10246420080000011",   // 17 without a prefix
            "1024652008000001",    // level 5 does not exist
            "1024612008000001",    // level 1: honorary doctorates print 2
            "1024632008S00001",    // S only on bachelor's degrees
            "1024642008X00001",    // unknown letter at position 11
            "C1024632008000001",   // adult education only for bachelor's
            "T1024642008000001",   // equivalent education only for master's and doctor's
            "Z1024642008Z00001",   // Z at position 11 only after C
            "A1024642008000001",   // unknown prefix
            "10246420080000O1",    // letter O in the sequence
            "",
    })
    void refusesBrokenNumbers(String number) {
        assertThat(CertificateNumber.parse(number)).isEmpty();
    }
}
