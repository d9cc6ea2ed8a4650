package cn.degreehub.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void masksIdNumbersKeepingRegionAndTail() {
        assertThat(Masking.idNumber("11010519491231002X")).isEqualTo("1101**********002X");
        assertThat(Masking.idNumber("E12345678")).isEqualTo("E****5678");
    }

    @Test
    void masksIdNumbersInsideLogLinesButNotCertificateNumbers() {
        String line = "holder 11010519491231002X cert 1005642025000001 old 110105491231002 id=420106200101011234.";
        assertThat(Masking.idNumbersIn(line)).isEqualTo(
                "holder 1101**********002X cert 1005642025000001 old 1101*******1002 id=4201**********1234.");
    }

    @Test
    void masksNames() {
        assertThat(Masking.name("张三丰")).isEqualTo("张**");
    }
}
