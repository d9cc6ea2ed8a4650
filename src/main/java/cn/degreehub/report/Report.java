package cn.degreehub.report;

import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeLevel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A verification report as stored: what it says about the degree, and its validity. Its discipline is the code and
 * the shown name (reports issued before contract 1.2 kept only the printed text, as the name as printed).
 */
public record Report(String reportNo, String verificationCode, String applicationNo, String result,
                     List<String> differingFields, String holderName, String holderNamePinyin, String idType,
                     String idNumber, String unitCode, String unitName, DegreeLevel level, Degree.Discipline discipline,
                     LocalDate awardDate, String certificateNumber, List<String> languages, Instant issuedAt,
                     LocalDate issuedDate, LocalDate validUntil, String status, String supersededBy) {

    /** The results a report states (the portal contract's ReportResult values, as stored). */
    public static final String CONSISTENT = "CONSISTENT", INCONSISTENT = "INCONSISTENT", NO_RECORD = "NO_RECORD";
}
