package cn.degreehub.filing;

import cn.degreehub.contract.filing.FilingRecord;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The fields of a filed record: their data-standard code (also the column name), the format a value must
 * have, whether a record needs it, and how to read and write it on the contract's record. This table is
 * the per-record "schema" (the wire schema deliberately leaves record fields as free strings).
 */
public enum RecordField {
    XM(Kind.TEXT, 40, null, true, FilingRecord::getXM, FilingRecord::setXM),
    XMPY(Kind.TEXT, 60, "[A-Za-z ·\\-']+", false, FilingRecord::getXMPY, FilingRecord::setXMPY),
    XBM(Kind.TEXT, 1, "[129]", false, FilingRecord::getXBM, FilingRecord::setXBM),
    CSRQ(Kind.DATE, 8, null, false, FilingRecord::getCSRQ, FilingRecord::setCSRQ),
    GBM(Kind.TEXT, 3, "\\d{3}", false, FilingRecord::getGBM, FilingRecord::setGBM),
    MZM(Kind.TEXT, 2, "\\d{2}", false, FilingRecord::getMZM, FilingRecord::setMZM),
    ZZMMM(Kind.TEXT, 2, "\\d{2}", false, FilingRecord::getZZMMM, FilingRecord::setZZMMM),
    ZJLXM(Kind.TEXT, 2, "\\d{2}", true, FilingRecord::getZJLXM, FilingRecord::setZJLXM),
    ZJHM(Kind.TEXT, 18, "[0-9A-Za-z()\\-]+", true, FilingRecord::getZJHM, FilingRecord::setZJHM),
    XWSYDWM(Kind.TEXT, 5, "\\d{5}", true, FilingRecord::getXWSYDWM, FilingRecord::setXWSYDWM),
    XWSYDW(Kind.TEXT, 60, null, false, FilingRecord::getXWSYDW, FilingRecord::setXWSYDW),
    XZXM(Kind.TEXT, 40, null, false, FilingRecord::getXZXM, FilingRecord::setXZXM),
    ZXXM(Kind.TEXT, 40, null, false, FilingRecord::getZXXM, FilingRecord::setZXXM),
    PYDWM(Kind.TEXT, 5, "\\d{5}", false, FilingRecord::getPYDWM, FilingRecord::setPYDWM),
    PYDW(Kind.TEXT, 60, null, false, FilingRecord::getPYDW, FilingRecord::setPYDW),
    XWLBM(Kind.TEXT, 5, "[1-4]\\d{2}(\\d{2})?", true, FilingRecord::getXWLBM, FilingRecord::setXWLBM),
    XWLB(Kind.TEXT, 60, null, false, FilingRecord::getXWLB, FilingRecord::setXWLB),
    ZYDM(Kind.TEXT, 7, "\\d{4}(\\d{2})?[A-Z0-9]?", true, FilingRecord::getZYDM, FilingRecord::setZYDM),
    ZYMC(Kind.TEXT, 60, null, false, FilingRecord::getZYMC, FilingRecord::setZYMC),
    ZSZYMC(Kind.TEXT, 60, null, false, FilingRecord::getZSZYMC, FilingRecord::setZSZYMC),
    KSH(Kind.TEXT, 20, "[0-9A-Za-z]+", false, FilingRecord::getKSH, FilingRecord::setKSH),
    XH(Kind.TEXT, 20, "[0-9A-Za-z\\-]+", false, FilingRecord::getXH, FilingRecord::setXH),
    RXNY(Kind.TEXT, 6, "(19|20)\\d{2}(0[1-9]|1[0-2])", false, FilingRecord::getRXNY, FilingRecord::setRXNY),
    BYNY(Kind.TEXT, 6, "(19|20)\\d{2}(0[1-9]|1[0-2])", false, FilingRecord::getBYNY, FilingRecord::setBYNY),
    XZ(Kind.TEXT, 3, "\\d(\\.\\d)?", false, FilingRecord::getXZ, FilingRecord::setXZ),
    XXXSM(Kind.TEXT, 1, "[1-3]", false, FilingRecord::getXXXSM, FilingRecord::setXXXSM),
    XXXS(Kind.TEXT, 20, null, false, FilingRecord::getXXXS, FilingRecord::setXXXS),
    HXWRQ(Kind.DATE, 8, null, true, FilingRecord::getHXWRQ, FilingRecord::setHXWRQ),
    XWZSBH(Kind.TEXT, 17, null, true, FilingRecord::getXWZSBH, FilingRecord::setXWZSBH),
    JYBH(Kind.TEXT, 40, null, false, FilingRecord::getJYBH, FilingRecord::setJYBH),
    ZP(Kind.TEXT, 100, null, false, FilingRecord::getZP, FilingRecord::setZP),
    BZ(Kind.TEXT, 400, null, false, FilingRecord::getBZ, FilingRecord::setBZ),
    DSXM(Kind.TEXT, 40, null, false, FilingRecord::getDSXM, FilingRecord::setDSXM),
    LWTM(Kind.TEXT, 200, null, false, FilingRecord::getLWTM, FilingRecord::setLWTM),
    SFSM(Kind.FLAG, 1, "[01]", false, FilingRecord::getSFSM, FilingRecord::setSFSM),
    ZCSC(Kind.FLAG, 1, "[01]", false, FilingRecord::getZCSC, FilingRecord::setZCSC);

    /** TEXT is stored as is; DATE (CCYYMMDD) as a DATE column; FLAG is "0"/"1". */
    public enum Kind { TEXT, DATE, FLAG }

    private final Kind kind;
    private final int maxLength;
    private final Pattern pattern;
    private final boolean required;
    private final Function<FilingRecord, String> getter;
    private final BiConsumer<FilingRecord, String> setter;

    RecordField(Kind kind, int maxLength, String pattern, boolean required, Function<FilingRecord, String> getter,
                BiConsumer<FilingRecord, String> setter) {
        this.kind = kind;
        this.maxLength = maxLength;
        this.pattern = pattern == null ? null : Pattern.compile(pattern);
        this.required = required;
        this.getter = getter;
        this.setter = setter;
    }

    public Kind kind() {
        return kind;
    }

    public int maxLength() {
        return maxLength;
    }

    public Pattern pattern() {
        return pattern;
    }

    public boolean required() {
        return required;
    }

    /** The value with surrounding white space removed; empty strings read as absent. */
    public String read(FilingRecord record) {
        String v = getter.apply(record);
        if (v == null) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }

    public void write(FilingRecord record, String value) {
        setter.accept(record, value);
    }

    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
