package cn.degreehub.report;

import cn.degreehub.degree.DegreeLevel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A verification report as stored: what it says about the degree, and its validity. */
public record Report(String reportNo, String verificationCode, String applicationNo, String result,
                     List<String> differingFields, String holderName, String holderNamePinyin, String idType,
                     String idNumber, String unitCode, String unitName, DegreeLevel level, String discipline,
                     LocalDate awardDate, String certificateNumber, List<String> languages, Instant issuedAt,
                     LocalDate issuedDate, LocalDate validUntil, String status, String supersededBy) {

    /** The results a report states (the portal contract's ReportResult values, as stored). */
    public static final String CONSISTENT = "CONSISTENT", INCONSISTENT = "INCONSISTENT", NO_RECORD = "NO_RECORD";
}
