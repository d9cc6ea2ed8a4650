package cn.degreehub.degree;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ResidentIdNumberTest {

    @Test
    void acceptsTheStandardExampleOfGb11643() {
        // the worked example of GB 11643-1999
        assertThat(ResidentIdNumber.check("11010519491231002X")).isEmpty();
        assertThat(ResidentIdNumber.check("11010519491231002x")).as("lower-case x").isEmpty();
        assertThat(ResidentIdNumber.birthDate("11010519491231002X")).contains(LocalDate.of(1949, 12, 31));
    }

    @Test
    void checkCharacterIsIso7064Mod112() {
        assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumber.checkCharacter("44052418800101001")).isEqualTo('4');
        assertThat(ResidentIdNumber.check("440524188001010014")).isEmpty();
    }

    @Test
    void refusesAWrongCheckCharacter() {
        assertThat(ResidentIdNumber.check("110105194912310021")).contains(ResidentIdNumber.Problem.CHECK_DIGIT);
    }

    @Test
    void refusesAnImpossibleBirthDate() {
        String first17 = "12010419900231123";
        assertThat(ResidentIdNumber.check(first17 + ResidentIdNumber.checkCharacter(first17)))
                .contains(ResidentIdNumber.Problem.BIRTH_DATE);
    }

    @Test
    void refusesWrongShapes() {
        assertThat(ResidentIdNumber.check("1101051949123100")).contains(ResidentIdNumber.Problem.FORMAT);
        assertThat(ResidentIdNumber.check("1101051949123100A2")).contains(ResidentIdNumber.Problem.FORMAT);
        assertThat(ResidentIdNumber.check("11010519491231002Y")).contains(ResidentIdNumber.Problem.FORMAT);
        assertThat(ResidentIdNumber.check(null)).contains(ResidentIdNumber.Problem.FORMAT);
    }
}
