package cn.degreehub.report;

/** The languages a report is rendered in: Chinese always, English as its translation when asked for. */
public enum ReportLanguage {
    ZH, EN;

    /** The code as stored with the document and named in the contract. */
    public String value() {
        return name();
    }

    public static ReportLanguage fromValue(String code) {
        return valueOf(code);
    }
}
