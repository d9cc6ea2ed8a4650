package cn.degreehub.verification;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.degree.DegreeLevel;
import cn.degreehub.degree.ResidentIdNumber;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Compares a degree as applied with the filed record of its certificate number, field by field. */
public final class DegreeMatcher {

    private DegreeMatcher() {
    }

    /** The fields that differ (DegreeField names); empty = the application matches the record. */
    public static List<String> differences(DegreeAsApplied applied, FilingRecord record) {
        List<String> diff = new ArrayList<>();
        if (!normaliseName(applied.getHolderName()).equals(normaliseName(record.getXM()))) {
            diff.add("holderName");
        }
        if (!Objects.equals(applied.getIdType(), record.getZJLXM())) {
            diff.add("idType");
        }
        if (!normaliseId(applied.getIdNumber()).equals(normaliseId(record.getZJHM()))) {
            diff.add("idNumber");
        }
        if (!Objects.equals(applied.getUnitCode(), record.getXWSYDWM())) {
            diff.add("unitCode");
        }
        Optional<DegreeLevel> level = levelOf(record);
        if (level.isEmpty() || !level.get().name().equals(applied.getLevel().value())) {
            diff.add("level");
        }
        if (!Objects.equals(applied.getAwardDate(), awardDate(record))) {
            diff.add("awardDate");
        }
        return diff;
    }

    public static Optional<DegreeLevel> levelOf(FilingRecord record) {
        String xwlbm = record.getXWLBM();
        return xwlbm == null || xwlbm.isEmpty() ? Optional.empty() : DegreeLevel.ofDigit(xwlbm.charAt(0) - '0');
    }

    public static LocalDate awardDate(FilingRecord record) {
        return record.getHXWRQ() == null ? null : LocalDate.parse(record.getHXWRQ(), DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** Names compare without surrounding or inner blanks and full-width middle dots (少数民族 names). */
    static String normaliseName(String name) {
        return name == null ? "" : name.replaceAll("[\\s\u3000]", "").replace('\u00B7', '·').replace('\u2022', '·');
    }

    static String normaliseId(String id) {
        return id == null ? "" : ResidentIdNumber.normalise(id.trim());
    }
}
