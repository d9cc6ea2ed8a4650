package cn.degreehub.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.degreehub.partner.PartnerRegistryProperties.Department;
import cn.degreehub.partner.PartnerRegistryProperties.Unit;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DepartmentRoutingTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    private static final Department LEAD = new Department("registry", "学位办", true, List.of(), List.of(), List.of());
    private static final Department GRADUATE_CURRENT = new Department("graduate-current", "研究生院（应届）", false,
            List.of("MASTER", "DOCTOR"), List.of("CURRENT"), List.of());
    private static final Department GRADUATE = new Department("graduate", "研究生院", false,
            List.of("MASTER", "DOCTOR"), List.of("PAST", "OTHER"), List.of());
    private static final Department FULL_TIME = new Department("academic-affairs", "教务处", false,
            List.of("BACHELOR"), List.of("ALL"), List.of("FULL_TIME"));
    private static final Department ARCHIVE = new Department("archive", "档案馆", false,
            List.of(), List.of("OTHER"), List.of("ALL"));

    private static final Unit UNIT = unit(GRADUATE_CURRENT, GRADUATE, FULL_TIME, ARCHIVE, LEAD);

    @Test
    void theAwardYearDecidesBetweenCurrentAndPast() {
        assertThat(DepartmentRouting.route(UNIT, "MASTER", LocalDate.of(2026, 6, 30), null, TODAY)).isEqualTo("graduate-current");
        assertThat(DepartmentRouting.route(UNIT, "MASTER", LocalDate.of(2026, 1, 1), null, TODAY)).isEqualTo("graduate-current");
        assertThat(DepartmentRouting.route(UNIT, "DOCTOR", LocalDate.of(2025, 12, 31), null, TODAY)).isEqualTo("graduate");
    }

    @Test
    void degreesBeforeTheOnlineDatabaseAreOther() {
        assertThat(DepartmentRouting.route(UNIT, "MASTER", LocalDate.of(2008, 8, 31), null, TODAY))
                .as("OTHER: the first department declaring it wins").isEqualTo("graduate");
        assertThat(DepartmentRouting.route(UNIT, "MASTER", LocalDate.of(2008, 9, 1), null, TODAY))
                .as("the first day online is PAST").isEqualTo("graduate");
        assertThat(DepartmentRouting.route(UNIT, "BACHELOR", LocalDate.of(2008, 8, 31), "PART_TIME", TODAY))
                .isEqualTo("archive");
        assertThat(DepartmentRouting.route(UNIT, "BACHELOR", LocalDate.of(2010, 6, 30), "PART_TIME", TODAY))
                .as("a past part-time bachelor: no department declares it").isEqualTo("registry");
    }

    @Test
    void bachelorsGoByStudyFormAndAnUnknownFormOnlyToAllForms() {
        assertThat(DepartmentRouting.route(UNIT, "BACHELOR", LocalDate.of(2020, 6, 30), "FULL_TIME", TODAY))
                .isEqualTo("academic-affairs");
        assertThat(DepartmentRouting.route(UNIT, "BACHELOR", LocalDate.of(2020, 6, 30), null, TODAY))
                .as("academic affairs declares FULL_TIME only").isEqualTo("registry");
        assertThat(DepartmentRouting.route(UNIT, "BACHELOR", LocalDate.of(2000, 6, 30), null, TODAY))
                .as("the archive declares ALL forms").isEqualTo("archive");
    }

    @Test
    void theStudyFormDoesNotNarrowGraduateDegrees() {
        assertThat(DepartmentRouting.route(unit(FULL_TIME, GRADUATE, LEAD), "DOCTOR", LocalDate.of(2019, 6, 30),
                "PART_TIME", TODAY)).isEqualTo("graduate");
    }

    @Test
    void theLeadDepartmentIsNeverChosenByScopeOnlyAsTheLastResort() {
        Department leadFirst = new Department("lead", "学位办", true, List.of("ALL"), List.of("ALL"), List.of("ALL"));
        Unit unit = unit(leadFirst, GRADUATE);

        assertThat(DepartmentRouting.route(unit, "DOCTOR", LocalDate.of(2019, 6, 30), null, TODAY)).isEqualTo("graduate");
        assertThat(DepartmentRouting.route(unit, "BACHELOR", LocalDate.of(2019, 6, 30), null, TODAY)).isEqualTo("lead");
        assertThat(DepartmentRouting.lead(unit)).isEqualTo("lead");
    }

    @Test
    void aDepartmentDeclaringNothingCoversEverything() {
        Department everything = new Department("all", "综合", false, null, List.of(), null);

        assertThat(DepartmentRouting.route(unit(everything, LEAD), "BACHELOR", LocalDate.of(2001, 1, 1), null, TODAY))
                .isEqualTo("all");
    }

    @Test
    void aUnitWithOnlyTheLeadRoutesEverythingThere() {
        assertThat(DepartmentRouting.route(unit(LEAD), "DOCTOR", LocalDate.of(2026, 6, 30), null, TODAY)).isEqualTo("registry");
    }

    @Test
    void aUnitWithoutLeadIsAConfigurationError() {
        Unit noLead = unit(GRADUATE);

        assertThatThrownBy(() -> DepartmentRouting.route(noLead, "BACHELOR", LocalDate.of(2020, 6, 30), null, TODAY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("10055");
    }

    private static Unit unit(Department... departments) {
        return new Unit("10055", "南开大学", "Nankai University", "12", null, List.of(departments));
    }
}
