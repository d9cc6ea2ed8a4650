package cn.degreehub.verification;

import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Compares a degree as applied with the filed record of its certificate number, field by field. */
public final class DegreeMatcher {

    private DegreeMatcher() {
    }

    /** The fields that differ (DegreeField names); empty = the application matches the record. */
    public static List<String> differences(Degree applied, Degree record) {
        List<String> diff = new ArrayList<>();
        if (!normaliseName(applied.holderName()).equals(normaliseName(record.holderName()))) {
            diff.add("holderName");
        }
        if (!Objects.equals(applied.idType(), record.idType())) {
            diff.add("idType");
        }
        if (!normaliseId(applied.idNumber()).equals(normaliseId(record.idNumber()))) {
            diff.add("idNumber");
        }
        if (!Objects.equals(applied.unitCode(), record.unitCode())) {
            diff.add("unitCode");
        }
        if (record.level() == null || record.level() != applied.level()) {
            diff.add("level");
        }
        if (!Objects.equals(applied.awardDate(), record.awardDate())) {
            diff.add("awardDate");
        }
        return diff;
    }

    /** Names compare as {@link DegreeRules#normaliseName} has it. */
    static String normaliseName(String name) {
        return DegreeRules.normaliseName(name);
    }

    static String normaliseId(String id) {
        return id == null ? "" : DegreeRules.normaliseIdNumber(id);
    }
}
