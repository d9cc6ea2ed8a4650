package cn.degreehub.degree;

import java.time.LocalDate;

/**
 * One awarded degree as the hub's features see it: a filed record of the national degree database, or the
 * degree an applicant says they hold. Contract classes (filing records, applications, check documents) are
 * mapped to and from it at the SOAP and queue edges, so the business code does not depend on the wire format.
 *
 * @param holderName       姓名 (XM)
 * @param holderNamePinyin 姓名拼音 (XMPY), may be null
 * @param idType           证件类型码 (ZJLXM), {@code 01} = resident ID
 * @param idNumber         证件号码 (ZJHM)
 * @param unitCode         学位授予单位码 (XWSYDWM)
 * @param unitName         学位授予单位 as filed (XWSYDW), may be null
 * @param level            the level; null when the record's level code is not a known one
 * @param levelCode        学位类别码 (XWLBM) as filed, null for an applied degree (which gives only the level)
 * @param awardDate        获学位日期 (HXWRQ)
 * @param certificateNumber 学位证书编号 (XWZSBH)
 * @param discipline       专业 (ZYDM / ZYMC / ZSZYMC), or for an applied degree the name the applicant gave
 * @param studyFormCode    学习形式码 (XXXSM: 1 regular, 2 adult, 3 international), bachelor's records only
 */
public record Degree(String holderName, String holderNamePinyin, String idType, String idNumber, String unitCode,
                     String unitName, DegreeLevel level, String levelCode, LocalDate awardDate,
                     String certificateNumber, Discipline discipline, String studyFormCode) {

    /** 学科专业: the code, its name, and the name as printed on the certificate when that differs. */
    public record Discipline(String code, String name, String nameAsPrinted) {

        public static final Discipline NONE = new Discipline(null, null, null);

        /** The name partners see: as printed on the certificate, else the catalogue name. */
        public String shownName() {
            return nameAsPrinted != null ? nameAsPrinted : name;
        }

        /** What a report shows: the shown name with the code, or whichever is known. */
        public String display() {
            String shown = shownName();
            if (code == null) {
                return shown;
            }
            return shown == null ? code : shown + " (" + code + ")";
        }
    }

    public boolean honorary() {
        return level != null && level.honorary();
    }

    /** Whether the degree is in the online database at all (granted from 2008-09-01). */
    public boolean online() {
        return DegreeRules.isOnline(awardDate);
    }
}
