package cn.degreehub.report;

import java.util.Map;

/** Bilingual labels of the degree fields an application and the database may disagree on. */
final class ReportFields {

    private static final Map<String, String[]> LABELS = Map.of(
            "certificateNumber", new String[] {"学位证书编号", "certificate number"},
            "holderName", new String[] {"姓名", "name"},
            "idType", new String[] {"证件类型", "ID type"},
            "idNumber", new String[] {"证件号码", "ID number"},
            "unitCode", new String[] {"学位授予单位", "degree-granting institution"},
            "level", new String[] {"学位级别", "degree level"},
            "awardDate", new String[] {"获学位日期", "date of award"});

    private ReportFields() {
    }

    static String label(String field, boolean zh) {
        String[] l = LABELS.get(field);
        return l == null ? field : l[zh ? 0 : 1];
    }
}
