package cn.degreehub.degree;

import java.util.Map;
import java.util.Optional;

/** 学科门类 01-14 (docs/domain-rules.md). */
public final class DisciplineCategory {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("01", "哲学"), Map.entry("02", "经济学"), Map.entry("03", "法学"), Map.entry("04", "教育学"),
            Map.entry("05", "文学"), Map.entry("06", "历史学"), Map.entry("07", "理学"), Map.entry("08", "工学"),
            Map.entry("09", "农学"), Map.entry("10", "医学"), Map.entry("11", "军事学"), Map.entry("12", "管理学"),
            Map.entry("13", "艺术学"), Map.entry("14", "交叉学科"));

    private DisciplineCategory() {
    }

    public static boolean isKnown(String code) {
        return code != null && NAMES.containsKey(code);
    }

    public static Optional<String> name(String code) {
        return Optional.ofNullable(NAMES.get(code));
    }
}
