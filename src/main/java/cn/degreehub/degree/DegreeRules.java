package cn.degreehub.degree;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules about a degree's identity that every entry point applies: filing (records from provinces), record
 * corrections, verification applications from the portal, material-review corrections and units' check answers.
 * One place, so a number one entry point takes is never refused by another (docs/domain-rules.md).
 */
public final class DegreeRules {

    /** Certificate numbers have the national structure ({@link CertificateNumber}) for degrees awarded since 2006. */
    public static final int STRUCTURED_CERTIFICATES_SINCE = 2006;
    /** The online degree database starts with the 2008/2009 academic year; older degrees are verified by hand. */
    public static final LocalDate ONLINE_SINCE = LocalDate.of(2008, 9, 1);
    /** The national degree regulations took effect on 1981-01-01: no degree is older. */
    public static final LocalDate FIRST_AWARD_DATE = LocalDate.of(1981, 1, 1);
    /** 证件类型码 of the resident ID card, the only ID type with a check character. */
    public static final String RESIDENT_ID = "01";
    /**
     * Older certificate numbers are each unit's own: digits and capitals, at most 17 characters, the size of the
     * certificate-number field of the degree database (the longest structured number, a prefixed one, has 17).
     * A longer number could never be found there, so no entry point takes one.
     */
    private static final Pattern UNSTRUCTURED = Pattern.compile("[0-9A-Z]{1,17}");

    private DegreeRules() {
    }

    /** Which rule a value breaks; entry points map it to their fault code. */
    public enum Rule { ID_NUMBER, CERTIFICATE_NUMBER, AWARD_DATE }

    /** A broken rule with its message in Chinese and English. */
    public record Violation(Rule rule, String messageZh, String messageEn) {
    }

    public static boolean isOnline(LocalDate awardDate) {
        return awardDate != null && !awardDate.isBefore(ONLINE_SINCE);
    }

    public static boolean isStructured(LocalDate awardDate) {
        return awardDate.getYear() >= STRUCTURED_CERTIFICATES_SINCE;
    }

    /** A certificate number as typed by a person: surrounding blanks removed, letters in capitals. */
    public static String normaliseCertificateNumber(String raw) {
        return raw == null ? null : raw.trim().toUpperCase(Locale.ROOT);
    }

    /** An ID number as typed by a person: surrounding blanks removed, a lowercase x as X. */
    public static String normaliseIdNumber(String raw) {
        return ResidentIdNumber.normalise(raw);
    }

    /** Names compare without surrounding or inner blanks and with one middle dot (少数民族 names: 阿依古丽·买买提). */
    public static String normaliseName(String name) {
        return name == null ? "" : name.replaceAll("[\\s\u3000]", "").replace('\u00B7', '·').replace('\u2022', '·');
    }

    /** The ID number of its type: a resident ID must pass GB 11643; other types have no check here. */
    public static Optional<Violation> idNumber(String idType, String idNumber) {
        if (!RESIDENT_ID.equals(idType)) {
            return Optional.empty();
        }
        return ResidentIdNumber.check(idNumber).map(problem -> switch (problem) {
            case FORMAT -> new Violation(Rule.ID_NUMBER, "居民身份证号码应为 17 位数字加 1 位校验码",
                    "A resident ID number has 17 digits and a check character");
            case BIRTH_DATE -> new Violation(Rule.ID_NUMBER, "居民身份证号码中的出生日期无效",
                    "The birth date inside the resident ID number is not a date");
            case CHECK_DIGIT -> new Violation(Rule.ID_NUMBER, "居民身份证号码校验码错误",
                    "The check character of the resident ID number is wrong");
        });
    }

    /**
     * The certificate number of a degree awarded on {@code awardDate}: since 2006 it must have the national
     * structure, before that digits and capitals (at most 17). The number is taken as given: callers holding
     * typed input normalise it first.
     */
    public static Optional<Violation> certificateNumber(String number, LocalDate awardDate) {
        if (number == null) {
            return certificate("缺少学位证书编号", "The certificate number is missing");
        }
        if (!isStructured(awardDate)) {
            return UNSTRUCTURED.matcher(number).matches() ? Optional.empty()
                    : certificate("2006年前授予学位的证书编号只能包含数字和大写字母，至多 17 位",
                            "A certificate number of a degree awarded before 2006 has at most 17 digits and capitals");
        }
        return CertificateNumber.parse(number).isPresent() ? Optional.empty()
                : certificate("学位证书编号不符合编号规则（2006年起）",
                        "The certificate number does not follow the numbering rules (since 2006)");
    }

    /**
     * A filed record's certificate number: {@link #certificateNumber} and, for a structured one, its unit code,
     * level digit and year agree with the record's unit, level and award date.
     */
    public static Optional<Violation> certificateNumberOfRecord(String number, String unitCode, DegreeLevel level,
                                                                LocalDate awardDate) {
        Optional<Violation> format = certificateNumber(number, awardDate);
        if (format.isPresent() || !isStructured(awardDate)) {
            return format;
        }
        CertificateNumber cn = CertificateNumber.parse(number).orElseThrow();
        if (!cn.unitCode().equals(unitCode)) {
            return certificate("证书编号中的单位码与学位授予单位码不一致",
                    "Unit code in the certificate number differs from XWSYDWM");
        }
        if (cn.levelDigit() != level.certificateDigit()) {
            return certificate("证书编号中的学位层次与学位类别码不一致",
                    "Degree level in the certificate number differs from XWLBM");
        }
        if (cn.awardYear() != awardDate.getYear()) {
            return certificate("证书编号中的年份与获学位日期不一致",
                    "Year in the certificate number differs from the award date");
        }
        return Optional.empty();
    }

    /**
     * A degree as somebody states it (a portal application, a reviewer's correction of one, a unit's corrected
     * answer): its ID number, a certificate number of its award date, and an award date not after {@code today}.
     * Values are taken as given: callers normalise typed input first.
     */
    public static Optional<Violation> statedDegree(Degree d, LocalDate today) {
        Optional<Violation> id = idNumber(d.idType(), d.idNumber());
        if (id.isPresent()) {
            return id;
        }
        Optional<Violation> certificate = certificateNumber(d.certificateNumber(), d.awardDate());
        if (certificate.isPresent() || !d.awardDate().isAfter(today)) {
            return certificate;
        }
        return Optional.of(new Violation(Rule.AWARD_DATE, "获学位日期不能晚于今天", "The award date is in the future"));
    }

    private static Optional<Violation> certificate(String zh, String en) {
        return Optional.of(new Violation(Rule.CERTIFICATE_NUMBER, zh, en));
    }
}
