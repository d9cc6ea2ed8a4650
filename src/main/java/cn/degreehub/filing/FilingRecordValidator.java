package cn.degreehub.filing;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.degree.CertificateNumber;
import cn.degreehub.degree.DegreeLevel;
import cn.degreehub.degree.DisciplineCategory;
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

    /** The national degree regulations took effect on 1981-01-01. */
    static final LocalDate FIRST_AWARD_DATE = LocalDate.of(1981, 1, 1);
    /** Certificate numbers have a structure since 2006 (docs/domain-rules.md, "Certificate numbers"); older ones are free-form. */
    static final int STRUCTURED_CERTIFICATES_SINCE = 2006;

    private final PartnerRegistry registry;

    public FilingRecordValidator(PartnerRegistry registry) {
        this.registry = registry;
    }

    /** The batch a record arrives in, and China's "today". */
    public record BatchContext(String provinceCode, String unitCode, LocalDate today) {
    }

    public Optional<Rejection> check(FilingRecord r, BatchContext batch) {
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
        if ("01".equals(RecordField.ZJLXM.read(r))) {
            Optional<ResidentIdNumber.Problem> problem = ResidentIdNumber.check(idNumber);
            if (problem.isPresent()) {
                return switch (problem.get()) {
                    case FORMAT -> reject(FaultCode.INVALID_ID_NUMBER, RecordField.ZJHM,
                            "居民身份证号码应为 17 位数字加 1 位校验码", "A resident ID number has 17 digits and a check character");
                    case BIRTH_DATE -> reject(FaultCode.INVALID_ID_NUMBER, RecordField.ZJHM,
                            "居民身份证号码中的出生日期无效", "The birth date inside the resident ID number is not a date");
                    case CHECK_DIGIT -> reject(FaultCode.INVALID_ID_NUMBER, RecordField.ZJHM,
                            "居民身份证号码校验码错误", "The check character of the resident ID number is wrong");
                };
            }
            if (birth != null && !birth.equals(ResidentIdNumber.birthDate(idNumber).orElseThrow())) {
                return reject(FaultCode.INVALID_ID_NUMBER, RecordField.CSRQ,
                        "出生日期与居民身份证号码不一致", "Birth date (CSRQ) does not agree with the resident ID number");
            }
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
        DegreeLevel level = DegreeLevel.ofDigit(xwlbm.charAt(0) - '0').orElse(null);
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
        if (awarded.isBefore(FIRST_AWARD_DATE)) {
            return reject(FaultCode.INVALID_REQUEST, RecordField.HXWRQ, "获学位日期不能早于 1981-01-01",
                    "Award date is before 1981-01-01");
        }
        if (birth != null && !birth.isBefore(awarded)) {
            return reject(FaultCode.INVALID_REQUEST, RecordField.CSRQ, "出生日期应早于获学位日期",
                    "Birth date must be before the award date");
        }

        String certificate = RecordField.XWZSBH.read(r);
        if (awarded.getYear() < STRUCTURED_CERTIFICATES_SINCE) {
            if (!certificate.matches("[0-9A-Z]{1,17}")) {
                return badCertificate("证书编号只能包含数字和大写字母", "Certificate number may hold digits and capitals only");
            }
            return Optional.empty();
        }
        Optional<CertificateNumber> parsed = CertificateNumber.parse(certificate);
        if (parsed.isEmpty()) {
            return badCertificate("学位证书编号结构不正确", "Certificate number does not have a valid structure");
        }
        CertificateNumber cn = parsed.get();
        if (!cn.unitCode().equals(unitCode)) {
            return badCertificate("证书编号中的单位码与学位授予单位码不一致",
                    "Unit code in the certificate number differs from XWSYDWM");
        }
        if (cn.levelDigit() != level.certificateDigit()) {
            return badCertificate("证书编号中的学位层次与学位类别码不一致",
                    "Degree level in the certificate number differs from XWLBM");
        }
        if (cn.awardYear() != awarded.getYear()) {
            return badCertificate("证书编号中的年份与获学位日期不一致",
                    "Year in the certificate number differs from the award date");
        }
        return Optional.empty();
    }

    public static DegreeLevel levelOf(FilingRecord r) {
        return DegreeLevel.ofDigit(RecordField.XWLBM.read(r).charAt(0) - '0').orElseThrow();
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

    private static Optional<Rejection> badCertificate(String zh, String en) {
        return reject(FaultCode.INVALID_CERTIFICATE_NUMBER, RecordField.XWZSBH, zh, en);
    }

    private static Optional<Rejection> reject(FaultCode code, RecordField field, String zh, String en) {
        return Optional.of(new Rejection(0, null, code, field.name(), zh, en));
    }
}
