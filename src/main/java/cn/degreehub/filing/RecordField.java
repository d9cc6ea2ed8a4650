package cn.degreehub.filing;

import java.util.regex.Pattern;

/**
 * The fields of a filed record: their data-standard code (also the column name and the element of the contract's
 * record), the format a value must have and whether a record needs it. This table is the per-record "schema"
 * (the wire schema deliberately leaves record fields as free strings).
 */
public enum RecordField {
    XM(Kind.TEXT, 40, null, true),
    XMPY(Kind.TEXT, 60, "[A-Za-z ·\\-']+", false),
    XBM(Kind.TEXT, 1, "[129]", false),
    CSRQ(Kind.DATE, 8, null, false),
    GBM(Kind.TEXT, 3, "\\d{3}", false),
    MZM(Kind.TEXT, 2, "\\d{2}", false),
    ZZMMM(Kind.TEXT, 2, "\\d{2}", false),
    ZJLXM(Kind.TEXT, 2, "\\d{2}", true),
    ZJHM(Kind.TEXT, 18, "[0-9A-Za-z()\\-]+", true),
    XWSYDWM(Kind.TEXT, 5, "\\d{5}", true),
    XWSYDW(Kind.TEXT, 60, null, false),
    XZXM(Kind.TEXT, 40, null, false),
    ZXXM(Kind.TEXT, 40, null, false),
    PYDWM(Kind.TEXT, 5, "\\d{5}", false),
    PYDW(Kind.TEXT, 60, null, false),
    XWLBM(Kind.TEXT, 5, "[1-4]\\d{2}(\\d{2})?", true),
    XWLB(Kind.TEXT, 60, null, false),
    ZYDM(Kind.TEXT, 7, "\\d{4}(\\d{2})?[A-Z0-9]?", true),
    ZYMC(Kind.TEXT, 60, null, false),
    ZSZYMC(Kind.TEXT, 60, null, false),
    KSH(Kind.TEXT, 20, "[0-9A-Za-z]+", false),
    XH(Kind.TEXT, 20, "[0-9A-Za-z\\-]+", false),
    RXNY(Kind.TEXT, 6, "(19|20)\\d{2}(0[1-9]|1[0-2])", false),
    BYNY(Kind.TEXT, 6, "(19|20)\\d{2}(0[1-9]|1[0-2])", false),
    XZ(Kind.TEXT, 3, "\\d(\\.\\d)?", false),
    XXXSM(Kind.TEXT, 1, "[1-3]", false),
    XXXS(Kind.TEXT, 20, null, false),
    HXWRQ(Kind.DATE, 8, null, true),
    XWZSBH(Kind.TEXT, 17, null, true),
    JYBH(Kind.TEXT, 40, null, false),
    ZP(Kind.TEXT, 100, null, false),
    BZ(Kind.TEXT, 400, null, false),
    DSXM(Kind.TEXT, 40, null, false),
    LWTM(Kind.TEXT, 200, null, false),
    // the rest of the data standard's fields (docs/domain-rules.md, "Filing validation"), stored and shown as filed
    XB(Kind.TEXT, 4, null, false),
    MZ(Kind.TEXT, 20, null, false),
    ZJLX(Kind.TEXT, 40, null, false),
    WYKSNY(Kind.TEXT, 6, "(19|20)\\d{2}(0[1-9]|1[0-2])", false),
    LWLX(Kind.TEXT, 40, null, false),
    LWGJC(Kind.TEXT, 200, null, false),
    LWXTLY(Kind.TEXT, 60, null, false),
    LWYJFX(Kind.TEXT, 100, null, false),
    LWZXYZ(Kind.TEXT, 20, null, false),
    SFSM(Kind.FLAG, 1, "[01]", false),
    ZCSC(Kind.FLAG, 1, "[01]", false);

    /** TEXT is stored as is; DATE (CCYYMMDD) as a DATE column; FLAG is "0"/"1". */
    public enum Kind { TEXT, DATE, FLAG }

    private final Kind kind;
    private final int maxLength;
    private final Pattern pattern;
    private final boolean required;

    RecordField(Kind kind, int maxLength, String pattern, boolean required) {
        this.kind = kind;
        this.maxLength = maxLength;
        this.pattern = pattern == null ? null : Pattern.compile(pattern);
        this.required = required;
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

    /** The value with surrounding white space removed; empty strings read as absent ({@link FiledRecord}). */
    public String read(FiledRecord record) {
        return record.value(this);
    }

    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
