package cn.degreehub.check;

import cn.degreehub.degree.DegreeRules;
import cn.degreehub.partner.PartnerRegistryProperties.Department;
import cn.degreehub.partner.PartnerRegistryProperties.Unit;
import java.time.LocalDate;
import java.util.List;

/**
 * docs/domain-rules.md, "Check tasks (学位信息核查)": a check task goes to the first check department whose declared scope
 * covers it (degree level, award year, study form), else to the lead department.
 * Award years: CURRENT = awarded in the current year (应届), PAST = an earlier year (往届) since the online
 * database began (2008-09-01), OTHER = before it (archive records).
 * The study form is not part of an application: only departments declaring ALL study forms take bachelor
 * checks of an unknown form.
 */
public final class DepartmentRouting {

    private DepartmentRouting() {
    }

    public static String route(Unit unit, String level, LocalDate awardDate, String studyForm, LocalDate today) {
        String awardYear = !DegreeRules.isOnline(awardDate) ? "OTHER"
                : awardDate.getYear() == today.getYear() ? "CURRENT" : "PAST";
        for (Department d : unit.departments()) {
            if (!d.lead() && covers(d.levels(), level) && covers(d.awardYears(), awardYear)
                    && (!"BACHELOR".equals(level) || covers(d.studyForms(), studyForm))) {
                return d.id();
            }
        }
        return lead(unit);
    }

    public static String lead(Unit unit) {
        return unit.departments().stream().filter(Department::lead).map(Department::id).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unit " + unit.code() + " has no lead department"));
    }

    private static boolean covers(List<String> declared, String value) {
        return declared == null || declared.isEmpty() || declared.contains("ALL") || (value != null && declared.contains(value));
    }
}
