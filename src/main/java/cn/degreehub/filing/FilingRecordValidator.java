package cn.degreehub.filing;

import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.degree.DegreeLevel;
import cn.degreehub.degree.DisciplineCategory;
import cn.degreehub.degree.DegreeRules;
import cn.degreehub.degree.ResidentIdNumber;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.PartnerRegistryProperties.Unit;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The per-record rules (docs/domain-rules.md, "Filing validation") for a filed degree-award record. Returns the first problem found;
 * a record with none may be stored. Duplicates are the intake's business (they need the batch and the
 * database).
 */
public class FilingRecordValidator {

    private final PartnerRegistry registry;

    public FilingRecordValidator(PartnerRegistry registry) {
        this.registry = registry;
    }

    /**
     * The batch a record arrives in, and China's "today".
     *
     * @param semester the batch's semester: each record's award date must lie in it
     */
    public record BatchContext(String provinceCode, String unitCode, Semester semester, LocalDate today) {
    }

    public Optional<Rejection> check(FiledRecord r, BatchContext batch) {
        for (RecordField f : RecordField.values()) {
            String v = f.read(r);
            if (v == null) {
                if (f.required()) {
                    return reject(FaultCode.INVALID_REQUEST, f, "缺少必填字段 " + f, "Required field " + f + " is missing");
                }
                continue;
            }
            if (v.length() > f.maxLength()) {
                return reject(FaultCode.INVALID_REQUEST, f, "字段 " + f + " 超过最大长度 " + f.maxLength(),
                        "Field " + f + " is longer than " + f.maxLength());
            }
            if (f.pattern() != null && !f.pattern().matcher(v).matches()) {
                return reject(FaultCode.INVALID_REQUEST, f, "字段 " + f + " 格式不正确", "Field " + f + " has a wrong format");
            }
            if (f.kind() == RecordField.Kind.DATE && parseDate(v) == null) {
                return reject(FaultCode.INVALID_REQUEST, f, "字段 " + f + " 不是有效日期 (CCYYMMDD)",
                        "Field " + f + " is not a valid date (CCYYMMDD)");
            }
        }

        String idNumber = RecordField.ZJHM.read(r);
        LocalDate birth = parseDate(RecordField.CSRQ.read(r));
        Optional<DegreeRules.Violation> badId = DegreeRules.idNumber(RecordField.ZJLXM.read(r), idNumber);
        if (badId.isPresent()) {
            return reject(FaultCode.INVALID_ID_NUMBER, RecordField.ZJHM, badId.get().messageZh(), badId.get().messageEn());
        }
        if (DegreeRules.RESIDENT_ID.equals(RecordField.ZJLXM.read(r)) && birth != null
                && !birth.equals(ResidentIdNumber.birthDate(idNumber).orElseThrow())) {
            return reject(FaultCode.INVALID_ID_NUMBER, RecordField.CSRQ,
                    "出生日期与居民身份证号码不一致", "Birth date (CSRQ) does not agree with the resident ID number");
        }

        String unitCode = RecordField.XWSYDWM.read(r);
        Optional<Unit> unit = registry.unit(unitCode);
        if (unit.isEmpty()) {
            return reject(FaultCode.INVALID_REQUEST, RecordField.XWSYDWM,
                    "未登记的学位授予单位 " + unitCode, "Unknown degree-granting unit " + unitCode);
        }
        if (!unit.get().province().equals(batch.provinceCode())) {
            return reject(FaultCode.FORBIDDEN, RecordField.XWSYDWM,
                    "学位授予单位 " + unitCode + " 不属于报送省份 " + batch.provinceCode(),
                    "Unit " + unitCode + " does not belong to filing province " + batch.provinceCode());
        }
        if (!unitCode.equals(batch.unitCode())) {
            return reject(FaultCode.INVALID_REQUEST, RecordField.XWSYDWM,
                    "记录的学位授予单位与批次单位 " + batch.unitCode() + " 不一致",
                    "Record unit differs from the batch unit " + batch.unitCode());
        }

        String xwlbm = RecordField.XWLBM.read(r);
        DegreeLevel level = DegreeLevel.ofCategoryCode(xwlbm).orElse(null);
        if (level == null) {
            return reject(FaultCode.INVALID_REQUEST, RecordField.XWLBM, "学位类别码首位应为 1-4",
                    "The first digit of XWLBM must be 1-4");
        }
        if (!DisciplineCategory.isKnown(xwlbm.substring(1, 3))) {
            return reject(FaultCode.INVALID_REQUEST, RecordField.XWLBM, "学位类别码中的学科门类未知",
                    "Unknown discipline category in XWLBM");
        }
        if (!DisciplineCategory.isKnown(RecordField.ZYDM.read(r).substring(0, 2))) {
            return reject(FaultCode.INVALID_REQUEST, RecordField.ZYDM, "专业码中的学科门类未知",
                    "Unknown discipline category in ZYDM");
        }

        LocalDate awarded = parseDate(RecordField.HXWRQ.read(r));
        if (awarded.isAfter(batch.today())) {
            return reject(FaultCode.INVALID_REQUEST, RecordField.HXWRQ, "获学位日期不能晚于今天",
                    "Award date is in the future");
        }
        if (awarded.isBefore(DegreeRules.FIRST_AWARD_DATE)) {
            return reject(FaultCode.INVALID_REQUEST, RecordField.HXWRQ, "获学位日期不能早于 1981-01-01",
                    "Award date is before 1981-01-01");
        }
        if (!batch.semester().contains(awarded)) {
            Semester right = Semester.of(awarded);
            return reject(FaultCode.SEMESTER_MISMATCH, RecordField.HXWRQ,
                    "获学位日期 " + awarded + " 不在报送学期 " + batch.semester() + "（" + batch.semester().firstDay() + " 至 "
                            + batch.semester().lastDay() + "）内，应在学期 " + right + " 报送",
                    "The award date " + awarded + " is not in the batch's semester " + batch.semester() + " ("
                            + batch.semester().firstDay() + " to " + batch.semester().lastDay() + "); file it under " + right);
        }
        if (birth != null && !birth.isBefore(awarded)) {
            return reject(FaultCode.INVALID_REQUEST, RecordField.CSRQ, "出生日期应早于获学位日期",
                    "Birth date must be before the award date");
        }

        return DegreeRules.certificateNumberOfRecord(RecordField.XWZSBH.read(r), unitCode, level, awarded)
                .flatMap(v -> reject(FaultCode.INVALID_CERTIFICATE_NUMBER, RecordField.XWZSBH, v.messageZh(), v.messageEn()));
    }

    /** The level of a record this validator accepted. */
    public static DegreeLevel levelOf(FiledRecord r) {
        return DegreeLevel.ofCategoryCode(RecordField.XWLBM.read(r)).orElseThrow();
    }

    static LocalDate parseDate(String ccyymmdd) {
        if (ccyymmdd == null || ccyymmdd.length() != 8) {
            return null;
        }
        for (int i = 0; i < 8; i++) {
            if (!Character.isDigit(ccyymmdd.charAt(i))) {
                return null;
            }
        }
        try {
            return LocalDate.of(Integer.parseInt(ccyymmdd.substring(0, 4)), Integer.parseInt(ccyymmdd.substring(4, 6)),
                    Integer.parseInt(ccyymmdd.substring(6, 8)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Optional<Rejection> reject(FaultCode code, RecordField field, String zh, String en) {
        return Optional.of(new Rejection(0, null, code, field.name(), zh, en));
    }
}
